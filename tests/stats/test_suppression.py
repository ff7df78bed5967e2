"""Small-cell suppression: the rule, and proof that no hidden cell can be worked out.

The property tests do not trust the module's own reasoning. For each hidden cell they look
for a *second completion*: a table of non-negative whole numbers that agrees with every
number shown (cells, row totals, column totals, grand total) but differs in that cell. Each
completion found is checked line by line here, so a pass is a proof that the cell cannot
be derived from what is published. Two independent searches find them: brute force over
small tables, and a cycle search (written here, not imported) over larger ones.
"""

from __future__ import annotations

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
from introsak.stats.domain.tables import Header, Layout, count_table, mean_table
from tests.stats.completions import (
    Grid,
    Shown,
    assert_nothing_derivable,
    brute_force_values,
    hidden,
    published,
    second_completion,
    small_remainders,
    table_grid,
)

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


def shown_states(result: Suppression) -> list[list[Shown]]:
    """The module's states in the checker's own terms."""
    return [
        [
            Shown.SHOWN
            if s is CellState.SHOWN
            else Shown.HIDDEN
            if s in HIDDEN_STATES
            else Shown.NOT_PUBLISHED
            for s in row
        ]
        for row in result.states
    ]


@settings(max_examples=300, deadline=None)
@given(tables(3, 3), margins)
def test_no_hidden_cell_is_derivable_brute_force(
    counts: list[list[int]], shown_totals: tuple[bool, bool]
) -> None:
    result = suppress(counts, row_totals=shown_totals[0], column_totals=shown_totals[1])
    grid = with_totals(counts)
    for position, values in brute_force_values(grid, shown_states(result)).items():
        assert len(values) >= 2, (counts, shown_totals, position, values)


@settings(max_examples=300, deadline=None)
@given(tables(8, 10), margins)
def test_no_hidden_cell_is_derivable_cycle_witness(
    counts: list[list[int]], shown_totals: tuple[bool, bool]
) -> None:
    result = suppress(counts, row_totals=shown_totals[0], column_totals=shown_totals[1])
    assert_nothing_derivable(with_totals(counts), shown_states(result), (counts, shown_totals))


# --- the rule itself --------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(tables(6, 8), margins)
def test_every_shown_count_is_zero_or_at_least_five(
    counts: list[list[int]], shown_totals: tuple[bool, bool]
) -> None:
    result = suppress(counts, row_totals=shown_totals[0], column_totals=shown_totals[1])
    for value in published(with_totals(counts), shown_states(result)).values():
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
    for target in hidden(shown_states(result)):
        assert second_completion(grid, shown_states(result), target) is not None


def test_result_is_deterministic() -> None:
    counts: Sequence[Sequence[int]] = [[1, 7, 0, 3], [9, 2, 11, 40], [5, 5, 1, 0]]
    assert suppress(counts) == suppress(counts)


# --- no small remainder on a line (rule 3) ---------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(tables(8, 10), margins)
def test_no_line_has_a_small_hidden_remainder(
    counts: list[list[int]], shown_totals: tuple[bool, bool]
) -> None:
    """A line's total minus its shown numbers is the sum of its hidden ones: 0 or >= 5."""
    result = suppress(counts, row_totals=shown_totals[0], column_totals=shown_totals[1])
    assert small_remainders(with_totals(counts), shown_states(result)) == []


def test_a_hidden_one_and_zero_are_not_left_alone_on_a_row() -> None:
    # The "days late" LIFE-01 row: the rule hid a 1 and a 0 next to each other,
    # so the row total minus the shown cells gave 1. A third cell is hidden with them.
    counts = [[9, 1, 0, 19], [30, 40, 50, 60], [6, 7, 8, 9]]
    result = suppress(counts)
    grid = with_totals(counts)
    row = [grid[0][c] for c in range(4) if result.cell(0, c)]
    assert sum(row) >= 5
    assert_nothing_derivable(grid, shown_states(result))


# --- every published table, as the views build them ------------------------------------------


