"""Database expressions and grouped counts shared by the statistics.

Everything is counted in the database (``values(...).annotate(Count(...))``): Python only
receives one row per group, never one per case. The expressions work alike on SQLite and
PostgreSQL; ``DaysBetween`` is the one place where the two need different SQL.

Every count is over one population, the same for every user and every request: every case
except those of strictly confidential persons (``counted_cases``). A strictly confidential
person is therefore in no statistic at all, and no sequence of requests can single them out
(docs/statistics.md, "Differencing").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Expression,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ExtractYear
from django.db.models.sql.compiler import SQLCompiler

from introsak.casefacts.enums import EndReason, ProtectedAddress, ResidenceBasis
from introsak.cases.enums import FindingStatus
from introsak.cases.models import CaseFinding, Person, ProgrammeCase
from introsak.core.models import District
from introsak.stats.domain.filters import BasisGroup, Filters, Period

DAYS_PER_MONTH = 30.4375  # the mean Gregorian month, as demo.calibration.months_between


class DaysBetween(Func):
    """Whole days from ``earlier`` to ``later`` (later minus earlier) between two dates."""

    output_field = IntegerField()

    def __init__(self, earlier: Any, later: Any) -> None:
        super().__init__(later, earlier)

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra: Any,
    ) -> tuple[str, tuple[Any, ...]]:
        # PostgreSQL: date minus date is an integer number of days.
        return super().as_sql(compiler, connection, function, "(%(expressions)s)", " - ", **extra)

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        # SQLite stores dates as ISO text; julianday() turns them into day numbers.
        return super().as_sql(
            compiler,
            connection,
            None,
            "CAST(julianday(%(expressions)s) AS INTEGER)",
            ") - julianday(",
            **extra,
        )


def day(value: date) -> Value:
    return Value(value, output_field=DateField())


# --- categories as expressions -----------------------------------------------------------------

END_REASON = Case(
    When(end_reason="", then=Value(EndReason.NOT_REGISTERED.value)),
    default=F("end_reason"),
    output_field=CharField(),
)
BASIS_GROUP = Case(
    When(
        person__residence_basis=ResidenceBasis.COLLECTIVE_PROTECTION,
        then=Value(BasisGroup.COLLECTIVE.value),
    ),
    default=Value(BasisGroup.OTHER.value),
    output_field=CharField(),
)
DIMENSIONS: Mapping[str, Expression | F] = {
    "district": F("district__slug"),
    "basis": BASIS_GROUP,
    "reason": END_REASON,
    "education": F("person__education_level"),
}


@dataclass(frozen=True, slots=True)
class Scope:
    """How a user sees the statistics (``stats.scope.scope_for``): whether small cells are
    hidden, and whether the period is widened to whole calendar months. The population
    counted is the same in every scope (``counted_cases``)."""

    suppress: bool
    whole_months: bool = False


def counted_cases(prefix: str = "") -> Q:
    """The cases every statistic counts: all but those of strictly confidential persons.
    (Written as ``person_id NOT IN (the few such persons)``, as the access gateway does, so
    that no person row is read per case.)"""
    strictly_confidential = Person.objects.filter(
        protected_address=ProtectedAddress.STRICTLY_CONFIDENTIAL
    ).values("pk")
    return ~Q(**{f"{prefix}person_id__in": strictly_confidential})


def base_cases(filters: Filters) -> QuerySet[ProgrammeCase]:
    return ProgrammeCase.objects.filter(counted_cases(), filters.cases_q()).order_by()


Key = tuple[Any, ...]


def grouped(
    queryset: QuerySet[Any], dimensions: Mapping[str, Any], **measures: Any
) -> dict[Key, dict[str, Any]]:
    """One database round trip: ``measures`` per combination of ``dimensions``, keyed by
    the tuple of dimension values in the order given. (The dimensions are selected under
    prefixed names, which cannot clash with the model's own fields.)"""
    aliases = {f"group_{name}": expression for name, expression in dimensions.items()}
    rows = queryset.values(**aliases).annotate(**measures).order_by()
    return {tuple(row[a] for a in aliases): row for row in rows}


def ended_counts(filters: Filters, period: Period, *dimensions: str) -> dict[Key, int]:
    """Cases whose programme ended in the period, counted by the dimensions given
    ("district", "basis", "reason", "education", "year" = the year of the end date)."""
    chosen = {d: (ExtractYear("end_date") if d == "year" else DIMENSIONS[d]) for d in dimensions}
    cases = base_cases(filters).filter(end_date__range=(period.first, period.last))
    return {key: row["n"] for key, row in grouped(cases, chosen, n=Count("pk")).items()}


def months_to_start_sums(filters: Filters, period: Period) -> dict[Key, tuple[int, int]]:
    """(cases, total days from settlement to start) per district and start year, for cases
    that started in the period."""
    cases = base_cases(filters).filter(start_date__range=(period.first, period.last))
    rows = grouped(
        cases,
        {"district": F("district__slug"), "year": ExtractYear("start_date")},
        n=Count("pk"),
        days=Sum(DaysBetween("person__settlement_date", "start_date")),
    )
    return {key: (row["n"], row["days"] or 0) for key, row in rows.items()}


@dataclass(frozen=True, slots=True)
class Running:
    """Participants in the programme on a day and the advisers who follow them."""

    participants: dict[str, int]  # per district slug
    advisers: dict[str, int]  # per district slug
    advisers_total: int  # distinct advisers over the districts chosen


def running_counts(filters: Filters, on: date, districts: tuple[str, ...]) -> Running:
    """Participants in the programme on a day (started by then, not ended by then) and the
    distinct programme advisers assigned to them, per district over every district, and the
    distinct advisers of the ``districts`` given (every district if none)."""
    cases = base_cases(filters).filter(
        Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gt=on)
    )
    rows = grouped(
        cases,
        {"district": F("district__slug")},
        participants=Count("pk"),
        advisers=Count("adviser", distinct=True),
    )
    chosen = cases.filter(district__slug__in=districts) if districts else cases
    return Running(
        participants={key[0]: row["participants"] for key, row in rows.items()},
        advisers={key[0]: row["advisers"] for key, row in rows.items()},
        advisers_total=chosen.aggregate(n=Count("adviser", distinct=True))["n"],
    )


