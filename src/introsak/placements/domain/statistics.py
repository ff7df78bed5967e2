"""Work-first statistics (issue 15, item 8), with the statistics dashboard's small-cell
suppression (``introsak.suppression``).

* ``practice-sectors``: Figure 9 of the audit report. Placements started in the period by
  workplace type (the employer's sector; kindergartens split municipal and private) and
  district, with the number of districts that have one ("named by N districts" in the
  report).
* ``practice-share``: participants in the programme in the period, per district, with and
  without language or work practice (a practice activity overlapping the period, whether
  recorded through a placement or directly), and the share with practice.
* ``placement-outcomes``: placements ended in the period by outcome (hired, wage subsidy,
  not hired) per district, and declined offers by reason.

The population is the statistics dashboard's: every case except strictly confidential
persons', for every user (``docs/statistics.md``, "Differencing"); tables are counted over
all 15 districts. Counts of persons are suppressed with ``suppress`` when asked
(``suppressed=True``: the web page for users without the unsuppressed permission and
``--suppress`` on the command line); the count of districts is not a count of persons.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from introsak.casefacts.enums import (
    ActivityKind,
    Ownership,
    PlacementStatus,
    ProtectedAddress,
    Sector,
)
from introsak.cases.enums import Sector as SectorLabel
from introsak.cases.models import Activity, ProgrammeCase
from introsak.core.models import District
from introsak.placements.enums import DeclineReason, Outcome
from introsak.placements.models import Placement
from introsak.suppression import HIDDEN_STATES, Suppression, suppress

VIEWS = ("practice-sectors", "practice-share", "placement-outcomes")
PRACTICE_ACTIVITY_KINDS = (ActivityKind.LANGUAGE_PRACTICE, ActivityKind.WORK_PRACTICE)
MUNICIPAL_KINDERGARTEN = "municipal_kindergarten"
PRIVATE_KINDERGARTEN = "private_kindergarten"
# Figure 9's rows, in the report's order, then the other sectors.
FIGURE_9_ROWS = (
    MUNICIPAL_KINDERGARTEN,
    PRIVATE_KINDERGARTEN,
    Sector.SCHOOL_AKS.value,
    Sector.DISTRICT_ADMINISTRATION.value,
    Sector.HOME_SERVICES.value,
    Sector.NURSING_HOME.value,
    Sector.SHOP.value,
    Sector.GROCERY.value,
    Sector.CLEANING.value,
    Sector.CANTEEN.value,
    Sector.RESTAURANT.value,
    Sector.HOTEL.value,
)
SECTOR_ROWS = (
    *FIGURE_9_ROWS,
    *(s.value for s in Sector if s is not Sector.KINDERGARTEN and s.value not in FIGURE_9_ROWS),
)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def overlapping(self, start: str, end: str) -> Q:
        """Rows whose ``start``–``end`` (end may be empty) overlaps the period."""
        return Q(**{f"{start}__lte": self.end}) & (
            Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": self.start})
        )


@dataclass(frozen=True)
class Table:
    """Counts of persons (rows × columns) with totals; ``extra`` columns are not counts of
    persons (districts naming a sector, a share) and are not suppressed."""

    name: str
    title: str
    rows: tuple[tuple[str, str], ...]  # (key, label)
    columns: tuple[tuple[str, str], ...]
    counts: tuple[tuple[int, ...], ...]
    suppression: Suppression | None = None
    extra_title: str = ""
    extra: tuple[str, ...] = ()

    def cell(self, row: int, column: int) -> int | None:
        """The count as published (None: hidden)."""
        if self.suppression is not None and self.suppression.cell(row, column):
            return None
        return self.counts[row][column]

    def row_total(self, row: int) -> int | None:
        hidden = self.suppression is not None and self.suppression.row_total(row)
        return None if hidden else sum(self.counts[row])

    def column_total(self, column: int) -> int | None:
        hidden = self.suppression is not None and self.suppression.column_total(column)
        return None if hidden else sum(r[column] for r in self.counts)

    @property
    def published(self) -> list[dict[str, object]]:
        """Each row as shown: label, cells (None: hidden), total and the extra column."""
        return [
            {
                "label": label,
                "cells": [self.cell(r, c) for c in range(len(self.columns))],
                "total": self.row_total(r),
                "extra": self.extra[r] if self.extra else "",
            }
            for r, (_key, label) in enumerate(self.rows)
        ]

    def grand_total(self) -> int | None:
        hidden = self.suppression is not None and self.suppression.grand_total()
        return None if hidden else sum(map(sum, self.counts))


def counted_cases() -> QuerySet[ProgrammeCase]:
    """The statistics' population: every case but strictly confidential persons'."""
    return ProgrammeCase.objects.exclude(
        person__protected_address=ProtectedAddress.STRICTLY_CONFIDENTIAL
    )


def _districts() -> list[District]:
    return list(District.objects.order_by("number"))


def _table(
    name: str,
    title: str,
    rows: Sequence[tuple[str, str]],
    columns: Sequence[tuple[str, str]],
    counts: Counter[tuple[str, str]],
    suppressed: bool,
    **extra: object,
) -> Table:
    grid = tuple(tuple(counts[(r, c)] for c, _label in columns) for r, _label in rows)
    return Table(
        name=name,
        title=title,
        rows=tuple(rows),
        columns=tuple(columns),
        counts=grid,
        suppression=suppress(grid) if suppressed and grid and grid[0] else None,
        **extra,  # type: ignore[arg-type]
    )


def workplace_type(sector: str, ownership: str) -> str:
    """Figure 9's row of a workplace: kindergartens split by ownership."""
    if sector == Sector.KINDERGARTEN:
        return PRIVATE_KINDERGARTEN if ownership == Ownership.PRIVATE else MUNICIPAL_KINDERGARTEN
    return sector


