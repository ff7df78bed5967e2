"""Leave and extensions dated after the programme's end are refused and write nothing (issue 13)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.utils import translation

from introsak.casefacts import model as casefacts
from introsak.cases import models
from introsak.cases.domain import operations as ops
from tests.workspace.builders import AS_OF, Staff, ended_without_meeting, load, staff

pytestmark = pytest.mark.django_db

ENDED = "The programme ended on 15 Jul 2024."


@pytest.fixture(autouse=True)
def _english_and_frozen_clock(settings: Any) -> Iterator[None]:
    settings.INTROSAK_AS_OF = AS_OF
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with translation.override("en"):
        yield


@pytest.fixture
def ended_case() -> tuple[Staff, models.ProgrammeCase]:
    people = staff()
    load([ended_without_meeting("C-1", "radgiver.sth")])
    return people, models.ProgrammeCase.objects.select_related("person").get(case_id="C-1")


def test_leave_starting_after_the_end_is_refused_and_nothing_is_written(
    ended_case: tuple[Staff, models.ProgrammeCase],
) -> None:
    people, case = ended_case
    with pytest.raises(ops.StepRejected) as refused:
        ops.leave_record(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            leave=casefacts.Leave(start=date(2024, 7, 20), end=date(2024, 8, 1), approved=True),
        )
    assert refused.value.errors == {"start": [ENDED]}
    assert not models.Leave.objects.filter(case=case).exists()
    assert models.ProgrammeCase.objects.get(pk=case.pk).version == case.version


def test_extension_decided_after_the_end_is_refused_and_nothing_is_written(
    ended_case: tuple[Staff, models.ProgrammeCase],
) -> None:
    people, case = ended_case
    with pytest.raises(ops.StepRejected) as refused:
        ops.extension_decide(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            extension=casefacts.Extension(decided_on=date(2024, 7, 20), months=3),
        )
    assert refused.value.errors == {"decided_on": [ENDED]}
    assert not models.Extension.objects.filter(case=case).exists()
    assert models.ProgrammeCase.objects.get(pk=case.pk).version == case.version


def test_leave_starting_on_the_last_day_is_accepted(
    ended_case: tuple[Staff, models.ProgrammeCase],
) -> None:
    people, case = ended_case
    ops.leave_record(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        leave=casefacts.Leave(start=date(2024, 7, 15), end=date(2024, 7, 15), approved=False),
    )
    assert models.Leave.objects.filter(case=case).count() == 1
