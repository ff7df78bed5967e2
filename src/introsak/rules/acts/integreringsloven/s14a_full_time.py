"""IL § 14 a (the programme's content and scope): full time and all year, with holidays."""

from __future__ import annotations

import math
from datetime import date

from introsak.rules.context import Context, Used
from introsak.rules.dates import add_weeks, days_inclusive
from introsak.rules.findings import Finding, Severity, Status
from introsak.rules.outcomes import not_in_force, not_started
from introsak.rules.phrases import Note, Phrase, Qty
from introsak.rules.spec import LOVDATA_IL, RuleSpec

NOT_YET = Phrase(
    "FULLTIME-01.pending",
    "Omfanget vurderes fra {deadline}, {weeks} etter programstart {start}",
    "The programme's scope is judged from {deadline}, {weeks} after the programme start {start}",
)
FULL_TIME = Phrase(
    "FULLTIME-01.met",
    "Programmet hadde i snitt {average} i uken fra {start} til {period_end}, minst {required} "
    "når {holidays} ferie regnes med",
    "The programme averaged {average} a week from {start} to {period_end}, at least "
    "{required} with {holidays} of holiday allowed for",
)
SHORT = Phrase(
    "FULLTIME-01.breach",
    "Programmet hadde i snitt {average} i uken fra {start} til {period_end}, {shortfall} under "
    "{required} når {holidays} ferie regnes med",
    "The programme averaged {average} a week from {start} to {period_end}, {shortfall} below "
    "{required} with {holidays} of holiday allowed for",
)
NORM = Phrase(
    "FULLTIME-01.norm",
    "fulltid er {full} i uken, eller {reduced} når tiltakene krever mye egenaktivitet; "
    "{percent} prosent program",
    "full time is {full} a week, or {reduced} when the activities need much independent work; "
    "a programme at {percent} per cent",
)

PARAMETERS = (
    "full_time_hours",
    "full_time_hours_independent_work",
    "holiday_weeks_per_year",
    "full_time_judged_after_weeks",
)


def il_s14a_full_time(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 14 a (before the 2025 revision, the same requirement): the programme shall be
    full time and all year — 37.5 hours a week, or 30 when the activities need much
    independent work — with five weeks of holiday a year, fewer for a shorter programme
    (pro rata).

    Applies to started participants. The period P runs from the start to the as-of date or
    the end date; until P is ``full_time_judged_after_weeks`` long: ``pending``. Then the
    recorded activities' hours over P (Σ hours a week × days of overlap / 7) must reach the
    lower full-time figure × the programme's percentage × (P's weeks − the holiday
    allowance, ``holiday_weeks_per_year`` × P's days / 365). ``met`` or ``breach`` with the
    average and the shortfall; deadline: the day P became long enough.
    """
    if not ctx.started or ctx.start is None:
        return not_started(ctx, spec)
    start = ctx.start
    numbers = [ctx.value(name, start) for name in PARAMETERS]
    if None in numbers:
        return not_in_force(ctx, spec, start)
    full, reduced, holiday_weeks, weeks = numbers
    used: Used = tuple(zip(PARAMETERS, numbers, strict=True))
    deadline = add_weeks(start, weeks)
    percent = ctx.case.part_time_percent
    norm = (
        (NORM, {"full": Qty(full, "hour"), "reduced": Qty(reduced, "hour"), "percent": percent}),
    )
    if ctx.end is None and ctx.as_of < deadline:
        values = {"deadline": deadline, "weeks": Qty(weeks, "week"), "start": start}
        return ctx.finding(
            spec, Status.PENDING, NOT_YET, values, deadline=deadline, used=used, notes=norm
        )
    period_end = ctx.as_of if ctx.end is None else min(ctx.as_of, ctx.end)
    return _judge(ctx, spec, start, period_end, deadline, (reduced, holiday_weeks), used, norm)


def _hours(ctx: Context, first: date, last: date) -> float:
    total = 0.0
    for activity in ctx.activities:
        end = activity.end if activity.end is not None and activity.end < last else last
        if end < first:
            continue
        total += activity.hours_per_week * days_inclusive(max(activity.start, first), end) / 7
    return total


def _judge(
    ctx: Context, spec: RuleSpec, start: date, period_end: date, deadline: date,
    numbers: tuple[float, float], used: Used, norm: tuple[Note, ...],
) -> Finding:  # fmt: skip
    reduced, holiday_weeks = numbers
    days = days_inclusive(start, period_end)
    holidays = holiday_weeks * days / 365
    weekly = reduced * ctx.case.part_time_percent / 100
    working_weeks = max(days / 7 - holidays, 0.0)
    total = _hours(ctx, start, period_end)
    average = total / working_weeks if working_weeks else 0.0
    values = {
        "average": Qty(math.floor(average * 10) / 10, "hour"),
        "start": start,
        "period_end": period_end,
        "required": Qty(weekly, "hour"),
        "shortfall": Qty(math.ceil((weekly - average) * 10) / 10, "hour"),
        "holidays": Qty(math.floor(holidays * 5 * 10) / 10, "day"),
    }
    status, phrase = (Status.MET, FULL_TIME) if average >= weekly else (Status.BREACH, SHORT)
    return ctx.finding(
        spec,
        status,
        phrase,
        values,
        deadline=deadline,
        used=used,
        notes=norm,
    )


RULE = RuleSpec(
    id="FULLTIME-01",
    title="Full-time, all-year programme",
    severity=Severity.SHALL,
    source="IL § 14 a",
    url=f"{LOVDATA_IL}/§14a",
    parameters=PARAMETERS,
    evaluate=il_s14a_full_time,
    phrases=(NOT_YET, FULL_TIME, SHORT, NORM),
)