def _sector_label(key: str) -> str:
    if key == MUNICIPAL_KINDERGARTEN:
        return _("Municipal kindergarten")
    if key == PRIVATE_KINDERGARTEN:
        return _("Private kindergarten")
    return str(dict(SectorLabel.choices)[key])


def practice_sectors(period: Period, *, suppressed: bool) -> Table:
    """Figure 9: placements started in the period by workplace type and district."""
    districts = _districts()
    started = (
        Placement.objects.filter(case__in=counted_cases())
        .filter(status__in=(PlacementStatus.STARTED, PlacementStatus.ENDED))
        .filter(start__gte=period.start, start__lte=period.end)
        .values_list("offer__employer__sector", "offer__employer__ownership", "case__district_id")
    )
    slug = {d.pk: d.slug for d in districts}
    counts: Counter[tuple[str, str]] = Counter(
        (workplace_type(sector, ownership), slug[district])
        for sector, ownership, district in started
    )
    rows = [(key, _sector_label(key)) for key in SECTOR_ROWS]
    columns = [(d.slug, d.name) for d in districts]
    naming = tuple(
        str(sum(1 for c, _label in columns if counts[(key, c)] > 0)) for key, _label in rows
    )
    return _table(
        "practice-sectors",
        _("Practice places by workplace type and district (Figure 9)"),
        rows,
        columns,
        counts,
        suppressed,
        extra_title=_("Districts"),
        extra=naming,
    )


def practice_share(period: Period, *, suppressed: bool) -> Table:
    """Participants in the programme in the period, with and without practice, by district."""
    districts = _districts()
    in_programme = counted_cases().filter(period.overlapping("start_date", "end_date"))
    practice = Activity.objects.filter(
        kind__in=PRACTICE_ACTIVITY_KINDS, case__in=in_programme
    ).filter(period.overlapping("start", "end"))
    with_practice = set(practice.values_list("case_id", flat=True))
    counts: Counter[tuple[str, str]] = Counter()
    slug = {d.pk: d.slug for d in districts}
    for pk, district in in_programme.values_list("pk", "district_id"):
        counts[(slug[district], "with" if pk in with_practice else "without")] += 1
    rows = [(d.slug, d.name) for d in districts]
    columns = [("with", _("With practice")), ("without", _("Without practice"))]
    table = _table(
        "practice-share",
        _("Participants with language or work practice, by district"),
        rows,
        columns,
        counts,
        suppressed,
    )
    shares = tuple(_share(table, r) for r in range(len(rows)))
    return replace(table, extra_title=_("Share with practice"), extra=shares)


def _share(table: Table, row: int) -> str:
    part, total = table.cell(row, 0), table.row_total(row)
    if part is None or total is None:
        return "–"
    return "" if total == 0 else f"{round(100 * part / total)} %"


def placement_outcomes(period: Period, *, suppressed: bool) -> tuple[Table, Table]:
    """Placements ended in the period by outcome and district; declined offers by reason."""
    districts = _districts()
    slug = {d.pk: d.slug for d in districts}
    placements = Placement.objects.filter(case__in=counted_cases())
    ended = placements.filter(
        status=PlacementStatus.ENDED, ended_on__gte=period.start, ended_on__lte=period.end
    ).values_list("case__district_id", "outcome")
    outcome_counts: Counter[tuple[str, str]] = Counter(
        (slug[district], outcome) for district, outcome in ended
    )
    rows = [(d.slug, d.name) for d in districts]
    outcomes = [(str(value), str(label)) for value, label in Outcome.choices]
    by_outcome = _table(
        "placement-outcomes",
        _("Ended placements by outcome and district"),
        rows,
        outcomes,
        outcome_counts,
        suppressed,
    )
    hired = tuple(_hired_share(by_outcome, r) for r in range(len(rows)))
    by_outcome = replace(by_outcome, extra_title=_("Share hired at the placement"), extra=hired)
    declined = placements.filter(
        status=PlacementStatus.DECLINED, answered_on__gte=period.start, answered_on__lte=period.end
    ).values_list("case__district_id", "decline_reason")
    reason_counts: Counter[tuple[str, str]] = Counter(
        (reason, slug[district]) for district, reason in declined
    )
    reasons = _table(
        "decline-reasons",
        _("Declined offers by reason and district"),
        [(str(v), str(label)) for v, label in DeclineReason.choices],
        rows,
        reason_counts,
        suppressed,
    )
    return by_outcome, reasons


def _hired_share(table: Table, row: int) -> str:
    hired, total = table.cell(row, 0), table.row_total(row)
    if hired is None or total is None:
        return "–"
    return "" if total == 0 else f"{round(100 * hired / total)} %"


def compute(name: str, period: Period, *, suppressed: bool) -> tuple[Table, ...]:
    if name == "practice-sectors":
        return (practice_sectors(period, suppressed=suppressed),)
    if name == "practice-share":
        return (practice_share(period, suppressed=suppressed),)
    if name == "placement-outcomes":
        return placement_outcomes(period, suppressed=suppressed)
    raise ValueError(f"unknown view {name!r}")


def hidden(table: Table) -> int:
    """How many cells of the table are hidden (for messages and tests)."""
    if table.suppression is None:
        return 0
    return sum(
        1 for row in table.suppression.states[:-1] for state in row[:-1] if state in HIDDEN_STATES
    )