# --- findings -----------------------------------------------------------------------------------
#
# The findings table has one row per case and rule (about 15 per case), so these queries filter
# on plain columns first (status, deadline), which the planner can estimate and the indexes
# serve, and only then compute per-row expressions for the rows that remain.

ASSESSED = ("met", "met_late", "overdue", "breach")


def overdue_q(today: date) -> Q:
    """Overdue as of today: stored as overdue, or stored as pending with a passed deadline
    (findings are stored as of ``ProgrammeCase.findings_as_of``)."""
    return Q(status=FindingStatus.OVERDUE, deadline__lt=today) | Q(
        status=FindingStatus.PENDING, deadline__lt=today
    )


def findings_in_period(filters: Filters, period: Period) -> QuerySet[CaseFinding]:
    """Findings whose deadline lies in the period; a finding without a deadline (a duration
    that is met or breached) is placed by the case's programme decision date."""
    days = (period.first, period.last)
    placed = Q(deadline__range=days) | Q(deadline__isnull=True, case__decision_date__range=days)
    return CaseFinding.objects.filter(
        counted_cases("case__"), filters.cases_q("case__"), placed
    ).order_by()


def _district_slugs() -> dict[int, str]:
    return dict(District.objects.values_list("pk", "slug"))


def status_counts(filters: Filters, period: Period, today: date) -> dict[Key, int]:
    """Assessed findings (met on time, met late, overdue, breach) per rule, district slug
    and status. Grouped on plain columns only (so the database can estimate the few hundred
    groups and aggregate them in memory); a pending finding past its deadline, which the
    filter lets through, is added to overdue here."""
    assessed = Q(status__in=[FindingStatus.MET, FindingStatus.MET_LATE, FindingStatus.BREACH])
    findings = findings_in_period(filters, period).filter(assessed | overdue_q(today))
    rows = grouped(
        findings,
        {"rule": F("rule"), "district": F("case__district_id"), "status": F("status")},
        n=Count("pk"),
    )
    slugs = _district_slugs()
    counts: dict[Key, int] = {}
    for (rule, district, status), row in rows.items():
        shown = FindingStatus.OVERDUE.value if status == FindingStatus.PENDING else status
        key = (rule, slugs[district], shown)
        counts[key] = counts.get(key, 0) + row["n"]
    return counts


LATE_BINS: tuple[tuple[str, int, int | None], ...] = (
    ("1-7", 1, 7),
    ("8-30", 8, 30),
    ("31-90", 31, 90),
    ("91-180", 91, 180),
    ("181-365", 181, 365),
    ("366+", 366, None),
)


def days_late_counts(filters: Filters, period: Period, today: date) -> dict[Key, int]:
    """Late findings per rule and bin of days late: met late (days from the deadline to
    when it was met) and still overdue (days from the deadline to today). Both are at least
    one day late."""
    met_late = Q(
        status=FindingStatus.MET_LATE, deadline__isnull=False, satisfied_on__gt=F("deadline")
    )
    findings = findings_in_period(filters, period).filter(met_late | overdue_q(today))
    late = Case(
        When(status=FindingStatus.MET_LATE, then=DaysBetween("deadline", "satisfied_on")),
        default=DaysBetween("deadline", day(today)),
        output_field=IntegerField(),
    )
    counts = {
        key: Count("pk", filter=Q(late__gte=low) & (Q(late__lte=high) if high else Q()))
        for key, low, high in LATE_BINS
    }
    rows = grouped(findings.alias(late=late), {"rule": F("rule")}, **counts)
    return {(rule, key): row[key] for (rule,), row in rows.items() for key in counts}
