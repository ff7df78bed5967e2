"""IL § 14 (and § 37 c): a parental guidance course for participants with children."""

from __future__ import annotations

from introsak.casefacts.enums import ActivityKind
from introsak.rules.acts.integreringsloven.course_by_programme_end import course_finding
from introsak.rules.context import Context
from introsak.rules.findings import Finding, Severity
from introsak.rules.outcomes import deadline_phrases, no_plan, not_started
from introsak.rules.phrases import Phrase
from introsak.rules.spec import LOVDATA_IL, RuleSpec

PHRASES = deadline_phrases(
    "PARENT-01",
    done=(
        "Foreldreveiledningskurset startet {satisfied}",
        "The parental guidance course started on {satisfied}",
    ),
    missing=(
        "Deltakeren har ikke startet på foreldreveiledningskurs",
        "The participant has not started a parental guidance course",
    ),
    noun=("programmets seneste sluttdato", "the programme's latest end date"),
)
NO_CHILDREN = Phrase(
    "PARENT-01.no_children",
    "Deltakeren har ikke barn under 18 år og venter ikke barn",
    "The participant has no children under 18 and is not expecting a child",
)


def il_s14_parental_guidance(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 14 (§ 37 c for collective protection): participants who have children under 18
    or are expecting a child shall take part in a parental guidance course in the programme.

    Applies to started participants with a plan who have children under 18 or expect one.
    Deadline: the END-01 latest end; for a course that has started, the latest of the latest
    ends the programme has had since it started (see ``latest_end_since``). Satisfied by
    the start of a ``parental_guidance`` activity.
    """
    if not ctx.started:
        return not_started(ctx, spec)
    if not ctx.plans:
        return no_plan(ctx, spec)
    if not (ctx.person.has_children_under_18 or ctx.person.expecting_child):
        return ctx.not_applicable(spec, "no_children", NO_CHILDREN, {})
    return course_finding(ctx, spec, PHRASES, ActivityKind.PARENTAL_GUIDANCE)


RULE = RuleSpec(
    id="PARENT-01",
    title="Parental guidance course",
    severity=Severity.SHALL,
    source="IL § 14; IL § 37 c",
    url=f"{LOVDATA_IL}/§14",
    evaluate=il_s14_parental_guidance,
    phrases=(*PHRASES.all(), NO_CHILDREN),
)
