"""A coordinator's workload view: per programme adviser of the district, the open cases,
how many are overdue, how many fall due within 14 days and how many have had no activity for
some days. One aggregate query over the district's cases and one for its advisers, whatever
the number of cases.

"Open" is what the worklist lists by default: every case but those closed with the
certificate issued. Overdue and due within 14 days are the worklist's ready filters of the
same names (the stored nearest deadline). "No activity" means nothing dated on or after the
cut-off: no meeting held, no journal note written and no step recorded in Introsak.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from introsak.access.domain.gateway import visible_cases
from introsak.accounts.models import User
from introsak.cases.enums import Stage
from introsak.cases.models import CaseChange, JournalNote, Meeting
from introsak.workspace.domain.worklist import FILTERS_BY_KEY, district_advisers

DEFAULT_IDLE_DAYS = 60
MAX_IDLE_DAYS = 365


@dataclass(frozen=True)
class AdviserLoad:
    adviser: User | None  # None: the cases without an adviser
    cases: int
    overdue: int
    due_soon: int
    idle: int


@dataclass(frozen=True)
class Workload:
    rows: list[AdviserLoad]
    total: AdviserLoad
    idle_days: int
    since: date  # the first day that counts as activity


def idle_days_from(raw: str | None) -> int:
    """The "no activity for N days" of the URL (``days``), within 1–365, else 60."""
    if raw and raw.isdigit() and len(raw) <= 3 and 1 <= int(raw) <= MAX_IDLE_DAYS:
        return int(raw)
    return DEFAULT_IDLE_DAYS


def _active_since(since: date) -> Q:
    start = timezone.make_aware(datetime.combine(since, time.min))
    meeting = Meeting.objects.filter(case=OuterRef("pk"), date__gte=since)
    note = JournalNote.objects.filter(case=OuterRef("pk"), written_on__gte=since)
    change = CaseChange.objects.filter(case=OuterRef("pk"), at__gte=start)
    return Q(Exists(meeting)) | Q(Exists(note)) | Q(Exists(change))


def workload(user: User, today: date, idle_days: int = DEFAULT_IDLE_DAYS) -> Workload:
    """The district's workload per adviser, as ``user`` (a team coordinator) may see it."""
    since = today - timedelta(days=idle_days - 1)
    cases = visible_cases(user).exclude(stage=Stage.CERTIFIED)
    cases = cases.filter(district_id=user.district_id) if user.district_id else cases.none()
    counted = (
        cases.order_by()
        .values("adviser_id")
        .annotate(
            cases=Count("pk"),
            overdue=Count("pk", filter=FILTERS_BY_KEY["overdue"].cases(today)),
            due_soon=Count("pk", filter=FILTERS_BY_KEY["due_soon"].cases(today)),
            idle=Count("pk", filter=~_active_since(since)),
        )
    )
    by_adviser: dict[int | None, dict[str, int]] = {
        row["adviser_id"]: {
            "cases": row["cases"],
            "overdue": row["overdue"],
            "due_soon": row["due_soon"],
            "idle": row["idle"],
        }
        for row in counted
    }
    advisers = list(district_advisers(user))
    rows = [_load(adviser, [by_adviser.get(adviser.pk, {})]) for adviser in advisers]
    # Cases without an adviser, or with one no longer active in the district.
    known = {adviser.pk for adviser in advisers}
    rest = [row for pk, row in by_adviser.items() if pk not in known]
    if rest:
        rows.append(_load(None, rest))
    return Workload(
        rows=rows,
        total=_load(None, list(by_adviser.values())),
        idle_days=idle_days,
        since=since,
    )


def _load(adviser: User | None, rows: list[dict[str, int]]) -> AdviserLoad:
    return AdviserLoad(
        adviser=adviser,
        cases=sum(r.get("cases", 0) for r in rows),
        overdue=sum(r.get("overdue", 0) for r in rows),
        due_soon=sum(r.get("due_soon", 0) for r in rows),
        idle=sum(r.get("idle", 0) for r in rows),
    )
