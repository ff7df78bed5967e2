"""IL § 15: the integration plan is reviewed regularly, with work-oriented content increasing
over time for those whose end goal is work (IMDi's supervision theme for 2026–2028)."""

from __future__ import annotations

from datetime import date

from introsak.casefacts.enums import EndGoal
from introsak.casefacts.model import Plan
from introsak.rules.context import Context
from introsak.rules.dates import add_months
from introsak.rules.findings import Finding, Severity, Status
from introsak.rules.outcomes import no_plan, not_in_force, not_started
from introsak.rules.phrases import Note, Phrase, Qty
from introsak.rules.spec import LOVDATA_IL, RuleSpec

REVIEWED = Phrase(
    "PLANREV-01.met",
    "Planen ble vurdert på nytt minst hver {interval} mens programmet varte; siste vurdering "
    "{satisfied}",
    "The plan was reviewed at least every {interval} while the programme ran; last review "
    "{satisfied}",
)
NO_REVIEW_NEEDED = Phrase(
    "PLANREV-01.met_short",
    "Programmet ble avsluttet {end}, før planen skulle vurderes på nytt {due}",
    "The programme ended on {end}, before the plan was due for review on {due}",
)
LATE = Phrase(
    "PLANREV-01.met_late",
    "Planen ble vurdert på nytt {late_review}, etter fristen {late_due} ({interval} etter "
    "forrige vurdering eller programstart)",
    "The plan was reviewed on {late_review}, after the due date {late_due} ({interval} after "
    "the previous review or the programme start)",
)
DUE = Phrase(
    "PLANREV-01.pending",
    "Planen skal vurderes på nytt senest {deadline}, {interval} etter {previous}",
    "The plan is due for review by {deadline}, {interval} after {previous}",
)
MISSING = Phrase(
    "PLANREV-01.overdue",
    "Planen skulle vært vurdert på nytt senest {deadline}, {interval} etter {previous}, og "
    "ingen ny plan er vedtatt",
    "The plan was due for review by {deadline}, {interval} after {previous}, and no revised "
    "plan has been decided",
)
LESS_WORK = Phrase(
    "PLANREV-01.less_work",
    "med sluttmål arbeid bør arbeidsrettet innhold øke over tid, men det gikk ned fra "
    "{before} i uken ved planen {before_date} til {after} ved planen {after_date}",
    "with the end goal work, work-oriented content should increase over time, but it fell "
    "from {before} a week at the plan of {before_date} to {after} at the plan of {after_date}",
)


def il_s15_plan_review(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 15: the integration plan shall be reviewed regularly and revised when needed;
    for the end goal work its work-oriented content should grow through the programme.

    Applies to started participants with a plan. A review is a plan decided after the
    start; the first is due start + ``plan_review_months`` (on the start date), each next
    one that long after the previous review; nothing falls due after the end date. First
    that holds: ``overdue`` (a due date passed without a review), ``met_late`` (a review
    came after its due date), ``pending`` (running; deadline: the next due date), ``met``.
    With the end goal work, a drop in the work-oriented hours running at the latest review
    compared with the review before is said in a note.
    """
    if not ctx.started or ctx.start is None:
        return not_started(ctx, spec)
    if ctx.last_plan is None:
        return no_plan(ctx, spec)
    start = ctx.start
    months = ctx.value("plan_review_months", start)
    if months is None:
        return not_in_force(ctx, spec, start)
    interval = Qty(months, "month")
    last_day = ctx.end if ctx.end is not None else ctx.as_of
    reviews = [p.decided_on for p in ctx.plans if start < p.decided_on <= last_day]
    previous, late = start, None
    for review in reviews:
        due = add_months(previous, months)
        if review > due and late is None:
            late = (review, due)
        previous = review
    due = add_months(previous, months)
    notes, used = _work_note(ctx), (("plan_review_months", months),)
    base = {"interval": interval, "previous": previous, "deadline": due}
    if due < last_day:
        return ctx.finding(
            spec, Status.OVERDUE, MISSING, base, deadline=due, notes=notes, used=used
        )
    running = ctx.end is None
    if late is not None:
        values = {"late_review": late[0], "late_due": late[1], "interval": interval}
        return ctx.finding(
            spec, Status.MET_LATE, LATE, values, deadline=due if running else None,
            satisfied_on=previous if previous != start else None, notes=notes, used=used,
        )  # fmt: skip
    if running:
        return ctx.finding(spec, Status.PENDING, DUE, base, deadline=due, notes=notes, used=used)
    if not reviews:
        values = {"end": ctx.end, "due": due}
        return ctx.finding(spec, Status.MET, NO_REVIEW_NEEDED, values, notes=notes, used=used)
    values = {"interval": interval, "satisfied": previous}
    last_due = add_months(reviews[-2] if len(reviews) > 1 else start, months)
    return ctx.finding(
        spec, Status.MET, REVIEWED, values, deadline=last_due, satisfied_on=previous,
        notes=notes, used=used,
    )  # fmt: skip


def _work_note(ctx: Context) -> tuple[Note, ...]:
    """A note when the work-oriented hours fell between the last two plans (end goal work)."""
    if ctx.stated_end_goal() is not EndGoal.WORK or len(ctx.plans) < 2:
        return ()
    before_plan, after_plan = ctx.plans[-2], ctx.plans[-1]
    kinds = ctx.value("work_oriented_activity_kinds", after_plan.decided_on)
    if kinds is None:
        return ()
    before, after = _running(ctx, before_plan, kinds), _running(ctx, after_plan, kinds)
    if after >= before:
        return ()
    values = {
        "before": Qty(before, "hour"),
        "after": Qty(after, "hour"),
        "before_date": before_plan.decided_on,
        "after_date": after_plan.decided_on,
    }
    return ((LESS_WORK, values),)


def _running(ctx: Context, plan: Plan, kinds: tuple[object, ...]) -> float:
    """Work-oriented hours a week of the activities running on the plan's date."""
    day: date = plan.decided_on
    return sum(
        a.hours_per_week
        for a in ctx.activities
        if a.kind in kinds and a.start <= day and (a.end is None or a.end >= day)
    )


RULE = RuleSpec(
    id="PLANREV-01",
    title="Integration plan reviewed regularly",
    severity=Severity.SHOULD,
    source="IL § 15",
    url=f"{LOVDATA_IL}/§15",
    parameters=("plan_review_months", "work_oriented_activity_kinds"),
    evaluate=il_s15_plan_review,
    phrases=(REVIEWED, NO_REVIEW_NEEDED, LATE, DUE, MISSING, LESS_WORK),
)
