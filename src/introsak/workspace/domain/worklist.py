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
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    F,
    FilteredRelation,
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
from introsak.access.domain.grants import auditor_identity_scope
from introsak.access.domain.protection import pseudonym_matches
from introsak.accounts.enums import DISTRICT_ROLES, Role
from introsak.accounts.models import User
from introsak.cases.domain.deadlines import (
    ADDRESS_DAYS,
    SCHOOL_WAIT_DAYS,
)
from introsak.cases.domain.flags import FLAGS_BY_KEY, FindingFlag
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


@dataclass(frozen=True)
class CaseColumn:
    """A condition on one of the case's own stored columns (issue 15, placements): by
    default a day from which it holds (``column <= today``, like the flags); with
    ``within_days`` a day in the next ``within_days`` days (today included); with
    ``at_least`` a count of at least that many."""

    column: str
    within_days: int | None = None
    at_least: int | None = None

    def q(self, today: date) -> Q:
        if self.at_least is not None:
            return Q(**{f"{self.column}__gte": self.at_least})
        if self.within_days is not None:
            last = today + timedelta(days=self.within_days)
            return Q(**{f"{self.column}__gte": today, f"{self.column}__lte": last})
        return Q(**{f"{self.column}__lte": today})


@dataclass(frozen=True)
class ReadyFilter:
    """One of the worklist's ready filters: a name for the URL, a label, and its condition:
    the case's stored nearest deadline, or one of its stored worklist flags
    (``cases.domain.flags``: a condition on one rule's finding, kept as the first day it
    holds)."""

    key: str
    label: StrOrPromise
    match: FindingFlag | NearestDeadline | CaseColumn
    note: StrOrPromise = ""  # what the filter means, when it is not one rule's
    # What a filter that reads no rule looks at (the help page).
    about: StrOrPromise = ""

    @property
    def rule(self) -> str:
        return self.match.rule if isinstance(self.match, FindingFlag) else ""

    def cases(self, today: date) -> Q:
        """The condition on ``ProgrammeCase``'s own columns."""
        if isinstance(self.match, NearestDeadline | CaseColumn):
            return self.match.q(today)
        return Q(**{f"{self.match.column}__lte": today})


def lazy_str(make: Callable[[], str]) -> StrOrPromise:
    """A label that is translated (and filled in) when shown, in the request's language."""
    return lazy(make, str)()


TRAINING = _("The way into Norwegian training, as recorded on the case page")


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
    # Issue 15 (placements): stored on the case by the recompute and the placement pipeline.
    ReadyFilter(
        "no_work_activity",
        _("No work-oriented activity"),
        CaseColumn("flag_no_work_activity_from"),
        _("In the programme with no current or planned work-oriented activity"),
    ),
    ReadyFilter(
        "placement_ending",
        _("Placement ending within 14 days"),
        CaseColumn("placement_ends_on", within_days=14),
        _("A practice place or job ends within 14 days: plan the evaluation talk"),
    ),
    ReadyFilter(
        "declined_twice",
        _("Two or more declined offers"),
        CaseColumn("declined_offers", at_least=2),
        _("The participant has declined two or more placement offers"),
    ),
    # Issue 16: the way into Norwegian training, stored on the case by the recompute
    # (thresholds: cases.domain.deadlines.training_flags).
    ReadyFilter(
        "school_wait",
        lazy_str(
            lambda: (
                gettext("Waiting for a school place over %(days)s days")
                % {"days": SCHOOL_WAIT_DAYS}
            )
        ),
        CaseColumn("flag_school_wait_from"),
        about=TRAINING,
    ),
    ReadyFilter(
        "no_placement",
        _("No placement test"),
        CaseColumn("flag_no_placement_test_from"),
        about=TRAINING,
    ),
    ReadyFilter(
        "no_address",
        lazy_str(
            lambda: gettext("No registered address after %(days)s days") % {"days": ADDRESS_DAYS}
        ),
        CaseColumn("flag_no_address_from"),
        about=TRAINING,
    ),
)
FILTERS_BY_KEY = {x.key: x for x in FILTERS}
ALL = "all"


class Sort(StrEnum):
    NAME = "name"
    DEADLINE = "deadline"
    STAGE = "stage"
    START = "start"


def _sort_expressions(
    sort: Sort, descending: bool, deadline: str = "next_deadline_date"
) -> list[OrderBy]:
    """The order of the rows; ``deadline`` is the column the deadline sort uses (under a
    flag filter, the deadline of the filter's own finding)."""
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
        key = F(deadline)
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
    # More ready filters the cases must match too (AND), in ``FILTERS`` order; only with a
    # chosen ``filter``. In the URL: ``and=no_contract,no_mapping``.
    also: tuple[str, ...] = ()

    @property
    def combined(self) -> tuple[str, ...]:
        """Every chosen ready filter: ``filter`` and ``also`` (empty for all cases)."""
        return () if self.filter == ALL else (self.filter, *self.also)

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
        also=_also(chosen, params.get("and", "")),
    )


def _also(chosen: str, raw: str) -> tuple[str, ...]:
    """The further filters of ``and=a,b`` (known keys, not the chosen one, in ``FILTERS``
    order); none without a chosen filter."""
    if chosen not in FILTERS_BY_KEY:
        return ()
    keys = set(raw.split(",")) - {chosen}
    return tuple(x.key for x in FILTERS if x.key in keys)


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
    if query.q:
        cases = cases.filter(search(user, cases, query.q))
    return cases


