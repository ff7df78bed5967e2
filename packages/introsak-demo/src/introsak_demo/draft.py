"""The growing fact set of one participant while its case is written (``facts``, ``activities``)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from introsak.casefacts.enums import ActivityKind
from introsak.casefacts.model import Activity, JournalNote, Meeting
from introsak_demo.skeleton import Skeleton


def before(day: date, limit: date) -> date:
    return min(day, limit)


@dataclass(slots=True)
class CaseDraft:
    """The growing fact set of one participant."""

    p: Skeleton
    as_of: date
    rng: random.Random
    adviser: str
    occupation: str
    notes: list[JournalNote] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

    @property
    def last_day(self) -> date:
        """The last day facts can be dated: the end of the programme, or the as-of date."""
        return min(self.p.end or self.as_of, self.as_of)

    def note(self, day: date, text: str, author: str | None = None) -> None:
        if day <= self.as_of:
            self.notes.append(JournalNote(written_on=day, text=text, author=author or self.adviser))

    def activity(
        self, kind: ActivityKind, start: date, end: date | None, hours: float, provider: str
    ) -> None:
        """Add an activity if it has begun; an end after the as-of date is not known yet."""
        if start > self.last_day:
            return
        if end is not None:
            end = min(end, self.p.end) if self.p.end else end
            if end > self.as_of:
                end = None
            elif end < start:
                end = start
        if end is None and self.p.end is not None:
            end = self.p.end
        self.activities.append(
            Activity(kind=kind, start=start, end=end, hours_per_week=hours, provider=provider)
        )
