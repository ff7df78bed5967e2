"""Waiting for a school place (issue 16), as the audit report defines it: days from the
intake interview (the mapping appointment) at the service centre to the start of Norwegian
training, per school and half-year, with the distribution and the share who started within
3 months of settlement (report lines 803–808: Helsfyr about 124 days in the first half of
2024, Skullerud 50, Rosenhoff 59).

Counted: cases (not strictly confidential) whose training record has a mapping appointment,
a start and a school, with the start in the period; the start decides the half-year. The rows
are every school named in any training record (the report's three when none is). Three
months are 91 days (three mean months of 30.4375 days, rounded down), so that the database
can count them. Two queries whatever the number of cases (the schools, and one aggregate).
"""

from __future__ import annotations

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext_lazy as _

from introsak.cases.models import TrainingPath
from introsak.stats.domain import queries
from introsak.stats.domain.filters import Filters, Period
from introsak.stats.domain.tables import Header, Layout, StatTable, count_table, mean_table

THREE_MONTHS_DAYS = 91
# Upper bounds (days) of the distribution's bins; the last bin is open.
WAIT_BINS = ((0, 30), (31, 60), (61, 90), (91, 120), (121, 180), (181, None))


def waiting_rows(filters: Filters, period: Period) -> QuerySet[TrainingPath]:
    return TrainingPath.objects.filter(
        queries.counted_cases("case__"),
        filters.cases_q("case__"),
        started_on__range=(period.first, period.last),
        mapping_appointment_on__isnull=False,
    ).exclude(school="")


# The report's three schools: the rows when no training record names a school yet.
REPORT_SCHOOLS = ("helsfyr", "rosenhoff", "skullerud")


def _schools() -> list[str]:
    """Every school named in any training record, whatever the period or filters, so that
    the rows never depend on the choice (and an empty choice still has rows)."""
    found = set(TrainingPath.objects.exclude(school="").values_list("school", flat=True).distinct())
    return sorted(found or REPORT_SCHOOLS)


def _wait() -> queries.DaysBetween:
    return queries.DaysBetween("mapping_appointment_on", "started_on")


def _half() -> Case:
    return Case(When(Q(month__lte=6), then=Value(1)), default=Value(2), output_field=IntegerField())


def _bin() -> Case:
    whens = [
        When(Q(wait__lte=high), then=Value(i)) for i, (_low, high) in enumerate(WAIT_BINS) if high
    ]
    return Case(*whens, default=Value(len(WAIT_BINS) - 1), output_field=IntegerField())


