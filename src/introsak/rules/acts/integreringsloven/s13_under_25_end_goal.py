"""IL § 13 (§ 14 after the 2025 revision): under 25 without upper secondary education, the end
goal shall as a main rule be completed upper secondary education."""

from __future__ import annotations

from introsak.casefacts.enums import EndGoal
from introsak.rules.context import Context
from introsak.rules.dates import age_on
from introsak.rules.findings import Finding, Severity, Status
from introsak.rules.outcomes import no_plan, not_in_force, not_participant
from introsak.rules.phrases import Phrase
from introsak.rules.spec import LOVDATA_IL, RuleSpec

MAIN_RULE = Phrase(
    "U25-01.met",
    "Deltakeren var {age} år ved vedtaket {decision} uten videregående, og planen vedtatt "
    "{plan_date} har sluttmålet fullført videregående opplæring",
    "The participant was {age} at the decision {decision} without upper secondary, and the "
    "plan decided on {plan_date} has the end goal completed upper secondary education",
)
EXCEPTION = Phrase(
    "U25-01.exception",
    "Deltakeren var {age} år ved vedtaket {decision} uten videregående; planen vedtatt "
    "{plan_date} har sluttmålet {goal}, og unntaket fra hovedregelen er begrunnet i planen",
    "The participant was {age} at the decision {decision} without upper secondary; the plan "
    "decided on {plan_date} has the end goal {goal}, and the exception from the main rule is "
    "justified in the plan",
)
NO_EXCEPTION = Phrase(
    "U25-01.breach",
    "Deltakeren var {age} år ved vedtaket {decision} uten videregående; planen vedtatt "
    "{plan_date} har sluttmålet {goal} uten en begrunnelse for unntak fra hovedregelen om "
    "fullført videregående opplæring",
    "The participant was {age} at the decision {decision} without upper secondary; the plan "
    "decided on {plan_date} has the end goal {goal} with no justification for an exception "
    "from the main rule of completed upper secondary education",
)
NO_GOAL = Phrase(
    "U25-01.unknown",
    "Deltakeren var {age} år ved vedtaket uten videregående, og planen vedtatt {plan_date} "
    "angir ikke noe sluttmål",
    "The participant was {age} at the decision without upper secondary, and the plan decided "
    "on {plan_date} states no end goal",
)
UPPER_SECONDARY = Phrase(
    "U25-01.upper_secondary",
    "Regelen gjelder deltakere uten videregående opplæring, og deltakeren har {level}",
    "The rule applies to participants without upper secondary education, and the "
    "participant has {level}",
)
AGED = Phrase(
    "U25-01.aged",
    "Regelen gjelder deltakere under {limit} år, og deltakeren var {age} år ved vedtaket "
    "{decision}",
    "The rule applies to participants under {limit}, and the participant was {age} at the "
    "decision {decision}",
)


def il_s13_under_25_end_goal(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 13 third paragraph (§ 14 after the 2025 revision): participants under 25 without
    upper secondary education shall as a main rule have completed upper secondary
    education as their end goal; another goal is an exception that must be justified.

    Applies to participants with a plan who are under ``under_25_age`` on the decision date
    and whose education at arrival is below ``duration_upper_secondary_levels``. The latest
    plan decides: the main-rule goal → ``met``; another goal with a justification recorded
    in the plan → ``met`` (the exception, said); another goal without one → ``breach``; no
    goal → ``unknown``. Like DURATION-01, a verdict about the plan's content: no deadline.
    """
    decision = ctx.decision
    if decision is None:
        return not_participant(ctx, spec)
    plan = ctx.last_plan
    if plan is None:
        return no_plan(ctx, spec)
    limit = ctx.value("under_25_age", decision)
    levels = ctx.value("duration_upper_secondary_levels", decision)
    if limit is None or levels is None:
        return not_in_force(ctx, spec, decision)
    used = (("under_25_age", limit), ("duration_upper_secondary_levels", levels))
    level = ctx.person.education_level
    if level in levels:
        return ctx.not_applicable(spec, "has_upper_secondary", UPPER_SECONDARY, {"level": level})
    age = age_on(ctx.person.birth_date, decision)
    if age >= limit:
        values = {"limit": limit, "age": age, "decision": decision}
        return ctx.not_applicable(spec, "aged_25_or_more", AGED, values, used=used)
    values = {"age": age, "decision": decision, "plan_date": plan.decided_on, "goal": plan.end_goal}
    if plan.end_goal is None:
        missing = f"plans[{ctx.case.plans.index(plan)}].end_goal"
        return ctx.unknown(spec, missing, NO_GOAL, values, used=used)
    if plan.end_goal is EndGoal.UPPER_SECONDARY_COMPLETION:
        status, phrase = Status.MET, MAIN_RULE
    elif plan.justification:
        status, phrase = Status.MET, EXCEPTION
    else:
        status, phrase = Status.BREACH, NO_EXCEPTION
    return ctx.finding(spec, status, phrase, values, used=used)


RULE = RuleSpec(
    id="U25-01",
    title="Under 25: completed upper secondary as the end goal",
    severity=Severity.SHALL,
    source="IL § 13 (§ 14 fra 2025)",
    url=f"{LOVDATA_IL}/§13",
    parameters=("under_25_age", "duration_upper_secondary_levels"),
    evaluate=il_s13_under_25_end_goal,
    phrases=(MAIN_RULE, EXCEPTION, NO_EXCEPTION, NO_GOAL, UPPER_SECONDARY, AGED),
)
