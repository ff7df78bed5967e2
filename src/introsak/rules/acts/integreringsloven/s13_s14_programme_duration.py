"""IL §§ 13–14 (before the 2025 revision): the programme's duration within the legal frame."""

from __future__ import annotations

from typing import NamedTuple

from introsak.casefacts.enums import EndGoal
from introsak.casefacts.model import Plan
from introsak.rules.context import Context, Used
from introsak.rules.dates import age_on
from introsak.rules.findings import Finding, Severity, Status
from introsak.rules.outcomes import no_plan, not_in_force, not_participant
from introsak.rules.phrases import Note, Phrase, Qty, Text
from introsak.rules.spec import LOVDATA_IL, RuleSpec

# Duration group → its parameter (base min, base max, max extension) and its name in sentences.
FRAME_PARAMETER = {
    "upper_secondary": "duration_frame_upper_secondary",
    "upper_secondary_completion": "duration_frame_upper_secondary_completion",
    "other_goal": "duration_frame_other_goal",
}
GROUP_TEXT = {
    "upper_secondary": Text(
        "deltakere med videregående eller høyere utdanning",
        "participants with upper secondary education or higher",
    ),
    "upper_secondary_completion": Text(
        "deltakere uten videregående med sluttmål fullført videregående",
        "participants without upper secondary whose end goal is completed upper secondary",
    ),
    "other_goal": Text(
        "deltakere uten videregående med annet sluttmål",
        "participants without upper secondary with another end goal",
    ),
}

WITHIN = Phrase(
    "DURATION-01.met",
    "Planen vedtatt {plan_date} har en grunnlagsvarighet på {base}, innenfor rammen på "
    "{low}–{high} måneder for {group}",
    "The plan decided on {plan_date} has a base duration of {base}, within the frame of "
    "{low}–{high} months for {group}",
)
WITHIN_EXTENDED = Phrase(
    "DURATION-01.met_extended",
    "Planen vedtatt {plan_date} har en grunnlagsvarighet på {base} og forlengelser på til "
    "sammen {extensions}, innenfor rammen på {low}–{high} måneder og inntil {max_extension} "
    "forlengelse for {group}",
    "The plan decided on {plan_date} has a base duration of {base} and extensions of "
    "{extensions} in total, within the frame of {low}–{high} months and up to "
    "{max_extension} of extensions for {group}",
)
BASE_OUTSIDE = Phrase(
    "DURATION-01.base_outside",
    "Planen vedtatt {plan_date} har en grunnlagsvarighet på {base}, utenfor rammen på "
    "{low}–{high} måneder for {group}",
    "The plan decided on {plan_date} has a base duration of {base}, outside the frame of "
    "{low}–{high} months for {group}",
)
EXTENSIONS_ABOVE = Phrase(
    "DURATION-01.extensions_above",
    "Forlengelsene er på til sammen {extensions}, mer enn de {max_extension} som er tillatt "
    "for {group}",
    "The extensions add up to {extensions}, more than the {max_extension} allowed for {group}",
)
GOAL_DECIDES = Phrase(
    "DURATION-01.goal_decides",
    "Rammen for varigheten avhenger av sluttmålet, og planen vedtatt {plan_date} har ikke "
    "noe sluttmål",
    "The duration frame depends on the end goal, and the plan decided on {plan_date} states none",
)
GOAL_NOT_NEEDED = Phrase(
    "DURATION-01.goal_not_needed",
    "sluttmålet er ikke satt, men vurderingen blir den samme uansett sluttmål",
    "the end goal is not set, but the verdict is the same whatever the end goal",
)
UNDER_25 = Phrase(
    "DURATION-01.under_25",
    "deltakeren var {age} år ved vedtaket og har ikke videregående, så sluttmålet bør som "
    "hovedregel være fullført videregående opplæring",
    "the participant was {age} at the decision and has no upper secondary, so the end goal "
    "should as a main rule be completed upper secondary education",
)


class Verdict(NamedTuple):
    status: Status
    phrase: Phrase
    values: dict[str, object]
    used: Used


def _judge(ctx: Context, group: str, plan: Plan, extensions: int) -> Verdict | None:
    """The verdict under one group's frame; None if the frame was not in force."""
    name = FRAME_PARAMETER[group]
    frame = ctx.value(name, ctx.decision) if ctx.decision is not None else None
    if frame is None:
        return None
    low, high, max_extension = frame
    values: dict[str, object] = {
        "plan_date": plan.decided_on,
        "base": Qty(plan.duration_months, "month"),
        "extensions": Qty(extensions, "month"),
        "low": low,
        "high": high,
        "max_extension": Qty(max_extension, "month"),
        "group": GROUP_TEXT[group],
    }
    used = ((name, frame),)
    if not low <= plan.duration_months <= high:
        return Verdict(Status.BREACH, BASE_OUTSIDE, values, used)
    if extensions > max_extension:
        return Verdict(Status.BREACH, EXTENSIONS_ABOVE, values, used)
    return Verdict(Status.MET, WITHIN_EXTENDED if extensions else WITHIN, values, used)


