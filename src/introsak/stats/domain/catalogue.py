"""The statistics views: the audit report's tables and figures, and rule compliance.

Each view is one function ``(scope, filters) -> tuple[StatTable, ...]`` registered with its
name (used in URLs and by ``introsak stats VIEW``), title, source in the report and its
definitions. ``compute_view`` runs one and returns a ``ViewResult``; every output format
(HTML, SVG chart, CSV, Excel, JSON, PDF) reads that result. The definitions are written out
in ``docs/statistics.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from introsak.casefacts.districts import DISTRICTS
from introsak.core.formats import short_date
from introsak.rules import RULES
from introsak.stats import phrases
from introsak.stats.domain import queries, school_waiting
from introsak.stats.domain.filters import BasisGroup, Filters, Period
from introsak.stats.domain.tables import (
    Cell,
    Header,
    Label,
    Layout,
    StatTable,
    count_table,
    mean_table,
)

Compute = Callable[[queries.Scope, Filters, Period], tuple[StatTable, ...]]

WORK_OR_EDUCATION_TARGET = 0.65  # Oslo's target for 2023 and 2024 (report lines 519-520)
LEGAL_START_MONTHS = 3  # integreringsloven § 12 (report lines 757-758)


@dataclass(frozen=True, slots=True)
class ViewSpec:
    name: str  # in URLs and on the command line
    title: Promise
    source: Promise  # where the report shows it
    definitions: tuple[Promise, ...]
    compute: Compute
    years_back: int = 2  # default period: 1 January this many years back to today


@dataclass(frozen=True, slots=True)
class ViewResult:
    spec: ViewSpec
    filters: Filters
    period: Period
    tables: tuple[StatTable, ...]
    suppressed: bool  # whether the small-cell rule was applied

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def main_tables(self) -> tuple[StatTable, ...]:
        return tuple(t for t in self.tables if not t.detail)


def compute_view(name: str, scope: queries.Scope, filters: Filters) -> ViewResult:
    """One view for one request. In a scope with whole months the period is widened to them
    first (``Period.in_whole_months``); the result's period is the one counted."""
    spec = VIEWS[name]
    period = filters.period(spec.years_back)
    if scope.whole_months:
        period = period.in_whole_months(filters.as_of)
    filters = filters.within(period)
    return ViewResult(
        spec=spec,
        filters=filters,
        period=period,
        tables=spec.compute(scope, filters, period),
        suppressed=scope.suppress,
    )


# --- shared definitions ---------------------------------------------------------------------

ENDED = _(
    "Participants whose programme ended in the period. The end date decides the "
    "period and the year."
)
WORK = _(
    "“Work” includes work with a wage subsidy, as in the report. “Qualifying measure” "
    "includes the qualification programme (KVP), other qualifying measures and "
    "continued Norwegian training after the programme."
)
NOT_REGISTERED = _(
    "A programme that ended without a recorded end reason is counted as "
    "“Not registered”, together with those recorded as not registered."
)
DEFAULT_TWO_YEARS = _(
    "Without a chosen period: 1 January two years ago to today, which on "
    "7 August 2024 is the report's period."
)
DEFAULT_ONE_YEAR = _(
    "Without a chosen period: 1 January last year to today, which on "
    "7 August 2024 is the report's period (2023 to 7 August 2024)."
)


# --- rows and columns ------------------------------------------------------------------------


def _districts() -> list[Header]:
    """Every district: a table by district is counted and suppressed over all of them, and
    shows those chosen (``Layout.selected``)."""
    return [Header(d.slug, d.name) for d in DISTRICTS]


def _everywhere(scope: queries.Scope, filters: Filters) -> Filters:
    """The filters of a table that is not by district. Where small numbers are hidden it
    counts every district whatever is chosen, so that two choices of districts can never be
    subtracted from each other; otherwise the districts chosen."""
    return filters.without_districts() if scope.suppress else filters


def _is_everywhere(scope: queries.Scope, filters: Filters) -> bool:
    return scope.suppress and bool(filters.districts)


