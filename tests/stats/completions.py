"""An independent check that nothing hidden in a published table can be worked out.

Written here, not imported from ``introsak.stats``: the tests must not trust the module's own
reasoning. A table with its totals is a grid of (R + 1) × (C + 1) whole numbers (row totals
last in each row, then the row of column totals ending in the grand total); each number is
shown, hidden, or not published. For each hidden number the checks look for a *second
completion*: a grid of non-negative whole numbers whose totals are its own sums, that agrees
with every number shown but differs in that one. Each completion found is verified line by
line (``is_completion``), so a pass is a proof that the number cannot be derived.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Sequence
from enum import Enum

from introsak.stats.domain.tables import Cell, StatTable

Grid = list[list[int]]
Position = tuple[int, int]
SMALLEST_SHOWN = 5


class Shown(Enum):
    SHOWN = "shown"
    HIDDEN = "hidden"
    NOT_PUBLISHED = "not published"


States = Sequence[Sequence[Shown]]


def totals_of(counts: Sequence[Sequence[int]], width: int) -> Grid:
    grid = [[*row, sum(row)] for row in counts]
    grid.append([sum(row[c] for row in grid) for c in range(width + 1)])
    return grid


def published(grid: Grid, states: States) -> dict[Position, int]:
    """Everything a reader sees: the shown cells and totals with their values."""
    return {
        (r, c): grid[r][c]
        for r in range(len(grid))
        for c in range(len(grid[0]))
        if states[r][c] is Shown.SHOWN
    }


def hidden(states: States) -> list[Position]:
    return [(r, c) for r, row in enumerate(states) for c, s in enumerate(row) if s is Shown.HIDDEN]


def is_completion(candidate: Grid, shown: dict[Position, int]) -> bool:
    """A table with totals that is consistent with what was published."""
    if any(v < 0 for row in candidate for v in row):
        return False
    width = len(candidate[0]) - 1
    if totals_of([row[:-1] for row in candidate[:-1]], width) != candidate:
        return False  # its totals must be its own sums
    return all(candidate[r][c] == v for (r, c), v in shown.items())


# --- finder 1: brute force over small tables ----------------------------------------------


def brute_force_values(grid: Grid, states: States) -> dict[Position, set[int]]:
    """Every value each hidden position takes over the completions whose unknown cells lie
    within 1 of the true ones. (A wider search could only find more.)"""
    counts = [row[:-1] for row in grid[:-1]]
    width = len(grid[0]) - 1
    unknown = [
        (r, c) for r in range(len(counts)) for c in range(width) if states[r][c] is not Shown.SHOWN
    ]
    shown = published(grid, states)
    seen: dict[Position, set[int]] = {p: set() for p in hidden(states)}
    ranges = [range(max(0, counts[r][c] - 1), counts[r][c] + 2) for r, c in unknown]
    for values in itertools.product(*ranges):
        candidate = [row[:] for row in counts]
        for (r, c), v in zip(unknown, values, strict=True):
            candidate[r][c] = v
        full = totals_of(candidate, width)
        if is_completion(full, shown):
            for r, c in seen:
                seen[(r, c)].add(full[r][c])
    return seen


# --- finder 2: a cycle search over larger tables ------------------------------------------


def second_completion(grid: Grid, states: States, target: Position) -> Grid | None:
    """A completion differing at ``target``: move one unit round a cycle of unknown cells
    (cells plus the totals, which move with them), if a cycle lets every count stay >= 0."""
    unknown = [
        (r, c)
        for r in range(len(grid))
        for c in range(len(grid[0]))
        if states[r][c] is not Shown.SHOWN
    ]
    last_r, last_c = len(grid) - 1, len(grid[0]) - 1

    def delta_sign(position: Position) -> int:  # how a unit row→column changes the count
        r, c = position
        return 1 if (r == last_r) == (c == last_c) else -1

    for first in (1, -1):  # raise or lower the target
        if grid[target[0]][target[1]] + first * delta_sign(target) < 0:
            continue
        # Breadth-first from the node the flow enters, over arcs that keep counts >= 0.
        start = ("c", target[1]) if first == 1 else ("r", target[0])
        goal = ("r", target[0]) if first == 1 else ("c", target[1])
        parent: dict[tuple[str, int], tuple[tuple[str, int], Position, int]] = {}
        queue, seen = deque([start]), {start}
        while queue and goal not in seen:
            node = queue.popleft()
            for position in unknown:
                if position == target:
                    continue
                r, c = position
                if node == ("r", r):
                    nxt, direction = ("c", c), 1
                elif node == ("c", c):
                    nxt, direction = ("r", r), -1
                else:
                    continue
                if nxt in seen or grid[r][c] + direction * delta_sign(position) < 0:
                    continue
                seen.add(nxt)
                parent[nxt] = (node, position, direction)
                queue.append(nxt)
        if goal not in seen:
            continue
        candidate = [row[:] for row in grid]
        candidate[target[0]][target[1]] += first * delta_sign(target)
        node = goal
        while node != start:
            node, (r, c), direction = parent[node]
            candidate[r][c] += direction * delta_sign((r, c))
        return candidate
    return None


def small_remainders(grid: Grid, states: States) -> list[tuple[Position, int]]:
    """Lines (rows and columns, totals included) whose total is shown and whose other
    numbers that are not shown add up to 1–4: that sum is total minus what is shown."""
    last_r, last_c = len(grid) - 1, len(grid[0]) - 1
    lines = [((r, last_c), [(r, c) for c in range(last_c)]) for r in range(last_r + 1)]
    lines += [((last_r, c), [(r, c) for r in range(last_r)]) for c in range(last_c + 1)]
    found = []
    for (tr, tc), line in lines:
        if states[tr][tc] is not Shown.SHOWN:
            continue
        rest = sum(grid[r][c] for r, c in line if states[r][c] is not Shown.SHOWN)
        if 0 < rest < SMALLEST_SHOWN:
            found.append(((tr, tc), rest))
    return found


def assert_nothing_derivable(grid: Grid, states: States, context: object = None) -> None:
    """The three promises of docs/statistics.md for one published grid: every shown count
    is 0 or at least 5; no hidden number has only one completion; no line's hidden rest is
    from 1 to 4."""
    shown = published(grid, states)
    assert all(v == 0 or v >= SMALLEST_SHOWN for v in shown.values()), (context, grid, states)
    for target in hidden(states):
        candidate = second_completion(grid, states, target)
        assert candidate is not None, (context, grid, states, target)
        assert is_completion(candidate, shown)
        assert candidate[target[0]][target[1]] != grid[target[0]][target[1]]
    assert small_remainders(grid, states) == [], (context, grid, states)


# --- reading a published StatTable ---------------------------------------------------------


def table_grid(published_table: StatTable, truth: StatTable) -> tuple[Grid, list[list[Shown]]]:
    """The count grid of a table as published (its hidden and absent numbers) with the true
    counts from the same table computed without suppression. Only the table's count columns
    are read (the caseload table's first column; its others are not counts of persons)."""
    width = 1 if published_table.key == "caseload" else len(published_table.columns)
    counts = [[cell.count or 0 for cell in row[:width]] for row in truth.cells]
    grid = totals_of(counts, width)

    def state(cell: object) -> Shown:
        if cell is None:
            return Shown.NOT_PUBLISHED
        return Shown.HIDDEN if getattr(cell, "suppressed", False) else Shown.SHOWN

    row_totals = published_table.row_totals if width == len(published_table.columns) else None
    states: list[list[Shown]] = [
        [
            *(state(c) for c in row[:width]),
            state(row_totals[r]) if row_totals else Shown.NOT_PUBLISHED,
        ]
        for r, row in enumerate(published_table.cells)
    ]
    totals = published_table.column_totals
    states.append(
        [
            *([state(c) for c in totals[:width]] if totals else [Shown.NOT_PUBLISHED] * width),
            state(published_table.grand_total) if row_totals else Shown.NOT_PUBLISHED,
        ]
    )
    for r, row in enumerate(states):  # a number shown is the true number
        for c, s in enumerate(row):
            if s is Shown.SHOWN:
                assert _cell_at(published_table, r, c, width).count == grid[r][c], (r, c)
    return grid, states


def _cell_at(table: StatTable, r: int, c: int, width: int) -> Cell:
    cell: Cell | None
    if r < len(table.cells):
        cell = table.cells[r][c] if c < width else (table.row_totals or ())[r]
    else:
        cell = (table.column_totals or ())[c] if c < width else table.grand_total
    assert cell is not None
    return cell
