"""IL §§ 26–31 and § 37 d: training in Norwegian and social studies — who has the right (and
the duty), when it must be offered, and the social-studies hours by the completion limit.

Shared by NOR-01 (the offer) and SOC-01 (the hours). The target group is not the programme's:
immigrants aged 18–67 on the permit date with a permit of § 27 (right and duty) — here the
bases that give the programme — and, under chapter 6A, persons with collective protection
(§ 37 d: a right, no duty, to Norwegian training only).
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from itertools import pairwise

from introsak.casefacts.enums import ActivityKind, ResidenceBasis
from introsak.rules.acts.integreringsloven.s08_s09_target_group import RIGHT_AND_DUTY_BASES
from introsak.rules.context import Context
from introsak.rules.dates import age_on
from introsak.rules.findings import Finding
from introsak.rules.outcomes import not_in_force
from introsak.rules.phrases import Note, Phrase
from introsak.rules.spec import RuleSpec

RIGHT_AND_DUTY = Phrase(
    "norwegian.right_and_duty",
    "rett og plikt til opplæring i norsk og samfunnskunnskap (IL § 26 første ledd)",
    "a right and a duty to training in Norwegian and social studies (IL § 26 first paragraph)",
)
RIGHT_ONLY = Phrase(
    "norwegian.right_only",
    "rett, men ikke plikt, til opplæring i norsk (IL § 37 d)",
    "a right, but no duty, to training in Norwegian (IL § 37 d)",
)
NO_BASIS = Phrase(
    "norwegian.no_basis",
    "Oppholdsgrunnlaget ({basis}) gir ikke rett til opplæring i norsk etter denne regelen",
    "The residence basis ({basis}) gives no right to Norwegian training under this rule",
)
AGE = Phrase(
    "norwegian.age",
    "Personen var {age} år på tillatelsesdatoen {permit}, utenfor {low}–{high} år",
    "The person was {age} on the permit date {permit}, outside {low}–{high}",
)
NOT_SETTLED = Phrase(
    "norwegian.not_settled",
    "Personen er ikke bosatt i kommunen per {as_of}",
    "The person is not settled in the municipality as of {as_of}",
)
GROUP_PHRASES = (RIGHT_AND_DUTY, RIGHT_ONLY, NO_BASIS, AGE, NOT_SETTLED)
GROUP_PARAMETERS = ("norwegian_age_min", "norwegian_age_max")


def training_group(ctx: Context, spec: RuleSpec) -> Finding | Note:
    """The group note (right and duty / right only) or the not-applicable finding."""
    person = ctx.person
    if person.settlement_date > ctx.as_of or person.permit_date > ctx.as_of:
        return ctx.not_applicable(spec, "not_settled", NOT_SETTLED, {"as_of": ctx.as_of})
    basis = person.residence_basis
    collective = basis is ResidenceBasis.COLLECTIVE_PROTECTION
    if basis not in RIGHT_AND_DUTY_BASES and not collective:
        return ctx.not_applicable(spec, "no_basis", NO_BASIS, {"basis": basis})
    low = ctx.value("norwegian_age_min", person.permit_date)
    high = ctx.value("norwegian_age_max", person.permit_date)
    if low is None or high is None:
        return not_in_force(ctx, spec, person.permit_date)
    age = age_on(person.birth_date, person.permit_date)
    if not low <= age <= high:
        values = {"age": age, "permit": person.permit_date, "low": low, "high": high}
        used = (("norwegian_age_min", low), ("norwegian_age_max", high))
        return ctx.not_applicable(spec, "age_outside", AGE, values, used=used)
    # Under chapter 6A (ctx.collective) a right only; otherwise the ordinary right and duty.
    return (RIGHT_ONLY, {}) if ctx.collective else (RIGHT_AND_DUTY, {})


def first_start(ctx: Context, kind: ActivityKind) -> date | None:
    """The first start of an activity of ``kind`` visible as of the date."""
    starts = [a.start for a in ctx.activities if a.kind is kind]
    return min(starts) if starts else None


def day_hours_reached(ctx: Context, kind: ActivityKind, hours: float) -> date | None:
    """The first day by which the activities of ``kind`` add up to ``hours`` (hours a week
    spread evenly over the days, up to the as-of date); None if not reached."""
    spans = []
    for a in ctx.activities:
        if a.kind is kind and a.hours_per_week > 0:
            last = a.end if a.end is not None and a.end < ctx.as_of else ctx.as_of
            if last >= a.start:
                spans.append((a.start, last, a.hours_per_week / 7))
    if not spans:
        return None
    points = sorted({s for s, _, _ in spans} | {e + timedelta(days=1) for _, e, _ in spans})
    total = 0.0
    for begin, stop in pairwise(points):
        rate = sum(r for s, e, r in spans if s <= begin and e >= begin)
        days = (stop - begin).days
        if rate > 0 and total + rate * days >= hours - 1e-9:
            whole = math.ceil(max(hours - total, 0.0) / rate - 1e-9)
            return begin + timedelta(days=max(whole, 1) - 1)
        total += rate * days
    return None
