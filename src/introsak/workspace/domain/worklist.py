"""The worklist: which cases an adviser or a district must act on, served from stored data.

Nothing here evaluates a rule. The nearest open deadline is the case's stored
``next_deadline_*`` columns; the ready filters are conditions on those columns and on the
case's stored worklist flags (``cases.domain.flags``), which the recompute derives from the
findings. A stored ``pending`` finding whose deadline has passed since it was computed counts
as overdue (the nightly recompute will say so too). All counts of one page come from one
aggregate query over the case rows; the page's rows from one more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    F,
    IntegerField,
    OrderBy,
    Q,
    QuerySet,
    When,
)
from django.db.models import Value as V
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from introsak.access.domain.gateway import visible_cases
from introsak.accounts.enums import DISTRICT_ROLES, Role
from introsak.accounts.models import User
from introsak.cases.domain.flags import FLAGS_BY_KEY, FindingFlag
from introsak.cases.domain.training import (
    ADDRESS_DAYS,
    PLACEMENT_TEST_DAYS,
    SCHOOL_WAIT_DAYS,
)
from introsak.cases.enums import FindingStatus, Stage
from introsak.cases.models import ProgrammeCase

PAGE_SIZE = 25
MAX_QUERY_LENGTH = 100

PENDING, OVERDUE = FindingStatus.PENDING, FindingStatus.OVERDUE
STAGE_ORDER = [stage.value for stage in Stage]


def effective_status(status: str, deadline: date | None, today: date) -> str:
    """A stored pending finding whose deadline has passed is overdue."""
    if status == PENDING and deadline is not None and deadline < today:
        return OVERDUE.value
    return status


class Scope(StrEnum):
    MINE = "mine"  # "Mine deltakere": cases where I am the programme adviser
    DISTRICT = "district"  # every case of my district I may see


@dataclass(frozen=True)
class NearestDeadline:
    """A condition on the case's stored nearest open deadline, relative to today:
    ``today + start_days <= next_deadline_date < today + end_days`` (a missing start: no
    lower bound)."""

    end_days: int
    start_days: int | None = None

    def q(self, today: date) -> Q:
        q = Q(next_deadline_date__lt=today + timedelta(days=self.end_days))
        if self.start_days is not None:
            q &= Q(next_deadline_date__gte=today + timedelta(days=self.start_days))
        return q

    def sql(self, column: str, today: date) -> tuple[str, list[object]]:
        text, params = f"{column} < %s", [_day(today, self.end_days)]
        if self.start_days is not None:
            text += f" AND {column} >= %s"
            params.append(_day(today, self.start_days))
        return text, params


@dataclass(frozen=True)
class TrainingCondition:
    """Issue 16: a condition on the way into Norwegian training (``cases.TrainingPath``) and
    the case, relative to today: ``days`` after the day in ``since`` and still not done."""

    key: str
    days: int

    def q(self, today: date) -> Q:
        limit = today - timedelta(days=self.days)
        open_case = Q(end_date__isnull=True)
        if self.key == "school_wait":
            return open_case & Q(
                training__mapping_appointment_on__lte=limit, training__started_on__isnull=True
            )
        if self.key == "no_placement":
            return open_case & Q(
                training__mapping_appointment_on__lte=limit,
                training__placement_tested_on__isnull=True,
            )
        # no_address: settled ``days`` ago, not started, no registered address recorded
        return (
            open_case
            & Q(start_date__isnull=True, person__settlement_date__lte=limit)
            & Q(training__address_registered_on__isnull=True)
        )


def _day(today: date, days: int) -> object:
    return connection.ops.adapt_datefield_value(today + timedelta(days=days))


@dataclass(frozen=True)
class ReadyFilter:
    """One of the worklist's ready filters: a name for the URL, a label, and its condition:
    the case's stored nearest deadline, or one of its stored worklist flags
    (``cases.domain.flags``: a condition on one rule's finding, kept as the first day it
    holds)."""

    key: str
    label: StrOrPromise
    match: FindingFlag | NearestDeadline | TrainingCondition

    @property
    def rule(self) -> str:
        return self.match.rule if isinstance(self.match, FindingFlag) else ""

    @property
    def about(self) -> StrOrPromise:
        """What a filter that reads no rule looks at (the help page)."""
        if isinstance(self.match, TrainingCondition):
            return _("The way into Norwegian training, as recorded on the case page")
        return ""

    def cases(self, today: date) -> Q:
        """The condition on ``ProgrammeCase``'s own columns (and, for the way into
        training, its one training row)."""
        if isinstance(self.match, NearestDeadline | TrainingCondition):
            return self.match.q(today)
        return Q(**{f"{self.match.column}__lte": today})


def lazy_str(make: Callable[[], str]) -> StrOrPromise:
    """A label that is translated (and filled in) when shown, in the request's language."""
    return lazy(make, str)()


