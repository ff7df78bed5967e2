"""Work-first statistics: Figure 9 reproduced from a fixture, the practice share per district,
outcomes and decline reasons, with the dashboard's small-cell suppression; the command line."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command

from introsak.cases.domain.exporting import case_facts_export, exportable_cases
from introsak.cases.models import ProgrammeCase
from introsak.core.models import District
from introsak.placements.domain.statistics import (
    FIGURE_9_ROWS,
    MUNICIPAL_KINDERGARTEN,
    PRIVATE_KINDERGARTEN,
    Period,
    placement_outcomes,
    practice_sectors,
    practice_share,
)
from introsak.placements.models import Employer, Placement, PlacementOffer
from tests.console import introsak
from tests.factories import import_cases
from tests.placements.builders import participant, valid_orgnr

pytestmark = pytest.mark.django_db

FIGURE_9 = yaml.safe_load((Path(__file__).parent / "fixtures" / "figure_9.yaml").read_text())
YEAR = Period(date(2024, 1, 1), date(2024, 8, 7))


def _one_case_per_district() -> list[ProgrammeCase]:
    slugs = list(District.objects.order_by("number").values_list("slug", flat=True))
    import_cases(
        [
            participant(f"D-{i}", None, f"Deltaker {i}", district=slug)
            for i, slug in enumerate(slugs)
        ]
    )
    return list(ProgrammeCase.objects.order_by("district__number"))


def _offer(key: str, n: int) -> PlacementOffer:
    sector = "kindergarten" if key in (MUNICIPAL_KINDERGARTEN, PRIVATE_KINDERGARTEN) else key
    ownership = "private" if key == PRIVATE_KINDERGARTEN else "municipal"
    employer = Employer.objects.create(
        orgnr=valid_orgnr(n), name=f"Arbeidsgiver {key}", sector=sector, ownership=ownership
    )
    return PlacementOffer.objects.create(
        employer=employer, kind="language_practice", title=key, occupation="53",
        hours_per_week=15, start=date(2024, 1, 1),
    )  # fmt: skip


def _start(case: ProgrammeCase, offer: PlacementOffer, **fields: Any) -> Placement:
    values: dict[str, Any] = {"status": "started", "proposed_on": date(2024, 2, 1),
                              "start": date(2024, 3, 1), "hours_per_week": 15}  # fmt: skip
    values.update(fields)
    return Placement.objects.create(case=case, offer=offer, **values)


@pytest.fixture
def figure_9() -> list[ProgrammeCase]:
    """Each workplace type of Figure 9 with a started placement in as many districts as
    named it in the report (the first N districts by number)."""
    cases = _one_case_per_district()
    for n, (key, districts) in enumerate(FIGURE_9.items()):
        offer = _offer(key, n)
        for case in cases[:districts]:
            _start(case, offer)
    return cases


def test_figure_9_is_reproduced(figure_9: list[ProgrammeCase]) -> None:
    table = practice_sectors(YEAR, suppressed=False)
    naming = dict(zip([key for key, _label in table.rows], table.extra, strict=True))
    assert {key: int(naming[key]) for key in FIGURE_9_ROWS} == FIGURE_9
    assert [key for key, _label in table.rows][: len(FIGURE_9_ROWS)] == list(FIGURE_9)
    assert table.grand_total() == sum(FIGURE_9.values())


def test_figure_9_suppressed_hides_every_small_count_but_not_the_district_counts(
    figure_9: list[ProgrammeCase],
) -> None:
    table = practice_sectors(YEAR, suppressed=True)
    shown = [table.cell(r, c) for r in range(len(table.rows)) for c in range(len(table.columns))]
    assert all(value is None or value == 0 or value >= 5 for value in shown)
    assert {
        k: int(v) for (k, _l), v in zip(table.rows, table.extra, strict=True) if k in FIGURE_9
    } == FIGURE_9


def test_practice_share_counts_practice_activities_per_district() -> None:
    practice = {"kind": "work_practice", "start": "2024-06-01", "hours_per_week": 15,
                "provider": "Rema 1000"}  # fmt: skip
    import_cases(
        [participant(f"S-{i}", None, f"Deltaker {i}", activities=[practice]) for i in range(6)]
        + [participant(f"T-{i}", None, f"Uten {i}") for i in range(9)]
    )
    table = practice_share(YEAR, suppressed=False)
    row = [key for key, _label in table.rows].index("st_hanshaugen")
    assert (table.cell(row, 0), table.cell(row, 1), table.extra[row]) == (6, 9, "40 %")
    suppressed = practice_share(YEAR, suppressed=True)
    assert (suppressed.cell(row, 0), suppressed.cell(row, 1)) == (6, 9)


def _ended_and_declined(cases: list[ProgrammeCase]) -> None:
    """Six placements ended in June, five with a hire; one offer declined in April."""
    offer = PlacementOffer.objects.first()
    assert offer is not None
    for i, case in enumerate(cases[:6]):
        _start(case, offer, status="ended", ended_on=date(2024, 6, 1),
               outcome="hired" if i < 5 else "not_hired")  # fmt: skip
    _start(cases[0], offer, status="declined", decline_reason="not_relevant",
           answered_on=date(2024, 4, 1), start=None)  # fmt: skip


def test_outcomes_and_decline_reasons(figure_9: list[ProgrammeCase]) -> None:
    _ended_and_declined(figure_9)
    outcomes, reasons = placement_outcomes(YEAR, suppressed=False)
    hired = sum(outcomes.counts[r][0] for r in range(len(outcomes.rows)))
    assert (hired, outcomes.grand_total()) == (5, 6)
    assert outcomes.extra[0] == "100 %"  # the first district: hired
    reason_row = [key for key, _label in reasons.rows].index("not_relevant")
    assert reasons.row_total(reason_row) == 1
    _outcomes, hidden = placement_outcomes(YEAR, suppressed=True)
    assert hidden.row_total(reason_row) is None


def test_the_command_prints_figure_9(figure_9: list[ProgrammeCase]) -> None:
    out = io.StringIO()
    call_command("placement_stats", "practice-sectors", "--from", "2024-01-01",
                 "--to", "2024-08-07", "--format", "json", stdout=out)  # fmt: skip
    found = json.loads(out.getvalue())
    naming = {row["key"]: int(row["extra"]) for row in found["rows"]}
    assert {k: naming[k] for k in FIGURE_9} == FIGURE_9
    assert found["suppressed"] is False


def test_the_statistics_page_is_suppressed_in_whole_months(
    figure_9: list[ProgrammeCase], settings: Any
) -> None:
    from django.test import Client

    from tests.factories import user

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client = Client()
    client.force_login(user("analytiker", "city_analyst"))
    body = client.get("/placements/statistics/").content.decode()
    assert "Praksisplasser etter type arbeidssted og bydel (figur 9)" in body
    assert "Fra 01.01.2024 til 31.07.2024" in body
    # Every district has 1–4 placements of a kind: hidden, shown as "–".
    assert "<td>1</td>" not in body
    assert "<td>–</td>" in body


# --- over an export (``introsak stats VIEW --input FILE``) ------------------------------------

PERIOD = ("--from", "2024-01-01", "--to", "2024-08-07", "--format", "json")


@pytest.mark.slow
@pytest.mark.parametrize("view", ["practice-sectors", "practice-share", "placement-outcomes"])
def test_the_tables_over_an_export_equal_those_over_the_database(
    view: str, figure_9: list[ProgrammeCase], tmp_path: Path
) -> None:
    """Figure 9 with outcomes and declines, and participants with practice activities: the
    export carries the placements, so every view over it equals the view over the database."""
    _ended_and_declined(figure_9)
    practice = {"kind": "work_practice", "start": "2024-06-01", "hours_per_week": 15,
                "provider": "Rema 1000"}  # fmt: skip
    import_cases([participant(f"S-{i}", None, f"Deltaker {i}", activities=[practice])
                  for i in range(6)])  # fmt: skip
    export = tmp_path / "export.jsonl"
    with export.open("w", encoding="utf-8") as out:
        case_facts_export(out=out, cases=exportable_cases(include_strictly_confidential=False))
    database = io.StringIO()
    call_command("placement_stats", view, *PERIOD, stdout=database)
    over_database = json.loads(database.getvalue())
    done = introsak("stats", view, *PERIOD, "--input", str(export))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == over_database
    tables = over_database if isinstance(over_database, list) else [over_database]
    assert all(table["total"] > 0 for table in tables)
