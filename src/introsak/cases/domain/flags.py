"""Worklist flags: which follow-up a case needs, stored as "from" dates on the case.

A flag is a condition on one rule's stored finding: its status is one of ``statuses``, or it
is pending and its deadline is less than ``pending_days`` days away (``pending_days=0``: a
pending finding whose deadline has passed, i.e. overdue since the last recompute). Whether
a flag is set depends on the day it is asked, so what is stored is the first day it is set:
``ALWAYS`` for a status match, the day a pending deadline comes within reach, or ``None``
(never, until the findings change). On a given day a flag is set exactly when
``from_day <= today``.

The recompute (``deadlines.derive``) writes these columns with the findings, so the
worklist's ready filters and their counts are conditions on the case row itself: one scan
of the cases in view, with no read of the findings table (a district of 8,000 cases: one
index range instead of 8,000 correlated look-ups).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from introsak.cases.enums import FindingStatus
from introsak.rules import Finding

PENDING, OVERDUE, BREACH = FindingStatus.PENDING, FindingStatus.OVERDUE, FindingStatus.BREACH
ENDING_SOON_DAYS = 90  # "programme time running out": the latest end within three months

# The first day of a flag that holds whatever the day: a status match. (date.min is stored
# as 0001-01-01 by both databases and sorts before every real day.)
ALWAYS = date.min


@dataclass(frozen=True)
class FindingFlag:
    """A flag on the stored finding of ``rule``; stored in the case column ``column``."""

    key: str
    rule: str
    statuses: frozenset[str]
    pending_days: int | None = None

    @property
    def column(self) -> str:
        return f"flag_{self.key}_from"

    def first_day(self, status: str, deadline: date | None) -> date | None:
        """The first day on which the flag is set for a finding with this status and
        deadline; ``None`` if never (until the finding changes)."""
        if status in self.statuses:
            return ALWAYS
        if status == PENDING.value and self.pending_days is not None and deadline is not None:
            # Set once ``deadline < today + pending_days``, i.e. from
            # ``deadline - pending_days + 1``.
            return deadline - timedelta(days=self.pending_days - 1)
        return None


def _flag(
    key: str, rule: str, *statuses: FindingStatus, pending_days: int | None = None
) -> FindingFlag:
    return FindingFlag(key, rule, frozenset(str(s) for s in statuses), pending_days)


FLAGS: tuple[FindingFlag, ...] = (
    _flag("not_started", "START-01", OVERDUE, pending_days=0),
    _flag("no_mapping", "MAP-01", OVERDUE, pending_days=0),
    _flag("no_three_party", "TRI-01", OVERDUE, pending_days=0),
    _flag("no_contract", "CONTRACT-01", PENDING, OVERDUE),
    # Programme time running out: overdue, or the latest end within the next three months.
    _flag("time_running_out", "END-01", OVERDUE, pending_days=ENDING_SOON_DAYS + 1),
    _flag("no_recognition", "EDU-01", PENDING, OVERDUE),
    _flag("no_jobseeker", "JOBSEEK-01", OVERDUE, pending_days=0),
    _flag("work_hours", "WORK-15H-01", BREACH),
    _flag("no_certificate", "CERT-01", PENDING, OVERDUE),
    # Issue 13: under 25 with another end goal and no recorded exception; the plan due for
    # review; Norwegian training not offered in time.
    _flag("u25_goal", "U25-01", BREACH),
    _flag("plan_review", "PLANREV-01", OVERDUE, pending_days=0),
    _flag("no_norwegian", "NOR-01", OVERDUE, pending_days=0),
)
FLAGS_BY_KEY = {x.key: x for x in FLAGS}
FLAG_COLUMNS = tuple(x.column for x in FLAGS)


def flag_days(findings: Iterable[Finding]) -> tuple[date | None, ...]:
    """The first day of every flag (in the order of ``FLAGS``) for a case's findings."""
    by_rule = {x.rule: x for x in findings}
    days: list[date | None] = []
    for flag in FLAGS:
        found = by_rule.get(flag.rule)
        days.append(None if found is None else flag.first_day(found.status.value, found.deadline))
    return tuple(days)