def _within_3_months() -> Case:
    return Case(
        When(Q(from_settlement__lte=THREE_MONTHS_DAYS), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _add(target: dict[queries.Key, dict[str, int]], key: queries.Key, **values: int) -> None:
    found = target.setdefault(key, {})
    for name, value in values.items():
        found[name] = found.get(name, 0) + value


def school_label(code: str) -> str:
    """A school's name from its code (``helsfyr`` → Helsfyr): statistics sit below the intake
    app, which keeps the names, and the codes are the schools' names in lower case."""
    return code.replace("_", " ").replace("-", " ").title()


def half_year_label(key: str) -> str:
    year, half = key.split("-")
    return (
        _("%(year)s, first half") % {"year": year}
        if half == "1"
        else _("%(year)s, second half") % {"year": year}
    )


def _half_years(period: Period) -> list[Header]:
    keys = [
        f"{year}-{half}"
        for year in period.years
        for half in (1, 2)
        if (year, half) >= (period.first.year, 1 if period.first.month <= 6 else 2)
        and (year, half) <= (period.last.year, 1 if period.last.month <= 6 else 2)
    ]
    return [Header(key, half_year_label(key)) for key in keys]


def school_waiting(
    scope: queries.Scope, filters: Filters, period: Period, *, every_district: bool
) -> tuple[StatTable, ...]:
    rows = waiting_rows(filters, period).annotate(
        wait=_wait(),
        month=ExtractMonth("started_on"),
        year=ExtractYear("started_on"),
        from_settlement=queries.DaysBetween("case__person__settlement_date", "started_on"),
    )
    # One round trip: every combination of school, half-year, bin and "within 3 months"
    # (a few hundred groups at most), summed up here into the three tables.
    groups = queries.grouped(
        rows,
        {"school": F("school"), "year": F("year"), "half": _half(), "bin": _bin(),
         "within": _within_3_months()},
        n=Count("pk"),
        days=Sum("wait"),
    )  # fmt: skip
    by_half: dict[queries.Key, dict[str, int]] = {}
    by_bin: dict[queries.Key, dict[str, int]] = {}
    within: dict[queries.Key, dict[str, int]] = {}
    for (school, year, half, bin_, inside), row in groups.items():
        n, days = row["n"], row["days"] or 0
        _add(by_half, (school, year, half), n=n, days=days)
        _add(by_bin, (school, bin_), n=n)
        _add(within, (school,), n=n, within=n if inside else 0)
    schools = _schools()
    headers = [Header(code, school_label(code)) for code in schools]
    columns = _half_years(period)
    means = _means(scope, headers, columns, by_half, every_district)
    bins = _distribution(scope, headers, by_bin, every_district)
    share = _within(scope, headers, within, every_district)
    return (means, bins, share)


def _means(
    scope: queries.Scope,
    rows: list[Header],
    columns: list[Header],
    sums: dict[queries.Key, dict[str, int]],
    every_district: bool,
) -> StatTable:
    def get(school: str, column: str, name: str) -> int:
        year, half = column.split("-")
        return (sums.get((school, int(year), int(half))) or {}).get(name) or 0

    layout = Layout(
        key="school-waiting",
        caption=_(
            "Average days from the mapping appointment at the service centre to the start of "
            "Norwegian training, by school and half-year of the start (number of persons in "
            "brackets)"
        ),
        row_title=_("School"),
        rows=rows,
        columns=columns,
        row_total_label=_("Whole period"),
        every_district=every_district,
    )
    counts = [[get(r.key, c.key, "n") for c in columns] for r in rows]
    days = [[float(get(r.key, c.key, "days")) for c in columns] for r in rows]
    return mean_table(layout, counts, days, protect=scope.suppress, value_label=_("average days"))


def _bin_label(low: int, high: int | None) -> str:
    if high is None:
        return _("%(low)s days or more") % {"low": low}
    return _("%(low)s–%(high)s days") % {"low": low, "high": high}


def _distribution(
    scope: queries.Scope,
    rows: list[Header],
    counts: dict[queries.Key, dict[str, int]],
    every_district: bool,
) -> StatTable:
    columns = [Header(str(i), _bin_label(low, high)) for i, (low, high) in enumerate(WAIT_BINS)]
    layout = Layout(
        key="school-waiting-distribution",
        caption=_("Persons by days waited for a school place, by school (whole period)"),
        row_title=_("School"),
        rows=rows,
        columns=columns,
        detail=True,
        every_district=every_district,
    )
    matrix = [
        [(counts.get((r.key, i)) or {}).get("n", 0) for i in range(len(WAIT_BINS))] for r in rows
    ]
    return count_table(layout, matrix, protect=scope.suppress, share_of="row")


def _within(
    scope: queries.Scope,
    rows: list[Header],
    counts: dict[queries.Key, dict[str, int]],
    every_district: bool,
) -> StatTable:
    columns = [
        Header("within", _("Within 3 months of settlement")),
        Header("later", _("Later")),
    ]
    layout = Layout(
        key="school-waiting-within",
        caption=_(
            "Persons who started Norwegian training within 3 months of settlement, by school"
        ),
        row_title=_("School"),
        rows=rows,
        columns=columns,
        detail=True,
        every_district=every_district,
    )
    matrix = []
    for r in rows:
        found = counts.get((r.key,)) or {}
        n, inside = found.get("n", 0), found.get("within", 0)
        matrix.append([inside, n - inside])
    return count_table(layout, matrix, protect=scope.suppress, share_of="row")
