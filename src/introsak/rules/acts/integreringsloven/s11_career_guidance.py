"""IL § 11: career guidance, which should come before the programme decision."""

from __future__ import annotations

from introsak.rules.acts.integreringsloven.s12_programme_start import (
    DECISION_BASIS,
    START_BASIS,
    before_decision_finding,
)
from introsak.rules.context import Context
from introsak.rules.findings import Category, Finding, Severity
from introsak.rules.outcomes import deadline_phrases, outside_category
from introsak.rules.phrases import Phrase
from introsak.rules.spec import LOVDATA_IL, RuleSpec

PHRASES = deadline_phrases(
    "GUIDE-01",
    done=(
        "Karriereveiledningen ble gjennomført {satisfied}",
        "Career guidance took place on {satisfied}",
    ),
    missing=("Karriereveiledning er ikke gjennomført", "Career guidance has not taken place"),
)
COLLECTIVE = Phrase(
    "GUIDE-01.collective_protection",
    "Personer med kollektiv beskyttelse har rett, men ikke plikt, til karriereveiledning",
    "Persons with collective protection have a right but no duty to career guidance",
)


def il_s11_career_guidance(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 11: persons with a right and duty to the programme have a right and duty to career
    guidance, built on the competence mapping; it should take place before the programme
    decision and end with a recommendation on work or education. Collective protection: a
    right without a duty, so the rule does not apply.

    Deadline: the decision date once decided, else the START-01 deadline. Satisfied by
    ``career_guidance_date``.
    """
    if ctx.category is not Category.RIGHT_AND_DUTY:
        if ctx.collective:
            return ctx.not_applicable(spec, "collective_protection", COLLECTIVE, {})
        return outside_category(ctx, spec)
    return before_decision_finding(ctx, spec, PHRASES, satisfied_on=ctx.guidance)


RULE = RuleSpec(
    id="GUIDE-01",
    title="Career guidance before the decision",
    severity=Severity.SHOULD,
    source="IL § 11",
    url=f"{LOVDATA_IL}/§11",
    parameters=("programme_start_months",),
    evaluate=il_s11_career_guidance,
    phrases=(*PHRASES.all(), COLLECTIVE, DECISION_BASIS, START_BASIS),
)
