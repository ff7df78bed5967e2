"""The placement pipeline: proposed → offered → accepted or declined → started → ended, and a
started placement seen by WORK-15H-01 and the worklist without a second entry."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from introsak.accounts.models import User
from introsak.cases.models import Activity, CaseFinding, ProgrammeCase
from introsak.placements.domain import pipeline
from introsak.placements.domain.errors import Rejected
from introsak.placements.models import Placement, PlacementOffer
from tests.factories import import_cases, user
from tests.placements.builders import employer, offer, participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser(db: Any) -> User:
    return user("kari", "programme_adviser", "st_hanshaugen")


@pytest.fixture
def case(adviser: User) -> ProgrammeCase:
    import_cases([participant("P-1", "kari", "Olena Pipeline")])
    return _fresh("P-1")


def _fresh(case_id: str) -> ProgrammeCase:
    return ProgrammeCase.objects.select_related("person", "district").get(case_id=case_id)


def _work_hours(case: ProgrammeCase) -> str:
    return CaseFinding.objects.get(case=case, rule="WORK-15H-01").status


def _accepted(case: ProgrammeCase, by: User, the_offer: PlacementOffer) -> Placement:
    placement = pipeline.placement_propose(case=case, offer_pk=the_offer.pk, by=by)
    pipeline.placement_offer(case=case, placement_pk=placement.pk, by=by)
    return pipeline.placement_accept(case=case, placement_pk=placement.pk, by=by)


def test_proposing_assigns_nothing(case: ProgrammeCase, adviser: User) -> None:
    placement = pipeline.placement_propose(case=case, offer_pk=offer().pk, by=adviser)
    assert (placement.status, placement.proposed_on) == ("proposed", date(2024, 8, 7))
    assert Activity.objects.filter(case=case, kind="language_practice").count() == 0


def test_declining_needs_a_reason_and_counts_on_the_case(
    case: ProgrammeCase, adviser: User
) -> None:
    first, second = offer(), offer(title="Butikkmedarbeider", occupation="52")
    for the_offer in (first, second):
        placement = pipeline.placement_propose(case=case, offer_pk=the_offer.pk, by=adviser)
        with pytest.raises(Rejected) as refused:
            pipeline.placement_decline(case=case, placement_pk=placement.pk, by=adviser, reason="")
        assert list(refused.value.errors) == ["reason"]
        assert Placement.objects.get(pk=placement.pk).status == "proposed"
        pipeline.placement_decline(
            case=case, placement_pk=placement.pk, by=adviser, reason="not_relevant"
        )
    assert _fresh("P-1").declined_offers == 2


def test_a_step_out_of_order_is_refused(case: ProgrammeCase, adviser: User) -> None:
    placement = pipeline.placement_propose(case=case, offer_pk=offer().pk, by=adviser)
    with pytest.raises(Rejected) as refused:
        pipeline.placement_start(
            case=case,
            placement_pk=placement.pk,
            by=adviser,
            start=date(2024, 8, 6),
            end=None,
            hours_per_week=20,
        )
    assert list(refused.value.errors) == ["status"]


def test_an_offer_holds_no_more_than_its_places(adviser: User) -> None:
    import_cases([participant(f"P-{n}", "kari", f"Deltaker {n}") for n in (1, 2)])
    the_offer = offer(capacity=1)
    _accepted(_fresh("P-1"), adviser, the_offer)
    other = pipeline.placement_propose(case=_fresh("P-2"), offer_pk=the_offer.pk, by=adviser)
    with pytest.raises(Rejected) as refused:
        pipeline.placement_offer(case=_fresh("P-2"), placement_pk=other.pk, by=adviser)
    assert list(refused.value.errors) == ["offer"]


def test_a_placement_before_the_programme_start_is_refused_and_nothing_written(
    case: ProgrammeCase, adviser: User
) -> None:
    placement = _accepted(case, adviser, offer())
    with pytest.raises(Rejected) as refused:
        pipeline.placement_start(
            case=case,
            placement_pk=placement.pk,
            by=adviser,
            start=date(2024, 5, 1),
            end=None,
            hours_per_week=10,
        )
    assert list(refused.value.errors) == ["start"]
    assert Placement.objects.get(pk=placement.pk).status == "accepted"
    assert Activity.objects.filter(case=case).count() == 1


def test_overlapping_placements_above_the_participants_hours_are_refused(
    case: ProgrammeCase, adviser: User
) -> None:
    first = _accepted(case, adviser, offer(hours_per_week=25.0))
    pipeline.placement_start(
        case=case, placement_pk=first.pk, by=adviser,
        start=date(2024, 8, 1), end=date(2024, 10, 31), hours_per_week=25,
    )  # fmt: skip
    second_offer = offer(employer_id=employer(orgnr="923609016", name="Kiwi", sector="grocery",
                                              ownership="private").pk, occupation="52")  # fmt: skip
    second = _accepted(_fresh("P-1"), adviser, second_offer)
    activities = Activity.objects.count()
    with pytest.raises(Rejected) as refused:
        pipeline.placement_start(
            case=_fresh("P-1"), placement_pk=second.pk, by=adviser,
            start=date(2024, 8, 5), end=None, hours_per_week=15,
        )  # fmt: skip
    assert list(refused.value.errors) == ["hours_per_week"]
    assert (
        "blir dette 40 timer, mer enn deltakerens 37.5" in refused.value.errors["hours_per_week"][0]
    )
    assert Activity.objects.count() == activities
    # After the first ends, the second fits.
    pipeline.placement_start(
        case=_fresh("P-1"), placement_pk=second.pk, by=adviser,
        start=date(2024, 11, 1), end=None, hours_per_week=15,
    )  # fmt: skip


def test_a_started_placement_is_the_cases_work_oriented_activity(
    case: ProgrammeCase, adviser: User
) -> None:
    before = (_work_hours(case), case.flag_no_work_activity_from, case.placement_ends_on)
    placement = _accepted(case, adviser, offer())
    pipeline.placement_start(
        case=case, placement_pk=placement.pk, by=adviser,
        start=date(2024, 8, 6), end=date(2024, 8, 16), hours_per_week=20,
    )  # fmt: skip
    after = _fresh("P-1")
    activity = Activity.objects.get(case=after, kind="language_practice")
    assert (activity.start, activity.end, activity.hours_per_week, activity.provider) == (
        date(2024, 8, 6),
        date(2024, 8, 16),
        20.0,
        "Bydel St. Hanshaugen barnehager",
    )
    assert before == ("breach", date(2024, 5, 6), None)
    assert (_work_hours(after), after.flag_no_work_activity_from, after.placement_ends_on) == (
        "met",
        date(2024, 8, 17),
        date(2024, 8, 16),
    )
    assert Placement.objects.get(pk=placement.pk).activity_id == activity.pk


def test_ending_a_placement_ends_its_activity_and_records_the_outcome(
    case: ProgrammeCase, adviser: User
) -> None:
    placement = _accepted(case, adviser, offer())
    pipeline.placement_start(
        case=case, placement_pk=placement.pk, by=adviser,
        start=date(2024, 8, 6), end=None, hours_per_week=20,
    )  # fmt: skip
    pipeline.placement_end(
        case=_fresh("P-1"), placement_pk=placement.pk, by=adviser,
        ended_on=date(2024, 8, 7), evaluation_on=date(2024, 8, 7),
        evaluation="Gikk bra", outcome="hired",
    )  # fmt: skip
    ended = Placement.objects.select_related("activity").get(pk=placement.pk)
    assert (ended.status, ended.outcome, ended.activity.end if ended.activity else None) == (
        "ended",
        "hired",
        date(2024, 8, 7),
    )
