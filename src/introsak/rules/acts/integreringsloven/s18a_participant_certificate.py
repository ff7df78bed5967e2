"""IL § 18 a: a participant certificate when the programme ends."""

from __future__ import annotations

from introsak.rules.context import Context
from introsak.rules.findings import Finding, Severity
from introsak.rules.outcomes import AFTER_END, deadline_phrases, not_participant, period_after
from introsak.rules.phrases import Phrase
from introsak.rules.spec import LOVDATA_IL, RuleSpec

PHRASES = deadline_phrases(
    "CERT-01",
    done=(
        "Deltakerbeviset ble utstedt {satisfied}",
        "The participant certificate was issued on {satisfied}",
    ),
    missing=("Deltakerbevis er ikke utstedt", "No participant certificate has been issued"),
)
NOT_ENDED = Phrase(
    "CERT-01.not_ended",
    "Programmet er ikke avsluttet per {as_of}",
    "The programme has not ended as of {as_of}",
)


def il_s18a_participant_certificate(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 18 a: when the programme ends or is interrupted, the participant shall receive a
    certificate of what they took part in. No source sets a number of days; the deadline is
    end + ``certificate_days`` (read on the end date).

    Applies to participants with an ``end_date``. Satisfied by ``certificate_issued_date``.
    """
    if ctx.decision is None:
        return not_participant(ctx, spec)
    if ctx.end is None:
        return ctx.not_applicable(spec, "not_ended", NOT_ENDED, {"as_of": ctx.as_of})
    return period_after(
        ctx, spec, PHRASES, day=ctx.end, parameter="certificate_days", unit="day",
        satisfied_on=ctx.certificate, basis=AFTER_END,
    )  # fmt: skip


RULE = RuleSpec(
    id="CERT-01",
    title="Participant certificate",
    severity=Severity.SHALL,
    source="IL § 18 a",
    url=f"{LOVDATA_IL}/§18a",
    parameters=("certificate_days",),
    evaluate=il_s18a_participant_certificate,
    phrases=(*PHRASES.all(), NOT_ENDED),
)
