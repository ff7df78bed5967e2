"""Small-cell protection for published count tables (pure Python, no Django).

The rule (``docs/statistics.md``, shown in the UI next to every table):

1. **Primary suppression.** Every published count of persons from 1 to 4 is hidden: cells
   and totals alike. 0 is shown.
2. **Complementary suppression.** Further cells are hidden until no hidden value can be
   worked out exactly from what is shown: the other cells, the row and column totals and
   the grand total, together with the fact that counts are whole numbers of at least 0.
3. **No small remainder.** On every row and column whose total is shown (the row of column
   totals and the column of row totals included), the hidden numbers together, which
   anyone can work out as the total minus the numbers shown, are 0 or at least 5: a sum of
   hidden cells is a count of persons like any other.

How the second step is checked. Write the table with its totals as one grid of
(R + 1) × (C + 1) numbers and negate the row and column totals (not the grand total): then
every row and every column of the grid sums to zero. What a reader knows is the shown
numbers and those zero sums. Two tables that agree on everything shown differ by numbers
on the hidden cells that also sum to zero along every line: a circulation in the bipartite
graph whose nodes are the grid's rows and columns and whose edges are the hidden cells
(flow from row to column raises the cell in the signed grid, the reverse lowers it). Such
a circulation decomposes into simple cycles, each of which changes every count on it by
exactly one and keeps counts at 0 or more if the counts it lowers are at least 1. So a
hidden cell's value is *not* determined exactly if and only if it lies on a directed cycle
of that graph in which each cell is crossed only in a direction that lowers no count below 0.
``is_protected`` tests exactly that; ``suppress`` adds the cheapest cells that close such a
cycle until every hidden cell lies on one, then hides one more cell on any line whose
hidden remainder is from 1 to 4, and repeats until both hold. The property tests in
``tests/stats`` check the result against brute force: every hidden cell has at least two
completions, and no line's remainder is small.

How tables of different requests stay consistent with each other (one population, tables by
district suppressed over every district, whole months) is described in
``docs/statistics.md``, "Differencing".
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

SMALLEST_SHOWN = 5  # counts from 1 to SMALLEST_SHOWN - 1 are never shown

Position = tuple[int, int]
_Node = tuple[str, int]  # ("r", row) or ("c", column) in the grid's bipartite graph


class CellState(StrEnum):
    SHOWN = "shown"
    PRIMARY = "primary"  # a count from 1 to 4
    COMPLEMENTARY = "complementary"  # hidden so that no primary cell can be worked out
    NOT_PUBLISHED = "not_published"  # a total the table does not show at all


HIDDEN_STATES = frozenset({CellState.PRIMARY, CellState.COMPLEMENTARY})


@dataclass(frozen=True, slots=True)
class Suppression:
    """Which cells of a table and its totals are hidden.

    ``states`` is the (R + 1) × (C + 1) grid: ``states[r][c]`` for the cells, the last
    column for the row totals, the last row for the column totals, the corner for the grand
    total.
    """

    states: tuple[tuple[CellState, ...], ...]

    @property
    def rows(self) -> int:
        return len(self.states) - 1

    @property
    def columns(self) -> int:
        return len(self.states[0]) - 1

    def cell(self, row: int, column: int) -> bool:
        return self.states[row][column] in HIDDEN_STATES

    def row_total(self, row: int) -> bool:
        return self.states[row][self.columns] in HIDDEN_STATES

    def column_total(self, column: int) -> bool:
        return self.states[self.rows][column] in HIDDEN_STATES

    def grand_total(self) -> bool:
        return self.states[self.rows][self.columns] in HIDDEN_STATES

    def count(self, state: CellState) -> int:
        return sum(row.count(state) for row in self.states)


def with_totals(counts: Sequence[Sequence[int]]) -> list[list[int]]:
    """The table as an (R + 1) × (C + 1) grid: row totals last in each row, then a row of
    column totals ending in the grand total."""
    width = len(counts[0]) if counts else 0
    grid = [[*row, sum(row)] for row in counts]
    grid.append([sum(row[c] for row in grid) for c in range(width + 1)])
    return grid


def suppress(
    counts: Sequence[Sequence[int]],
    *,
    row_totals: bool = True,
    column_totals: bool = True,
    grand_total: bool | None = None,
) -> Suppression:
    """Decide which cells and totals to hide in a table of counts (rows × columns).

    ``row_totals``, ``column_totals`` and ``grand_total`` say which totals the table shows;
    the grand total is shown by default when both kinds of total are. A total that is not
    shown still constrains the cells (it is an unknown, like a hidden cell).
    """
    if any(value < 0 for row in counts for value in row):
        raise ValueError("counts are never negative")
    grid = with_totals(counts)
    shows_grand = row_totals and column_totals if grand_total is None else grand_total
    states = [
        [
            _initial_state(grid, (r, c), row_totals, column_totals, shows_grand)
            for c in range(len(grid[0]))
        ]
        for r in range(len(grid))
    ]
    protected: set[Position] = set()  # stays protected: hiding more only adds cycles
    by_cost = sorted(
        ((r, c) for r in range(len(grid)) for c in range(len(grid[0]))),
        key=lambda p: (_cost(grid, p), p),
    )
    while True:
        while (target := _first_unprotected(grid, states, protected)) is not None:
            for position in _closing_cells(grid, states, target, by_cost):
                states[position[0]][position[1]] = CellState.COMPLEMENTARY
        widening = _widening_cell(grid, states)
        if widening is None:
            return Suppression(states=tuple(tuple(row) for row in states))
        states[widening[0]][widening[1]] = CellState.COMPLEMENTARY


def _initial_state(
    grid: list[list[int]],
    position: Position,
    row_totals: bool,
    column_totals: bool,
    grand_total: bool,
) -> CellState:
    r, c = position
    last_row, last_column = len(grid) - 1, len(grid[0]) - 1
    shown = {
        (False, False): True,
        (False, True): row_totals,
        (True, False): column_totals,
        (True, True): grand_total,
    }[(r == last_row, c == last_column)]
    if not shown:
        return CellState.NOT_PUBLISHED
    if 1 <= grid[r][c] < SMALLEST_SHOWN:
        return CellState.PRIMARY
    return CellState.SHOWN


def _first_unprotected(
    grid: list[list[int]], states: list[list[CellState]], protected: set[Position]
) -> Position | None:
    """The first hidden position not yet on a feasible cycle. Positions found protected are
    added to ``protected`` and not tested again: hiding more cells only adds arcs to the
    graph, so a cycle once there stays."""
    unknown = _unknown(states)
    arcs = _labelled_graph(grid, unknown)
    for position in sorted(unknown - protected):
        r, c = position
        if states[r][c] not in HIDDEN_STATES:
            continue
        if not is_protected(grid, unknown, position, arcs):
            return position
        protected.add(position)
    return None


def lines(grid: Sequence[Sequence[int]]) -> Iterator[tuple[Position, list[Position]]]:
    """Every row and column of the grid (totals included) as (its total, its other numbers)."""
    last_row, last_column = len(grid) - 1, len(grid[0]) - 1
    for r in range(last_row + 1):
        yield (r, last_column), [(r, c) for c in range(last_column)]
    for c in range(last_column + 1):
        yield (last_row, c), [(r, c) for r in range(last_row)]


def small_remainder(
    grid: Sequence[Sequence[int]], states: Sequence[Sequence[CellState]], line: list[Position]
) -> bool:
    """Whether the numbers of a line that are not shown add up to 1–4."""
    rest = sum(grid[r][c] for r, c in line if states[r][c] is not CellState.SHOWN)
    return 0 < rest < SMALLEST_SHOWN


def _widening_cell(grid: list[list[int]], states: list[list[CellState]]) -> Position | None:
    """A shown number to hide on the first line (with a shown total) whose hidden numbers add
    up to 1–4: its smallest non-zero shown number, cells before totals. There always is
    one: the total is at least 5 (or it would be hidden), so the shown rest is not 0."""
    for (tr, tc), line in lines(grid):
        if states[tr][tc] is CellState.SHOWN and small_remainder(grid, states, line):
            shown = [p for p in line if states[p[0]][p[1]] is CellState.SHOWN and grid[p[0]][p[1]]]
            return min(shown, key=lambda p: (_cost(grid, p), p))
    return None


def _unknown(states: Sequence[Sequence[CellState]]) -> set[Position]:
    return {
        (r, c)
        for r, row in enumerate(states)
        for c, state in enumerate(row)
        if state is not CellState.SHOWN
    }


# --- the exact test ------------------------------------------------------------------------


def _sign(grid: Sequence[Sequence[int]], position: Position) -> int:
    """+1 for a cell or the grand total, -1 for a row or column total (the signed grid)."""
    r, c = position
    is_total_row, is_total_column = r == len(grid) - 1, c == len(grid[0]) - 1
    return 1 if is_total_row == is_total_column else -1


def _can_raise(grid: Sequence[Sequence[int]], position: Position) -> bool:
    """Whether one unit of flow row → column through the cell keeps its count >= 0."""
    return _sign(grid, position) == 1 or grid[position[0]][position[1]] >= 1


def _can_lower(grid: Sequence[Sequence[int]], position: Position) -> bool:
    """Whether one unit of flow column → row through the cell keeps its count >= 0."""
    return _sign(grid, position) == -1 or grid[position[0]][position[1]] >= 1


def _graph(
    grid: Sequence[Sequence[int]], unknown: set[Position], without: Position
) -> dict[_Node, list[_Node]]:
    arcs: dict[_Node, list[_Node]] = {}
    for position in unknown - {without}:
        row, column = ("r", position[0]), ("c", position[1])
        if _can_raise(grid, position):
            arcs.setdefault(row, []).append(column)
        if _can_lower(grid, position):
            arcs.setdefault(column, []).append(row)
    return arcs


_LabelledArcs = dict[_Node, list[tuple[_Node, Position]]]


def _labelled_graph(grid: Sequence[Sequence[int]], unknown: set[Position]) -> _LabelledArcs:
    """The arcs of every unknown cell, each labelled with its cell (so that a search can
    leave one cell out without building the graph again)."""
    arcs: _LabelledArcs = {}
    for position in unknown:
        row, column = ("r", position[0]), ("c", position[1])
        if _can_raise(grid, position):
            arcs.setdefault(row, []).append((column, position))
        if _can_lower(grid, position):
            arcs.setdefault(column, []).append((row, position))
    return arcs


def _reach(arcs: dict[_Node, list[_Node]], start: _Node) -> set[_Node]:
    """Every node reachable from ``start`` (``start`` included)."""
    seen, queue = {start}, deque([start])
    while queue:
        for nxt in arcs.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _reversed(arcs: dict[_Node, list[_Node]]) -> dict[_Node, list[_Node]]:
    back: dict[_Node, list[_Node]] = {}
    for node, targets in arcs.items():
        for target in targets:
            back.setdefault(target, []).append(node)
    return back


@dataclass(frozen=True, slots=True)
class _Route:
    """One way round a cycle through a cell: leave it at ``depart``, come back at ``arrive``.
    ``ahead`` holds the nodes reachable from ``depart``, ``behind`` those that reach
    ``arrive`` (both over the other unknown cells)."""

    depart: _Node
    arrive: _Node
    ahead: set[_Node]
    behind: set[_Node]

    @property
    def closed(self) -> bool:
        return self.arrive in self.ahead


def _routes(
    grid: Sequence[Sequence[int]], unknown: set[Position], position: Position
) -> list[_Route]:
    arcs = _graph(grid, unknown, position)
    back = _reversed(arcs)
    row, column = ("r", position[0]), ("c", position[1])
    ends = []
    if _can_raise(grid, position):  # row → column through the cell, then back to the row
        ends.append((column, row))
    if _can_lower(grid, position):  # column → row through the cell, then back to the column
        ends.append((row, column))
    return [_Route(a, b, _reach(arcs, a), _reach(back, b)) for a, b in ends]


def is_protected(
    grid: Sequence[Sequence[int]],
    unknown: set[Position],
    position: Position,
    arcs: _LabelledArcs | None = None,
) -> bool:
    """Whether the value at ``position`` (one of ``unknown``) cannot be worked out from the
    other cells of ``grid`` (``with_totals``) and the lines' sums: exactly when it lies on a
    feasible directed cycle of unknown cells (see the module docstring). ``arcs`` is
    ``_labelled_graph(grid, unknown)`` if the caller has it."""
    arcs = _labelled_graph(grid, unknown) if arcs is None else arcs
    row, column = ("r", position[0]), ("c", position[1])
    if _can_raise(grid, position) and _reaches(arcs, column, row, position):
        return True
    return _can_lower(grid, position) and _reaches(arcs, row, column, position)


def _reaches(arcs: _LabelledArcs, start: _Node, goal: _Node, without: Position) -> bool:
    """Whether ``goal`` is reachable from ``start`` over the arcs of every cell but
    ``without`` (a search that stops when it is)."""
    seen, queue = {start}, deque([start])
    while queue:
        for nxt, cell in arcs.get(queue.popleft(), ()):
            if cell == without:
                continue
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return False


def _closes(grid: Sequence[Sequence[int]], routes: list[_Route], position: Position) -> bool:
    """Whether hiding the shown cell at ``position`` would close one of the routes."""
    row, column = ("r", position[0]), ("c", position[1])
    for route in routes:
        if _can_raise(grid, position) and row in route.ahead and column in route.behind:
            return True
        if _can_lower(grid, position) and column in route.ahead and row in route.behind:
            return True
    return False


# --- choosing complementary cells -------------------------------------------------------------


def _cost(grid: Sequence[Sequence[int]], position: Position) -> tuple[int, int, int]:
    """Prefer hiding cells over totals (the grand total last), non-zero counts over zeros
    (a hidden zero can move only one way), and small counts over large ones."""
    r, c = position
    rank = (r == len(grid) - 1) + (c == len(grid[0]) - 1)
    value = grid[r][c]
    return rank, int(value == 0), value


def _closing_cells(
    grid: list[list[int]],
    states: list[list[CellState]],
    target: Position,
    by_cost: list[Position],
) -> list[Position]:
    """The cheapest cells whose hiding puts ``target`` on a feasible cycle: one cell if one
    suffices, else the cheapest rectangle through ``target`` (one always exists: the one
    through the target's row total, column total and the grand total)."""
    unknown = _unknown(states)
    shown = [p for p in by_cost if states[p[0]][p[1]] is CellState.SHOWN]  # cheapest first
    routes = _routes(grid, unknown, target)
    for position in shown:
        if _closes(grid, routes, position):
            return [position]
    rectangles = [
        (_rectangle_cost(grid, cells, unknown), cells)
        for cells in _feasible_rectangles(grid, target)
    ]
    if not rectangles:  # pragma: no cover - the totals' rectangle always qualifies
        raise AssertionError(f"no rectangle protects {target}")
    return [p for p in min(rectangles)[1] if p not in unknown]


def _feasible_rectangles(
    grid: Sequence[Sequence[int]], target: Position
) -> Iterator[tuple[Position, Position, Position]]:
    r, c = target
    for r2 in range(len(grid)):
        for c2 in range(len(grid[0])):
            if r2 == r or c2 == c:
                continue
            corner, across, down = (r2, c2), (r, c2), (r2, c)
            # Around the rectangle: target (r→c), down (c→r2), corner (r2→c2), across (c2→r).
            forward = (
                _can_raise(grid, target)
                and _can_lower(grid, down)
                and _can_raise(grid, corner)
                and _can_lower(grid, across)
            )
            backward = (
                _can_lower(grid, target)
                and _can_raise(grid, down)
                and _can_lower(grid, corner)
                and _can_raise(grid, across)
            )
            if forward or backward:
                yield corner, across, down


def _rectangle_cost(
    grid: Sequence[Sequence[int]], cells: Sequence[Position], unknown: set[Position]
) -> tuple[int, int, int]:
    costs = [_cost(grid, p) for p in cells if p not in unknown]
    return (sum(x[0] for x in costs), sum(x[1] for x in costs), sum(x[2] for x in costs))
