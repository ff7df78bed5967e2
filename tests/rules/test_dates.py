"""Calendar arithmetic, table-driven (rules.md section 1)."""

from __future__ import annotations

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from introsak.rules.dates import (
    add_days,
    add_months,
    add_weeks,
    add_years,
    age_on,
    days_between,
    days_inclusive,
)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # the catalogue's example
        (date(2023, 11, 30), 3, date(2024, 2, 29)),  # the catalogue's example
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 20), 3, date(2024, 4, 20)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 5, 31), 0, date(2024, 5, 31)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 1, 15), -13, date(2022, 12, 15)),
        (date(2022, 6, 30), 36, date(2025, 6, 30)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.integers(-600, 600))
def test_add_months_agrees_with_relativedelta(day: date, months: int) -> None:
    assert add_months(day, months) == day + relativedelta(months=months)


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2024, 1, 20), 2, date(2026, 1, 20)),
        (date(2024, 2, 29), 2, date(2026, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
    ],
)
def test_add_years(day: date, years: int, expected: date) -> None:
    assert add_years(day, years) == expected


def test_add_weeks_is_seven_days_each() -> None:
    assert add_weeks(date(2024, 3, 1), 8) == date(2024, 4, 26)


def test_add_days() -> None:
    assert add_days(date(2024, 7, 10), 30) == date(2024, 8, 9)


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2024, 3, 1), date(2024, 3, 10), 10),  # both ends counted
        (date(2024, 3, 1), date(2024, 3, 1), 1),
        (date(2024, 2, 1), date(2024, 2, 29), 29),
        (date(2024, 3, 2), date(2024, 3, 1), 0),  # reversed: empty
    ],
)
def test_days_inclusive(first: date, last: date, expected: int) -> None:
    assert days_inclusive(first, last) == expected


def test_days_between_counts_whole_days() -> None:
    assert days_between(date(2024, 4, 20), date(2024, 5, 2)) == 12


@pytest.mark.parametrize(
    ("birth", "day", "expected"),
    [
        (date(1990, 1, 1), date(2023, 12, 1), 33),
        (date(1968, 12, 2), date(2023, 12, 1), 54),
        (date(1968, 12, 1), date(2023, 12, 1), 55),
        (date(2004, 2, 29), date(2022, 2, 28), 17),  # turns 18 on 1 March
        (date(2004, 2, 29), date(2022, 3, 1), 18),
    ],
)
def test_age_on(birth: date, day: date, expected: int) -> None:
    assert age_on(birth, day) == expected


def test_arithmetic_saturates_at_the_ends_of_the_calendar() -> None:
    assert add_months(date(9999, 11, 30), 3) == date.max
    assert add_days(date(9999, 12, 1), 60) == date.max
    assert add_weeks(date(1, 1, 10), -2) == date.min
