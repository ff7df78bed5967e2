"""Choices of the placements app (issue 15: work first)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from introsak.casefacts.enums import ActivityKind


class Ownership(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal")
    PRIVATE = "private", _("Private")
    STATE = "state", _("State")
    VOLUNTARY = "voluntary", _("Voluntary or non-profit")


class PlacementKind(models.TextChoices):
    LANGUAGE_PRACTICE = "language_practice", _("Language practice")
    WORK_PRACTICE = "work_practice", _("Work practice")
    WAGE_SUBSIDY_JOB = "wage_subsidy_job", _("Wage-subsidised job")
    PART_TIME_JOB = "part_time_job", _("Part-time job")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    JOB_TRIAL = "job_trial", _("Job trial")


# The case activity a started placement becomes (what WORK-15H-01 counts). An apprenticeship
# is paid work with training; a job trial (arbeidsutprøving) is a NAV labour-market measure.
ACTIVITY_OF_KIND: dict[str, ActivityKind] = {
    PlacementKind.LANGUAGE_PRACTICE: ActivityKind.LANGUAGE_PRACTICE,
    PlacementKind.WORK_PRACTICE: ActivityKind.WORK_PRACTICE,
    PlacementKind.WAGE_SUBSIDY_JOB: ActivityKind.WAGE_SUBSIDY_JOB,
    PlacementKind.PART_TIME_JOB: ActivityKind.PART_TIME_WORK,
    PlacementKind.APPRENTICESHIP: ActivityKind.PART_TIME_WORK,
    PlacementKind.JOB_TRIAL: ActivityKind.LABOUR_MARKET_MEASURE,
}
PRACTICE_KINDS = frozenset({PlacementKind.LANGUAGE_PRACTICE, PlacementKind.WORK_PRACTICE})


class PlacementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    STARTED = "started", _("Started")
    ENDED = "ended", _("Ended")


# The pipeline: from each status, the statuses a placement may move to.
NEXT_STATUSES: dict[str, frozenset[str]] = {
    PlacementStatus.PROPOSED: frozenset({PlacementStatus.OFFERED, PlacementStatus.DECLINED}),
    PlacementStatus.OFFERED: frozenset({PlacementStatus.ACCEPTED, PlacementStatus.DECLINED}),
    PlacementStatus.ACCEPTED: frozenset({PlacementStatus.STARTED, PlacementStatus.DECLINED}),
    PlacementStatus.DECLINED: frozenset(),
    PlacementStatus.STARTED: frozenset({PlacementStatus.ENDED}),
    PlacementStatus.ENDED: frozenset(),
}
# Places taken from an offer's capacity.
HOLDING_STATUSES = frozenset(
    {PlacementStatus.OFFERED, PlacementStatus.ACCEPTED, PlacementStatus.STARTED}
)


class DeclineReason(models.TextChoices):
    NOT_RELEVANT = "not_relevant", _("Not relevant to my job goal")
    HOURS = "hours", _("The hours do not fit")
    TRAVEL = "travel", _("Too far to travel")
    CHILDCARE = "childcare", _("Childcare or family")
    HEALTH = "health", _("Health")
    LANGUAGE = "language", _("Norwegian level too low for the tasks")
    OTHER_OFFER = "other_offer", _("Took another offer")
    EMPLOYER = "employer", _("The employer said no")
    OTHER = "other", _("Other")


class Outcome(models.TextChoices):
    HIRED = "hired", _("Hired")
    WAGE_SUBSIDY = "wage_subsidy", _("Wage subsidy")
    NOT_HIRED = "not_hired", _("Not hired")
