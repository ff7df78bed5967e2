"""What a statistics request asks for: period, districts, residence basis, education.

The same ``Filters`` come from the dashboard's URL and from ``introsak stats``'s options
(both through ``stats.interfaces.forms.FilterForm``), so both validate alike.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from django.db.models import Q

from introsak.casefacts.enums import ResidenceBasis


class BasisGroup(StrEnum):
    """The report's two groups of residence basis."""

    COLLECTIVE = "collective"  # collective protection (utlendingsloven § 34)
    OTHER = "other"  # every other basis


EARLIEST = date(2000, 1, 1)  # no statistics before this day
LONGEST_YEARS = 10  # no period longer than this many years


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


@dataclass(frozen=True, slots=True)
class Period:
    """A closed range of days, both ends included."""

    first: date
    last: date

    @property
    def years(self) -> list[int]:
        return list(range(self.first.year, self.last.year + 1))

    def in_whole_months(self, today: date) -> Period:
        """The period widened to whole calendar months: from the first day of its first
        month to the last day of its last month, or to ``today`` if that month is not over.
        Two requests whose ends lie in the same month then count the same cases."""
        return Period(first=self.first.replace(day=1), last=min(month_end(self.last), today))


@dataclass(frozen=True, slots=True)
class Filters:
    """A statistics request. ``start``/``end`` left empty mean each view's default period
    (``period``); ``as_of`` is "today" for deadlines that have passed."""

    as_of: date
    start: date | None = None
    end: date | None = None
    districts: tuple[str, ...] = ()  # district slugs; empty means every district
    basis: BasisGroup | None = None
    education: str | None = None

    def period(self, years_back: int) -> Period:
        """The requested period. Without an end it ends on the as-of date; without a start it
        starts on 1 January ``years_back`` years before the end's year (never before
        ``EARLIEST``): with as-of 7 August 2024 that is the report's 2022-01-01 to
        2024-08-07 (two years back) or 2023-01-01 to 2024-08-07 (one)."""
        last = self.end or self.as_of
        first = self.start or max(date(last.year - years_back, 1, 1), EARLIEST)
        return Period(first=first, last=last)

    def within(self, period: Period) -> Filters:
        """These filters with the period given as their start and end."""
        return replace(self, start=period.first, end=period.last)

    def without_districts(self) -> Filters:
        return replace(self, districts=())

    def reference_day(self) -> date:
        """The day a snapshot (participants in the programme) is taken."""
        return self.end or self.as_of

    def cases_q(self, prefix: str = "") -> Q:
        """The cases these filters select (``prefix`` e.g. ``"case__"`` from a finding)."""
        q = Q()
        if self.districts:
            q &= Q(**{f"{prefix}district__slug__in": self.districts})
        if self.basis is BasisGroup.COLLECTIVE:
            q &= Q(**{f"{prefix}person__residence_basis": ResidenceBasis.COLLECTIVE_PROTECTION})
        elif self.basis is BasisGroup.OTHER:
            q &= ~Q(**{f"{prefix}person__residence_basis": ResidenceBasis.COLLECTIVE_PROTECTION})
        if self.education:
            q &= Q(**{f"{prefix}person__education_level": self.education})
        return q

    def as_query(self) -> dict[str, str | list[str]]:
        """The filters as URL query parameters (only those set)."""
        query: dict[str, str | list[str]] = {}
        if self.start:
            query["from"] = self.start.isoformat()
        if self.end:
            query["to"] = self.end.isoformat()
        if self.districts:
            query["district"] = list(self.districts)
        if self.basis:
            query["basis"] = self.basis.value
        if self.education:
            query["education"] = self.education
        return query
