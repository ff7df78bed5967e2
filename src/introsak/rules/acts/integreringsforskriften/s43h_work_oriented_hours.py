"""IF § 43 h: at least 15 hours a week of work-oriented content from the fourth month."""

from __future__ import annotations

import math
from datetime import date
from typing import NamedTuple

from introsak.casefacts.enums import EndGoal
from introsak.rules.acts.integreringsloven.s08_s09_target_group import temporary_rules_in_force
from introsak.rules.context import Context, Used
from introsak.rules.dates import add_days, add_months, days_inclusive
from introsak.rules.findings import Finding, Severity, Status
from introsak.rules.outcomes import not_collective, not_in_force, not_started
from introsak.rules.phrases import Note, Phrase, Qty
from introsak.rules.spec import LOVDATA_IF, RuleSpec

NOT_YET = Phrase(
    "WORK-15H-01.pending",
    "Kravet om minst {threshold} arbeidsrettet innhold i uken gjelder fra {deadline}, "
    "{months} etter programstart {start}",
    "The minimum of {threshold} of work-oriented content a week applies from {deadline}, "
    "{months} after the programme start {start}",
)
ENOUGH = Phrase(
    "WORK-15H-01.met",
    "Arbeidsrettet innhold var i snitt {average} i uken fra {deadline} til {period_end}, "
    "minst {threshold}",
    "Work-oriented content averaged {average} a week from {deadline} to {period_end}, at "
    "least {threshold}",
)
SHORTFALL = Phrase(
    "WORK-15H-01.breach",
    "Arbeidsrettet innhold var i snitt {average} i uken fra {deadline} til {period_end}, "
    "{shortfall} under kravet på {threshold}",
    "Work-oriented content averaged {average} a week from {deadline} to {period_end}, "
    "{shortfall} below the minimum of {threshold}",
)
PART_TIME = Phrase(
    "WORK-15H-01.part_time",
    "deltidsprogram på {percent} prosent, så kravet er {threshold}",
    "a part-time programme at {percent} per cent, so the minimum is {threshold}",
)
UNKNOWN_GOAL = Phrase(
    "WORK-15H-01.unknown_goal",
    "Kravet gjelder deltakere med sluttmål arbeid, og ingen plan angir sluttmål per {as_of}",
    "The minimum applies to participants with the end goal work, and no plan states an end "
    "goal as of {as_of}",
)
OTHER_GOAL = Phrase(
    "WORK-15H-01.other_goal",
    "Sluttmålet er {goal}, og kravet gjelder bare sluttmål arbeid",
    "The end goal is {goal}, and the minimum applies only to the end goal work",
)
STARTED_BEFORE = Phrase(
    "WORK-15H-01.started_before",
    "Programmet startet {start}, før kravet gjaldt for programmer som starter fra {start_from}",
    "The programme started on {start}, before the minimum applied to programmes starting "
    "from {start_from}",
)
RULES_NOT_IN_FORCE = Phrase(
    "WORK-15H-01.temporary_rules",
    "De midlertidige reglene for kollektiv beskyttelse gjaldt ikke {day}",
    "The temporary rules for collective protection were not in force on {day}",
)
ENDED_BEFORE = Phrase(
    "WORK-15H-01.ended_before",
    "Programmet ble avsluttet {end}, før kravet om arbeidsrettet innhold gjaldt fra {period_start}",
    "The programme ended on {end}, before the work-oriented minimum applied from {period_start}",
)

PARAMETERS = (
    "work_oriented_hours_start_from",
    "work_oriented_from_months",
    "work_oriented_hours",
    "work_oriented_hours_part_time",
    "part_time_threshold_percent",
    "work_oriented_activity_kinds",
    "work_oriented_averaging_window",
    "temporary_rules_from",
    "temporary_rules_sunset",
)


class Minimum(NamedTuple):
    """The rule's numbers as in force when the period starts."""

    threshold: float
    notes: tuple[Note, ...]
    kinds: frozenset[object]
    used: Used


def _minimum(ctx: Context, period_start: date) -> Minimum | None:
    names = PARAMETERS[2:7]
    hours, part_hours, percent, kinds, window = (ctx.value(n, period_start) for n in names)
    if None in (hours, part_hours, percent, kinds, window):
        return None
    used: Used = tuple(zip(names, (hours, part_hours, percent, kinds, window), strict=True))
    part_time = ctx.case.part_time_percent
    if part_time <= percent:
        note = (PART_TIME, {"percent": part_time, "threshold": Qty(part_hours, "hour")})
        return Minimum(part_hours, (note,), frozenset(kinds), used)
    return Minimum(hours, (), frozenset(kinds), used)


def _goal_finding(ctx: Context, spec: RuleSpec) -> Finding | None:
    """None when the stated end goal is work; else the unknown / not-applicable finding."""
    goal = ctx.stated_end_goal()
    if goal is None:
        return ctx.unknown(spec, "plans[].end_goal", UNKNOWN_GOAL, {"as_of": ctx.as_of})
    if goal is not EndGoal.WORK:
        return ctx.not_applicable(spec, "end_goal_not_work", OTHER_GOAL, {"goal": goal})
    return None


def _scope_finding(ctx: Context, spec: RuleSpec, start: date) -> Finding | None:
    """None when the programme is covered; else why not (started before, rules not in force)."""
    start_from = ctx.value("work_oriented_hours_start_from", ctx.as_of)
    if start_from is None:
        return not_in_force(ctx, spec, ctx.as_of)
    if start < start_from:
        values = {"start": start, "start_from": start_from}
        used = (("work_oriented_hours_start_from", start_from),)
        return ctx.not_applicable(spec, "started_before", STARTED_BEFORE, values, used=used)
    if not temporary_rules_in_force(ctx, start):
        return ctx.not_applicable(
            spec, "temporary_rules_not_in_force", RULES_NOT_IN_FORCE, {"day": start}
        )
    return None