def _all_label(filters: Filters) -> Label:
    return phrases.SELECTED_DISTRICTS if filters.districts else phrases.OSLO


def _labelled(labels: Mapping[str, Label]) -> list[Header]:
    return [Header(key, label) for key, label in labels.items()]


def _bases(filters: Filters) -> list[BasisGroup]:
    return [b for b in BasisGroup if filters.basis in (None, b)]


def _years(period: Period) -> list[Header]:
    return [Header(str(y), str(y)) for y in period.years]


def _matrix(
    counts: Mapping[queries.Key, int],
    rows: Sequence[Header],
    columns: Sequence[Header],
    key: Callable[[str, str], queries.Key],
) -> list[list[int]]:
    return [[counts.get(key(r.key, c.key), 0) for c in columns] for r in rows]


# --- Table 1: end reasons by district, residence basis and year ----------------------------


def _table_1_rows(
    filters: Filters, period: Period
) -> list[tuple[Header, tuple[str, str, list[int]]]]:
    """Table 1's groups in the report's order, each with what it counts: (district, basis,
    years). Collective protection gets a group per year, other bases one for the period."""
    first, last = period.first.year, period.last.year
    whole = f"{first}-{last}" if first != last else str(first)
    rows = []
    for district in _districts():
        for basis in _bases(filters):
            spans = (
                [(str(y), [y]) for y in period.years]
                if basis is BasisGroup.COLLECTIVE
                else [(whole, period.years)]
            )
            for label, years in spans:
                header = Header(
                    f"{district.key}:{basis}:{label}",
                    f"{district.label}, {phrases.BASIS_GROUPS[basis]} {label.replace('-', '–')}",
                )
                rows.append((header, (district.key, basis.value, years)))
    return rows


def end_reasons(scope: queries.Scope, filters: Filters, period: Period) -> tuple[StatTable, ...]:
    """Table 1, one row per district, residence basis and year (the report's columns), so
    that it stays readable for all 15 districts."""
    counts = queries.ended_counts(
        filters.without_districts(), period, "district", "basis", "year", "reason"
    )
    groups = _table_1_rows(filters, period)
    rows = [header for header, _source in groups]
    sources = [source for _header, source in groups]
    columns = _labelled(phrases.END_REASONS)
    matrix = [
        [sum(counts.get((d, b, y, c.key), 0) for y in years) for c in columns]
        for d, b, years in sources
    ]
    layout = Layout(
        key="end-reasons",
        caption=_(
            "Participants who ended the programme, by district, "
            "residence basis, year the programme ended and end "
            "reason"
        ),
        row_title=_("District, residence basis and year"),
        rows=rows,
        columns=columns,
        column_totals=False,
        row_total_label=_("Sum"),
        selected=tuple(
            h.key for h, (d, _b, _y) in groups if not filters.districts or d in filters.districts
        ),
    )
    return (count_table(layout, matrix, protect=scope.suppress, share_of="row"),)


# --- Figure 2: end reasons by residence basis and year --------------------------------------


def end_reasons_by_basis(
    scope: queries.Scope, filters: Filters, period: Period
) -> tuple[StatTable, ...]:
    counts = queries.ended_counts(_everywhere(scope, filters), period, "basis", "year", "reason")
    columns = [Header(f"{b}:{y}", str(y)) for b in _bases(filters) for y in period.years]
    groups = tuple((phrases.BASIS_GROUPS[b], len(period.years)) for b in _bases(filters))
    rows = _labelled(phrases.END_REASONS)
    layout = Layout(
        key="end-reasons-by-basis",
        caption=_("Participants who ended the programme, by end reason, residence basis and year"),
        row_title=phrases.END_REASON,
        rows=rows,
        columns=columns,
        column_groups=groups,
        every_district=_is_everywhere(scope, filters),
    )
    matrix = _matrix(counts, rows, columns, lambda r, c: (c.split(":")[0], int(c.split(":")[1]), r))
    return (count_table(layout, matrix, protect=scope.suppress, share_of="column"),)


