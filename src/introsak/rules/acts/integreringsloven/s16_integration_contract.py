"""IL § 16: an integration contract signed together with the integration plan."""

from __future__ import annotations

from introsak.rules.acts.integreringsloven.s12_programme_start import DECISION_BASIS
from introsak.rules.context import Context
from introsak.rules.findings import Finding, Severity
from introsak.rules.outcomes import deadline_finding, deadline_phrases, not_participant
from introsak.rules.phrases import Note, Phrase
from introsak.rules.spec import LOVDATA_IL, RuleSpec

PHRASES = deadline_phrases(
    "CONTRACT-01",
    done=(
        "Integreringskontrakten ble inngått {satisfied}",
        "The integration contract was signed on {satisfied}",
    ),
    missing=(
        "Det er ikke inngått integreringskontrakt",
        "No integration contract has been signed",
    ),
)
PLAN_BASIS = Phrase(
    "basis.first_plan",
    "den første integreringsplanen {plan_date}",
    "the first integration plan {plan_date}",
)
COLLECTIVE = Phrase(
    "CONTRACT-01.collective_protection",
    "Personer med kollektiv beskyttelse skal ikke ha integreringskontrakt",
    "Persons with collective protection do not get an integration contract",
)


def il_s16_integration_contract(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 16: the municipality and the participant shall sign an integration contract, with
    their mutual obligations and the participant's long-term goal, at the same time as the
    integration plan is made. Not for collective protection (IL § 37 c).

    Deadline: the earliest plan's date (the decision date while there is no plan).
    Satisfied by ``contract_date``.
    """
    if ctx.collective:
        return ctx.not_applicable(spec, "collective_protection", COLLECTIVE, {})
    if ctx.decision is None:
        return not_participant(ctx, spec)
    first = ctx.first_plan
    basis: Note
    if first is not None:
        deadline = first.decided_on
        basis = (PLAN_BASIS, {"plan_date": first.decided_on})
    else:
        deadline = ctx.decision
        basis = (DECISION_BASIS, {"decision": ctx.decision})
    return deadline_finding(
        ctx, spec, PHRASES, deadline=deadline, satisfied_on=ctx.contract, basis=basis
    )


RULE = RuleSpec(
    id="CONTRACT-01",
    title="Integration contract with the plan",
    severity=Severity.SHALL,
    source="IL § 16",
    url=f"{LOVDATA_IL}/§16",
    evaluate=il_s16_integration_contract,
    phrases=(*PHRASES.all(), PLAN_BASIS, COLLECTIVE, DECISION_BASIS),
)
