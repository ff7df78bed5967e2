"""Worklist flags: the stored first day of a flag says exactly what the finding says.

A flag is "set on day D" when its finding's status is one of the flag's statuses, or the
finding is pending and its deadline is less than ``pending_days`` days after D. The case
stores only the first such day; these tests hold the two readings against each other, and
the migration that filled the columns for existing cases against the recompute.
"""

from __future__ import annotations

import importlib
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from introsak.cases import models
from introsak.cases.domain.deadlines import cases_recompute
from introsak.cases.domain.flags import ALWAYS, FLAG_COLUMNS, FLAGS, FindingFlag
from introsak.cases.enums import FindingStatus
from tests.workspace.builders import (
    caseload,
    ended_without_meeting,
    load,
    running,
    staff,
    undecided,
)

DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))


def _set_on(flag: FindingFlag, status: str, deadline: date | None, day: date) -> bool:
    """The flag's definition, read directly from the finding on the day asked."""
    if status in flag.statuses:
        return True
    return (
        status == FindingStatus.PENDING.value
        and flag.pending_days is not None
        and deadline is not None
        and deadline < day + timedelta(days=flag.pending_days)
    )


@given(
    flag=st.sampled_from(FLAGS),
    status=st.sampled_from([s.value for s in FindingStatus]),
    deadline=st.none() | DAYS,
    day=DAYS,
    near=st.integers(min_value=-100, max_value=100),
)
def test_stored_first_day_agrees_with_the_definition_on_every_day(
    flag: FindingFlag, status: str, deadline: date | None, day: date, near: int
) -> None:
    # Most days worth asking about lie close to the deadline (the boundaries are there).
    if deadline is not None and near % 2:
        day = deadline + timedelta(days=near)
    first = flag.first_day(status, deadline)
    assert (first is not None and first <= day) == _set_on(flag, status, deadline, day)


def test_status_match_is_set_whatever_the_day_and_never_otherwise() -> None:
    work_hours = next(x for x in FLAGS if x.key == "work_hours")
    assert work_hours.first_day("breach", None) == ALWAYS
    assert work_hours.first_day("pending", date(2024, 1, 1)) is None
    three_party = next(x for x in FLAGS if x.key == "no_three_party")
    # Pending, due 3 December: a missing meeting from 4 December on.
    assert three_party.first_day("pending", date(2024, 12, 3)) == date(2024, 12, 4)
    ending = next(x for x in FLAGS if x.key == "time_running_out")
    # The latest end within the next 90 days: 91 days ahead is not yet, 90 days is.
    assert ending.first_day("pending", date(2024, 12, 31)) == date(2024, 10, 2)


@pytest.mark.django_db
def test_migration_fills_the_columns_as_the_recompute_does() -> None:
    staff()
    load(
        [
            *caseload("radgiver.sth", 12),
            ended_without_meeting("C-1", "radgiver.sth"),
            undecided("C-2", "radgiver.sth"),
            running("C-3", "radgiver.sth", activities=[]),
        ]
    )
    cases_recompute(as_of=date(2024, 12, 10))  # pending deadlines that have come within reach
    expected = list(models.ProgrammeCase.objects.order_by("pk").values_list(*FLAG_COLUMNS))
    assert any(day not in (None, ALWAYS) for row in expected for day in row)
    assert any(day == ALWAYS for row in expected for day in row)
    models.ProgrammeCase.objects.update(**dict.fromkeys(FLAG_COLUMNS))
    for name in ("0002_worklist_flags", "0005_worklist_flags_issue_13"):
        migration = importlib.import_module(f"introsak.cases.migrations.{name}")
        migration.fill_flags(apps, SimpleNamespace(connection=connection))
    filled = list(models.ProgrammeCase.objects.order_by("pk").values_list(*FLAG_COLUMNS))
    assert filled == expected