# --- Figure 3: end reasons by district --------------------------------------------------------


def _reasons_by_district(
    scope: queries.Scope,
    filters: Filters,
    period: Period,
    *,
    key: str,
    caption: Label,
    total_label: Label,
) -> StatTable:
    counts = queries.ended_counts(filters.without_districts(), period, "district", "reason")
    rows, columns = _districts(), _labelled(phrases.END_REASONS)
    layout = Layout(
        key=key,
        caption=caption,
        row_title=phrases.DISTRICT,
        rows=rows,
        columns=columns,
        total_label=total_label,
        selected=filters.districts,
    )
    matrix = _matrix(counts, rows, columns, lambda r, c: (r, c))
    return count_table(layout, matrix, protect=scope.suppress, share_of="row")


def end_reasons_by_district(
    scope: queries.Scope, filters: Filters, period: Period
) -> tuple[StatTable, ...]:
    return (
        _reasons_by_district(
            scope,
            filters,
            period,
            key="end-reasons-by-district",
            caption=_("Participants who ended the programme, by district and end reason"),
            total_label=_all_label(filters),
        ),
    )


# --- Figure 14: collective protection by district -------------------------------------------


def collective_by_district(
    scope: queries.Scope, filters: Filters, period: Period
) -> tuple[StatTable, ...]:
    collective = replace(filters, basis=BasisGroup.COLLECTIVE)
    districts = _reasons_by_district(
        scope,
        collective,
        period,
        key="collective-by-district",
        caption=_(
            "Participants with collective protection who ended the programme, by "
            "district and end reason"
        ),
        total_label=_("All with collective protection"),
    )
    other = replace(_everywhere(scope, filters), basis=BasisGroup.OTHER)
    counts = queries.ended_counts(other, period, "reason")
    columns = _labelled(phrases.END_REASONS)
    layout = Layout(
        key="other-basis",
        caption=_(
            "For comparison: participants with another residence basis who ended the programme"
        ),
        row_title=_("Residence basis"),
        rows=[Header("other", _("All with another residence basis"))],
        columns=columns,
        column_totals=False,
        every_district=_is_everywhere(scope, filters),
    )
    comparison = count_table(
        layout, [[counts.get((c.key,), 0) for c in columns]], protect=scope.suppress, share_of="row"
    )
    return districts, comparison


# --- Figures 6 and 13: education at arrival ----------------------------------------------------


def education(scope: queries.Scope, filters: Filters, period: Period) -> tuple[StatTable, ...]:
    counts = queries.ended_counts(_everywhere(scope, filters), period, "education", "year")
    rows, columns = _labelled(phrases.EDUCATION_LEVELS), _years(period)
    layout = Layout(
        key="education",
        caption=_("Participants who ended the programme, by education at arrival and year"),
        row_title=phrases.EDUCATION_AT_ARRIVAL,
        rows=rows,
        columns=columns,
        row_total_label=phrases.ALL_YEARS,
        every_district=_is_everywhere(scope, filters),
    )
    matrix = _matrix(counts, rows, columns, lambda r, c: (r, int(c)))
    return (count_table(layout, matrix, protect=scope.suppress, share_of="column"),)


def end_reasons_by_education(
    scope: queries.Scope, filters: Filters, period: Period
) -> tuple[StatTable, ...]:
    counts = queries.ended_counts(_everywhere(scope, filters), period, "education", "reason")
    rows, columns = _labelled(phrases.EDUCATION_LEVELS), _labelled(phrases.END_REASONS)
    layout = Layout(
        key="end-reasons-by-education",
        caption=_("Participants who ended the programme, by education at arrival and end reason"),
        row_title=phrases.EDUCATION_AT_ARRIVAL,
        rows=rows,
        columns=columns,
        every_district=_is_everywhere(scope, filters),
    )
    matrix = _matrix(counts, rows, columns, lambda r, c: (r, c))
    return (count_table(layout, matrix, protect=scope.suppress, share_of="row"),)


# --- Figure 5: months from settlement to start -----------------------------------------------


