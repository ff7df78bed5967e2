"""How cases and deadlines are shown in tables: the worklist's columns and cells.

Status is always shown by colour *and* text (WCAG 1.4.1). Identity numbers are masked in
lists; a confidential address is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_stubs_ext import StrOrPromise

from introsak.access.domain.protection import (
    display_adviser,
    display_name,
    display_national_id,
    protection_label,
)
from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.cases.enums import FindingStatus, ResidenceBasis, Stage
from introsak.cases.models import ProgrammeCase
from introsak.core.reversing import fast_reverse
from introsak.workspace.domain.worklist import (
    FILTERS,
    Query,
    Reason,
    Scope,
    Sort,
    Worklist,
    effective_status,
    reason_rule,
)
from introsak.workspace.phrases import (
    DUE_SOON,
    STATUS_COLOURS,
    choice_labels,
    rule_title,
    status_label,
)


@dataclass(frozen=True)
class DeadlineCell:
    """A deadline with its rule and its status as of today, ready to show."""

    rule: str
    title: StrOrPromise
    day: date | None  # None: a finding without a deadline (a breach), under a flag filter
    status: str
    label: StrOrPromise
    colour: str
    distance: str  # "in 5 days", "12 days overdue", "today"; "" without a day


def distance(day: date, today: date) -> str:
    days = (day - today).days
    if days == 0:
        return str(_("due today"))
    if days > 0:
        return ngettext("in %(n)d day", "in %(n)d days", days) % {"n": days}
    return ngettext("%(n)d day overdue", "%(n)d days overdue", -days) % {"n": -days}


def deadline_cell(rule: str, day: date | None, status: str, today: date) -> DeadlineCell | None:
    if day is None or not rule:
        return None
    return _cell(rule, day, status, today)


def reason_cell(reason: Reason, today: date) -> DeadlineCell:
    """The finding a flag filter lists the case for: its rule, status as of today and its
    deadline (a breach may have none)."""
    return _cell(reason.rule, reason.deadline, reason.status, today)


def _cell(rule: str, day: date | None, status: str, today: date) -> DeadlineCell:
    shown = effective_status(status, day, today)
    label: StrOrPromise = status_label(shown)
    colour = STATUS_COLOURS.get(shown, "neutral")
    if (
        shown == FindingStatus.PENDING
        and day is not None
        and day <= today + timedelta(days=settings.INTROSAK_DUE_SOON_DAYS)
    ):
        label, colour = DUE_SOON, "warning"
    return DeadlineCell(
        rule=rule,
        title=rule_title(rule),
        day=day,
        status=shown,
        label=label,
        colour=colour,
        distance=distance(day, today) if day is not None else "",
    )


@dataclass(frozen=True)
class Row:
    """One case in the worklist."""

    pk: int
    url: str
    name: str
    identity: str
    protection: str  # "Confidential address", or empty
    residence_basis: str
    stage: str
    adviser: str
    start: date | None
    deadline: DeadlineCell | None
    # True under a flag filter: ``deadline`` is the filter's own finding, not the nearest
    # deadline of any rule.
    is_reason: bool = False


def row(
    case: ProgrammeCase,
    today: date,
    user: User,
    reason: Reason | None = None,
    *,
    is_reason: bool = False,
) -> Row:
    """The row as ``user`` may see it: auditors without an identity grant see a pseudonym.
    Under a flag filter (``is_reason``) the deadline cell is the filter's own finding."""
    bases, stages = choice_labels(ResidenceBasis), choice_labels(Stage)
    person = case.person
    return Row(
        pk=case.pk,
        url=fast_reverse("workspace:case", case.pk),
        name=display_name(user, person),
        identity=display_national_id(user, person, masked=True),
        protection=protection_label(person),
        residence_basis=bases.get(person.residence_basis, person.residence_basis),
        stage=stages.get(case.stage, case.stage),
        adviser=display_adviser(user, case),
        start=case.start_date,
        deadline=(
            (reason_cell(reason, today) if reason is not None else None)
            if is_reason
            else deadline_cell(
                case.next_deadline_rule, case.next_deadline_date, case.next_deadline_status, today
            )
        ),
        is_reason=is_reason,
    )


@dataclass(frozen=True)
class Column:
    key: str
    label: StrOrPromise
    sort: Sort | None = None


COLUMNS: tuple[Column, ...] = (
    Column("name", _("Name"), Sort.NAME),
    Column("residence_basis", _("Residence basis")),
    Column("stage", _("Stage"), Sort.STAGE),
    Column("adviser", _("Programme adviser")),
    Column("deadline", _("Nearest deadline"), Sort.DEADLINE),
    Column("start", _("Start"), Sort.START),
)


