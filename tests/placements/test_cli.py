"""``introsak match CASE_ID`` and ``introsak employers import FILE`` through the console
script."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from introsak import cli, throwaway
from introsak.access.models import AccessLogEntry
from tests.factories import import_cases, user
from tests.placements.builders import ORGNRS, employer, offer, participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: Any) -> None:
    user("kari", "programme_adviser", "st_hanshaugen")
    user("ola", "programme_adviser", "ostensjo")
    import_cases([participant("M-1", "kari", "Olena Match")])
    offer(title="Assistent i barnehage", req_oral="B1")
    shop = employer(orgnr=ORGNRS[1], name="Kiwi", sector="grocery", ownership="private")
    offer(employer_id=shop.pk, title="Butikkmedarbeider", occupation="52")


def test_match_prints_ranked_offers_with_reasons_as_json(
    world: None, capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    call_command("match", "M-1", "--as", "kari", "--limit", "1", "--format", "json", stdout=out)
    found = json.loads(out.getvalue())
    assert [(row["rank"], row["title"], row["blockers"]) for row in found] == [
        (1, "Butikkmedarbeider", 0)
    ]
    assert {
        "code": "no_language_requirement",
        "good": True,
        "text": "No Norwegian requirement",
    } in (found[0]["reasons"])
    assert AccessLogEntry.objects.filter(user__username="kari").count() == 1


def test_match_as_a_table_in_bokmaal(world: None) -> None:
    printed = io.StringIO()
    call_command("match", "M-1", "--as", "kari", "--language", "nb", stdout=printed)
    out = printed.getvalue().splitlines()
    assert out[0].startswith("  1. Butikkmedarbeider · Kiwi (offer ")
    assert "     - Norsk muntlig: – er under kravet B1" in out


def test_match_refuses_a_case_outside_the_users_district(world: None) -> None:
    with pytest.raises(CommandError, match="no such case, or you may not work with it"):
        call_command("match", "M-1", "--as", "ola")
    assert AccessLogEntry.objects.count() == 0


def test_the_console_script_routes_match_employers_and_the_work_first_stats(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ran: list[tuple[str, list[str]]] = []

    def run(name: str, rest: list[str]) -> int:
        ran.append((name, rest))
        return 0

    monkeypatch.setattr(cli, "_run_django_command", run)
    assert cli.main(["match", "M-1", "--as", "kari"]) == 0
    assert cli.main(["employers", "import", "file.csv"]) == 0
    assert cli.main(["stats", "practice-share", "--suppress"]) == 0
    assert cli.main(["stats", "end-reasons"]) == 0
    assert ran == [
        ("match", ["M-1", "--as", "kari"]),
        ("employers", ["import", "file.csv"]),
        ("placement_stats", ["practice-share", "--suppress"]),
        ("stats", ["end-reasons"]),
    ]


def test_every_work_first_view_runs_over_a_case_facts_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The placements extension carries what the views need: no view refuses ``--input``
    (the tables over an export: ``test_statistics.py``)."""
    ran: list[tuple[str, list[str]]] = []

    def run(name: str, rest: list[str]) -> int:
        ran.append((name, list(rest)))
        return 0

    monkeypatch.setattr(throwaway, "run_with_input", run)
    views = ["practice-sectors", "practice-share", "placement-outcomes"]
    for view in views:
        assert cli.main(["stats", view, "--input", "cases.jsonl"]) == 0
    assert ran == [("placement_stats", [view, "--input", "cases.jsonl"]) for view in views]