def months_to_start(
    scope: queries.Scope, filters: Filters, period: Period
) -> tuple[StatTable, ...]:
    sums = queries.months_to_start_sums(filters.without_districts(), period)
    rows, columns = _districts(), _years(period)
    counts = [[sums.get((r.key, int(c.key)), (0, 0))[0] for c in columns] for r in rows]
    days = [[float(sums.get((r.key, int(c.key)), (0, 0))[1]) for c in columns] for r in rows]
    layout = Layout(
        key="months-to-start",
        caption=_(
            "Average months from settlement to programme start, by district "
            "and year the programme started (number of participants in "
            "brackets)"
        ),
        row_title=phrases.DISTRICT,
        rows=rows,
        columns=columns,
        total_label=_all_label(filters),
        row_total_label=phrases.ALL_YEARS,
        selected=filters.districts,
    )
    return (
        mean_table(
            layout,
            counts,
            days,
            protect=scope.suppress,
            scale=queries.DAYS_PER_MONTH,
            value_label=_("average months"),
        ),
    )


# --- Figure 7: participants and participants per adviser ------------------------------------


def caseload(scope: queries.Scope, filters: Filters, period: Period) -> tuple[StatTable, ...]:
    day = filters.reference_day()
    running = queries.running_counts(filters.without_districts(), day, filters.districts)
    participants = count_table(
        Layout(
            key="participants",
            caption="",
            row_title=phrases.DISTRICT,
            rows=_districts(),
            columns=[Header("participants", "")],
            row_totals=False,
            selected=filters.districts,
        ),
        [[running.participants.get(r.key, 0)] for r in _districts()],
        protect=scope.suppress,
    )
    rows = participants.rows
    advisers = [running.advisers.get(r.key, 0) for r in rows]
    cells = tuple(
        (shown[0], Cell(count=a), Cell(value=_ratio(shown[0], a), suppressed=shown[0].suppressed))
        for shown, a in zip(participants.cells, advisers, strict=True)
    )
    assert participants.column_totals is not None
    total = participants.column_totals[0]
    day_label = short_date(day)  # as the page's language writes dates (07.08.2024 in bokmål)
    return (
        StatTable(
            key="caseload",
            caption=_(
                "Participants in the programme on %(day)s and participants per programme "
                "adviser, by district"
            )
            % {"day": day_label},
            row_title=phrases.DISTRICT,
            rows=tuple(rows),
            columns=(
                Header("participants", _("Participants")),
                Header("advisers", _("Programme advisers")),
                Header("per_adviser", _("Participants per adviser")),
            ),
            cells=cells,
            column_totals=(
                total,
                Cell(count=running.advisers_total),
                Cell(value=_ratio(total, running.advisers_total), suppressed=total.suppressed),
            ),
            total_label=_all_label(filters),
        ),
    )


def _ratio(participants: Cell, advisers: int) -> float | None:
    if participants.count is None or not advisers:
        return None
    return participants.count / advisers


# --- compliance with the rule catalogue -------------------------------------------------------


def _rule_label(rule_id: str, title: str) -> Label:
    return f"{rule_id} {phrases.RULE_TITLES.get(rule_id, title)}"


def compliance(scope: queries.Scope, filters: Filters, period: Period) -> tuple[StatTable, ...]:
    counts = queries.status_counts(filters.without_districts(), period, filters.as_of)
    districts = _districts()
    statuses = _labelled(phrases.COMPLIANCE_STATUSES)
    per_rule = [
        count_table(
            Layout(
                key=f"compliance-{rule.id}",
                caption=_rule_label(rule.id, rule.title),
                row_title=phrases.DISTRICT,
                rows=districts,
                columns=statuses,
                total_label=_all_label(filters),
                row_total_label=_("Assessed"),
                detail=True,
                selected=filters.districts,
            ),
            [[counts.get((rule.id, d.key, s.key), 0) for s in statuses] for d in districts],
            protect=scope.suppress,
            share_of="row",
        )
        for rule in RULES
    ]
    summary = StatTable(
        key="compliance",
        caption=_(
            "Share of assessed findings met on time, by rule and district (number "
            "assessed in brackets)"
        ),
        row_title=phrases.RULE,
        rows=tuple(Header(rule.id, _rule_label(rule.id, rule.title)) for rule in RULES),
        columns=per_rule[0].rows,
        cells=tuple(tuple(_met_share(t, d.key) for d in t.rows) for t in per_rule),
        row_totals=tuple(_met_share(t, None) for t in per_rule),
        row_total_label=_all_label(filters),
        share_of="row",
        emphasis="share",
    )
    return summary, *per_rule