def _groups(plan: Plan, upper_secondary: bool) -> tuple[str, ...]:
    """The groups the case may be in; two when the missing end goal would decide it."""
    if upper_secondary:
        return ("upper_secondary",)
    if plan.end_goal is EndGoal.UPPER_SECONDARY_COMPLETION:
        return ("upper_secondary_completion",)
    if plan.end_goal is None:
        # The stricter frame first: a verdict of met under it holds under both.
        return ("other_goal", "upper_secondary_completion")
    return ("other_goal",)


def _under_25_note(ctx: Context, plan: Plan) -> tuple[tuple[Note, ...], Used]:
    """The "should" note for someone under 25 without upper secondary and another goal.

    The age limit is reported among the parameters used only when the note applies, so its
    uncertainty (the date age is measured on) is shown where it matters.
    """
    if ctx.decision is None:
        return (), ()
    limit = ctx.value("under_25_age", ctx.decision)
    if limit is None:
        return (), ()
    age = age_on(ctx.person.birth_date, ctx.decision)
    goal = plan.end_goal
    if age >= limit or goal is None or goal is EndGoal.UPPER_SECONDARY_COMPLETION:
        return (), ()
    return ((UNDER_25, {"age": age}),), (("under_25_age", limit),)


def il_s13_s14_programme_duration(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 13: with upper secondary education or higher, the programme lasts 3–6 months and
    may be extended by up to 6. IL § 14: without it, 3 months to 2 years (3 years with the
    end goal completed upper secondary), extendable by up to a year; under 25, the end goal
    shall as a main rule be completed upper secondary.

    Applies to participants with a plan; the group uses the education at arrival and the
    latest plan's end goal, the frames are read on the decision date. ``breach`` if the
    latest plan's base duration or the sum of extensions (decided by the end date, as
    END-01 counts them) is outside the frame, else ``met``.
    If the end goal is missing and would decide the verdict: ``unknown``.
    """
    if ctx.decision is None:
        return not_participant(ctx, spec)
    plan = ctx.last_plan
    if plan is None:
        return no_plan(ctx, spec)
    levels = ctx.value("duration_upper_secondary_levels", ctx.decision)
    if levels is None:
        return not_in_force(ctx, spec, ctx.decision)
    upper_secondary = ctx.person.education_level in levels
    # As END-01: only extensions decided by the end date count (a decision after the end
    # cannot lengthen a programme that is over).
    cutoff = ctx.end if ctx.end is not None else ctx.as_of
    extensions = sum(e.months for e in ctx.extensions if e.decided_on <= cutoff)
    verdicts = [_judge(ctx, group, plan, extensions) for group in _groups(plan, upper_secondary)]
    if any(v is None for v in verdicts):
        return not_in_force(ctx, spec, ctx.decision)
    judged = [v for v in verdicts if v is not None]
    used: Used = (("duration_upper_secondary_levels", levels),)
    if len({v.status for v in judged}) > 1:
        missing = f"plans[{ctx.case.plans.index(plan)}].end_goal"
        return ctx.unknown(spec, missing, GOAL_DECIDES, {"plan_date": plan.decided_on}, used=used)
    verdict = judged[0] if judged[0].status is Status.MET else judged[-1]
    notes: tuple[Note, ...] = ((GOAL_NOT_NEEDED, {}),) if len(judged) > 1 else ()
    if not upper_secondary:
        under_25, used_age = _under_25_note(ctx, plan)
        notes, used = notes + under_25, used + used_age
    return ctx.finding(
        spec, verdict.status, verdict.phrase, verdict.values, used=used + verdict.used, notes=notes
    )


RULE = RuleSpec(
    id="DURATION-01",
    title="Duration within the legal frame",
    severity=Severity.SHALL,
    source="IL §§ 13–14",
    url=f"{LOVDATA_IL}/§13",
    parameters=(
        "duration_upper_secondary_levels",
        *FRAME_PARAMETER.values(),
        "under_25_age",
    ),
    evaluate=il_s13_s14_programme_duration,
    phrases=(
        WITHIN,
        WITHIN_EXTENDED,
        BASE_OUTSIDE,
        EXTENSIONS_ABOVE,
        GOAL_DECIDES,
        GOAL_NOT_NEEDED,
        UNDER_25,
    ),
)
