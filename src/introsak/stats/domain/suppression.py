"""Small-cell protection lives in the pure bottom layer (``introsak.suppression``), so that
every feature app's statistics (the placements app's too) use the same rule; the statistics
app's modules and tests import it from here as before."""

from introsak.suppression import (
    HIDDEN_STATES,
    SMALLEST_SHOWN,
    CellState,
    Position,
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
    "Position",
    "Suppression",
    "is_protected",
    "lines",
    "small_remainder",
    "suppress",
    "with_totals",
]