def _flagged(key: str, label: StrOrPromise) -> ReadyFilter:
    return ReadyFilter(key, label, FLAGS_BY_KEY[key])


FILTERS: tuple[ReadyFilter, ...] = (
    ReadyFilter("overdue", _("Overdue"), NearestDeadline(end_days=0)),
    ReadyFilter(
        "due_soon",
        _("Due within 14 days"),
        NearestDeadline(start_days=0, end_days=settings.INTROSAK_DUE_SOON_DAYS + 1),
    ),
    _flagged("not_started", _("Not started, past 3 months")),
    _flagged("no_mapping", _("Mapping missing")),
    _flagged("no_three_party", _("Three-party meeting missing")),
    _flagged("no_contract", _("Contract missing")),
    _flagged("time_running_out", _("Programme time running out")),
    _flagged("no_recognition", _("Recognition not applied for")),
    _flagged("no_jobseeker", _("Not registered as job seeker")),
    _flagged("work_hours", _("Under 15 hours of work-oriented content")),
    _flagged("no_certificate", _("Certificate missing")),
    _flagged("u25_goal", _("Under 25: end goal without exception")),
    _flagged("plan_review", _("Plan review overdue")),
    _flagged("no_norwegian", _("Norwegian training not started")),
    # Issue 16: the way into Norwegian training (thresholds: cases.domain.training).
    ReadyFilter(
        "school_wait",
        lazy_str(
            lambda: (
                gettext("Waiting for a school place over %(days)s days")
                % {"days": SCHOOL_WAIT_DAYS}
            )
        ),
        TrainingCondition("school_wait", SCHOOL_WAIT_DAYS),
    ),
    ReadyFilter(
        "no_placement",
        _("No placement test"),
        TrainingCondition("no_placement", PLACEMENT_TEST_DAYS),
    ),
    ReadyFilter(
        "no_address",
        lazy_str(
            lambda: gettext("No registered address after %(days)s days") % {"days": ADDRESS_DAYS}
        ),
        TrainingCondition("no_address", ADDRESS_DAYS),
    ),
)
FILTERS_BY_KEY = {x.key: x for x in FILTERS}
ALL = "all"


class Sort(StrEnum):
    NAME = "name"
    DEADLINE = "deadline"
    STAGE = "stage"
    START = "start"


def _sort_expressions(sort: Sort, descending: bool) -> list[OrderBy]:
    if sort is Sort.NAME:
        key: F | Case = F("person__name")
    elif sort is Sort.STAGE:
        key = Case(
            *(When(stage=s, then=V(i)) for i, s in enumerate(STAGE_ORDER)),
            output_field=IntegerField(),
        )
    elif sort is Sort.START:
        key = F("start_date")
    else:
        key = F("next_deadline_date")
    first = key.desc(nulls_last=True) if descending else key.asc(nulls_last=True)
    return [first, F("pk").desc() if descending else F("pk").asc()]


@dataclass(frozen=True)
class Query:
    """What the user asked for, read from the URL query string (all optional)."""

    scope: Scope
    filter: str = ALL
    q: str = ""
    sort: Sort = Sort.DEADLINE
    descending: bool = False
    page: int = 1
    adviser: int | None = None  # district view: one adviser's cases only
    # Closed cases (ended, certificate issued: nothing left to do) are left out unless asked.
    include_closed: bool = False

    @property
    def sort_param(self) -> str:
        return ("-" if self.descending else "") + self.sort.value


def default_scope(user: User) -> Scope:
    """Advisers start in "Mine deltakere"; everyone else in the district view."""
    return Scope.MINE if user.role == Role.PROGRAMME_ADVISER else Scope.DISTRICT


def parse_query(user: User, params: dict[str, str]) -> Query:
    """The query from GET parameters; anything unknown falls back to the default."""
    scope_raw = params.get("scope", "")
    scope = Scope(scope_raw) if scope_raw in Scope._value2member_map_ else default_scope(user)
    sort_raw = params.get("sort", "")
    descending = sort_raw.startswith("-")
    sort_key = sort_raw.removeprefix("-")
    sort = Sort(sort_key) if sort_key in Sort._value2member_map_ else Sort.DEADLINE
    if sort is Sort.NAME and user.role not in DISTRICT_ROLES:
        sort = Sort.DEADLINE  # auditors see pseudonyms: the order of the names would tell them
    chosen = params.get("filter", ALL)
    adviser_raw = params.get("adviser", "")
    return Query(
        scope=scope,
        filter=chosen if chosen in FILTERS_BY_KEY else ALL,
        q=params.get("q", "").strip()[:MAX_QUERY_LENGTH],
        sort=sort,
        descending=descending and sort_key in Sort._value2member_map_,
        page=_positive_int(params.get("page", "")) or 1,
        adviser=_positive_int(adviser_raw) if scope is Scope.DISTRICT else None,
        include_closed=params.get("closed", "") == "1",
    )


