"""The typed result every statistic is returned as, and the two ways to build one.

A ``StatTable`` holds finished numbers: counts, shares and means, each cell marked if it is
hidden by the small-cell rule (``suppression``). HTML, charts, CSV, Excel, JSON and PDF all
read the same ``StatTable``; none of them computes or suppresses anything itself.

A table by district is always counted and suppressed over every district; choosing districts
only picks its rows (``Layout.selected``). The total row of a choice is the sum of the rows
picked, shown only where every cell it adds up is shown. So a district's row is the same
whether it is chosen alone or with others, and a total of a choice is never more than a sum
of numbers the whole table shows: no choice of districts reveals anything the table of every
district does not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from django.utils.functional import Promise

from introsak.stats.domain.suppression import HIDDEN_STATES, Suppression, suppress, with_totals
from introsak.stats.phrases import TOTAL

Label = str | Promise
ShareOf = Literal["row", "column"]
Emphasis = Literal["count", "share", "value"]  # which number a cell shows first


@dataclass(frozen=True, slots=True)
class Header:
    key: str  # a stable code: a district slug, an end reason, a year …
    label: Label


@dataclass(frozen=True, slots=True)
class Cell:
    """One published number. ``count`` is persons (or findings); ``share`` its fraction of
    the row or column total (0–1); ``value`` a mean or ratio. Hidden parts are None."""

    count: int | None = None
    share: float | None = None
    value: float | None = None
    suppressed: bool = False


@dataclass(frozen=True, slots=True)
class StatTable:
    key: str
    caption: Label
    row_title: Label
    rows: tuple[Header, ...]
    columns: tuple[Header, ...]
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...] | None = None
    column_totals: tuple[Cell, ...] | None = None
    grand_total: Cell | None = None
    total_label: Label = TOTAL  # the row of column totals
    row_total_label: Label = TOTAL  # the column of row totals
    share_of: ShareOf | None = None
    column_groups: tuple[tuple[Label, int], ...] = ()  # spanning headers: (label, columns)
    value_label: Label | None = None  # what ``Cell.value`` is, e.g. "average months"
    detail: bool = False  # shown on the view's own page, not on the dashboard
    emphasis: Emphasis = "count"
    every_district: bool = False  # not by district: counts every district, whatever is chosen

    @property
    def suppressed_cells(self) -> int:
        cells = [c for row in self.cells for c in row]
        cells += [*(self.row_totals or ()), *(self.column_totals or ())]
        cells += [self.grand_total] if self.grand_total else []
        return sum(1 for c in cells if c.suppressed)

    @property
    def column_group_labels(self) -> list[str]:
        """The spanning header over each column ("" for a table without them)."""
        spread = [str(label) for label, span in self.column_groups for _i in range(span)]
        return spread or [""] * len(self.columns)

    @property
    def column_titles(self) -> list[str]:
        """Each column's label, after its spanning header if it has one."""
        return [
            f"{group}: {column.label}" if group else str(column.label)
            for group, column in zip(self.column_group_labels, self.columns, strict=True)
        ]

    @property
    def body(self) -> list[tuple[Header, tuple[Cell, ...], Cell | None]]:
        """Each row's header, cells and total (None when the table has no row totals)."""
        totals = self.row_totals or (None,) * len(self.rows)
        return list(zip(self.rows, self.cells, totals, strict=True))

    def cell(self, row: str, column: str) -> Cell:
        """The cell at a row key and column key (for tests and callers that know keys)."""
        r = [h.key for h in self.rows].index(row)
        c = [h.key for h in self.columns].index(column)
        return self.cells[r][c]

    def column_total(self, column: str) -> Cell:
        assert self.column_totals is not None
        return self.column_totals[[h.key for h in self.columns].index(column)]

    def row_total(self, row: str) -> Cell:
        assert self.row_totals is not None
        return self.row_totals[[h.key for h in self.rows].index(row)]


@dataclass(frozen=True, slots=True)
class Layout:
    """What a table shows besides its cells, and its labels."""

    key: str
    caption: Label
    row_title: Label
    rows: Sequence[Header]
    columns: Sequence[Header]
    row_totals: bool = True
    column_totals: bool = True
    total_label: Label = TOTAL
    row_total_label: Label = TOTAL
    column_groups: tuple[tuple[Label, int], ...] = ()
    detail: bool = False
    selected: tuple[str, ...] = ()  # the keys of the rows shown; empty: every row
    every_district: bool = False

    def picked(self) -> list[int]:
        """The indexes of the rows shown, in the layout's order."""
        if not self.selected:
            return list(range(len(self.rows)))
        chosen = set(self.selected)
        return [i for i, row in enumerate(self.rows) if row.key in chosen]


def _hidden_grid(mask: Suppression | None, rows: int, columns: int) -> list[list[bool]]:
    if mask is None:
        return [[False] * (columns + 1) for _r in range(rows + 1)]
    return [[state in HIDDEN_STATES for state in row] for row in mask.states]


