"""IL § 12: the programme shall start within three months of settlement (or of the claim)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from introsak.rules.context import Context, Used
from introsak.rules.dates import add_months
from introsak.rules.findings import Category, Finding, Severity
from introsak.rules.outcomes import (
    DeadlinePhrases,
    deadline_finding,
    deadline_phrases,
    not_in_force,
    outside_category,
)
from introsak.rules.phrases import Note, Phrase, Qty, Text
from introsak.rules.spec import LOVDATA_IL, RuleSpec


class StartDeadline(NamedTuple):
    deadline: date
    reference: date
    from_claim: bool  # the reference date is the claim (later than settlement)
    months: int

    @property
    def basis(self) -> Note:
        """The note that says how the deadline arose, e.g. "3 måneder etter bosetting …"."""
        event = CLAIM if self.from_claim else SETTLEMENT
        values = {"months": Qty(self.months, "month"), "event": event, "reference": self.reference}
        return BASIS, values


SETTLEMENT = Text("bosetting", "settlement")
CLAIM = Text("kravet om program", "the claim for a programme")
BASIS = Phrase(
    "START-01.basis",
    "{months} etter {event} {reference}",
    "{months} after {event} {reference}",
)
PHRASES = deadline_phrases(
    "START-01",
    done=("Programmet startet {satisfied}", "The programme started on {satisfied}"),
    missing=("Programmet har ikke startet", "The programme has not started"),
)
NO_CLAIM = Phrase(
    "START-01.no_claim",
    "Personen har ikke plikt til å delta, og det er verken krevd, vedtatt eller startet "
    "program per {as_of}",
    "The person has no duty to take part, and no programme has been claimed, decided or "
    "started as of {as_of}",
)


def start_deadline(ctx: Context) -> StartDeadline | None:
    """The START-01 deadline (shared by MAP-01 and GUIDE-01); None if § 12 did not apply.

    Relevant date for the parameter: the reference date (the claim if later than
    settlement, else settlement).
    """
    return ctx.memo("start_deadline", _start_deadline)


def reference_date(ctx: Context) -> date:
    """The claim date if it is later than the settlement date, else the settlement date."""
    settlement = ctx.person.settlement_date
    claim = ctx.claim
    return claim if claim is not None and claim > settlement else settlement


def _start_deadline(ctx: Context) -> StartDeadline | None:
    reference = reference_date(ctx)
    months = ctx.value("programme_start_months", reference)
    if months is None:
        return None
    from_claim = reference != ctx.person.settlement_date
    return StartDeadline(add_months(reference, months), reference, from_claim, months)


DECISION_BASIS = Phrase(
    "basis.decision", "programvedtaket {decision}", "the programme decision {decision}"
)
START_BASIS = Phrase(
    "basis.start_deadline",
    "fristen for programstart, {months} etter {event} {reference}",
    "the programme start deadline, {months} after {event} {reference}",
)


def before_decision_finding(
    ctx: Context,
    spec: RuleSpec,
    phrases: DeadlinePhrases,
    *,
    satisfied_on: date | None,
    used: Used = (),
) -> Finding:
    """MAP-01 and GUIDE-01, "before the decision": the deadline is the decision date once
    decided, else the START-01 deadline (``not_in_force`` if § 12 did not apply)."""
    if ctx.decision is not None:
        basis: Note = (DECISION_BASIS, {"decision": ctx.decision})
        return deadline_finding(
            ctx, spec, phrases, deadline=ctx.decision, satisfied_on=satisfied_on, basis=basis,
            used=used,
        )  # fmt: skip
    due = start_deadline(ctx)
    if due is None:
        return not_in_force(ctx, spec, reference_date(ctx))
    _, values = due.basis
    return deadline_finding(
        ctx, spec, phrases, deadline=due.deadline, satisfied_on=satisfied_on,
        basis=(START_BASIS, values), used=(*used, ("programme_start_months", due.months)),
    )  # fmt: skip


def _applies(ctx: Context) -> bool:
    if ctx.category is Category.RIGHT_AND_DUTY:
        return True
    if ctx.category is Category.NONE:
        return False
    return ctx.claim is not None or ctx.decision is not None or ctx.start is not None


def il_s12_programme_start(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 12: the municipality shall decide on and start the programme as soon as possible
    and at the latest three months after the person was settled or claimed the programme.

    Applies to persons with a right and duty, and to those with a right only (or whom the
    municipality may offer a programme) once they have claimed it or been granted it.
    Satisfied by the programme start.
    """
    if not _applies(ctx):
        if ctx.category is Category.NONE:
            return outside_category(ctx, spec)
        return ctx.not_applicable(spec, "no_claim", NO_CLAIM, {"as_of": ctx.as_of})
    due = start_deadline(ctx)
    if due is None:
        return not_in_force(ctx, spec, reference_date(ctx))
    return deadline_finding(
        ctx,
        spec,
        PHRASES,
        deadline=due.deadline,
        satisfied_on=ctx.start,
        basis=due.basis,
        used=(("programme_start_months", due.months),),
    )


RULE = RuleSpec(
    id="START-01",
    title="Programme start within 3 months",
    severity=Severity.SHALL,
    source="IL § 12",
    url=f"{LOVDATA_IL}/§12",
    parameters=("programme_start_months",),
    evaluate=il_s12_programme_start,
    phrases=(*PHRASES.all(), BASIS, NO_CLAIM),
)