def _met_share(table: StatTable, district: str | None) -> Cell:
    """A rule table's share met on time and number assessed for a district (or all)."""
    if district is None:
        assessed, met = table.grand_total, table.column_total("met")
    else:
        assessed, met = table.row_total(district), table.cell(district, "met")
    assert assessed is not None
    if assessed.suppressed or met.suppressed:
        return Cell(suppressed=True)
    return Cell(count=assessed.count, share=met.share)


def _bin_label(low: int, high: int | None) -> str:
    if high is None:
        return _("%(low)s days or more") % {"low": low}
    return _("%(low)s–%(high)s days") % {"low": low, "high": high}


def days_late(scope: queries.Scope, filters: Filters, period: Period) -> tuple[StatTable, ...]:
    counts = queries.days_late_counts(_everywhere(scope, filters), period, filters.as_of)
    rows = [Header(rule.id, _rule_label(rule.id, rule.title)) for rule in RULES]
    columns = [Header(key, _bin_label(low, high)) for key, low, high in queries.LATE_BINS]
    layout = Layout(
        key="days-late",
        caption=_("Findings met late or still overdue, by rule and days after the deadline"),
        row_title=phrases.RULE,
        rows=rows,
        columns=columns,
        every_district=_is_everywhere(scope, filters),
    )
    matrix = _matrix(counts, rows, columns, lambda r, c: (r, c))
    return (count_table(layout, matrix, protect=scope.suppress, share_of="row"),)


def school_waiting_view(
    scope: queries.Scope, filters: Filters, period: Period
) -> tuple[StatTable, ...]:
    return school_waiting.school_waiting(
        scope, _everywhere(scope, filters), period, every_district=_is_everywhere(scope, filters)
    )


# --- the catalogue -------------------------------------------------------------------------------