def query_string(query: Query, **changes: object) -> str:
    """The worklist URL's query string for ``query`` with some parameters changed; defaults
    are left out so URLs stay short."""
    params: dict[str, object] = {
        "scope": query.scope.value,
        "filter": query.filter,
        "q": query.q,
        "adviser": query.adviser or "",
        "sort": query.sort_param,
        "page": query.page,
        "closed": "1" if query.include_closed else "",
        "and": ",".join(query.also),
    }
    params.update(changes)
    defaults = {"filter": "all", "q": "", "adviser": "", "sort": Sort.DEADLINE.value, "page": 1}
    kept = {k: v for k, v in params.items() if v not in (None, "") and defaults.get(k) != v}
    return "?" + urlencode(kept)


@dataclass(frozen=True)
class HeaderCell:
    label: StrOrPromise
    aria_sort: str  # "ascending", "descending", "none", or "" when not sortable
    href: str


# The deadline column's heading under a flag filter: it shows the filter's own finding.
REASON_LABEL = _("Why listed")


def header(worklist: Worklist) -> list[HeaderCell]:
    query = worklist.query
    cells = []
    listed_for = reason_rule(query)
    for column in COLUMNS:
        label = REASON_LABEL if column.key == "deadline" and listed_for else column.label
        if column.sort is None:
            cells.append(HeaderCell(label, "", ""))
            continue
        current = column.sort is query.sort
        aria = ("descending" if query.descending else "ascending") if current else "none"
        flip = current and not query.descending
        href = query_string(query, sort=("-" if flip else "") + column.sort.value, page=1)
        cells.append(HeaderCell(label, aria, href))
    return cells


@dataclass(frozen=True)
class PageLink:
    number: int
    href: str
    current: bool


def page_links(worklist: Worklist, around: int = 2) -> list[PageLink | None]:
    """Page numbers to show: first, last and a few around the current one (None = a gap)."""
    shown = sorted({1, worklist.pages, *range(worklist.page - around, worklist.page + around + 1)})
    links: list[PageLink | None] = []
    previous = 0
    for number in shown:
        if not 1 <= number <= worklist.pages:
            continue
        if number > previous + 1:
            links.append(None)
        links.append(
            PageLink(number, query_string(worklist.query, page=number), number == worklist.page)
        )
        previous = number
    return links


def worklist_context(worklist: Worklist, user: User) -> dict[str, Any]:
    """Everything the worklist templates show: rows, header, filters with counts, scopes and
    page links, each link with the rest of the query kept."""
    query, today = worklist.query, worklist.today
    listed_for = bool(reason_rule(query))
    filters = [
        {
            "key": x.key,
            "label": x.label,
            "count": worklist.counts[x.key],
            "href": query_string(query, filter=x.key, page=1, **{"and": ""}),
            "current": query.filter == x.key,
        }
        for x in FILTERS
    ]
    scopes = [
        {
            "key": scope.value,
            "label": label,
            "href": query_string(
                query, scope=scope.value, page=1, **({"adviser": ""} if scope is Scope.MINE else {})
            ),
            "current": query.scope is scope,
        }
        for scope, label in (
            (Scope.MINE, _("My participants")),
            (Scope.DISTRICT, _("The district's participants")),
        )
    ]
    return {
        "worklist": worklist,
        "query": query,
        "rows": [
            row(case, today, user, worklist.reasons.get(case.pk), is_reason=listed_for)
            for case in worklist.rows
        ],
        "header": header(worklist),
        "page_links": page_links(worklist),
        "previous_href": query_string(query, page=worklist.page - 1) if worklist.page > 1 else "",
        "next_href": (
            query_string(query, page=worklist.page + 1) if worklist.page < worklist.pages else ""
        ),
        "filters": filters,
        "all_filter": {
            "count": worklist.counts["all"],
            "current": query.filter == "all",
            "href": query_string(query, filter="all", page=1, **{"and": ""}),
        },
        "combine": combine_context(worklist),
        "scopes": scopes,
        "closed_toggle": query_string(query, closed="" if query.include_closed else "1", page=1),
        "today": today,
        # Auditors find cases by the pseudonyms they are shown (``worklist.search``).
        "searches_pseudonyms": user.role == Role.AUDITOR,
    }


def combine_context(worklist: Worklist) -> dict[str, Any]:
    """The form that combines the chosen ready filter with others (AND): every other filter
    with whether it is chosen, and the combination's label and count."""
    query = worklist.query
    labels = {x.key: x.label for x in FILTERS}
    return {
        "chosen": [labels[key] for key in query.combined],
        "options": [
            {"key": x.key, "label": x.label, "checked": x.key in query.also}
            for x in FILTERS
            if x.key != query.filter
        ],
        "count": worklist.total,
        "clear_href": query_string(query, page=1, **{"and": ""}) if query.also else "",
    }
