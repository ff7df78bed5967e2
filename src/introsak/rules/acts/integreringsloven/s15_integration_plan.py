"""IL § 15: an integration plan made together with the programme decision."""

from __future__ import annotations

from introsak.casefacts.model import Plan
from introsak.rules.acts.integreringsloven.s12_programme_start import DECISION_BASIS
from introsak.rules.context import Context
from introsak.rules.findings import Finding, Severity, Status
from introsak.rules.outcomes import deadline_finding, deadline_phrases, not_participant
from introsak.rules.phrases import Phrase, Text
from introsak.rules.spec import LOVDATA_IL, RuleSpec

PHRASES = deadline_phrases(
    "PLAN-01",
    done=(
        "Integreringsplanen ble vedtatt {satisfied}",
        "The integration plan was decided on {satisfied}",
    ),
    missing=(
        "Det er ikke vedtatt noen integreringsplan",
        "No integration plan has been decided",
    ),
)
INCOMPLETE = Phrase(
    "PLAN-01.incomplete",
    "Integreringsplanen vedtatt {plan_date} mangler {missing}",
    "The integration plan decided on {plan_date} lacks {missing}",
)
_PARTS = {
    "end_goal": Text("sluttmål", "an end goal"),
    "norwegian_goal": Text("norskmål", "a Norwegian goal"),
    "duration_months": Text("grunnlagsvarighet", "a base duration"),
}


def missing_parts(plan: Plan, *, collective: bool) -> tuple[str, ...]:
    """What the plan lacks of what it must state (IL § 15; § 37 c for collective protection).

    Collective protection: the base duration (the end goal may follow within six months,
    GOAL-01). Others: end goal, Norwegian goal and base duration.
    """
    missing = []
    if not collective:
        if plan.end_goal is None:
            missing.append("end_goal")
        if plan.norwegian_goal is None:
            missing.append("norwegian_goal")
    if plan.duration_months <= 0:
        missing.append("duration_months")
    return tuple(missing)


def _join(parts: tuple[str, ...]) -> Text:
    texts = [_PARTS[part] for part in parts]
    if len(texts) == 1:
        return texts[0]
    nb = ", ".join(t.nb for t in texts[:-1]) + " og " + texts[-1].nb
    en = ", ".join(t.en for t in texts[:-1]) + " and " + texts[-1].en
    return Text(nb, en)


def il_s15_integration_plan(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 15: when the programme is decided, the municipality shall make an integration
    plan with the participant; it shall state at least the end goal and Norwegian goal, the
    scope of Norwegian and social studies, the duration, the elements and how to complain.

    Applies to participants. Deadline: the decision date; satisfied by the earliest plan.
    ``breach`` if any plan lacks what it must state (which is checked first: a recorded
    plan that contradicts the rule is a breach whenever it was made).
    """
    if ctx.decision is None:
        return not_participant(ctx, spec)
    for plan in ctx.plans:
        missing = missing_parts(plan, collective=ctx.collective)
        if missing:
            values = {"plan_date": plan.decided_on, "missing": _join(missing)}
            return ctx.finding(spec, Status.BREACH, INCOMPLETE, values, deadline=ctx.decision)
    first = ctx.first_plan
    return deadline_finding(
        ctx,
        spec,
        PHRASES,
        deadline=ctx.decision,
        satisfied_on=first.decided_on if first is not None else None,
        basis=(DECISION_BASIS, {"decision": ctx.decision}),
    )


RULE = RuleSpec(
    id="PLAN-01",
    title="Integration plan made with the decision",
    severity=Severity.SHALL,
    source="IL § 15",
    url=f"{LOVDATA_IL}/§15",
    evaluate=il_s15_integration_plan,
    phrases=(*PHRASES.all(), INCOMPLETE, DECISION_BASIS),
)
