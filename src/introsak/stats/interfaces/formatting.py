"""How numbers are shown: whole percentages rounded half up (as the report: 15 of 24 is
63 %), one decimal for means, the active language's decimal mark."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import get_language

from introsak.stats.domain.tables import Cell, Emphasis

HIDDEN_MARK = "–"


def percent(share: float) -> int:
    """A share (0–1) as whole percent, halves rounded up."""
    return int(Decimal(repr(share * 100)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent_text(share: float) -> str:
    # Norwegian writes a (no-break) space before the percent sign; English does not.
    space = "\u00a0" if (get_language() or "nb").startswith("nb") else ""
    return f"{percent(share)}{space}%"


def decimal_text(value: float, places: int = 1) -> str:
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return number_format(rounded, places)


def day_text(day: date) -> str:
    """A date in a message: 01.01.2000 in bokmål, 1 January 2000 in English."""
    norwegian = (get_language() or "nb").startswith("nb")
    return date_format(day, "d.m.Y" if norwegian else "j F Y")


def count_text(count: int) -> str:
    return number_format(count, 0, force_grouping=True)


def cell_text(cell: Cell, emphasis: Emphasis = "count") -> str:
    """The cell as a table shows it: its main number and, in brackets, the other one
    ("15 (63 %)", "63 % (15)" or "4,3 (45)" for a mean over 45)."""
    if cell.suppressed:
        return HIDDEN_MARK
    share = percent_text(cell.share) if cell.share is not None else None
    count = count_text(cell.count) if cell.count is not None else None
    main: str | None
    extra: str | None
    if cell.value is not None:
        main, extra = decimal_text(cell.value), count
    elif emphasis == "share" and share is not None:
        main, extra = share, count
    else:
        main, extra = count, share
    if main is None:
        return extra or ""
    return f"{main} ({extra})" if extra is not None else main
