"""The participant's own view after settlement (issue 17 item 7): their plan and end goal,
upcoming meetings and activities, what the municipality must do by when (the rules'
deadlines in plain words) and whom to contact. Only the one case's own rows are read.

Plain words exist for the deadlines a participant can act on or ask about
(``participant.words``); the other rules' findings are for the staff and are not shown here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils.functional import Promise

from introsak.cases.enums import OPEN_STATUSES, FindingStatus
from introsak.cases.models import Activity, CaseFinding, IntegrationPlan, Meeting, ProgrammeCase
from introsak.early.participant.words import (
    ACTIVITY_KINDS,
    DEADLINE_WORDS,
    END_GOALS,
    MEETING,
    MEETING_KINDS,
    OTHER_ACTIVITY,
)


@dataclass(frozen=True)
class Deadline:
    words: Promise
    day: date
    overdue: bool


@dataclass(frozen=True)
class Item:
    label: Promise | str
    start: date
    end: date | None = None
    hours: float | None = None


@dataclass
class OwnView:
    name: str
    district: str
    nav_office: str
    adviser: str
    end_goal: Promise | None
    plan_decided_on: date | None
    norwegian_goal: str
    plan_items: list[str] = field(default_factory=list)
    meetings: list[Item] = field(default_factory=list)
    activities: list[Item] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)


def own_view(case: ProgrammeCase, *, today: date) -> OwnView:
    """What the participant sees of their own case (``case`` with person, district, adviser)."""
    plan = (
        IntegrationPlan.objects.filter(case=case)
        .prefetch_related("items")
        .order_by("-decided_on", "-pk")
        .first()
    )
    adviser = case.adviser
    view = OwnView(
        name=case.person.name,
        district=case.district.name,
        nav_office=case.district.nav_office,
        adviser=(adviser.get_full_name() or adviser.username) if adviser else "",
        end_goal=END_GOALS.get(plan.end_goal) if plan and plan.end_goal else None,
        plan_decided_on=plan.decided_on if plan else None,
        norwegian_goal=(
            " / ".join(
                level for level in (plan.goal_oral, plan.goal_reading, plan.goal_listening) if level
            )
            if plan
            else ""
        ),
        plan_items=[item.text for item in plan.items.all()] if plan else [],
    )
    view.meetings = [
        Item(MEETING_KINDS.get(m.kind, MEETING), m.date)
        for m in Meeting.objects.filter(case=case, date__gte=today).order_by("date")
    ]
    view.activities = [
        Item(ACTIVITY_KINDS.get(a.kind, OTHER_ACTIVITY), a.start, a.end, a.hours_per_week)
        for a in Activity.objects.filter(case=case)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .order_by("start")
    ]
    view.deadlines = [
        Deadline(DEADLINE_WORDS[f.rule], f.deadline, f.status == FindingStatus.OVERDUE)
        for f in CaseFinding.objects.filter(
            case=case, status__in=OPEN_STATUSES, rule__in=DEADLINE_WORDS, deadline__isnull=False
        ).order_by("deadline")
        if f.deadline is not None
    ]
    return view
