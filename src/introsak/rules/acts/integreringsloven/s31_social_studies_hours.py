"""IL § 31 (with §§ 26–27): the hours of social studies completed by the completion limit."""

from __future__ import annotations

from dataclasses import replace

from introsak.casefacts.enums import ActivityKind
from introsak.rules.acts.integreringsloven.s26_norwegian_training import (
    GROUP_PARAMETERS,
    GROUP_PHRASES,
    RIGHT_ONLY,
    day_hours_reached,
    training_group,
)
from introsak.rules.context import Context
from introsak.rules.dates import add_years
from introsak.rules.findings import Finding, Severity
from introsak.rules.outcomes import deadline_finding, deadline_phrases, not_in_force
from introsak.rules.phrases import Phrase, Qty
from introsak.rules.spec import LOVDATA_IL, RuleSpec

PHRASES = deadline_phrases(
    "SOC-01",
    done=(
        "{hours} samfunnskunnskap var gjennomført {satisfied}",
        "{hours} of social studies were completed on {satisfied}",
    ),
    missing=(
        "{done} av {hours} samfunnskunnskap er gjennomført",
        "{done} of {hours} of social studies are completed",
    ),
)
BASIS = Phrase(
    "SOC-01.basis",
    "{years} etter tillatelsen {permit}",
    "{years} after the permit {permit}",
)
NO_DUTY = Phrase(
    "SOC-01.no_duty",
    "Personen har rett, men ikke plikt, til opplæring i norsk etter IL § 37 d, som ikke "
    "omfatter samfunnskunnskap",
    "The person has a right, but no duty, to Norwegian training under IL § 37 d, which does "
    "not cover social studies",
)


def il_s31_social_studies_hours(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 31: those with the duty (§ 26 first and third paragraphs) shall complete a set
    number of hours of social studies in a language they understand, within the time limit
    for completing the training.

    Applies to settled persons of the § 26 group who are not under chapter 6A (§ 37 d gives
    those a right to Norwegian only). Deadline: the permit date +
    ``norwegian_completion_years`` (read on the permit date). Satisfied on the day the
    activities of kind ``social_studies`` add up to ``social_studies_hours`` (hours a week
    spread evenly over the days, up to the as-of date).
    """
    group = training_group(ctx, spec)
    if isinstance(group, Finding):
        return group
    if group[0] is RIGHT_ONLY:
        return ctx.not_applicable(spec, "right_only", NO_DUTY, {})
    permit = ctx.person.permit_date
    hours = ctx.value("social_studies_hours", permit)
    years = ctx.value("norwegian_completion_years", permit)
    if hours is None or years is None:
        return not_in_force(ctx, spec, permit)
    reached = day_hours_reached(ctx, ActivityKind.SOCIAL_STUDIES, hours)
    finding = deadline_finding(
        ctx, spec, PHRASES, deadline=add_years(permit, years), satisfied_on=reached,
        basis=(BASIS, {"years": Qty(years, "year"), "permit": permit}), notes=(group,),
        used=(("social_studies_hours", hours), ("norwegian_completion_years", years)),
    )  # fmt: skip
    done = _hours_done(ctx)
    values = {**(finding.values or {}), "hours": Qty(hours, "hour"), "done": Qty(done, "hour")}
    return replace(finding, values=values)


def _hours_done(ctx: Context) -> int:
    total = 0.0
    for a in ctx.activities:
        if a.kind is ActivityKind.SOCIAL_STUDIES:
            last = a.end if a.end is not None and a.end < ctx.as_of else ctx.as_of
            if last >= a.start:
                total += a.hours_per_week * ((last - a.start).days + 1) / 7
    return int(total)


RULE = RuleSpec(
    id="SOC-01",
    title="Social studies completed",
    severity=Severity.SHALL,
    source="IL § 31",
    url=f"{LOVDATA_IL}/§31",
    parameters=(*GROUP_PARAMETERS, "social_studies_hours", "norwegian_completion_years"),
    evaluate=il_s31_social_studies_hours,
    phrases=(*PHRASES.all(), BASIS, NO_DUTY, *GROUP_PHRASES),
)
