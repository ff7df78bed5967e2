"""IL § 13 (and § 37 c second paragraph): an end goal is set for the participant."""

from __future__ import annotations

from datetime import date

from introsak.rules.acts.integreringsloven.s12_programme_start import DECISION_BASIS
from introsak.rules.context import Context
from introsak.rules.findings import Finding, Severity
from introsak.rules.outcomes import (
    deadline_finding,
    deadline_phrases,
    not_participant,
    not_started,
    period_after,
)
from introsak.rules.spec import LOVDATA_IL, RuleSpec

PHRASES = deadline_phrases(
    "GOAL-01",
    done=(
        "Sluttmålet ble satt i planen vedtatt {satisfied}",
        "The end goal was set in the plan decided on {satisfied}",
    ),
    missing=("Det er ikke satt noe sluttmål", "No end goal has been set"),
)


def _first_goal_date(ctx: Context) -> date | None:
    for plan in ctx.plans:
        if plan.end_goal is not None:
            return plan.decided_on
    return None


def il_s13_end_goal(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 13: the municipality shall set an end goal for the participant's programme (work,
    education, completed upper secondary …). IL § 37 c second para.: for collective
    protection the end goal may be set within six months of the start.

    Applies to participants (collective protection: started participants). Deadline:
    collective protection, start + ``collective_end_goal_months`` (read on the start date);
    others, the decision date. Satisfied by the earliest plan that states an end goal.
    """
    if ctx.decision is None:
        return not_participant(ctx, spec)
    satisfied = _first_goal_date(ctx)
    if not ctx.collective:
        basis = (DECISION_BASIS, {"decision": ctx.decision})
        return deadline_finding(
            ctx, spec, PHRASES, deadline=ctx.decision, satisfied_on=satisfied, basis=basis
        )
    if ctx.start is None:
        return not_started(ctx, spec)
    return period_after(
        ctx, spec, PHRASES, day=ctx.start, parameter="collective_end_goal_months", unit="month",
        satisfied_on=satisfied,
    )  # fmt: skip


RULE = RuleSpec(
    id="GOAL-01",
    title="End goal set",
    severity=Severity.SHALL,
    source="IL § 13; IL § 37 c annet ledd",
    url=f"{LOVDATA_IL}/§13",
    parameters=("collective_end_goal_months",),
    evaluate=il_s13_end_goal,
    phrases=(*PHRASES.all(), DECISION_BASIS),
)
