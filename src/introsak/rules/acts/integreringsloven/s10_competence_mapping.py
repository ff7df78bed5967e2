"""IL § 10 (and § 37 b for collective protection): competence mapping before the decision."""

from __future__ import annotations

from introsak.rules.acts.integreringsloven.s12_programme_start import (
    DECISION_BASIS,
    START_BASIS,
    before_decision_finding,
)
from introsak.rules.context import Context, Used
from introsak.rules.findings import Category, Finding, Severity
from introsak.rules.outcomes import deadline_phrases, not_in_force, outside_category
from introsak.rules.phrases import Phrase
from introsak.rules.spec import LOVDATA_IL, RuleSpec

PHRASES = deadline_phrases(
    "MAP-01",
    done=(
        "Kompetansekartleggingen ble fullført {satisfied}",
        "Competence mapping was completed on {satisfied}",
    ),
    missing=(
        "Kompetansekartleggingen er ikke fullført",
        "Competence mapping has not been completed",
    ),
)
COLLECTIVE_NOT_PARTICIPANT = Phrase(
    "MAP-01.collective_not_participant",
    "Personer med kollektiv beskyttelse har rett, men ikke plikt, til kartlegging før de blir "
    "deltakere, og det er ikke fattet programvedtak per {as_of}",
    "Persons with collective protection have a right but no duty to mapping until they become "
    "participants, and there is no programme decision as of {as_of}",
)
COLLECTIVE_BEFORE_DUTY = Phrase(
    "MAP-01.collective_before_duty",
    "Programvedtaket {decision} er fra før plikten til kartlegging for deltakere med kollektiv "
    "beskyttelse gjaldt fra {duty_from}",
    "The programme decision {decision} predates the mapping duty for participants with "
    "collective protection from {duty_from}",
)


def _collective_duty(ctx: Context, spec: RuleSpec) -> Finding | None:
    """None when a participant with collective protection has the duty, else the finding.

    The duty's first date is read as known on the as-of date and compared with the decision.
    """
    if ctx.decision is None:
        values = {"as_of": ctx.as_of}
        return ctx.not_applicable(
            spec, "collective_not_participant", COLLECTIVE_NOT_PARTICIPANT, values
        )
    duty_from = ctx.value("collective_mapping_duty_from", ctx.as_of)
    if duty_from is None:
        return not_in_force(ctx, spec, ctx.as_of)
    if ctx.decision < duty_from:
        values = {"decision": ctx.decision, "duty_from": duty_from}
        used = (("collective_mapping_duty_from", duty_from),)
        return ctx.not_applicable(
            spec, "collective_before_duty", COLLECTIVE_BEFORE_DUTY, values, used=used
        )
    return None


def il_s10_competence_mapping(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 10: persons with a right and duty to the programme have a right and duty to a
    mapping of their language skills, education, work experience and other competence after
    settlement, so the programme can be fitted to them; it shall be done before the decision.
    IL § 37 b: for collective protection a right only, but a duty for participants (from the
    parameter date ``collective_mapping_duty_from``).

    Deadline: the decision date once decided, else the START-01 deadline. Satisfied by
    ``mapping_date``.
    """
    used: Used = ()
    if ctx.category is not Category.RIGHT_AND_DUTY:
        if not ctx.collective:
            return outside_category(ctx, spec)
        refused = _collective_duty(ctx, spec)
        if refused is not None:
            return refused
        used = (
            ("collective_mapping_duty_from", ctx.value("collective_mapping_duty_from", ctx.as_of)),
        )
    return before_decision_finding(ctx, spec, PHRASES, satisfied_on=ctx.mapping, used=used)


RULE = RuleSpec(
    id="MAP-01",
    title="Competence mapping before the decision",
    severity=Severity.SHALL,
    source="IL § 10; IL § 37 b",
    url=f"{LOVDATA_IL}/§10",
    parameters=("programme_start_months", "collective_mapping_duty_from"),
    evaluate=il_s10_competence_mapping,
    phrases=(
        *PHRASES.all(),
        COLLECTIVE_NOT_PARTICIPANT,
        COLLECTIVE_BEFORE_DUTY,
        DECISION_BASIS,
        START_BASIS,
    ),
)
