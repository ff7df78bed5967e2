"""The small-cell rule lives in ``introsak.suppression`` (pure Python, below every app) so
that every app's statistics use the same rule (issue 17: early contact); re-exported here for
the statistics app's imports."""

from introsak.suppression import (
    HIDDEN_STATES,
    SMALLEST_SHOWN,
    CellState,
    Suppression,
    is_protected,
    lines,
    small_remainder,
    suppress,
    with_totals,
)

__all__ = [
    "HIDDEN_STATES",
    "SMALLEST_SHOWN",
    "CellState",
    "Suppression",
    "is_protected",
    "lines",
    "small_remainder",
    "suppress",
    "with_totals",
]
