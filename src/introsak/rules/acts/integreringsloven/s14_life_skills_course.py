"""IL § 14: a life-skills course for participants who are not collective protection."""

from __future__ import annotations

from introsak.casefacts.enums import ActivityKind
from introsak.rules.acts.integreringsloven.course_by_programme_end import course_finding
from introsak.rules.context import Context
from introsak.rules.findings import Finding, Severity
from introsak.rules.outcomes import deadline_phrases, no_plan, not_started
from introsak.rules.phrases import Phrase
from introsak.rules.spec import LOVDATA_IL, RuleSpec

PHRASES = deadline_phrases(
    "LIFE-01",
    done=(
        "Livsmestringskurset startet {satisfied}",
        "The life-skills course started on {satisfied}",
    ),
    missing=(
        "Deltakeren har ikke startet på livsmestringskurs",
        "The participant has not started a life-skills course",
    ),
    noun=("programmets seneste sluttdato", "the programme's latest end date"),
)
COLLECTIVE = Phrase(
    "LIFE-01.collective_protection",
    "Kravet om livsmestringskurs i IL § 14 gjelder ikke deltakere med kollektiv beskyttelse",
    "The life-skills course requirement of IL § 14 does not apply to participants with "
    "collective protection",
)


def il_s14_life_skills_course(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 14: the programme shall at least contain Norwegian and social studies, a course
    in life skills, and work- or education-oriented elements.

    Applies to started participants with a plan who are not collective protection.
    Deadline: the END-01 latest end; for a course that has started, the latest of the latest
    ends the programme has had since it started (see ``latest_end_since``). Satisfied by
    the start of a ``life_skills_course``.
    """
    if ctx.collective:
        return ctx.not_applicable(spec, "collective_protection", COLLECTIVE, {})
    if not ctx.started:
        return not_started(ctx, spec)
    if not ctx.plans:
        return no_plan(ctx, spec)
    return course_finding(ctx, spec, PHRASES, ActivityKind.LIFE_SKILLS_COURSE)


RULE = RuleSpec(
    id="LIFE-01",
    title="Life-skills course",
    severity=Severity.SHALL,
    source="IL § 14",
    url=f"{LOVDATA_IL}/§14",
    evaluate=il_s14_life_skills_course,
    phrases=(*PHRASES.all(), COLLECTIVE),
)