def _layout(
    rows: int, columns: int, totals: tuple[bool, bool], selected: tuple[str, ...] = ()
) -> Layout:
    return Layout(
        key="t",
        caption="t",
        row_title="r",
        rows=[Header(f"r{i}", f"r{i}") for i in range(rows)],
        columns=[Header(f"c{i}", f"c{i}") for i in range(columns)],
        row_totals=totals[0],
        column_totals=totals[1],
        selected=selected,
    )


@st.composite
def published_tables(draw: st.DrawFn, max_rows: int, max_columns: int) -> tuple[Layout, Grid]:
    """A layout (which totals it shows, which rows are chosen) and its counts."""
    counts = draw(tables(max_rows, max_columns))
    totals = draw(margins)
    picked = draw(st.lists(st.sampled_from(range(len(counts))), unique=True))
    layout = _layout(len(counts), len(counts[0]), totals, tuple(f"r{i}" for i in sorted(picked)))
    return layout, counts


@settings(max_examples=300, deadline=None)
@given(published_tables(8, 8))
def test_no_hidden_count_of_a_published_table_is_derivable(table: tuple[Layout, Grid]) -> None:
    """``count_table`` and ``mean_table`` as the views call them: with row totals, column
    totals, both or neither, and any choice of rows (whose totals are then sums of the rows
    chosen). What the table publishes is checked on its own."""
    layout, counts = table
    sums = [[float(v) for v in row] for row in counts]
    for protected, whole in (
        (count_table(layout, counts, protect=True), count_table(layout, counts, protect=False)),
        (
            mean_table(layout, counts, sums, protect=True, value_label="mean"),
            mean_table(layout, counts, sums, protect=False, value_label="mean"),
        ),
    ):
        grid, states = table_grid(protected, whole)
        assert_nothing_derivable(grid, states, layout)


@settings(max_examples=200, deadline=None)
@given(published_tables(3, 3))
def test_no_hidden_count_of_a_published_table_is_derivable_brute_force(
    table: tuple[Layout, Grid],
) -> None:
    layout, counts = table
    grid, states = table_grid(
        count_table(layout, counts, protect=True), count_table(layout, counts, protect=False)
    )
    for position, values in brute_force_values(grid, states).items():
        assert len(values) >= 2, (layout, counts, position, values)


@settings(max_examples=200, deadline=None)
@given(published_tables(8, 6))
def test_a_chosen_row_is_the_same_alone_or_with_others(table: tuple[Layout, Grid]) -> None:
    """Choosing rows never changes a row: the same counts, shares and hidden cells as in the
    table of every row; a total of the rows chosen shows only sums of numbers shown."""
    layout, counts = table
    whole = count_table(
        _layout(len(counts), len(counts[0]), (layout.row_totals, layout.column_totals)),
        counts,
        protect=True,
        share_of="row" if layout.row_totals else None,
    )
    chosen = count_table(
        layout, counts, protect=True, share_of="row" if layout.row_totals else None
    )
    by_key = dict(zip([h.key for h in whole.rows], whole.body, strict=True))
    for header, cells, total in chosen.body:
        assert (header, cells, total) == by_key[header.key]
    if chosen.column_totals is not None and len(chosen.rows) < len(whole.rows):
        for c, total in enumerate(chosen.column_totals):
            column = [cells[c] for cells in chosen.cells]
            assert total.suppressed == any(cell.suppressed for cell in column)
            if not total.suppressed:
                assert total.count == sum(cell.count or 0 for cell in column)


def test_a_row_without_cases_shows_0_not_100_percent() -> None:
    from introsak.stats.interfaces.formatting import cell_text

    table = count_table(_layout(2, 2, (True, True)), [[0, 0], [6, 7]], protect=True, share_of="row")
    assert table.row_totals is not None
    assert (table.row_totals[0].count, table.row_totals[0].share) == (0, None)
    assert cell_text(table.row_totals[0]) == "0"
    assert [cell_text(c) for c in table.cells[0]] == ["0", "0"]
    empty = count_table(_layout(1, 2, (True, True)), [[0, 0]], protect=True, share_of="column")
    assert [cell_text(c) for c in empty.column_totals or ()] == ["0", "0"]
