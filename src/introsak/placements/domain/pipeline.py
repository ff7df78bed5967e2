"""The placement pipeline: proposed → offered → accepted or declined → started → ended.

Each step is one atomic operation on a case the access gateway gave for writing
(``case_for_write``). Nothing is assigned automatically: an adviser proposes (often from the
ranked offers of ``domain.matching``), and every later step is recorded by a person.
Starting a placement records the case's work-oriented activity through the case domain
(``cases.domain.operations.activity_record``), so WORK-15H-01, the worklist and the
three-party meeting see it without a second entry; ending it sets that activity's end.
Bad input raises ``Rejected`` naming the field, and nothing is written.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from introsak.accounts.models import User
from introsak.casefacts import model as casefacts
from introsak.casefacts.enums import DeclineReason
from introsak.casefacts.enums import PlacementStatus as S
from introsak.cases.domain.operations import StepRejected, activity_end, activity_record
from introsak.cases.models import ProgrammeCase, WorkProfile
from introsak.core import clock
from introsak.core.formats import short_date
from introsak.placements.domain.errors import Errors, Rejected
from introsak.placements.domain.scoring import FULL_TIME_HOURS
from introsak.placements.enums import (
    ACTIVITY_OF_KIND,
    HOLDING_STATUSES,
    NEXT_STATUSES,
    Outcome,
    PlacementStatus,
)
from introsak.placements.models import Placement, PlacementOffer


def _reject(field: str, message: str) -> Rejected:
    return Rejected({field: [message]})


def _locked(case: ProgrammeCase, placement_pk: int) -> Placement:
    found = (
        Placement.objects.select_for_update()
        .select_related("offer__employer")
        .filter(pk=placement_pk, case=case)
        .first()
    )
    if found is None:
        raise _reject("placement", _("The placement is not part of this case."))
    return found


def _move(placement: Placement, to: S) -> None:
    if to not in NEXT_STATUSES[placement.status]:
        message = _("A placement that is %(now)s cannot become %(next)s.") % {
            "now": placement.get_status_display().lower(),
            "next": PlacementStatus(to).label.lower(),
        }
        raise _reject("status", message)


def _not_future(field: str, day: date) -> None:
    today = clock.today()
    if day > today:
        message = _("The date cannot be in the future (today is %(date)s).")
        raise _reject(field, message % {"date": short_date(today)})


def _sync_declines(case: ProgrammeCase) -> None:
    """Keep the case's count of declined offers (the worklist filter) in step."""
    count = Placement.objects.filter(case=case, status=S.DECLINED).count()
    ProgrammeCase.objects.filter(pk=case.pk).update(declined_offers=count)


@transaction.atomic
def placement_propose(
    *, case: ProgrammeCase, offer_pk: int, by: User, on: date | None = None
) -> Placement:
    """Propose an offer to a participant (the first step; nobody is placed yet).

    Side effects: creates one ``Placement`` (status proposed).
    """
    day = on or clock.today()
    offer = PlacementOffer.objects.filter(pk=offer_pk).first()
    if offer is None or not offer.open:
        raise _reject("offer", _("The offer is not open."))
    if case.end_date is not None:
        raise _reject("case", _("The programme has ended."))
    pending = Placement.objects.filter(case=case, offer=offer).exclude(
        status__in=(S.DECLINED, S.ENDED)
    )
    if pending.exists():
        raise _reject("offer", _("This offer is already in the participant's pipeline."))
    return Placement.objects.create(case=case, offer=offer, proposed_on=day, created_by=by)


@transaction.atomic
def placement_offer(
    *, case: ProgrammeCase, placement_pk: int, by: User, on: date | None = None
) -> Placement:
    """The employer offers the place to the participant (it now holds one of the places).

    Side effects: updates the ``Placement``.
    """
    placement = _locked(case, placement_pk)
    _move(placement, S.OFFERED)
    offer = PlacementOffer.objects.select_for_update().get(pk=placement.offer_id)
    held = offer.placements.filter(status__in=HOLDING_STATUSES).count()
    if held >= offer.capacity:
        raise _reject("offer", _("Every place of this offer is taken."))
    placement.status = S.OFFERED
    placement.offered_on = on or clock.today()
    placement.save(update_fields=["status", "offered_on", "updated_at"])
    return placement


@transaction.atomic
def placement_accept(
    *, case: ProgrammeCase, placement_pk: int, by: User, on: date | None = None
) -> Placement:
    """The participant accepts the offered place.

    Side effects: updates the ``Placement``.
    """
    placement = _locked(case, placement_pk)
    _move(placement, S.ACCEPTED)
    day = on or clock.today()
    _not_future("answered_on", day)
    placement.status = S.ACCEPTED
    placement.answered_on = day
    placement.save(update_fields=["status", "answered_on", "updated_at"])
    return placement


@transaction.atomic
def placement_decline(
    *,
    case: ProgrammeCase,
    placement_pk: int,
    by: User,
    reason: str,
    note: str = "",
    on: date | None = None,
) -> Placement:
    """The participant (or the employer) declines; a reason is required.

    Side effects: updates the ``Placement`` and the case's count of declined offers.
    """
    placement = _locked(case, placement_pk)
    _move(placement, S.DECLINED)
    if reason not in DeclineReason._value2member_map_:
        raise _reject("reason", _("Choose the reason for declining."))
    if reason == DeclineReason.OTHER and not note.strip():
        raise _reject("note", _("Say what the other reason is."))
    day = on or clock.today()
    _not_future("answered_on", day)
    placement.status = S.DECLINED
    placement.decline_reason = reason
    placement.decline_note = note.strip()
    placement.answered_on = day
    placement.save(
        update_fields=["status", "decline_reason", "decline_note", "answered_on", "updated_at"]
    )
    _sync_declines(case)
    return placement


