"""Retention: cases ended longer ago than the period are anonymised, once; statistics facts and
the access log stay."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from introsak.access.domain.gateway import case_for_read
from introsak.access.domain.retention import (
    PARAMETER_FILE,
    RetentionError,
    retention_apply,
    retention_years,
)
from introsak.access.models import AccessLogEntry, Anonymisation, SecurityEvent
from introsak.cases import models
from tests.access.personas import DISTRICT_A, make_case, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2030, 6, 1)  # five years after 2025-05-31


def _ended(case_id: str, end: str, serial: int) -> models.ProgrammeCase:
    return make_case(
        case_id,
        slug=DISTRICT_A,
        serial=serial,
        end_date=end,
        end_reason="work",
        contract_date="2024-01-10",
        meetings=[
            {
                "kind": "three_party",
                "date": "2024-03-01",
                "documented": True,
                "minutes": {"notes": "Snakket om helse og barna."},
            }
        ],
        activities=[
            {
                "kind": "work_practice",
                "start": "2024-02-01",
                "end": "2024-04-01",
                "hours_per_week": 20,
                "provider": "Rema 1000 Bislett",
            }
        ],
        journal_notes=[{"written_on": "2024-02-01", "text": "Ringte deltakeren."}],
        person__duf_number="201212345603",
    )


@pytest.fixture
def cases() -> dict[str, models.ProgrammeCase]:
    return {"old": _ended("OLD-1", "2025-05-30", 1), "recent": _ended("NEW-1", "2025-06-02", 2)}


def test_retention_period_comes_from_the_dated_parameter_with_a_reference() -> None:
    assert retention_years(date(2024, 1, 1)) == 5
    assert "reference:" in PARAMETER_FILE.read_text()


def test_parameter_without_reference_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text("values:\n  2021-01-01: 5\n")
    with pytest.raises(RetentionError):
        retention_years(date(2024, 1, 1), path=bad)


def test_old_case_is_anonymised_and_recent_case_untouched(
    cases: dict[str, models.ProgrammeCase],
) -> None:
    report = retention_apply(today=TODAY)
    assert (report.anonymised, report.years, report.cutoff) == (1, 5, date(2025, 6, 1))
    old = models.ProgrammeCase.objects.select_related("person").get(pk=cases["old"].pk)
    person = old.person
    assert (
        old.case_id,
        person.name,
        person.national_id,
        person.duf_number,
        person.address,
        person.birth_date,
    ) == (f"anon-{old.pk}", "", None, None, "", date(1990, 1, 1))
    assert (
        old.meetings.get().notes,
        old.activities.get().provider,
        old.journal_notes.get().text,
        old.plans.get().items.all()[0].text,
    ) == ("", "", "", "")
    # statistics facts stay
    assert (
        old.district.slug,
        person.residence_basis,
        old.end_reason,
        str(old.end_date),
        str(old.start_date),
        old.findings.count() > 0,
    ) == (DISTRICT_A, "collective_protection", "work", "2025-05-30", "2024-01-15", True)
    recent = models.ProgrammeCase.objects.select_related("person").get(pk=cases["recent"].pk)
    assert (recent.case_id, recent.person.name) == ("NEW-1", "Alfa Vernetesen")


def test_retention_is_idempotent(cases: dict[str, models.ProgrammeCase]) -> None:
    assert retention_apply(today=TODAY).anonymised == 1
    assert retention_apply(today=TODAY).anonymised == 0
    assert list(Anonymisation.objects.values_list("case_pk", "ended_on", "retention_years")) == [
        (cases["old"].pk, date(2025, 5, 30), 5)
    ]
    assert SecurityEvent.objects.filter(event="retention_run").count() == 1


def test_access_log_rows_stay_and_still_point_at_the_person(
    cases: dict[str, models.ProgrammeCase],
) -> None:
    adviser = make_user("radgiver", "programme_adviser", DISTRICT_A)
    case_for_read(adviser, case_pk=cases["old"].pk, purpose="case work")
    retention_apply(today=TODAY)
    assert list(AccessLogEntry.objects.values_list("person_id", "case_id")) == [
        (cases["old"].person_id, cases["old"].pk)
    ]


def test_shorter_period_by_parameter_override(cases: dict[str, models.ProgrammeCase]) -> None:
    assert retention_apply(years=1, today=TODAY).anonymised == 2


def test_command_dry_run_counts_and_run_anonymises(cases: dict[str, models.ProgrammeCase]) -> None:
    out = io.StringIO()
    call_command("apply_retention", "--as-of", "2030-06-01", "--dry-run", stdout=out)
    assert out.getvalue() == "1 case(s) due for anonymisation (period 5 years, as of 2030-06-01).\n"
    assert Anonymisation.objects.count() == 0
    out = io.StringIO()
    call_command("apply_retention", "--as-of", "2030-06-01", stdout=out)
    assert out.getvalue() == (
        "Anonymised 1 case(s) that ended before 2025-06-01 (period 5 years).\n"
    )
