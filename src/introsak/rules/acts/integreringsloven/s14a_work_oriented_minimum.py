"""IL § 14 a (the 2025 revision): a general minimum of work-oriented content for the end goal
work, for every participant, not only those with collective protection (IF § 43 h)."""

from __future__ import annotations

import math
from datetime import date

from introsak.casefacts.enums import EndGoal
from introsak.rules.acts.integreringsforskriften.s43h_work_oriented_hours import average_hours
from introsak.rules.context import Context, Used
from introsak.rules.dates import add_months
from introsak.rules.findings import Finding, Severity, Status
from introsak.rules.outcomes import not_in_force, not_started
from introsak.rules.phrases import Phrase, Qty
from introsak.rules.spec import LOVDATA_IL, RuleSpec

NOT_YET = Phrase(
    "WORK-MIN-01.pending",
    "Minstekravet på {threshold} arbeidsrettet innhold i uken gjelder fra {deadline}, "
    "{months} etter programstart {start}",
    "The minimum of {threshold} of work-oriented content a week applies from {deadline}, "
    "{months} after the programme start {start}",
)
ENOUGH = Phrase(
    "WORK-MIN-01.met",
    "Arbeidsrettet innhold var i snitt {average} i uken fra {deadline} til {period_end}, "
    "minst {threshold}",
    "Work-oriented content averaged {average} a week from {deadline} to {period_end}, at "
    "least {threshold}",
)
SHORTFALL = Phrase(
    "WORK-MIN-01.breach",
    "Arbeidsrettet innhold var i snitt {average} i uken fra {deadline} til {period_end}, "
    "{shortfall} under minstekravet på {threshold}",
    "Work-oriented content averaged {average} a week from {deadline} to {period_end}, "
    "{shortfall} below the minimum of {threshold}",
)
UNKNOWN_GOAL = Phrase(
    "WORK-MIN-01.unknown_goal",
    "Minstekravet gjelder deltakere med sluttmål arbeid, og ingen plan angir sluttmål per {as_of}",
    "The minimum applies to participants with the end goal work, and no plan states an end "
    "goal as of {as_of}",
)
OTHER_GOAL = Phrase(
    "WORK-MIN-01.other_goal",
    "Sluttmålet er {goal}, og minstekravet gjelder bare sluttmål arbeid",
    "The end goal is {goal}, and the minimum applies only to the end goal work",
)
TEMPORARY_RULES = Phrase(
    "WORK-MIN-01.temporary_rules",
    "Saken følger de midlertidige reglene for kollektiv beskyttelse, der IF § 43 h gjelder "
    "(WORK-15H-01)",
    "The case follows the temporary rules for collective protection, under which IF § 43 h "
    "applies (WORK-15H-01)",
)
ENDED_BEFORE = Phrase(
    "WORK-MIN-01.ended_before",
    "Programmet ble avsluttet {end}, før minstekravet gjaldt fra {period_start}",
    "The programme ended on {end}, before the minimum applied from {period_start}",
)

PARAMETERS = (
    "general_work_oriented_hours",
    "general_work_oriented_from_months",
    "work_oriented_activity_kinds",
)


def il_s14a_work_oriented_minimum(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 14 a (2025): a programme whose end goal is work shall contain a minimum of
    work-oriented elements (practice at a workplace, part-time work, short vocational
    courses, NAV measures) from the fourth month.

    Applies to started participants not under chapter 6A (they have IF § 43 h) whose stated
    end goal is work. Not in force on the start date (the base version has no value): this
    is decided first. The period P runs from start + ``general_work_oriented_from_months``
    to the as-of date or the end date; the average of work-oriented hours over P must reach
    ``general_work_oriented_hours``. Deadline: P's first day. Before P: ``pending``.
    """
    if not ctx.started or ctx.start is None:
        return not_started(ctx, spec)
    start = ctx.start
    hours = ctx.value("general_work_oriented_hours", start)
    months = ctx.value("general_work_oriented_from_months", start)
    if hours is None or months is None:
        return not_in_force(ctx, spec, start)
    if ctx.collective:
        return ctx.not_applicable(spec, "temporary_rules", TEMPORARY_RULES, {})
    goal = ctx.stated_end_goal()
    if goal is None:
        return ctx.unknown(spec, "plans[].end_goal", UNKNOWN_GOAL, {"as_of": ctx.as_of})
    if goal is not EndGoal.WORK:
        return ctx.not_applicable(spec, "end_goal_not_work", OTHER_GOAL, {"goal": goal})
    period_start = add_months(start, months)
    if ctx.end is not None and ctx.end < period_start:
        values = {"end": ctx.end, "period_start": period_start}
        return ctx.not_applicable(spec, "ended_before_period", ENDED_BEFORE, values)
    kinds = ctx.value("work_oriented_activity_kinds", period_start)
    if kinds is None:
        return not_in_force(ctx, spec, period_start)
    used: Used = (
        ("general_work_oriented_hours", hours),
        ("general_work_oriented_from_months", months),
        ("work_oriented_activity_kinds", kinds),
    )
    if ctx.as_of < period_start:
        pending: dict[str, object] = {
            "threshold": Qty(hours, "hour"),
            "deadline": period_start,
            "months": Qty(months, "month"),
            "start": start,
        }
        return ctx.finding(spec, Status.PENDING, NOT_YET, pending, deadline=period_start, used=used)
    return _judge(ctx, spec, period_start, float(hours), frozenset(kinds), used)


def _judge(
    ctx: Context, spec: RuleSpec, period_start: date, threshold: float,
    kinds: frozenset[object], used: Used,
) -> Finding:  # fmt: skip
    period_end = ctx.as_of if ctx.end is None else min(ctx.as_of, ctx.end)
    average = average_hours(ctx, kinds, period_start, period_end)
    values: dict[str, object] = {
        "average": Qty(math.floor(average * 10) / 10, "hour"),
        "deadline": period_start,
        "period_end": period_end,
        "threshold": Qty(threshold, "hour"),
        "shortfall": Qty(math.ceil((threshold - average) * 10) / 10, "hour"),
    }
    status, phrase = (Status.MET, ENOUGH) if average >= threshold else (Status.BREACH, SHORTFALL)
    return ctx.finding(spec, status, phrase, values, deadline=period_start, used=used)


RULE = RuleSpec(
    id="WORK-MIN-01",
    title="Work-oriented minimum for the end goal work",
    severity=Severity.SHALL,
    source="IL § 14 a (2025)",
    url=f"{LOVDATA_IL}/§14a",
    parameters=PARAMETERS,
    evaluate=il_s14a_work_oriented_minimum,
    phrases=(NOT_YET, ENOUGH, SHORTFALL, UNKNOWN_GOAL, OTHER_GOAL, TEMPORARY_RULES, ENDED_BEFORE),
)
RULE_2025 = RULE
