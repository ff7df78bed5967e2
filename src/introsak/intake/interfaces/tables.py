"""The forecast's numbers as table rows for the page (the same numbers as the chart)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from introsak.intake.domain.forecast import Band, Forecast


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    school: str
    before: Band
    after: Band

    @property
    def change(self) -> int:
        return round(self.after.p50) - round(self.before.p50)


@dataclass(frozen=True, slots=True)
class MonthRow:
    month: date
    cells: tuple[Band | None, ...]


def comparison_rows(
    before: Forecast, after: Forecast, names: dict[str, str]
) -> list[ComparisonRow]:
    return [
        ComparisonRow(names.get(s, s), before.wait_by_school[s], after.wait_by_school[s])
        for s in before.schools
        if s in after.wait_by_school
    ]


def month_rows(result: Forecast, names: dict[str, str]) -> list[MonthRow]:
    """Predicted wait by month of the mapping appointment (rows) and school (columns)."""
    return [
        MonthRow(month, tuple(result.wait_by_school_month.get((s, month)) for s in result.schools))
        for month in result.months
    ]
