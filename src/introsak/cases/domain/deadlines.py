"""Stored findings and deadlines: the rules engine's results kept in the database.

Every write to a case goes through ``case_recompute`` (or the bulk variant used by import),
which evaluates the case's facts with the rules engine and replaces its ``CaseFinding`` rows
and the case's derived columns (stage, nearest open deadline, the first day of each
worklist flag: ``flags``). Lists and statistics read those columns; they never evaluate
rules per row. ``recompute_deadlines`` re-evaluates every case, e.g. nightly and after a
parameter file changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from introsak.casefacts.enums import ActivityKind
from introsak.casefacts.model import CaseFacts
from introsak.cases import models
from introsak.cases.domain.facts import case_to_facts, facts_queryset
from introsak.cases.domain.flags import FLAG_COLUMNS, flag_days
from introsak.cases.enums import OPEN_STATUSES, Stage
from introsak.core import clock
from introsak.rules import Finding, evaluate
from introsak.rules.parameter_set import default_parameters

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
    flags: tuple[date | None, ...]  # the first day of every worklist flag (``flags.FLAGS``)
    # Issue 15: (the first day with no work-oriented activity, the next placement end).
    placement: tuple[date | None, date | None] = (None, None)
    # Issue 16: the first day of each of the way into training's flags (``training_flags``).
    training: tuple[date | None, date | None, date | None] = (None, None, None)


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
    # Nearest deadline first; on the same day, the rule that comes first in the catalogue
    # (the order the engine returns them in: START-01 before MAP-01 before GUIDE-01 …).
    open_findings = [
        (x.deadline, position, x)
        for position, x in enumerate(findings)
        if x.status.value in _OPEN and x.deadline is not None
    ]
    nearest = min(open_findings, key=lambda t: (t[0], t[1]), default=(None, 0, None))[2]
    return Derived(
        findings=findings,
        stage=stage_of(facts, as_of),
        next_rule=nearest.rule if nearest else "",
        next_date=nearest.deadline if nearest else None,
        next_status=nearest.status.value if nearest else "",
        as_of=as_of,
        flags=flag_days(findings),
        placement=(no_work_activity_from(facts, as_of), placement_ends_on(facts, as_of)),
        training=training_flags(facts),
    )


# The worklist's flags on the way into Norwegian training (docs/intake.md): waiting for a
# school place after the mapping appointment, no placement test after it, no registered
# address after settlement. Working thresholds of the service, not law: constants, not
# parameters.
SCHOOL_WAIT_DAYS = 90
PLACEMENT_TEST_DAYS = 14
ADDRESS_DAYS = 30


def training_flags(facts: CaseFacts) -> tuple[date | None, date | None, date | None]:
    """The first day of "waiting for a school place over ``SCHOOL_WAIT_DAYS`` days", "no
    placement test ``PLACEMENT_TEST_DAYS`` days after the mapping appointment" and "no
    registered address ``ADDRESS_DAYS`` days after settlement", for a case without an end
    date (``None``: not set). Stored on the case like the rule flags, so the worklist's
    counts read no training or person row."""
    if facts.end_date is not None:
        return None, None, None
    training = facts.training
    mapped = training.mapping_appointment_on if training is not None else None
    school_wait = no_test = None
    if training is not None and mapped is not None:
        if training.started_on is None:
            school_wait = mapped + timedelta(days=SCHOOL_WAIT_DAYS)
        if training.placement_tested_on is None:
            no_test = mapped + timedelta(days=PLACEMENT_TEST_DAYS)
    address = training.address_registered_on if training is not None else None
    no_address = None
    if facts.start_date is None and address is None:
        no_address = facts.person.settlement_date + timedelta(days=ADDRESS_DAYS)
    return school_wait, no_test, no_address


# Activities that are placements at a workplace (what the placements pipeline creates).
PLACEMENT_ACTIVITY_KINDS = frozenset(
    {
        ActivityKind.LANGUAGE_PRACTICE,
        ActivityKind.WORK_PRACTICE,
        ActivityKind.WAGE_SUBSIDY_JOB,
        ActivityKind.PART_TIME_WORK,
    }
)


def no_work_activity_from(facts: CaseFacts, as_of: date) -> date | None:
    """The first day on which a running programme has no current or planned work-oriented
    activity (the kinds of the ``work_oriented_activity_kinds`` parameter): the programme
    start, or the day after the last such activity ends. ``None`` when one runs without an
    end, or the programme has not started or has an end date."""
    if facts.start_date is None or facts.end_date is not None:
        return None
    kinds = frozenset(default_parameters()["work_oriented_activity_kinds"].at(as_of) or ())
    ends = [a.end for a in facts.activities if a.kind.value in kinds]
    if any(end is None for end in ends):
        return None
    last = max((end for end in ends if end is not None), default=None)
    return facts.start_date if last is None else max(facts.start_date, last + timedelta(days=1))


def placement_ends_on(facts: CaseFacts, as_of: date) -> date | None:
    """The end of the placement activity that ends next on or after ``as_of`` (the
    worklist's "placement ending within 14 days"); the nightly recompute moves it on."""
    return min(
        (
            a.end
            for a in facts.activities
            if a.kind in PLACEMENT_ACTIVITY_KINDS and a.end is not None and a.end >= as_of
        ),
        default=None,
    )


# The case's derived columns, in the order ``derived_values`` gives them.
DERIVED_FIELDS = (
    "stage",
    "next_deadline_rule",
    "next_deadline_date",
    "next_deadline_status",
    "findings_as_of",
    *FLAG_COLUMNS,
    "flag_no_work_activity_from",
    "placement_ends_on",
    "flag_school_wait_from",
    "flag_no_placement_test_from",
    "flag_no_address_from",
)


def derived_values(derived: Derived) -> dict[str, object]:
    """The case's derived columns (``DERIVED_FIELDS``) and their values."""
    values = (
        derived.stage,
        derived.next_rule,
        derived.next_date,
        derived.next_status,
        derived.as_of,
        *derived.flags,
        *derived.placement,
        *derived.training,
    )
    return dict(zip(DERIVED_FIELDS, values, strict=True))


def apply_derived(case: models.ProgrammeCase, derived: Derived) -> None:
    """Set the case's derived columns (not saved)."""
    for name, value in derived_values(derived).items():
        setattr(case, name, value)


FINDING_FIELDS = ("case_id", "rule", "status", "deadline", "satisfied_on", "severity", "category")


def finding_tuples(case_pk: int, findings: Iterable[Finding]) -> list[tuple[object, ...]]:
    """Stored-finding values in the order of ``FINDING_FIELDS``."""
    return [
        (
            case_pk,
            x.rule,
            x.status.value,
            x.deadline,
            x.satisfied_on,
            str(x.severity),
            str(x.category),
        )
        for x in findings
    ]


def finding_rows(case_pk: int, findings: Iterable[Finding]) -> list[models.CaseFinding]:
    return [
        models.CaseFinding(**dict(zip(FINDING_FIELDS, values, strict=True)))
        for values in finding_tuples(case_pk, findings)
    ]


@transaction.atomic
def case_recompute(*, case: models.ProgrammeCase, as_of: date | None = None) -> Derived:
    """Re-evaluate one case and replace its stored findings.

    Side effects: deletes and re-creates the case's ``CaseFinding`` rows and saves the
    case's derived columns (not its ``version``: recomputing is not an edit).
    """
    loaded = facts_queryset(models.ProgrammeCase.objects.filter(pk=case.pk)).get()
    derived = derive(case_to_facts(loaded), as_of or clock.today())
    apply_derived(case, derived)
    models.ProgrammeCase.objects.filter(pk=case.pk).update(
        **{name: getattr(case, name) for name in DERIVED_FIELDS}
    )
    models.CaseFinding.objects.filter(case_id=case.pk).delete()
    models.CaseFinding.objects.bulk_create(finding_rows(case.pk, derived.findings))
    return derived


def cases_recompute(
    *, case_pks: Sequence[int] | None = None, as_of: date | None = None, batch_size: int = 1000
) -> int:
    """Re-evaluate many cases in batches, each batch in its own transaction.

    Side effects: replaces the findings and derived columns of every case given (or all).
    Returns the number of cases recomputed.
    """
    day = as_of or clock.today()
    pks = (
        list(case_pks)
        if case_pks is not None
        else list(models.ProgrammeCase.objects.order_by("pk").values_list("pk", flat=True))
    )
    for start in range(0, len(pks), batch_size):
        _recompute_batch(pks[start : start + batch_size], day)
    return len(pks)


@transaction.atomic
def _recompute_batch(pks: list[int], day: date) -> None:
    from introsak.cases.domain import bulk

    findings: list[tuple[object, ...]] = []
    updates: list[tuple[object, ...]] = []
    for case in facts_queryset(models.ProgrammeCase.objects.filter(pk__in=pks)):
        derived = derive(case_to_facts(case), day)
        updates.append((*derived_values(derived).values(), case.pk))
        findings.extend(finding_tuples(case.pk, derived.findings))
    bulk.update_rows(models.ProgrammeCase, DERIVED_FIELDS, updates)
    bulk.delete_where_in(models.CaseFinding, "case_id", pks)
    bulk.insert_rows(models.CaseFinding, FINDING_FIELDS, findings)
