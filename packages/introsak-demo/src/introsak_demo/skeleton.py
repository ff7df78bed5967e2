"""The generator's working record of one person, before it becomes a ``CaseFacts``.

The generator decides a person's programme in stages (who takes part, when the programme
starts and ends and why, how long they waited after settlement, who lives with them) and
only then writes out the facts. ``Skeleton`` is the mutable record those stages share.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from introsak.casefacts.enums import EducationLevel, EndGoal, EndReason, ResidenceBasis, Sex
from introsak.rules.dates import add_months


class Role(StrEnum):
    """What the person is in the demo's story."""

    PARTICIPANT = "participant"  # started (running or ended)
    WAITING = "waiting"  # claimed or entitled, settled, not started by the as-of date
    ADULT = "adult"  # adult who does not take part (declined, works, exempt)
    OLDER = "older"  # over 55: may be offered the programme, does not take part
    CHILD = "child"  # under 18: no programme


class Cohort(StrEnum):
    """When the person was settled, as the report's settlement statistics group it."""

    LEGACY = "legacy"  # before 2021, still in the programme on 1 January 2022
    Y2021 = "2021"
    MAIN = "main"  # 2022 - H1 2024
    LATE = "late"  # 1 July 2024 - as-of


@dataclass(slots=True)
class Skeleton:
    uid: int
    district: str
    basis: ResidenceBasis
    role: Role
    cohort: Cohort
    education: EducationLevel = EducationLevel.UPPER_SECONDARY
    settlement: date | None = None
    start: date | None = None
    end: date | None = None
    delay_days: int | None = None  # settlement -> start
    base_months: int = 6
    extensions: list[int] = field(default_factory=list)  # months of each extension
    leave_days: int = 0
    goal: EndGoal | None = None
    reason: EndReason | None = None
    over_six: bool | None = None
    early: bool = False
    age: int = 30  # years at settlement
    sex: Sex = Sex.FEMALE
    household: int = -1
    review: bool = False
    flags: dict[str, bool] = field(default_factory=dict)

    @property
    def collective(self) -> bool:
        return self.basis is ResidenceBasis.COLLECTIVE_PROTECTION

    @property
    def ended(self) -> bool:
        return self.end is not None

    @property
    def stratum(self) -> str | None:
        """``c23`` etc.: basis group and the year the programme ended."""
        if self.end is None:
            return None
        return f"{'c' if self.collective else 'o'}{self.end.year % 100}"

    def planned_end(self) -> date:
        """Start + base duration + extensions (months) + approved leave (days): END-01."""
        assert self.start is not None
        months = self.base_months + sum(self.extensions)
        return add_months(self.start, months) + timedelta(days=self.leave_days)


def uniform_date(rng: random.Random, first: date, last: date) -> date:
    if last < first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


def short_education(level: EducationLevel) -> bool:
    """Below upper secondary: the long programme (24 or 36 months)."""
    return level in {EducationLevel.NONE, EducationLevel.PRIMARY}
