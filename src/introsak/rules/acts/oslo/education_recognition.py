"""Oslostandarden: NAV sends the application for recognition of education early."""

from __future__ import annotations

from introsak.casefacts.enums import EducationLevel, SentBy
from introsak.rules.context import Context
from introsak.rules.findings import Finding, Severity
from introsak.rules.outcomes import deadline_phrases, not_in_force, not_started, period_after
from introsak.rules.phrases import Note, Phrase, Text
from introsak.rules.spec import AUDIT_REPORT, RuleSpec

PHRASES = deadline_phrases(
    "EDU-01",
    done=(
        "Søknaden om godkjenning av utdanning ble sendt {satisfied}",
        "The application for recognition of education was sent on {satisfied}",
    ),
    missing=(
        "Søknad om godkjenning av utdanning er ikke sendt",
        "No application for recognition of education has been sent",
    ),
)
SENDER = Phrase("EDU-01.sender", "sendt av {sender}", "sent by {sender}")
SENDER_NOT_NAV = Phrase(
    "EDU-01.sender_not_nav",
    "sendt av {sender}; normen sier at NAV sender søknaden",
    "sent by {sender}; the norm says NAV sends it",
)
NOT_RELEVANT = Phrase(
    "EDU-01.not_relevant",
    "Godkjenning av utdanning er vurdert som ikke aktuelt",
    "Recognition of education has been assessed as not relevant",
)
NO_EDUCATION = Phrase(
    "EDU-01.no_education",
    "Deltakeren har ingen utdanning som kan godkjennes",
    "The participant has no education to recognise",
)
NOT_ASSESSED = Phrase(
    "EDU-01.not_assessed",
    "Det er ikke registrert om godkjenning av utdanning er aktuelt",
    "It is not recorded whether recognition of education is relevant",
)
SENDER_NOT_RECORDED = Text("avsender ikke registrert", "sender not recorded")


def _sender_note(sent_by: SentBy | None) -> Note:
    if sent_by is SentBy.NAV:
        return SENDER, {"sender": sent_by}
    return SENDER_NOT_NAV, {"sender": sent_by if sent_by is not None else SENDER_NOT_RECORDED}


def oslo_education_recognition(ctx: Context, spec: RuleSpec) -> Finding:
    """Oslostandarden: for participants where it is relevant, NAV shall send the application
    for recognition of foreign education (to HK-dir, formerly NOKUT) as soon as possible.
    "As soon as possible" is read as start + ``education_recognition_months`` (on the start
    date); the explanation names the sender, since the norm says NAV sends it.

    Applies to started participants whose ``education_recognition.relevant`` is true; with
    no record of relevance: ``unknown`` (``not_applicable`` when there is no education).
    Satisfied by ``education_recognition.sent_date``, whoever sent it.
    """
    if not ctx.started or ctx.start is None:
        return not_started(ctx, spec)
    if ctx.value("education_recognition_months", ctx.start) is None:
        # Not in force on the measuring date decides first, whatever facts are missing.
        return not_in_force(ctx, spec, ctx.start)
    recognition = ctx.case.education_recognition
    if recognition is None:
        if ctx.person.education_level is EducationLevel.NONE:
            return ctx.not_applicable(spec, "no_education", NO_EDUCATION, {})
        return ctx.unknown(spec, "education_recognition.relevant", NOT_ASSESSED, {})
    if not recognition.relevant:
        return ctx.not_applicable(spec, "not_relevant", NOT_RELEVANT, {})
    sent = ctx.recognition_sent
    return period_after(
        ctx, spec, PHRASES, day=ctx.start, parameter="education_recognition_months",
        unit="month", satisfied_on=sent,
        notes=(_sender_note(recognition.sent_by),) if sent is not None else (),
    )  # fmt: skip


RULE = RuleSpec(
    id="EDU-01",
    title="Recognition of education applied for early",
    severity=Severity.SHOULD,
    source="Oslostandarden",
    document=f"{AUDIT_REPORT}, L2101–2104",
    parameters=("education_recognition_months",),
    evaluate=oslo_education_recognition,
    phrases=(
        *PHRASES.all(),
        SENDER,
        SENDER_NOT_NAV,
        NOT_RELEVANT,
        NO_EDUCATION,
        NOT_ASSESSED,
    ),
)
