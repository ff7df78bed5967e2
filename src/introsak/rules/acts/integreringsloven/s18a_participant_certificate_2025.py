"""IL § 18 a after the 2025 revision: the participant certificate, also when interrupted."""

from __future__ import annotations

from dataclasses import replace

from introsak.rules.acts.integreringsloven import s18a_participant_certificate as base
from introsak.rules.context import Context
from introsak.rules.findings import Finding, Severity
from introsak.rules.phrases import Phrase
from introsak.rules.spec import LOVDATA_IL, RuleSpec

NO_END_REASON = Phrase(
    "CERT-01.no_end_reason",
    "beviset skal vise om programmet ble gjennomført eller avbrutt og hvorfor, og ingen "
    "sluttårsak er registrert",
    "the certificate shall show whether the programme was completed or interrupted and why, "
    "and no end reason is recorded",
)


def il_s18a_participant_certificate_2025(ctx: Context, spec: RuleSpec) -> Finding:
    """IL § 18 a first paragraph (2025): the municipality shall issue a participant
    certificate when the programme is completed or interrupted, stating the reason for an
    interruption (the interruption reason belongs on the certificate).

    As the base rule (deadline: end + ``certificate_days``, satisfied by
    ``certificate_issued_date``); when the programme has ended with no end reason recorded,
    the explanation says that the certificate must state it.
    """
    finding = base.il_s18a_participant_certificate(ctx, spec)
    if ctx.end is None or ctx.case.end_reason is not None:
        return finding
    return _with_note(finding)


def _with_note(finding: Finding) -> Finding:
    return replace(finding, notes=(*finding.notes, (NO_END_REASON, {})))


RULE = RuleSpec(
    id="CERT-01",
    title="Participant certificate",
    severity=Severity.SHALL,
    source="IL § 18 a (2025)",
    url=f"{LOVDATA_IL}/§18a",
    parameters=base.RULE.parameters,
    evaluate=il_s18a_participant_certificate_2025,
    phrases=(*base.RULE.phrases, NO_END_REASON),
)