@dataclass(frozen=True)
class Reason:
    """Why a row is listed under a flag filter: the stored finding of the filter's rule
    (status as stored; ``effective_status`` turns a passed pending deadline into overdue)."""

    rule: str
    status: str
    deadline: date | None


def search(user: User, cases: QuerySet[ProgrammeCase], text: str) -> Q:
    """What a search finds among ``cases``: what the user is shown of them. District staff
    search names and case numbers; auditors search pseudonyms, and names and case numbers
    only of the cases a grant lets them see with identities (``show_identities``)."""
    by_identity = Q(person__name__icontains=text) | Q(case_id__iexact=text)
    if user.role in DISTRICT_ROLES:
        return by_identity
    if user.role == Role.AUDITOR:
        by_pseudonym = Q(pk__in=pseudonym_matches(cases, text))
        return by_pseudonym | (by_identity & auditor_identity_scope(user))
    return Q(pk__isnull=True)


@dataclass
class Worklist:
    query: Query
    today: date
    counts: dict[str, int]
    rows: list[ProgrammeCase]
    total: int  # cases matching the chosen filter (all the chosen filters, when combined)
    page: int
    pages: int
    filters: tuple[ReadyFilter, ...] = field(default=FILTERS)
    # Under a flag filter: case pk -> the filter's own finding, shown instead of the nearest
    # deadline of any rule. Empty for "all" and the deadline filters (their reason is the
    # nearest deadline).
    reasons: dict[int, Reason] = field(default_factory=dict)

    @property
    def first_index(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.page * PAGE_SIZE, self.total)


def filter_counts(cases: QuerySet[ProgrammeCase], today: date) -> dict[str, int]:
    """Every ready filter's count, and the total, in one query over the given cases.

    Every filter is a condition on the case row (the stored nearest deadline and worklist
    flags), so this is one pass over the cases in view: one filtered ``Count`` per filter
    (``COUNT(...) FILTER (WHERE ...)`` on PostgreSQL, ``CASE WHEN`` on SQLite), with the
    same condition the filter lists its rows by (``ReadyFilter.cases``).
    """
    counts = cases.order_by().aggregate(
        **{ALL: Count("pk")},
        **{x.key: Count("pk", filter=x.cases(today)) for x in FILTERS},
    )
    return {key: int(value or 0) for key, value in counts.items()}


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


def reason_rule(query: Query) -> str:
    """The rule whose stored finding each row shows as its reason for being listed: the
    chosen flag filter's rule, or "" (all cases, and the deadline filters, whose reason is
    the nearest deadline itself)."""
    chosen = FILTERS_BY_KEY.get(query.filter)
    return chosen.rule if chosen is not None else ""


def combined_filter(keys: tuple[str, ...], today: date) -> Q:
    """The condition of several ready filters at once (AND)."""
    condition = Q()
    for key in keys:
        condition &= FILTERS_BY_KEY[key].cases(today)
    return condition


def worklist(user: User, query: Query, today: date) -> Worklist:
    """One page of the worklist with the live counts of every ready filter (two queries;
    three when filters are combined: the combination's count).

    Under a flag filter every row carries the (first) filter's own stored finding
    (``reasons``), read in the same query as the rows: a join on the finding of that one rule
    (unique per case), so the query count does not grow with the rows and no rule is
    evaluated."""
    cases = scoped_cases(user, query)
    counts = filter_counts(cases, today)
    if query.combined:
        cases = cases.filter(combined_filter(query.combined, today))
    total = cases.count() if query.also else counts[query.filter]
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(query.page, pages)
    rule = reason_rule(query)
    deadline_column = "next_deadline_date"
    if rule:
        cases = cases.annotate(
            reason=FilteredRelation("findings", condition=Q(findings__rule=rule)),
            reason_status=F("reason__status"),
            reason_deadline=F("reason__deadline"),
        )
        deadline_column = "reason_deadline"
    start = (page - 1) * PAGE_SIZE
    rows = list(
        cases.select_related("person", "adviser")
        .only(*ROW_FIELDS)
        .order_by(*_sort_expressions(query.sort, query.descending, deadline_column))[
            start : start + PAGE_SIZE
        ]
    )
    reasons: dict[int, Reason] = {}
    if rule:
        for case in rows:
            status = getattr(case, "reason_status", None)
            if status:  # a flag is derived from the finding, so it is stored
                reasons[case.pk] = Reason(rule, status, getattr(case, "reason_deadline", None))
    return Worklist(
        query=query,
        today=today,
        counts=counts,
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        reasons=reasons,
    )


def district_advisers(user: User) -> QuerySet[User]:
    """The programme advisers of the user's district, for the district view's adviser
    choice."""
    if user.district_id is None:
        return User.objects.none()
    return User.objects.filter(
        district_id=user.district_id, role=Role.PROGRAMME_ADVISER, is_active=True
    ).order_by("first_name", "last_name", "username")


REASSIGN_LIMIT = 200  # cases listed at most on the bulk reassignment page


def reassign_candidates(user: User, query: Query, today: date) -> list[ProgrammeCase]:
    """The district's cases the coordinator's worklist query selects (ready filters,
    combinations, adviser and search kept), nearest deadline first, at most
    ``REASSIGN_LIMIT``: one query."""
    cases = scoped_cases(user, replace(query, scope=Scope.DISTRICT))
    if query.combined:
        cases = cases.filter(combined_filter(query.combined, today))
    return list(
        cases.select_related("person", "adviser")
        .only(*ROW_FIELDS, "version")
        .order_by(*_sort_expressions(query.sort, query.descending))[:REASSIGN_LIMIT]
    )
