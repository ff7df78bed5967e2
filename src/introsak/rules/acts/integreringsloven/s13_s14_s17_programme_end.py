"""IL §§ 13–14 and § 17: the programme ends when its time, plus extensions and leave, runs out.

``latest_end`` is shared with PARENT-01 and LIFE-01, whose deadline is the same date.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from introsak.casefacts.model import Leave
from introsak.rules.context import Context
from introsak.rules.dates import add_days, add_months, days_inclusive
from introsak.rules.findings import Finding, Severity
from introsak.rules.outcomes import deadline_finding, deadline_phrases, no_plan, not_started
from introsak.rules.phrases import Joined, Labelled, Language, Note, Phrase, Qty, Text, write
from introsak.rules.spec import LOVDATA_IL, RuleSpec

PHRASES = deadline_phrases(
    "END-01",
    done=("Programmet ble avsluttet {satisfied}", "The programme ended on {satisfied}"),
    missing=("Programmet er ikke avsluttet", "The programme has not ended"),
    noun=("seneste sluttdato", "the latest end date"),
)
BASIS = Phrase(
    "END-01.basis", "programstart {start} + {parts}", "programme start {start} + {parts}"
)
BASE = Text("grunnlag", "base duration")
EXTENSIONS = Text("forlengelse", "of extensions")
LEAVE = Text("permisjon", "of leave")


class LatestEnd(NamedTuple):
    """start + (latest plan's base duration + extensions) months + approved leave days."""

    day: date
    start: date
    base_months: int
    extension_months: int
    leave_days: int

    @property
    def basis(self) -> Note:
        """The note "programstart … + 6 måneder grunnlag + …"; its parts are written lazily."""
        return BASIS, {"start": self.start, "parts": self}

    def write(self, language: Language) -> str:
        """The sum's parts in ``language``, leaving out zero extensions and leave."""
        parts: list[object] = [Labelled(Qty(self.base_months, "month"), BASE)]
        if self.extension_months:
            parts.append(Labelled(Qty(self.extension_months, "month"), EXTENSIONS))
        if self.leave_days:
            parts.append(Labelled(Qty(self.leave_days, "day"), LEAVE))
        return write(Joined(tuple(parts), " + "), language)


def programme_cutoff(ctx: Context) -> date:
    """The last day whose decisions count for the latest end: the end date, else as-of.

    A plan, extension or leave decided after the programme ended cannot change when it
    should have ended.
    """
    return ctx.end if ctx.end is not None else ctx.as_of


def latest_end(ctx: Context, cutoff: date) -> LatestEnd | None:
    """The latest end from the plan, extensions and leaves decided (begun) by ``cutoff``.

    None if the programme has not started or no plan was decided by ``cutoff``.
    """
    cache: dict[date, LatestEnd | None] = ctx.memo("latest_end", lambda _: {})
    if cutoff not in cache:
        cache[cutoff] = _latest_end(ctx, cutoff)
    return cache[cutoff]


def _latest_end(ctx: Context, cutoff: date) -> LatestEnd | None:
    start = ctx.start
    plan = None
    for candidate in ctx.plans:
        if candidate.decided_on > cutoff:
            break
        plan = candidate
    if start is None or plan is None:
        return None
    extensions = sum(e.months for e in ctx.extensions if e.decided_on <= cutoff)
    leave = leave_days(ctx.leaves, cutoff)
    day = add_days(add_months(start, plan.duration_months + extensions), leave)
    return LatestEnd(day, start, plan.duration_months, extensions, leave)


def leave_days(leaves: tuple[Leave, ...], cutoff: date) -> int:
    """Days of approved leave begun by ``cutoff``, both ends counted, overlaps counted once."""
    spans = sorted((x.start, x.end) for x in leaves if x.approved and x.start <= cutoff)
    total = 0
    current_start: date | None = None
    current_end: date | None = None
    for first, last in spans:
        if current_end is not None and first <= current_end:
            current_end = max(current_end, last)
            continue
        if current_start is not None and current_end is not None:
            total += days_inclusive(current_start, current_end)
        current_start, current_end = first, last
    if current_start is not None and current_end is not None:
        total += days_inclusive(current_start, current_end)
    return total


def il_s13_s14_s17_programme_end(ctx: Context, spec: RuleSpec) -> Finding:
    """IL §§ 13–14: the programme lasts the base duration in the plan plus any extensions;
    IL § 17: approved leave is added to the duration. The programme shall end when that time
    runs out (or earlier, when the end goal is reached).

    Applies to started participants with a plan. Latest end = start + (the latest plan's
    base duration + all extensions) months + the days of approved leave (a leave counts
    with all its days once it has begun). Only decisions made by the end date count.
    Satisfied by ``end_date``; no end after the latest end: ``overdue`` — the
    "programme time runs out" warning.
    """
    if not ctx.started:
        return not_started(ctx, spec)
    latest = latest_end(ctx, programme_cutoff(ctx))
    if latest is None:
        return no_plan(ctx, spec)
    return deadline_finding(
        ctx, spec, PHRASES, deadline=latest.day, satisfied_on=ctx.end, basis=latest.basis
    )


RULE = RuleSpec(
    id="END-01",
    title="Programme ends on time",
    severity=Severity.SHALL,
    source="IL §§ 13–14, § 17",
    url=f"{LOVDATA_IL}/§17",
    evaluate=il_s13_s14_s17_programme_end,
    phrases=(*PHRASES.all(), BASIS),
)