def participant_hours(case: ProgrammeCase) -> float:
    """The hours a week the participant can work: the work profile's availability, else
    the programme share of a full week."""
    profile = WorkProfile.objects.filter(case=case).first()
    if profile is not None and profile.available_hours_per_week is not None:
        return profile.available_hours_per_week
    percent = profile.available_percent if profile and profile.available_percent else None
    return FULL_TIME_HOURS * (percent or case.part_time_percent) / 100


def _check_start(
    case: ProgrammeCase, placement: Placement, start: date, end: date | None, hours: float
) -> None:
    errors: Errors = {}
    if case.start_date is None:
        errors["start"] = [_("Record the programme start first.")]
    elif start < case.start_date:
        errors["start"] = [
            _("The placement cannot start before the programme (%(date)s).")
            % {"date": short_date(case.start_date)}
        ]
    if end is not None and end < start:
        errors["end"] = [_("The end cannot be before the start.")]
    if not 0 < hours <= 60:
        errors["hours_per_week"] = [_("Between 0 and 60 hours a week.")]
    if errors:
        raise Rejected(errors)
    overlapping = Placement.objects.filter(case=case, status=S.STARTED).exclude(pk=placement.pk)
    overlapping = overlapping.filter(Q(end__isnull=True) | Q(end__gte=start))
    if end is not None:
        overlapping = overlapping.filter(start__lte=end)
    other = overlapping.aggregate(total=Sum("hours_per_week"))["total"] or 0.0
    limit = participant_hours(case)
    if other + hours > limit:
        message = _(
            "With the %(other)s hours a week of placements at the same time this is "
            "%(total)s hours, more than the participant's %(limit)s."
        ) % {"other": f"{other:g}", "total": f"{other + hours:g}", "limit": f"{limit:g}"}
        raise _reject("hours_per_week", message)


@transaction.atomic
def placement_start(
    *,
    case: ProgrammeCase,
    placement_pk: int,
    by: User,
    start: date,
    end: date | None,
    hours_per_week: float,
) -> Placement:
    """Start an accepted placement: the case gets the corresponding work-oriented activity
    (language or work practice, wage-subsidised or part-time work, a labour-market
    measure) with the placement's hours, at the employer.

    Side effects: updates the ``Placement``; creates an ``Activity`` through the case
    domain (which bumps the case's version, records a ``CaseChange`` and recomputes its
    findings).
    """
    placement = _locked(case, placement_pk)
    _move(placement, S.STARTED)
    _check_start(case, placement, start, end, hours_per_week)
    activity = casefacts.Activity(
        kind=ACTIVITY_OF_KIND[placement.offer.kind],
        start=start,
        end=end,
        hours_per_week=hours_per_week,
        provider=placement.offer.employer.name,
    )
    version = ProgrammeCase.objects.values_list("version", flat=True).get(pk=case.pk)
    try:
        row = activity_record(case=case, by=by, expected_version=version, activity=activity)
    except StepRejected as rejected:
        raise Rejected(dict(rejected.errors)) from rejected
    placement.status = S.STARTED
    placement.start, placement.end, placement.hours_per_week = start, end, hours_per_week
    placement.activity = row
    placement.save(
        update_fields=["status", "start", "end", "hours_per_week", "activity", "updated_at"]
    )
    return placement


@transaction.atomic
def placement_end(
    *,
    case: ProgrammeCase,
    placement_pk: int,
    by: User,
    ended_on: date,
    evaluation_on: date | None,
    evaluation: str,
    outcome: str,
) -> Placement:
    """End a started placement with its evaluation talk and outcome (hired, wage subsidy,
    not hired). The case's activity ends on the same day.

    Side effects: updates the ``Placement``; sets the activity's end through the case
    domain when it differs (version, ``CaseChange``, recompute).
    """
    placement = _locked(case, placement_pk)
    _move(placement, S.ENDED)
    errors: Errors = {}
    if placement.start is not None and ended_on < placement.start:
        errors["ended_on"] = [_("The end cannot be before the start.")]
    if outcome not in Outcome.values:
        errors["outcome"] = [_("Choose the outcome.")]
    if evaluation_on is not None and placement.start and evaluation_on < placement.start:
        errors["evaluation_on"] = [_("The evaluation talk cannot be before the start.")]
    if errors:
        raise Rejected(errors)
    _not_future("ended_on", ended_on)
    activity = placement.activity
    if activity is not None and activity.end != ended_on:
        version = ProgrammeCase.objects.values_list("version", flat=True).get(pk=case.pk)
        try:
            activity_end(
                case=case,
                by=by,
                expected_version=version,
                activity_pk=activity.pk,
                end=ended_on,
            )
        except StepRejected as rejected:
            messages = [m for found in rejected.errors.values() for m in found]
            raise Rejected({"ended_on": messages}) from rejected
    placement.status = S.ENDED
    placement.ended_on = ended_on
    placement.evaluation_on = evaluation_on
    placement.evaluation = evaluation.strip()
    placement.outcome = outcome
    placement.save(
        update_fields=[
            "status",
            "ended_on",
            "evaluation_on",
            "evaluation",
            "outcome",
            "updated_at",
        ]
    )
    return placement