def average_hours(ctx: Context, kinds: frozenset[object], first: date, last: date) -> float:
    """Σ(hours_per_week × days of overlap with [first, last]) / days in [first, last].

    An activity without an end (or ending after ``last``) runs on to ``last``.
    """
    total = 0.0
    for activity in ctx.activities:
        if activity.kind not in kinds:
            continue
        end = activity.end if activity.end is not None and activity.end < last else last
        overlap = days_inclusive(max(activity.start, first), end)
        total += activity.hours_per_week * overlap
    return total / days_inclusive(first, last)


def if_s43h_work_oriented_hours(ctx: Context, spec: RuleSpec) -> Finding:
    """IF § 43 h: after three months in a programme with the end goal work (IL § 37 c second
    para.), work-oriented elements shall on average make up at least 15 hours of the
    programme a week; for a part-time programme of at most 60 % (IF § 43 i), at least 10.
    Practice at a workplace, part-time work, short vocational courses and NAV labour-market
    measures count.

    Applies to started participants with collective protection whose stated end goal is work
    and whose programme started on or after ``work_oriented_hours_start_from``, while the
    temporary rules are in force. The period P runs from start + 3 months to the as-of date
    (or the end date, or the day before the sunset, if earlier); the average over P must
    reach the threshold. The numbers are read on P's first day. Deadline: P's first day.
    """
    refused = _case_out_of_scope(ctx, spec)
    if refused is not None:
        return refused
    start = ctx.start
    assert start is not None  # in scope means started
    months = ctx.value("work_oriented_from_months", start)
    if months is None:
        return not_in_force(ctx, spec, start)
    period_start = add_months(start, months)
    refused = _period_out_of_scope(ctx, spec, period_start)
    if refused is not None:
        return refused
    minimum = _minimum(ctx, period_start)
    if minimum is None:
        return not_in_force(ctx, spec, period_start)
    used: Used = (
        ("work_oriented_hours_start_from", ctx.value("work_oriented_hours_start_from", ctx.as_of)),
        ("work_oriented_from_months", months),
        *minimum.used,
    )
    if ctx.as_of < period_start:
        values = {
            "threshold": Qty(minimum.threshold, "hour"),
            "deadline": period_start,
            "months": Qty(months, "month"),
            "start": start,
        }
        return ctx.finding(
            spec, Status.PENDING, NOT_YET, values, deadline=period_start, used=used,
            notes=minimum.notes,
        )  # fmt: skip
    return _judge_average(ctx, spec, period_start, minimum, used)


def _case_out_of_scope(ctx: Context, spec: RuleSpec) -> Finding | None:
    """Why the case is not covered (basis, start, dates, end goal), or None if it is.

    Out of scope by dates is certain; only then can a missing end goal make it unknown.
    """
    if not ctx.collective:
        return not_collective(ctx, spec)
    if not ctx.started or ctx.start is None:
        return not_started(ctx, spec)
    return _scope_finding(ctx, spec, ctx.start) or _goal_finding(ctx, spec)


def _period_out_of_scope(ctx: Context, spec: RuleSpec, period_start: date) -> Finding | None:
    """The programme ended, or the temporary rules lapsed, before the period began."""
    if ctx.end is not None and ctx.end < period_start:
        values = {"end": ctx.end, "period_start": period_start}
        return ctx.not_applicable(spec, "ended_before_period", ENDED_BEFORE, values)
    if not temporary_rules_in_force(ctx, period_start):
        values = {"day": period_start}
        return ctx.not_applicable(spec, "temporary_rules_not_in_force", RULES_NOT_IN_FORCE, values)
    return None


def _judge_average(
    ctx: Context, spec: RuleSpec, period_start: date, minimum: Minimum, used: Used
) -> Finding:
    """met if the average over the period reaches the minimum, else breach with the shortfall.

    Shown averages are rounded down and shortfalls up, so a breach never reads as "15 hours".
    """
    period_end = _period_end(ctx, period_start)
    average = average_hours(ctx, minimum.kinds, period_start, period_end)
    values = {
        "average": Qty(math.floor(average * 10) / 10, "hour"),
        "deadline": period_start,
        "period_end": period_end,
        "threshold": Qty(minimum.threshold, "hour"),
        "shortfall": Qty(math.ceil((minimum.threshold - average) * 10) / 10, "hour"),
    }
    status, phrase = (
        (Status.MET, ENOUGH) if average >= minimum.threshold else (Status.BREACH, SHORTFALL)
    )
    return ctx.finding(
        spec, status, phrase, values, deadline=period_start, used=used, notes=minimum.notes
    )


def _period_end(ctx: Context, period_start: date) -> date:
    """The as-of date, or the end date or the day before the sunset, whichever is first."""
    last = ctx.as_of if ctx.end is None else min(ctx.as_of, ctx.end)
    sunset = ctx.value("temporary_rules_sunset", ctx.as_of)
    if sunset is not None and sunset <= last:
        last = add_days(sunset, -1)
    return max(last, period_start)


RULE = RuleSpec(
    id="WORK-15H-01",
    title="Work-oriented content from month 4",
    severity=Severity.SHALL,
    source="IF § 43 h",
    url=f"{LOVDATA_IF}/§43h",
    parameters=PARAMETERS,
    evaluate=if_s43h_work_oriented_hours,
    phrases=(
        NOT_YET,
        ENOUGH,
        SHORTFALL,
        PART_TIME,
        UNKNOWN_GOAL,
        OTHER_GOAL,
        STARTED_BEFORE,
        RULES_NOT_IN_FORCE,
        ENDED_BEFORE,
    ),
)