VIEWS: dict[str, ViewSpec] = {
    spec.name: spec
    for spec in (
        ViewSpec(
            name="end-reasons",
            title=_("End reasons by district, residence basis and year"),
            source=pgettext_lazy("report", "Table 1"),
            definitions=(
                ENDED,
                _(
                    "For collective protection one row per year; other residence bases in one row "
                    "for the whole period, because their numbers are small (as in the report, "
                    "whose columns are the rows here)."
                ),
                WORK,
                NOT_REGISTERED,
                DEFAULT_ONE_YEAR,
            ),
            compute=end_reasons,
            years_back=1,
        ),
        ViewSpec(
            name="end-reasons-by-basis",
            title=_("End reasons by residence basis and year"),
            source=pgettext_lazy("report", "Figure 2"),
            definitions=(
                ENDED,
                _("All chosen districts together (all of Oslo by default)."),
                WORK,
                NOT_REGISTERED,
                DEFAULT_TWO_YEARS,
            ),
            compute=end_reasons_by_basis,
        ),
        ViewSpec(
            name="end-reasons-by-district",
            title=_("End reasons by district"),
            source=pgettext_lazy("report", "Figure 3"),
            definitions=(
                ENDED,
                _(
                    "Both residence bases. The total row is the average for all chosen districts "
                    "(Oslo). The line marks Oslo's target for 2023 and 2024: at least 65 percent "
                    "into work or education."
                ),
                WORK,
                NOT_REGISTERED,
                DEFAULT_TWO_YEARS,
            ),
            compute=end_reasons_by_district,
        ),
        ViewSpec(
            name="months-to-start",
            title=_("Months from settlement to programme start"),
            source=pgettext_lazy("report", "Figure 5"),
            definitions=(
                _(
                    "Participants whose programme started in the period. The start date decides the "  # noqa: E501
                    "period and the year."
                ),
                _(
                    "Months are days from settlement to start divided by 30.4375, the average "
                    "length of a month. The line marks the legal limit: start at the latest three "
                    "months after settlement (integreringsloven § 12)."
                ),
                DEFAULT_TWO_YEARS,
            ),
            compute=months_to_start,
        ),
        ViewSpec(
            name="education",
            title=_("Education at arrival"),
            source=pgettext_lazy("report", "Figure 6"),
            definitions=(
                ENDED,
                _("Highest completed education at arrival in Norway, as recorded on the person."),
                DEFAULT_TWO_YEARS,
            ),
            compute=education,
        ),
        ViewSpec(
            name="end-reasons-by-education",
            title=_("End reasons by education at arrival"),
            source=pgettext_lazy("report", "Figure 13"),
            definitions=(ENDED, WORK, NOT_REGISTERED, DEFAULT_TWO_YEARS),
            compute=end_reasons_by_education,
        ),
        ViewSpec(
            name="collective-by-district",
            title=_("Collective protection: end reasons by district"),
            source=pgettext_lazy("report", "Figure 14"),
            definitions=(
                ENDED,
                _(
                    "Only participants with collective protection, whatever residence basis is "
                    "chosen; the two total rows compare all with collective protection and all "
                    "with another residence basis."
                ),
                WORK,
                NOT_REGISTERED,
                DEFAULT_ONE_YEAR,
            ),
            compute=collective_by_district,
            years_back=1,
        ),
        ViewSpec(
            name="caseload",
            title=_("Participants and participants per adviser"),
            source=pgettext_lazy("report", "Figure 7"),
            definitions=(
                _(
                    "Participants in the programme on the last day of the period (today by "
                    "default): started on or before that day and not ended by it. The start of the "
                    "period is not used."
                ),
                _(
                    "Programme advisers are the distinct advisers assigned to those participants. "
                    "The report's Figure 7 was a survey at the end of August 2024; here the numbers "  # noqa: E501
                    "are counted from the cases."
                ),
            ),
            compute=caseload,
        ),
        ViewSpec(
            name="compliance",
            title=_("Compliance with the rules, by district"),
            source=_("New: not in the report"),
            definitions=(
                _(
                    "For each rule of the catalogue, the share of assessed findings that were met "
                    "by their deadline. A finding belongs to the period of its deadline; a "
                    "duration finding, which has no deadline, to the date of the programme "
                    "decision."
                ),
                _(
                    "Assessed means met on time, met late, overdue or breached. Findings not yet "
                    "due, not applicable, or missing a fact are not counted. A pending finding "
                    "whose deadline has passed counts as overdue."
                ),
                DEFAULT_TWO_YEARS,
            ),
            compute=compliance,
        ),
        ViewSpec(
            name="days-late",
            title=_("Days late, by rule"),
            source=_("New: not in the report"),
            definitions=(
                _(
                    "Findings whose deadline in the period was missed: met late (days from the "
                    "deadline to the day it was met) or still overdue (days from the deadline to "
                    "today)."
                ),
                DEFAULT_TWO_YEARS,
            ),
            compute=days_late,
        ),
        ViewSpec(
            name="school-waiting",
            title=_("Waiting for a school place in Norwegian training"),
            source=_("Report lines 803–808"),
            definitions=(
                _(
                    "Days from the intake interview (the mapping appointment) at the service "
                    "centre to the start of Norwegian training, as the report counts them, for "
                    "persons whose training started in the period; the start decides the "
                    "half-year and the school is the one where training started."
                ),
                _(
                    "Within 3 months: training started at most 91 days after settlement (three "
                    "mean months). The distribution and this share are over the whole period."
                ),
                DEFAULT_TWO_YEARS,
            ),
            compute=school_waiting_view,
        ),
    )
}