def _positive_int(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and 0 < len(raw) < 10 and int(raw) > 0 else None


def scoped_cases(user: User, query: Query) -> QuerySet[ProgrammeCase]:
    """The cases in the user's view and search, before any ready filter."""
    cases = visible_cases(user)
    if not query.include_closed:
        cases = cases.exclude(stage=Stage.CERTIFIED)
    if query.scope is Scope.MINE:
        cases = cases.filter(adviser=user)
    else:
        # The district's cases: the visible scope also holds strictly confidential persons
        # the user is cleared for in other districts; they are not the district's, and
        # naming the district lets the database use its index. (Auditors have no district:
        # their view is their grants' districts.)
        if user.district_id is not None:
            cases = cases.filter(district_id=user.district_id)
        if query.adviser is not None:
            cases = cases.filter(adviser_id=query.adviser)
    # Searching names is for district staff; auditors may only see pseudonyms.
    if query.q and user.role in DISTRICT_ROLES:
        cases = cases.filter(Q(person__name__icontains=query.q) | Q(case_id__iexact=query.q))
    return cases


@dataclass
class Worklist:
    query: Query
    today: date
    counts: dict[str, int]
    rows: list[ProgrammeCase]
    total: int  # cases matching the chosen filter
    page: int
    pages: int
    filters: tuple[ReadyFilter, ...] = field(default=FILTERS)

    @property
    def first_index(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.page * PAGE_SIZE, self.total)


def filter_counts(cases: QuerySet[ProgrammeCase], today: date) -> dict[str, int]:
    """Every ready filter's count, and the total, in one query over the given cases.

    Every filter is a condition on the case row (the stored nearest deadline and worklist
    flags), so this is one pass over the cases in view. The aggregate is written out rather
    than built with the ORM, which took longer to compile it than the database took to run
    it; ``cases`` itself (the access gateway's scope and the user's search) is still
    compiled by the ORM.
    """
    columns: dict[str, F | Case] = {"due": F("next_deadline_date")}
    columns |= {x.key: F(x.match.column) for x in FILTERS if isinstance(x.match, FindingFlag)}
    columns |= {
        x.key: Case(When(x.match.q(today), then=V(1)), default=V(0), output_field=IntegerField())
        for x in FILTERS
        if isinstance(x.match, TrainingCondition)
    }
    inner_sql, inner_params = cases.order_by().values(**columns).query.sql_with_params()
    counts = ["COUNT(*)"]
    params: list[Any] = []
    for x in FILTERS:
        if isinstance(x.match, NearestDeadline):
            text, values = x.match.sql("w.due", today)
        elif isinstance(x.match, TrainingCondition):
            text, values = f"w.{x.key} = 1", []
        else:
            text, values = f"w.{x.key} <= %s", [_day(today, 0)]
        counts.append(f"SUM(CASE WHEN {text} THEN 1 ELSE 0 END)")
        params += values
    # Fixed fragments and the ORM's own SQL; every value is a parameter.
    sql = f"SELECT {', '.join(counts)} FROM ({inner_sql}) w"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *inner_params])
        row = cursor.fetchone()
    keys = [ALL, *(x.key for x in FILTERS)]
    return {key: int(value or 0) for key, value in zip(keys, row, strict=True)}


# What a row shows (``interfaces.tables.row``, with the pseudonyms and identity rules of
# ``access.domain.protection``): a third of the columns, a third less work per page. A field
# missing here costs a query per row; the query-count tests (advisers, coordinators and
# auditors) catch it.
ROW_FIELDS = (
    "id",
    "case_id",
    "district_id",
    "stage",
    "start_date",
    "next_deadline_rule",
    "next_deadline_date",
    "next_deadline_status",
    "person__id",
    "person__name",
    "person__national_id",
    "person__protected_address",
    "person__residence_basis",
    "adviser__id",
    "adviser__first_name",
    "adviser__last_name",
    "adviser__username",
)


def worklist(user: User, query: Query, today: date) -> Worklist:
    """One page of the worklist with the live counts of every ready filter (two queries)."""
    cases = scoped_cases(user, query)
    counts = filter_counts(cases, today)
    total = counts[query.filter]
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(query.page, pages)
    if query.filter != ALL:
        cases = cases.filter(FILTERS_BY_KEY[query.filter].cases(today))
    start = (page - 1) * PAGE_SIZE
    rows = list(
        cases.select_related("person", "adviser")
        .only(*ROW_FIELDS)
        .order_by(*_sort_expressions(query.sort, query.descending))[start : start + PAGE_SIZE]
    )
    return Worklist(
        query=query, today=today, counts=counts, rows=rows, total=total, page=page, pages=pages
    )


def district_advisers(user: User) -> QuerySet[User]:
    """The programme advisers of the user's district, for the district view's adviser
    choice."""
    if user.district_id is None:
        return User.objects.none()
    return User.objects.filter(
        district_id=user.district_id, role=Role.PROGRAMME_ADVISER, is_active=True
    ).order_by("first_name", "last_name", "username")
