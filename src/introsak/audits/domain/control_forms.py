"""Control forms: pre-filled by the rules engine as of the audit date, assessed by the auditor.

``control_forms_prefill`` evaluates each drawn case's facts as of the audit's date (facts
after it are ignored, as the engine's time travel defines) and writes, per criterion, the
status, deadline, fulfilment date, explanation and evidence. It never touches what the
auditor wrote. ``assessment_record`` stores the auditor's assessment and comment; neither
function changes any case data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from introsak.accounts.models import User
from introsak.audits.domain.criteria import PRACTICE, PRACTICE_KINDS, CriterionSpec, spec_for
from introsak.audits.domain.evidence import Evidence, evidence_for
from introsak.audits.enums import ASSESSMENT_OUTCOME, Assessment, CriterionKind, Outcome
from introsak.audits.models import Audit, AuditCriterion, ControlForm, ControlFormEntry, FrameCase
from introsak.casefacts.model import CaseFacts
from introsak.cases.domain.facts import case_to_facts, facts_queryset
from introsak.cases.models import ProgrammeCase
from introsak.core import clock
from introsak.core.formats import short_date
from introsak.rules import Evaluator, Finding

_COMPUTED_FIELDS = (
    "status",
    "computed_outcome",
    "deadline",
    "satisfied_on",
    "explanation_nb",
    "explanation_en",
    "evidence",
)


@dataclass(frozen=True)
class Verdict:
    """What the data say about one criterion for one case, as of the audit date."""

    outcome: Outcome
    explanation: dict[str, str]
    status: str = ""
    deadline: date | None = None
    satisfied_on: date | None = None
    evidence: list[Evidence] = field(default_factory=list)


def _bilingual(render: Callable[[], str]) -> dict[str, str]:
    out = {}
    for language in ("nb", "en"):
        with translation.override(language):
            out[language] = render()
    return out


def rule_verdict(spec: CriterionSpec, finding: Finding, facts: CaseFacts, as_of: date) -> Verdict:
    return Verdict(
        outcome=spec.outcome(finding, facts, as_of),
        explanation=finding.explanation,
        status=finding.status.value,
        deadline=finding.deadline,
        satisfied_on=finding.satisfied_on,
        evidence=evidence_for(spec.evidence, facts, as_of),
    )


def practice_verdict(spec: CriterionSpec, facts: CaseFacts, as_of: date) -> Verdict:
    """PRACTICE: met by any language or work practice that has begun by the audit date (the
    report counted practice at any time in the programme). Counted for every sampled case;
    one whose programme had not started says so in its status (``not_applicable``)."""
    evidence = evidence_for(spec.evidence, facts, as_of)
    values: dict[str, Any] = {"as_of": as_of}
    started = all(d is not None and d <= as_of for d in (facts.decision_date, facts.start_date))
    practice = sorted(
        a.start for a in facts.activities if a.kind in PRACTICE_KINDS and a.start <= as_of
    )
    if not started:
        # Practice is a fact the auditors check in every sampled case: counted, with the
        # status saying that the programme (and so any duty) had not started.
        return Verdict(
            Outcome.YES if practice else Outcome.NO,
            _bilingual(
                lambda: _("The programme has not started as of %(as_of)s") % _written(values)
            ),
            status="not_applicable",
            satisfied_on=practice[0] if practice else None,
            evidence=evidence,
        )
    if not practice:
        return Verdict(
            Outcome.NO,
            _bilingual(
                lambda: (
                    _("No language or work practice recorded as of %(as_of)s") % _written(values)
                )
            ),
            evidence=evidence,
        )
    values.update(first=practice[0], count=len(practice))
    return Verdict(
        Outcome.YES,
        _bilingual(
            lambda: (
                _("Language or work practice recorded (%(count)s), the first from %(first)s")
                % _written(values)
            )
        ),
        satisfied_on=practice[0],
        evidence=evidence,
    )


def _written(values: dict[str, Any]) -> dict[str, Any]:
    """The values with dates written as the active language writes them (07.08.2024)."""
    return {k: short_date(v) if isinstance(v, date) else v for k, v in values.items()}


def manual_verdict() -> Verdict:
    return Verdict(Outcome.OPEN, _bilingual(lambda: _("Assessed by the auditor")))


def verdicts(
    criteria: Iterable[AuditCriterion], facts: CaseFacts, as_of: date, evaluator: Evaluator | None
) -> dict[int, Verdict]:
    """One verdict per criterion (by criterion id) for one case."""
    findings = {f.rule: f for f in evaluator(facts)} if evaluator else {}
    out: dict[int, Verdict] = {}
    for criterion in criteria:
        spec = spec_for(code=criterion.code, text=criterion.text)
        if criterion.kind == CriterionKind.MANUAL or not isinstance(spec, CriterionSpec):
            out[criterion.pk] = manual_verdict()
        elif criterion.code == PRACTICE:
            out[criterion.pk] = practice_verdict(spec, facts, as_of)
        else:
            out[criterion.pk] = rule_verdict(spec, findings[criterion.code], facts, as_of)
    return out


def _evaluator(audit: Audit, criteria: list[AuditCriterion]) -> Evaluator | None:
    rules = [c.code for c in criteria if c.kind == CriterionKind.RULE]
    return Evaluator(audit.as_of, rules=rules) if rules else None


@transaction.atomic
def control_forms_prefill(
    *, audit: Audit, cases: QuerySet[ProgrammeCase], only_missing: bool = False
) -> int:
    """Pre-fill (or refresh) the control form of every drawn case among ``cases``; return
    how many forms were written.

    Side effects: creates missing ``ControlForm`` / ``ControlFormEntry`` rows and rewrites
    the computed fields of existing entries; assessments and comments are left as they are.
    With ``only_missing`` only cases without a form are done.
    """
    drawn = FrameCase.objects.filter(sample__audit=audit, drawn=True, case__in=cases)
    if only_missing:
        drawn = drawn.filter(control_form__isnull=True)
    frame_of = {row.case_id: row for row in drawn}
    if not frame_of:
        return 0
    criteria = list(audit.criteria.all())
    evaluator = _evaluator(audit, criteria)
    now = clock.now()
    forms = _forms(frame_of.values(), now)
    existing = {
        (e.form_id, e.criterion_id): e
        for e in ControlFormEntry.objects.filter(form__in=forms.values())
    }
    to_create: list[ControlFormEntry] = []
    to_update: list[ControlFormEntry] = []
    for case in facts_queryset(ProgrammeCase.objects.filter(pk__in=frame_of)):
        form = forms[frame_of[case.pk].pk]
        facts = case_to_facts(case)
        for criterion_id, verdict in verdicts(criteria, facts, audit.as_of, evaluator).items():
            entry = existing.get((form.pk, criterion_id))
            if entry is None:
                entry = ControlFormEntry(form=form, criterion_id=criterion_id)
                to_create.append(entry)
            else:
                to_update.append(entry)
            _set_computed(entry, verdict)
    ControlFormEntry.objects.bulk_create(to_create)
    ControlFormEntry.objects.bulk_update(to_update, _COMPUTED_FIELDS)
    return len(forms)


def _forms(rows: Iterable[FrameCase], now: Any) -> dict[int, ControlForm]:
    """The control form of each frame row (by frame row id), created where missing."""
    rows = list(rows)
    forms = {f.frame_case_id: f for f in ControlForm.objects.filter(frame_case__in=rows)}
    missing = [ControlForm(frame_case=r, prefilled_at=now) for r in rows if r.pk not in forms]
    ControlForm.objects.bulk_create(missing)
    ControlForm.objects.filter(pk__in=[f.pk for f in forms.values()]).update(prefilled_at=now)
    forms.update({f.frame_case_id: f for f in missing})
    return forms


def _set_computed(entry: ControlFormEntry, verdict: Verdict) -> None:
    entry.status = verdict.status
    entry.computed_outcome = verdict.outcome
    entry.deadline = verdict.deadline
    entry.satisfied_on = verdict.satisfied_on
    entry.explanation_nb = verdict.explanation["nb"]
    entry.explanation_en = verdict.explanation["en"]
    entry.evidence = verdict.evidence


def assessment_errors(*, computed: str, assessment: str, comment: str) -> dict[str, list[str]]:
    """Field → problems with an assessment of a criterion the engine computed as
    ``computed``; empty when it may be saved.

    An assessment that counts differently from a determined computed outcome (met, not met,
    not applicable) needs a comment saying why: the report counts the auditor's outcome, and
    the reader must be able to see the reason. Where the engine could not determine the
    outcome (``open``: criteria only a person can assess, facts missing) the assessment is
    the first determination, not a disagreement, and needs no comment.
    """
    if not assessment or computed == Outcome.OPEN or comment.strip():
        return {}
    if ASSESSMENT_OUTCOME[assessment] == computed:
        return {}
    message = _(
        "Your assessment counts as “%(assessed)s”, the computed outcome is “%(computed)s”. "
        "Say in a comment why."
    ) % {"assessed": ASSESSMENT_OUTCOME[assessment].label, "computed": Outcome(computed).label}
    return {"comment": [message]}


@transaction.atomic
def assessment_record(
    *, entry: ControlFormEntry, assessment: str, comment: str, by: User
) -> ControlFormEntry:
    """Record the auditor's assessment and comment on one criterion of one control form.

    An empty assessment means "as computed"; clearing both clears who assessed it. Raises
    ``ValidationError`` (field → messages) for an assessment that differs from the computed
    outcome without a comment (``assessment_errors``). Side effects: updates the entry only
    (never the case).
    """
    if assessment and assessment not in Assessment.values:
        raise ValueError(f"unknown assessment {assessment!r}")
    errors = assessment_errors(
        computed=entry.computed_outcome, assessment=assessment, comment=comment
    )
    if errors:
        raise ValidationError(errors)
    entry.assessment = assessment
    entry.comment = comment.strip()
    if entry.assessment or entry.comment:
        entry.assessed_by, entry.assessed_at = by, clock.now()
    else:
        entry.assessed_by, entry.assessed_at = None, None
    entry.save(update_fields=["assessment", "comment", "assessed_by", "assessed_at"])
    return entry


def drawn_rows(audit: Audit) -> QuerySet[FrameCase]:
    """The drawn cases of an audit with their control forms and entries, in sample order."""
    entries = ControlFormEntry.objects.select_related("criterion", "assessed_by")
    return (
        FrameCase.objects.filter(sample__audit=audit, drawn=True)
        .select_related("district", "case", "case__person", "control_form")
        .prefetch_related(Prefetch("control_form__entries", queryset=entries))
        .order_by("district__number", "rank")
    )
