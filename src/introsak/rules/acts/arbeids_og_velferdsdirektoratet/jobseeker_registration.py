"""Directive from the Labour and Welfare Directorate (autumn 2023): register as a job seeker."""

from __future__ import annotations

from introsak.casefacts.enums import EndGoal
from introsak.rules.context import Context
from introsak.rules.findings import Finding, Severity
from introsak.rules.outcomes import (
    deadline_phrases,
    not_collective,
    not_in_force,
    not_started,
    period_after,
)
from introsak.rules.phrases import Phrase
from introsak.rules.spec import AUDIT_REPORT, RuleSpec

PHRASES = deadline_phrases(
    "JOBSEEK-01",
    done=(
        "Deltakeren ble registrert som arbeidssøker {satisfied}",
        "The participant was registered as a job seeker on {satisfied}",
    ),
    missing=(
        "Deltakeren er ikke registrert som arbeidssøker",
        "The participant is not registered as a job seeker",
    ),
)
UNKNOWN_GOAL = Phrase(
    "JOBSEEK-01.unknown_goal",
    "Regelen gjelder deltakere med sluttmål arbeid, og ingen plan angir sluttmål per {as_of}",
    "The rule applies to participants with the end goal work, and no plan states an end goal "
    "as of {as_of}",
)
OTHER_GOAL = Phrase(
    "JOBSEEK-01.other_goal",
    "Sluttmålet er {goal}, og regelen gjelder bare sluttmål arbeid",
    "The end goal is {goal}, and the rule applies only to the end goal work",
)


def nav_jobseeker_registration(ctx: Context, spec: RuleSpec) -> Finding:
    """Directive from the Labour and Welfare Directorate (autumn 2023): participants with
    collective protection, short programmes and the end goal work shall be registered as job
    seekers on nav.no early, so NAV's measures and vacancies can reach them.

    Applies to started participants with collective protection whose end goal (in the
    latest plan that states one) is work; no stated goal: ``unknown``. Deadline: start +
    ``jobseeker_registration_weeks`` (on the start date). Satisfied by
    ``jobseeker_registered_date``.
    """
    if not ctx.collective:
        return not_collective(ctx, spec)
    if not ctx.started or ctx.start is None:
        return not_started(ctx, spec)
    if ctx.value("jobseeker_registration_weeks", ctx.start) is None:
        # Not in force on the measuring date decides first, whatever facts are missing.
        return not_in_force(ctx, spec, ctx.start)
    goal = ctx.stated_end_goal()
    if goal is None:
        return ctx.unknown(spec, "plans[].end_goal", UNKNOWN_GOAL, {"as_of": ctx.as_of})
    if goal is not EndGoal.WORK:
        return ctx.not_applicable(spec, "end_goal_not_work", OTHER_GOAL, {"goal": goal})
    return period_after(
        ctx, spec, PHRASES, day=ctx.start, parameter="jobseeker_registration_weeks",
        unit="week", satisfied_on=ctx.jobseeker,
    )  # fmt: skip


RULE = RuleSpec(
    id="JOBSEEK-01",
    title="Registered as job seeker",
    severity=Severity.SHOULD,
    source="Arbeids- og velferdsdirektoratet, føring høsten 2023",
    document=f"{AUDIT_REPORT}, L1216–1228",
    parameters=("jobseeker_registration_weeks",),
    evaluate=nav_jobseeker_registration,
    phrases=(*PHRASES.all(), UNKNOWN_GOAL, OTHER_GOAL),
)
