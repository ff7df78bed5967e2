"""Small-cell suppression: the rule, and proof that no hidden cell can be worked out.

The property tests do not trust the module's own reasoning. For each hidden cell they look
for a *second completion*: a table of non-negative whole numbers that agrees with every
number shown (cells, row totals, column totals, grand total) but differs in that cell. Each
completion found is checked line by line here, so a pass is a proof that the cell cannot
be derived from what is published. Two independent searches find them: brute force over
small tables, and a cycle search (written here, not imported) over larger ones.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from introsak.stats.domain.suppression import (
    HIDDEN_STATES,
    CellState,
    Suppression,
    suppress,
    with_totals,
)

Grid = list[list[int]]
Position = tuple[int, int]

# Many small counts (the interesting case), some zeros, some large ones.
count = st.one_of(st.integers(0, 6), st.integers(0, 60))


def tables(max_rows: int, max_columns: int) -> st.SearchStrategy[list[list[int]]]:
    return st.integers(1, max_rows).flatmap(
        lambda rows: st.integers(1, max_columns).flatmap(
            lambda columns: st.lists(
                st.lists(count, min_size=columns, max_size=columns),
                min_size=rows,
                max_size=rows,
            )
        )
    )


margins = st.tuples(st.booleans(), st.booleans())


# --- checking a completion: independent of the module -------------------------------------


def published(grid: Grid, result: Suppression) -> dict[Position, int]:
    """Everything a reader sees: the shown cells and totals with their values."""
    return {
        (r, c): grid[r][c]
        for r in range(len(grid))
        for c in range(len(grid[0]))
        if result.states[r][c] is CellState.SHOWN
    }


def is_completion(candidate: Grid, shown: dict[Position, int]) -> bool:
    """A table with totals that is consistent with what was published."""
    if any(v < 0 for row in candidate for v in row):
        return False
    if with_totals([row[:-1] for row in candidate[:-1]]) != candidate:
        return False  # its totals must be its own sums
    return all(candidate[r][c] == v for (r, c), v in shown.items())


def hidden(result: Suppression) -> list[Position]:
    return [
        (r, c)
        for r, row in enumerate(result.states)
        for c, state in enumerate(row)
        if state in HIDDEN_STATES
    ]


# --- finder 1: brute force over small tables ----------------------------------------------


def brute_force_values(grid: Grid, result: Suppression) -> dict[Position, set[int]]:
    """Every value each hidden position takes over the completions whose unknown cells lie
    within 1 of the true ones. (A wider search could only find more.)"""
    counts = [row[:-1] for row in grid[:-1]]
    unknown = [
        (r, c)
        for r in range(len(counts))
        for c in range(len(counts[0]))
        if result.states[r][c] is not CellState.SHOWN
    ]
    shown = published(grid, result)
    seen: dict[Position, set[int]] = {p: set() for p in hidden(result)}
    ranges = [range(max(0, counts[r][c] - 1), counts[r][c] + 2) for r, c in unknown]
    for values in itertools.product(*ranges):
        candidate = [row[:] for row in counts]
        for (r, c), v in zip(unknown, values, strict=True):
            candidate[r][c] = v
        full = with_totals(candidate)
        if is_completion(full, shown):
            for r, c in seen:
                seen[(r, c)].add(full[r][c])
    return seen


@settings(max_examples=300, deadline=None)
@given(tables(3, 3), margins)
def test_no_hidden_cell_is_derivable_brute_force(
    counts: list[list[int]], shown_totals: tuple[bool, bool]
) -> None:
    result = suppress(counts, row_totals=shown_totals[0], column_totals=shown_totals[1])
    grid = with_totals(counts)
    for position, values in brute_force_values(grid, result).items():
        assert len(values) >= 2, (counts, shown_totals, position, values)


# --- finder 2: a cycle search over larger tables ------------------------------------------


def second_completion(grid: Grid, result: Suppression, target: Position) -> Grid | None:
    """A completion differing at ``target``: move one unit round a cycle of unknown cells
    (cells plus the totals, which move with them), if a cycle lets every count stay >= 0."""
    unknown = [
        (r, c)
        for r in range(len(grid))
        for c in range(len(grid[0]))
        if result.states[r][c] is not CellState.SHOWN
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


@settings(max_examples=300, deadline=None)
@given(tables(8, 10), margins)
def test_no_hidden_cell_is_derivable_cycle_witness(
    counts: list[list[int]], shown_totals: tuple[bool, bool]
) -> None:
    result = suppress(counts, row_totals=shown_totals[0], column_totals=shown_totals[1])
    grid = with_totals(counts)
    shown = published(grid, result)
    for target in hidden(result):
        candidate = second_completion(grid, result, target)
        assert candidate is not None, (counts, shown_totals, target)
        assert is_completion(candidate, shown)
        assert candidate[target[0]][target[1]] != grid[target[0]][target[1]]


# --- the rule itself --------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(tables(6, 8), margins)
def test_every_shown_count_is_zero_or_at_least_five(
    counts: list[list[int]], shown_totals: tuple[bool, bool]
) -> None:
    result = suppress(counts, row_totals=shown_totals[0], column_totals=shown_totals[1])
    for value in published(with_totals(counts), result).values():
        assert value == 0 or value >= 5


@settings(max_examples=200, deadline=None)
@given(tables(6, 8), margins)
def test_counts_from_one_to_four_are_primary(
    counts: list[list[int]], shown_totals: tuple[bool, bool]
) -> None:
    result = suppress(counts, row_totals=shown_totals[0], column_totals=shown_totals[1])
    grid = with_totals(counts)
    for r, row in enumerate(result.states):
        for c, state in enumerate(row):
            if state is not CellState.NOT_PUBLISHED:
                assert (state is CellState.PRIMARY) == (1 <= grid[r][c] <= 4)


def states_of(result: Suppression) -> list[str]:
    return ["".join(s.value[0] for s in row) for row in result.states]


def test_table_without_small_counts_is_shown_whole() -> None:
    result = suppress([[12, 5], [0, 30]])
    assert result.count(CellState.PRIMARY) == 0
    assert result.count(CellState.COMPLEMENTARY) == 0


def test_one_small_cell_gets_three_partners_round_a_rectangle() -> None:
    result = suppress([[20, 3], [10, 15]])
    # Hiding the 3 alone would let it be read off its row total; its row and column
    # partners and the opposite corner are hidden with it. Totals stay shown.
    assert states_of(result) == ["cps", "ccs", "sss"]


def test_totals_not_shown_need_fewer_partners() -> None:
    # With only column totals, the 3 and 12 in the same column protect each other.
    result = suppress([[3, 9], [12, 8]], row_totals=False)
    assert states_of(result) == ["psn", "csn", "ssn"]


def test_small_total_is_hidden_as_well() -> None:
    result = suppress([[2, 0], [40, 30]])
    assert result.row_total(0)
    assert result.cell(0, 0)


def test_a_bridge_between_two_cycles_is_closed() -> None:
    # Each line with a hidden cell has two, but (1, 2) would join two separate cycles and
    # could be worked out; the algorithm must add a cell that puts it on a cycle.
    counts = [
        [2, 2, 9, 9],
        [2, 2, 3, 9],
        [9, 9, 3, 3],
        [9, 9, 9, 9],
    ]
    result = suppress(counts, row_totals=False, column_totals=False, grand_total=False)
    grid = with_totals(counts)
    for target in hidden(result):
        assert second_completion(grid, result, target) is not None


def test_result_is_deterministic() -> None:
    counts: Sequence[Sequence[int]] = [[1, 7, 0, 3], [9, 2, 11, 40], [5, 5, 1, 0]]
    assert suppress(counts) == suppress(counts)
