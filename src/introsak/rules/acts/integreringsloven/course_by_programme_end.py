"""What PARENT-01 and LIFE-01 share: a course started by the programme's latest end."""

from __future__ import annotations

from datetime import date

from introsak.casefacts.enums import ActivityKind
from introsak.rules.acts.integreringsloven.s13_s14_s17_programme_end import (
    LatestEnd,
    latest_end,
    programme_cutoff,
)
from introsak.rules.context import Context
from introsak.rules.findings import Finding
from introsak.rules.outcomes import DeadlinePhrases, deadline_finding, no_plan
from introsak.rules.spec import RuleSpec


def first_start(ctx: Context, kind: ActivityKind) -> date | None:
    starts = [a.start for a in ctx.activities if a.kind is kind]
    return min(starts) if starts else None


def _changes_after(ctx: Context, first: date, last: date) -> set[date]:
    """The days in (first, last] on which the latest end can change: a plan or an extension
    decided, or an approved leave begun."""
    days = {p.decided_on for p in ctx.plans}
    days.update(e.decided_on for e in ctx.extensions)
    days.update(x.start for x in ctx.leaves if x.approved)
    return {day for day in days if first < day <= last}


def latest_end_since(ctx: Context, started: date) -> LatestEnd | None:
    """The latest of the latest ends the programme has had since ``started``.

    A course counts as started in time if the programme, by any plan in force on any day
    since the course started, was still to run on the start day. This keeps a course that
    was on time on time when a later plan shortens the programme, and keeps an earlier
    course at least as good as a later one, whatever the order of later plans.
    """
    cutoff = programme_cutoff(ctx)
    first = min(started, cutoff)
    candidates = [latest_end(ctx, day) for day in (first, *_changes_after(ctx, first, cutoff))]
    found = [c for c in candidates if c is not None]
    return max(found, key=lambda c: c.day) if found else None


def course_finding(
    ctx: Context, spec: RuleSpec, phrases: DeadlinePhrases, kind: ActivityKind
) -> Finding:
    """The course's first start against the programme's latest end (END-01).

    Not started: the current latest end. Started: ``latest_end_since`` its start.
    """
    started = first_start(ctx, kind)
    if started is None:
        latest = latest_end(ctx, programme_cutoff(ctx))
    else:
        latest = latest_end_since(ctx, started)
    if latest is None:
        return no_plan(ctx, spec)
    return deadline_finding(
        ctx, spec, phrases, deadline=latest.day, satisfied_on=started, basis=latest.basis
    )