def _picked_hidden(whole: list[list[bool]], picked: list[int]) -> list[list[bool]]:
    """Which numbers of the picked rows are hidden: their own cells and row totals as in
    the whole table; a total of the picked rows wherever any number it adds up is hidden."""
    rows = [whole[i] for i in picked]
    totals = [any(row[c] for row in rows) for c in range(len(whole[0]))]
    return [*rows, totals]


class _Grid:
    """Counts with their totals and which of them are hidden: suppressed over every row of
    the layout, then cut down to the rows picked (``Layout.selected``)."""

    def __init__(self, counts: Sequence[Sequence[int]], layout: Layout, protect: bool):
        columns = len(layout.columns)
        mask = (
            suppress(counts, row_totals=layout.row_totals, column_totals=layout.column_totals)
            if protect
            else None
        )
        whole = _hidden_grid(mask, len(counts), columns)
        self.picked = layout.picked()
        if len(self.picked) == len(counts):
            self.values, self.hiding = with_totals(counts), whole
        else:
            self.values = with_totals([counts[i] for i in self.picked]) if self.picked else []
            self.hiding = _picked_hidden(whole, self.picked)
            if not self.picked:
                self.values = [[0] * (columns + 1)]
        self.last_row, self.last_column = len(self.picked), columns

    def hidden(self, r: int, c: int) -> bool:
        return self.hiding[r][c]

    def share(self, r: int, c: int, share_of: ShareOf | None) -> float | None:
        """The cell's fraction of its column total (or row total); a total is all of
        itself along that axis, and a share of a hidden total is hidden."""
        if share_of is None or self.hidden(r, c):
            return None
        if share_of == "column":
            whole, (base_r, base_c) = r == self.last_row, (self.last_row, c)
        else:
            whole, (base_r, base_c) = c == self.last_column, (r, self.last_column)
        base = self.values[base_r][base_c]
        if base == 0 or self.hidden(base_r, base_c):
            return None  # a row or column with no cases has no shares ("0", not "0 (100 %)")
        if whole:
            return 1.0
        return self.values[r][c] / base

    def count_cell(self, r: int, c: int, share_of: ShareOf | None) -> Cell:
        if self.hidden(r, c):
            return Cell(suppressed=True)
        return Cell(count=self.values[r][c], share=self.share(r, c, share_of))


def _assemble(
    layout: Layout, grid: _Grid, make: Callable[[int, int], Cell], **extra: object
) -> StatTable:
    rows, columns = range(grid.last_row), range(grid.last_column)
    return StatTable(
        key=layout.key,
        caption=layout.caption,
        row_title=layout.row_title,
        rows=tuple(layout.rows[i] for i in grid.picked),
        columns=tuple(layout.columns),
        cells=tuple(tuple(make(r, c) for c in columns) for r in rows),
        row_totals=(tuple(make(r, grid.last_column) for r in rows) if layout.row_totals else None),
        column_totals=(
            tuple(make(grid.last_row, c) for c in columns) if layout.column_totals else None
        ),
        grand_total=(
            make(grid.last_row, grid.last_column)
            if layout.row_totals and layout.column_totals
            else None
        ),
        total_label=layout.total_label,
        row_total_label=layout.row_total_label,
        column_groups=layout.column_groups,
        detail=layout.detail,
        every_district=layout.every_district,
        **extra,  # type: ignore[arg-type]
    )


def count_table(
    layout: Layout,
    counts: Sequence[Sequence[int]],
    *,
    protect: bool,
    share_of: ShareOf | None = None,
) -> StatTable:
    """Counts with shares of the row or column total; small cells hidden if ``protect``."""
    if share_of == "column" and not layout.column_totals:
        raise ValueError("shares of the column total need the column totals shown")
    if share_of == "row" and not layout.row_totals:
        raise ValueError("shares of the row total need the row totals shown")
    if share_of == "column" and layout.selected:
        raise ValueError("shares of a column total would change with the rows chosen")
    grid = _Grid(counts, layout, protect)
    return _assemble(layout, grid, lambda r, c: grid.count_cell(r, c, share_of), share_of=share_of)


def mean_table(
    layout: Layout,
    counts: Sequence[Sequence[int]],
    sums: Sequence[Sequence[float]],
    *,
    protect: bool,
    scale: float = 1.0,
    value_label: Label,
) -> StatTable:
    """Means (``sum / count / scale``) with the count each is over. A mean is hidden with
    its count, so the small-cell rule protects both."""
    grid = _Grid(counts, layout, protect)
    totals = with_totals_float([sums[i] for i in grid.picked] or [[0.0] * len(layout.columns)])

    def make(r: int, c: int) -> Cell:
        if grid.hidden(r, c):
            return Cell(suppressed=True)
        n = grid.values[r][c]
        return Cell(count=n, value=totals[r][c] / n / scale if n else None)

    return _assemble(layout, grid, make, value_label=value_label, emphasis="value")


def with_totals_float(values: Sequence[Sequence[float]]) -> list[list[float]]:
    width = len(values[0]) if values else 0
    grid = [[*row, sum(row)] for row in values]
    grid.append([sum(row[c] for row in grid) for c in range(width + 1)])
    return grid
