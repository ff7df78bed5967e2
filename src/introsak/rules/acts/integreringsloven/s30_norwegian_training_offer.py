"""IL § 30 (with §§ 26–27 and § 37 d): Norwegian training offered soon after settlement."""

from __future__ import annotations

from datetime import date

from introsak.casefacts.enums import ActivityKind
from introsak.rules.acts.integreringsloven.s26_norwegian_training import (
    GROUP_PARAMETERS,
    GROUP_PHRASES,
    first_start,
    training_group,
)
from introsak.rules.context import Context
from introsak.rules.dates import add_months
from introsak.rules.findings import Finding, Severity
from introsak.rules.outcomes import deadline_finding, deadline_phrases, not_in_force
from introsak.rules.phrases import Phrase, Qty
from introsak.rules.spec import LOVDATA_IL, RuleSpec

PHRASES = deadline_phrases(
    "NOR-01",
    done=("Opplæringen i norsk startet {satisfied}", "Norwegian training started on {satisfied}"),
    missing=("Opplæringen i norsk har ikke startet", "Norwegian training has not started"),
)
BASIS = Phrase(
    "NOR-01.basis",
    "{months} etter bosetting {settlement}",
    "{months} after settlement {settlement}",
)


def il_s30_norwegian_training_offer(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 30: the municipality shall offer training in Norwegian and social studies to
    those with a right to it (§ 26: 18–67 on the permit date with a § 27 permit; § 37 d:
    persons with collective protection under chapter 6A have a right to Norwegian
    training), and the offer shall come within a set time of the right arising.

    Applies to settled persons of those bases and ages. Deadline: settlement +
    ``norwegian_offer_months`` (read on the settlement date). Satisfied by the first start
    of an activity of kind ``norwegian_training`` or, where the school's record of the way
    into training says so (issue 16), by ``training.started_on``, whichever is earlier. The
    explanation says whether the person has a right and a duty or a right only.
    """
    group = training_group(ctx, spec)
    if isinstance(group, Finding):
        return group
    settlement = ctx.person.settlement_date
    months = ctx.value("norwegian_offer_months", settlement)
    if months is None:
        return not_in_force(ctx, spec, settlement)
    return deadline_finding(
        ctx, spec, PHRASES, deadline=add_months(settlement, months),
        satisfied_on=_first_training_day(ctx),
        basis=(BASIS, {"months": Qty(months, "month"), "settlement": settlement}),
        notes=(group,), used=(("norwegian_offer_months", months),),
    )  # fmt: skip


def _first_training_day(ctx: Context) -> date | None:
    """The earlier of the first Norwegian-training activity and the school's recorded start
    (the way into training, issue 16), as of the date."""
    days = [first_start(ctx, ActivityKind.NORWEGIAN_TRAINING)]
    training = ctx.case.training
    if training is not None and training.started_on is not None:
        days.append(training.started_on if training.started_on <= ctx.as_of else None)
    known = [day for day in days if day is not None]
    return min(known) if known else None


RULE = RuleSpec(
    id="NOR-01",
    title="Norwegian training offered",
    severity=Severity.SHALL,
    source="IL § 30, § 37 d",
    url=f"{LOVDATA_IL}/§30",
    parameters=(*GROUP_PARAMETERS, "norwegian_offer_months"),
    evaluate=il_s30_norwegian_training_offer,
    phrases=(*PHRASES.all(), BASIS, *GROUP_PHRASES),
)
