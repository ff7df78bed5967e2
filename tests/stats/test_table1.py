"""Table 1 of the audit report, rebuilt from case data.

The data set has exactly the report's counts (report lines 473-501: St. Hanshaugen and
Østensjø, participants who ended 2023 to 7 August 2024), plus cases that must not be
counted. The statistic must give the same table and the shares the report quotes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from introsak.stats.domain.catalogue import compute_view
from introsak.stats.domain.filters import Filters
from introsak.stats.domain.queries import Scope
from introsak.stats.interfaces.formatting import percent
from tests.factories import import_cases
from tests.stats.builders import COLLECTIVE, OTHER, ended_case

pytestmark = pytest.mark.django_db

AS_OF = date(2024, 8, 7)
REASONS = (
    "work",
    "education",
    "labour_market_measure",
    "qualification_measure",
    "other",
    "not_registered",
)
# Report lines 493-499, one list per column.
COLUMNS = {
    "st_hanshaugen:collective:2023": [2, 1, 0, 15, 2, 4],
    "st_hanshaugen:collective:2024": [6, 0, 0, 4, 1, 0],
    "st_hanshaugen:other:2023-2024": [5, 2, 1, 3, 1, 2],
    "ostensjo:collective:2023": [12, 2, 11, 2, 3, 2],
    "ostensjo:collective:2024": [4, 0, 5, 1, 2, 6],
    "ostensjo:other:2023-2024": [6, 4, 2, 5, 1, 0],
}
SUMS = [24, 11, 14, 32, 18, 18]


def report_cases() -> list[dict[str, Any]]:
    cases = []
    for column, values in COLUMNS.items():
        district, basis, years = column.split(":")
        for reason, n in zip(REASONS, values, strict=True):
            for i in range(n):
                # The other basis's cases alternate between the two years; a "not
                # registered" case alternates between the recorded value and none at all.
                year = int(years[:4]) if "-" not in years else (2023, 2024)[i % 2]
                end = date(year, 1, 10) + timedelta(days=7 * i + REASONS.index(reason))
                recorded = None if reason == "not_registered" and i % 2 else reason
                cases.append(
                    ended_case(
                        f"{column}:{reason}:{i}",
                        district=district,
                        basis=COLLECTIVE if basis == "collective" else OTHER,
                        end=end,
                        reason=recorded,
                    )
                )
    return cases


def noise() -> list[dict[str, Any]]:
    """Cases Table 1 must leave out: another district, ended before 2023, not ended."""
    return [
        ended_case(
            "other-district",
            district="grunerlokka",
            basis=COLLECTIVE,
            end=date(2023, 5, 1),
            reason="work",
        ),
        ended_case(
            "ended-2022",
            district="st_hanshaugen",
            basis=COLLECTIVE,
            end=date(2022, 12, 31),
            reason="work",
        ),
        {
            **ended_case(
                "running", district="ostensjo", basis=OTHER, end=date(2024, 5, 1), reason=None
            ),
            "end_date": None,
        },
    ]


@pytest.fixture
def table() -> Any:
    import_cases([*report_cases(), *noise()], as_of=AS_OF)
    filters = Filters(as_of=AS_OF, districts=("st_hanshaugen", "ostensjo"))
    result = compute_view("end-reasons", Scope(suppress=False), filters)
    assert len(result.tables) == 1
    return result.tables[0]


def test_table_1_has_the_reports_columns_as_rows(table: Any) -> None:
    # The report's six columns are the rows here, so that all 15 districts fit.
    assert [h.key for h in table.rows] == list(COLUMNS)
    assert [str(h.label) for h in table.rows][:3] == [
        "St. Hanshaugen, Kollektiv beskyttelse 2023",
        "St. Hanshaugen, Kollektiv beskyttelse 2024",
        "St. Hanshaugen, Annet oppholdsgrunnlag 2023–2024",
    ]
    assert [h.key for h in table.columns] == list(REASONS)


def test_table_1_counts_equal_the_report(table: Any) -> None:
    counts = {c: [table.cell(c, r).count for r in REASONS] for c in COLUMNS}
    assert counts == COLUMNS
    assert [table.row_total(c).count for c in COLUMNS] == SUMS


def test_table_1_shares_are_the_ones_the_report_quotes(table: Any) -> None:
    def share(reason: str, column: str) -> int:
        return percent(table.cell(column, reason).share)

    # Report lines 503-516.
    assert share("qualification_measure", "st_hanshaugen:collective:2023") == 63  # 15 of 24
    assert share("work", "st_hanshaugen:collective:2024") == 55  # 6 of 11
    assert share("qualification_measure", "st_hanshaugen:collective:2024") == 36  # 4 of 11
    assert share("work", "st_hanshaugen:other:2023-2024") == 36  # 5 of 14
    assert share("work", "ostensjo:collective:2023") == 38  # 12 of 32
    assert share("labour_market_measure", "ostensjo:collective:2023") == 34  # 11 of 32
    assert share("work", "ostensjo:collective:2024") == 22  # 4 of 18


def test_table_1_for_the_analyst_hides_small_cells(table: Any) -> None:
    import_cases([], as_of=AS_OF)
    filters = Filters(as_of=AS_OF, districts=("st_hanshaugen", "ostensjo"))
    hidden = compute_view("end-reasons", Scope(suppress=True), filters).tables[0]
    shown = [hidden.cell(c, r).count for r in REASONS for c in COLUMNS]
    assert all(n is None or n == 0 or n >= 5 for n in shown)
    assert hidden.cell("st_hanshaugen:collective:2023", "qualification_measure").count == 15
    cell = hidden.cell("st_hanshaugen:collective:2023", "work")  # 2: hidden, share too
    assert (cell.count, cell.share, cell.suppressed) == (None, None, True)
