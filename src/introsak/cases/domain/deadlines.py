"""Stored findings and deadlines: the rules engine's results kept in the database.

Every write to a case goes through ``case_recompute`` (or the bulk variant used by import),
which evaluates the case's facts with the rules engine and replaces its ``CaseFinding`` rows
and the case's derived columns (stage, nearest open deadline). Lists and statistics read
those columns; they never evaluate rules per row. ``recompute_deadlines`` re-evaluates every
case, e.g. nightly and after a parameter file changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from introsak.casefacts.model import CaseFacts
from introsak.cases import models as m
from introsak.cases.domain.facts import case_to_facts, facts_queryset
from introsak.cases.enums import OPEN_STATUSES, Stage
from introsak.core import clock
from introsak.rules import Finding, evaluate

_OPEN = frozenset(s.value for s in OPEN_STATUSES)


@dataclass(frozen=True, slots=True)
class Derived:
    """What the rules engine says about one case, ready to be stored."""

    findings: list[Finding]
    stage: str
    next_rule: str
    next_date: date | None
    next_status: str
    as_of: date


def stage_of(facts: CaseFacts, as_of: date) -> str:
    """Where the case is on the path as of a date (facts after it have not happened yet)."""

    def done(day: date | None) -> bool:
        return day is not None and day <= as_of

    if done(facts.end_date):
        return Stage.CERTIFIED if done(facts.certificate_issued_date) else Stage.ENDED
    if done(facts.start_date):
        return Stage.IN_PROGRAMME
    if done(facts.decision_date):
        return Stage.DECIDED
    if done(facts.mapping_date):
        return Stage.MAPPED
    return Stage.SETTLED


def derive(facts: CaseFacts, as_of: date) -> Derived:
    findings = evaluate(facts, as_of)
    open_findings = [
        x for x in findings if x.status.value in _OPEN and x.deadline is not None
    ]
    nearest = min(open_findings, key=lambda x: (x.deadline, x.rule), default=None)
    return Derived(
        findings=findings,
        stage=stage_of(facts, as_of),
        next_rule=nearest.rule if nearest else "",
        next_date=nearest.deadline if nearest else None,
        next_status=nearest.status.value if nearest else "",
        as_of=as_of,
    )


def apply_derived(case: m.ProgrammeCase, derived: Derived) -> None:
    """Set the case's derived columns (not saved)."""
    case.stage = derived.stage
    case.next_deadline_rule = derived.next_rule
    case.next_deadline_date = derived.next_date
    case.next_deadline_status = derived.next_status
    case.findings_as_of = derived.as_of


DERIVED_FIELDS = (
    "stage", "next_deadline_rule", "next_deadline_date", "next_deadline_status", "findings_as_of",
)


def finding_rows(case_pk: int, findings: Iterable[Finding]) -> list[m.CaseFinding]:
    return [
        m.CaseFinding(
            case_id=case_pk,
            rule=x.rule,
            status=x.status.value,
            deadline=x.deadline,
            satisfied_on=x.satisfied_on,
            severity=str(x.severity),
            category=str(x.category),
        )
        for x in findings
    ]


@transaction.atomic
def case_recompute(*, case: m.ProgrammeCase, as_of: date | None = None) -> Derived:
    """Re-evaluate one case and replace its stored findings.

    Side effects: deletes and re-creates the case's ``CaseFinding`` rows and saves the
    case's derived columns (not its ``version``: recomputing is not an edit).
    """
    loaded = facts_queryset(m.ProgrammeCase.objects.filter(pk=case.pk)).get()
    derived = derive(case_to_facts(loaded), as_of or clock.today())
    apply_derived(case, derived)
    m.ProgrammeCase.objects.filter(pk=case.pk).update(
        **{name: getattr(case, name) for name in DERIVED_FIELDS}
    )
    m.CaseFinding.objects.filter(case_id=case.pk).delete()
    m.CaseFinding.objects.bulk_create(finding_rows(case.pk, derived.findings))
    return derived


def cases_recompute(*, case_pks: Sequence[int] | None = None, as_of: date | None = None,
                    batch_size: int = 1000) -> int:
    """Re-evaluate many cases in batches, each batch in its own transaction.

    Side effects: replaces the findings and derived columns of every case given (or all).
    Returns the number of cases recomputed.
    """
    day = as_of or clock.today()
    pks = list(case_pks) if case_pks is not None else list(
        m.ProgrammeCase.objects.order_by("pk").values_list("pk", flat=True)
    )
    for start in range(0, len(pks), batch_size):
        _recompute_batch(pks[start:start + batch_size], day)
    return len(pks)


@transaction.atomic
def _recompute_batch(pks: list[int], day: date) -> None:
    cases = list(facts_queryset(m.ProgrammeCase.objects.filter(pk__in=pks)))
    rows: list[m.CaseFinding] = []
    for case in cases:
        derived = derive(case_to_facts(case), day)
        apply_derived(case, derived)
        rows.extend(finding_rows(case.pk, derived.findings))
    m.ProgrammeCase.objects.bulk_update(cases, DERIVED_FIELDS)
    m.CaseFinding.objects.filter(case_id__in=pks).delete()
    m.CaseFinding.objects.bulk_create(rows, batch_size=5000)
