"""Recording the steps of a case: one operation per step of the programme's path.

Every operation here is a keyword-only function that

1. runs in one transaction (``@transaction.atomic``);
2. locks the case row (``select_for_update``) and refuses with ``StaleCase`` if the case's
   ``version`` is not the one the user's form was made from: of two people editing the same
   case, the second save is refused and nothing is overwritten (optimistic concurrency);
3. checks the order of events with messages a caseworker understands, then builds the case's
   updated ``CaseFacts`` and runs it through the *same* validator as import (``parse_case`` on
   ``case_to_dict``), so nothing can be recorded here that could not have been imported. Any
   problem is raised as ``StepRejected`` with messages per form field (the operation's keyword
   names), and nothing is written;
4. writes the rows, bumps ``version``, records a ``CaseChange`` (who, when, which
   step) and recomputes the case's stored findings and deadlines (``case_recompute``), so the
   worklist and the case page show the effect at once.

Operations take the case as returned by the access gateway (``case_for_write``): the gateway,
which knows roles and permissions, decides whether the user may change the case at all (a
reassignment needs ``case_reassign``); the operations here decide whether the change fits.
Messages are translated into the active language when the operation runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.casefacts import model as casefacts
from introsak.casefacts.enums import EndReason, MeetingKind, ResidenceBasis
from introsak.casefacts.parse import MAX_TEXT_CHARS, InvalidRecord, parse_case
from introsak.casefacts.serialize import case_to_dict
from introsak.cases import models
from introsak.cases.domain.deadlines import case_recompute
from introsak.cases.domain.facts import (
    activity_values,
    case_to_facts,
    extension_values,
    facts_queryset,
    leave_values,
    meeting_from_facts,
    meeting_values,
    plan_from_facts,
    recognition_from_facts,
    recognition_values,
    work_profile_values,
)
from introsak.cases.enums import EventKind, Step
from introsak.cases.models import (
    Activity,
    CaseChange,
    EducationRecognition,
    Extension,
    Leave,
    Meeting,
)
from introsak.core import clock
from introsak.core.formats import short_date

__all__ = [
    "NON_FIELD",
    "StaleCase",
    "StepRejected",
    "activity_end",
    "activity_record",
    "case_end",
    "case_reassign",
    "cases_reassign",
    "certificate_issue",
    "contract_sign",
    "event_correct",
    "extension_decide",
    "guidance_record",
    "jobseeker_register",
    "journal_note_add",
    "leave_record",
    "mapping_record",
    "meeting_record",
    "plan_revise",
    "programme_decide",
    "programme_start",
    "recognition_record",
    "work_profile_record",
]

NON_FIELD = "__all__"
Errors = dict[str, list[str]]

PRACTICE_KINDS = frozenset({"language_practice", "work_practice"})
_DURING_PROGRAMME_MEETINGS = frozenset({MeetingKind.THREE_PARTY, MeetingKind.CLOSING})


class StaleCase(Exception):
    """The case changed after the user's form was made; nothing was written.

    ``changed_by`` and ``changed_at`` name the latest recorded change (``None`` when the
    change left no ``CaseChange``, e.g. a re-import).
    """

    def __init__(
        self, *, expected: int, current: int, changed_by: str | None, changed_at: datetime | None
    ) -> None:
        super().__init__(f"case is at version {current}, the form was made from {expected}")
        self.expected = expected
        self.current = current
        self.changed_by = changed_by
        self.changed_at = changed_at


class StepRejected(Exception):
    """The step would make the case impossible; nothing was written.

    ``errors`` maps the operation's keyword names (the form's field names), or ``NON_FIELD``,
    to translated messages.
    """

    def __init__(self, errors: Errors) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors


# --- the shared machinery --------------------------------------------------------------------


@dataclass
class _Edit:
    """A case opened for one operation: the locked row (with everything prefetched), its
    facts before the change, and the user making it."""

    case: models.ProgrammeCase
    facts: casefacts.CaseFacts
    by: User


def _open(case: models.ProgrammeCase, by: User, expected_version: int) -> _Edit:
    current = (
        models.ProgrammeCase.objects.select_for_update()
        .values_list("version", flat=True)
        .get(pk=case.pk)
    )
    if current != expected_version:
        raise _stale(case.pk, expected_version, current)
    loaded = facts_queryset(models.ProgrammeCase.objects.filter(pk=case.pk)).get()
    return _Edit(case=loaded, facts=case_to_facts(loaded), by=by)


def _stale(case_pk: int, expected: int, current: int) -> StaleCase:
    last = (
        CaseChange.objects.filter(case_id=case_pk, version__gt=expected)
        .select_related("user")
        .order_by("-version", "-id")
        .first()
    )
    return StaleCase(
        expected=expected,
        current=current,
        changed_by=last.user.identified_name() if last and last.user else None,
        changed_at=last.at if last else None,
    )


def _finish(
    edit: _Edit, step: Step, case_fields: Mapping[str, object] | None = None
) -> models.ProgrammeCase:
    """Save the case's own fields, bump its version, record the change and recompute."""
    case = edit.case
    fields = dict(case_fields or {})
    for name, value in fields.items():
        setattr(case, name, value)
    case.version += 1
    case.save(update_fields=[*fields, "version", "updated_at"])
    CaseChange.objects.create(case=case, version=case.version, step=step, user=edit.by)
    case_recompute(case=case)
    return case


def _day(value: date) -> str:
    return short_date(value)


class _Checks:
    """Collects the order-of-events problems of one step, per form field."""

    def __init__(self) -> None:
        self.errors: Errors = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def not_before(self, field: str, value: date | None, bound: date | None, message: str) -> None:
        """``message`` (with ``%(date)s`` = the bound) when value is before bound."""
        if value is not None and bound is not None and value < bound:
            self.add(field, message % {"date": _day(bound)})

    def not_after_end(self, field: str, value: date | None, end: date | None) -> None:
        if value is not None and end is not None and value > end:
            self.add(field, _("The programme ended on %(date)s.") % {"date": _day(end)})

    def has_happened(self, field: str, value: date | None) -> None:
        today = clock.today()
        if value is not None and value > today:
            self.add(
                field,
                _("The date cannot be in the future (today is %(date)s).") % {"date": _day(today)},
            )

    def done(self) -> None:
        if self.errors:
            raise StepRejected(self.errors)


def _validate(candidate: casefacts.CaseFacts, fields: Mapping[str, str]) -> None:
    """Run the case as it would be through the import validator.

    ``fields`` maps case-facts paths (``plans[2].duration_months``) to form fields; an error
    anywhere else is reported for the form as a whole.
    """
    try:
        parse_case(
            case_to_dict(candidate), allow_synthetic_ids=settings.INTROSAK_ALLOW_SYNTHETIC_IDS
        )
    except InvalidRecord as invalid:
        errors: Errors = {}
        for error in invalid.errors:
            target = fields.get(error.field, NON_FIELD)
            errors.setdefault(target, []).append(
                _("This does not fit the rest of the case (%(field)s: %(reason)s).")
                % {"field": error.field, "reason": error.reason}
            )
        raise StepRejected(errors) from invalid


def _item_fields(collection: str, index: int, names: Mapping[str, str]) -> dict[str, str]:
    """Case-facts paths of the new item ``collection[index]`` → form field names."""
    return {f"{collection}[{index}].{path}": field for path, field in names.items()}


def _save_date(
    edit: _Edit, checks: _Checks, step: Step, *, fact: str, value: date, field: str = ""
) -> models.ProgrammeCase:
    """Finish a step that sets one date of the case: stop on the step's own checks, then
    validate the changed facts as an import would (errors on the form's ``field``, by
    default named like the fact), then write."""
    checks.done()
    change: dict[str, Any] = {fact: value}
    _validate(replace(edit.facts, **change), {fact: field or fact})
    return _finish(edit, step, change)


def _require_decision(edit: _Edit) -> date:
    decided = edit.facts.decision_date
    if decided is None:
        raise StepRejected({NON_FIELD: [_("Record the programme decision first.")]})
    return decided


# --- before the decision -------------------------------------------------------------------


@transaction.atomic
def mapping_record(
    *, case: models.ProgrammeCase, by: User, expected_version: int, mapping_date: date
) -> models.ProgrammeCase:
    """Record the date the competence mapping was completed (IL § 10).

    Side effects: sets ``mapping_date`` (replacing an earlier date), bumps the version,
    records a ``CaseChange`` and recomputes the case's findings.
    """
    edit = _open(case, by, expected_version)
    checks = _Checks()
    checks.has_happened("mapping_date", mapping_date)
    checks.not_before(
        "mapping_date",
        mapping_date,
        edit.facts.person.settlement_date,
        _("The mapping cannot be before the settlement (%(date)s)."),
    )
    return _save_date(edit, checks, Step.MAPPING, fact="mapping_date", value=mapping_date)


@transaction.atomic
def guidance_record(
    *, case: models.ProgrammeCase, by: User, expected_version: int, career_guidance_date: date
) -> models.ProgrammeCase:
    """Record the date career guidance was completed (IL § 11).

    Side effects: sets ``career_guidance_date``, bumps the version, records a
    ``CaseChange`` and recomputes the case's findings.
    """
    edit = _open(case, by, expected_version)
    checks = _Checks()
    checks.has_happened("career_guidance_date", career_guidance_date)
    checks.not_before(
        "career_guidance_date",
        career_guidance_date,
        edit.facts.person.settlement_date,
        _("Career guidance cannot be before the settlement (%(date)s)."),
    )
    return _save_date(
        edit, checks, Step.GUIDANCE, fact="career_guidance_date", value=career_guidance_date
    )


# --- decision, plan, contract, start ---------------------------------------------------------

_PLAN_FIELDS = {
    "decided_on": "decided_on",
    "duration_months": "duration_months",
    "end_goal": "end_goal",
    "norwegian_goal": "goal_oral",
    "elements": "elements",
    "sub_goals": "sub_goals",
    "justification": "justification",
}


def _save_plan(case: models.ProgrammeCase, plan: casefacts.Plan) -> models.IntegrationPlan:
    row, items = plan_from_facts(plan)
    row.case = case
    row.save()
    for item in items:
        item.plan = row
    models.PlanItem.objects.bulk_create(items)
    return row


@transaction.atomic
def programme_decide(
    *,
    case: models.ProgrammeCase,
    by: User,
    expected_version: int,
    decision_date: date,
    plan: casefacts.Plan,
    start_date: date | None = None,
    part_time_percent: int = 100,
) -> models.ProgrammeCase:
    """Record the programme decision together with the first integration plan (IL §§ 12,
    15): the plan is part of the decision and dated with it.

    Side effects: sets ``decision_date`` (and the start and programme share, if given),
    creates the first ``IntegrationPlan`` with its items, bumps the version, records a
    ``CaseChange`` and recomputes the case's findings.
    """
    edit = _open(case, by, expected_version)
    _check_decision(edit.facts, decision_date=decision_date, start_date=start_date, plan=plan)
    start = start_date or edit.facts.start_date
    candidate = replace(
        edit.facts,
        decision_date=decision_date,
        start_date=start,
        part_time_percent=part_time_percent,
        plans=(*edit.facts.plans, plan),
    )
    first_plan = _item_fields("plans", len(edit.facts.plans), _FIRST_PLAN_FIELDS)
    _validate(candidate, _DECISION_FIELDS | first_plan)
    _save_plan(edit.case, plan)
    changed = {
        "decision_date": decision_date,
        "start_date": start,
        "part_time_percent": part_time_percent,
    }
    return _finish(edit, Step.DECISION, changed)


# Where the validator's complaints about a decision go on the form.
_DECISION_FIELDS = {name: name for name in ("decision_date", "start_date", "part_time_percent")}
_FIRST_PLAN_FIELDS = {**_PLAN_FIELDS, "decided_on": "decision_date"}


def _check_decision(
    facts: casefacts.CaseFacts,
    *,
    decision_date: date,
    start_date: date | None,
    plan: casefacts.Plan,
) -> None:
    """Refuse (``StepRejected``) a second decision, and a decision out of order with the
    settlement, the start or its first plan."""
    if facts.decision_date is not None:
        message = _(
            "The programme was already decided on %(date)s. Record a plan revision instead."
        ) % {"date": _day(facts.decision_date)}
        raise StepRejected({NON_FIELD: [message]})
    checks = _Checks()
    checks.has_happened("decision_date", decision_date)
    checks.not_before(
        "decision_date",
        decision_date,
        facts.person.settlement_date,
        _("The decision cannot be before the settlement (%(date)s)."),
    )
    checks.not_before(
        "start_date",
        start_date,
        decision_date,
        _("The start cannot be before the decision (%(date)s)."),
    )
    if plan.decided_on != decision_date:
        checks.add("decision_date", _("The first plan is decided with the programme."))
    checks.done()


@transaction.atomic
def plan_revise(
    *, case: models.ProgrammeCase, by: User, expected_version: int, plan: casefacts.Plan
) -> models.ProgrammeCase:
    """Record a new version of the integration plan: a new individual decision with its own
    date and justification (IL § 15 third paragraph). Earlier versions are kept.

    Side effects: creates an ``IntegrationPlan`` with its items, bumps the version, records a
    ``CaseChange`` and recomputes the case's findings.
    """
    edit = _open(case, by, expected_version)
    facts = edit.facts
    decided = _require_decision(edit)
    checks = _Checks()
    checks.has_happened("decided_on", plan.decided_on)
    checks.not_before(
        "decided_on",
        plan.decided_on,
        decided,
        _("A revision cannot be before the programme decision (%(date)s)."),
    )
    latest = max((p.decided_on for p in facts.plans), default=None)
    checks.not_before(
        "decided_on",
        plan.decided_on,
        latest,
        _("A revision cannot be before the plan in force (%(date)s)."),
    )
    checks.not_after_end("decided_on", plan.decided_on, facts.end_date)
    checks.done()
    candidate = replace(facts, plans=(*facts.plans, plan))
    _validate(candidate, _item_fields("plans", len(facts.plans), _PLAN_FIELDS))
    _save_plan(edit.case, plan)
    return _finish(edit, Step.PLAN)


@transaction.atomic
def contract_sign(
    *, case: models.ProgrammeCase, by: User, expected_version: int, contract_date: date
) -> models.ProgrammeCase:
    """Record the date the integration contract was signed (IL § 16). Participants with
    collective protection have no contract (IL chapter 6A).

    Side effects: sets ``contract_date``, bumps the version, records a ``CaseChange`` and
    recomputes the case's findings.
    """
    edit = _open(case, by, expected_version)
    decided = _require_decision(edit)
    if edit.facts.person.residence_basis == ResidenceBasis.COLLECTIVE_PROTECTION:
        message = _("Participants with collective protection do not sign an integration contract.")
        raise StepRejected({NON_FIELD: [message]})
    checks = _Checks()
    checks.has_happened("contract_date", contract_date)
    checks.not_before(
        "contract_date",
        contract_date,
        decided,
        _("The contract cannot be signed before the programme decision (%(date)s)."),
    )
    return _save_date(edit, checks, Step.CONTRACT, fact="contract_date", value=contract_date)


@transaction.atomic
def programme_start(
    *, case: models.ProgrammeCase, by: User, expected_version: int, start_date: date
) -> models.ProgrammeCase:
    """Record (or correct) the date the programme starts; it may be a planned date.

    Side effects: sets ``start_date``, bumps the version, records a ``CaseChange`` and
    recomputes the case's findings.
    """
    edit = _open(case, by, expected_version)
    decided = _require_decision(edit)
    checks = _Checks()
    checks.not_before(
        "start_date", start_date, decided, _("The start cannot be before the decision (%(date)s).")
    )
    first_leave = min((x.start for x in edit.facts.leaves), default=None)
    if first_leave is not None and start_date > first_leave:
        checks.add(
            "start_date",
            _("A leave already starts on %(date)s, before this date.")
            % {"date": _day(first_leave)},
        )
    checks.not_after_end("start_date", start_date, edit.facts.end_date)
    return _save_date(edit, checks, Step.START, fact="start_date", value=start_date)


# --- during the programme --------------------------------------------------------------------

_MEETING_FIELDS = {
    "kind": "kind",
    "date": "date",
    "documented": "documented",
    **{f"minutes.{name}": name for name in models.Meeting.MINUTES_FIELDS},
}


def _meeting_checks(facts: casefacts.CaseFacts, meeting: casefacts.Meeting) -> _Checks:
    """The order-of-events problems of ``meeting`` in a case with ``facts``."""
    checks = _Checks()
    checks.has_happened("date", meeting.date)
    checks.not_before(
        "date",
        meeting.date,
        facts.person.settlement_date,
        _("The meeting cannot be before the settlement (%(date)s)."),
    )
    if meeting.kind in _DURING_PROGRAMME_MEETINGS:
        if facts.start_date is None:
            checks.add(
                "kind",
                _(
                    "This kind of meeting is held during the programme; record "
                    "the programme start first."
                ),
            )
        checks.not_before(
            "date",
            meeting.date,
            facts.start_date,
            _("This kind of meeting cannot be before the programme start (%(date)s)."),
        )
    if meeting.kind is MeetingKind.THREE_PARTY:
        checks.not_after_end("date", meeting.date, facts.end_date)
    return checks


@transaction.atomic
def meeting_record(
    *, case: models.ProgrammeCase, by: User, expected_version: int, meeting: casefacts.Meeting
) -> models.Meeting:
    """Record a held meeting with its minutes. Three-party and closing meetings are held
    during the programme; only documented three-party meetings count for TRI-01.

    Side effects: creates a ``Meeting`` (recorded by ``by``), bumps the version, records a
    ``CaseChange`` and recomputes the case's findings.
    """
    edit = _open(case, by, expected_version)
    facts = edit.facts
    _meeting_checks(facts, meeting).done()
    candidate = replace(facts, meetings=(*facts.meetings, meeting))
    _validate(candidate, _item_fields("meetings", len(facts.meetings), _MEETING_FIELDS))
    row = meeting_from_facts(meeting)
    row.case = edit.case
    row.recorded_by = by
    row.save()
    _finish(edit, Step.MEETING)
    return row


_ACTIVITY_FIELDS = {name: name for name in ("kind", "start", "end", "hours_per_week", "provider")}


def _activity_checks(facts: casefacts.CaseFacts, activity: casefacts.Activity) -> _Checks:
    """The order-of-events problems of ``activity`` in a case with ``facts``."""
    checks = _Checks()
    checks.not_before(
        "start",
        activity.start,
        facts.person.settlement_date,
        _("The activity cannot start before the settlement (%(date)s)."),
    )
    checks.not_before(
        "end", activity.end, activity.start, _("The end cannot be before the start (%(date)s).")
    )
    if activity.kind in PRACTICE_KINDS and not activity.provider:
        checks.add("provider", _("Name the workplace of the practice placement."))
    return checks


@transaction.atomic
def activity_record(
    *, case: models.ProgrammeCase, by: User, expected_version: int, activity: casefacts.Activity
) -> models.Activity:
    """Record programme content: a course, a practice placement (with its workplace), work
    or a labour-market measure. Planned activities may start in the future.

    Side effects: creates an ``Activity`` (recorded by ``by``), bumps the version, records a
    ``CaseChange`` and recomputes the case's findings.
    """
    edit = _open(case, by, expected_version)
    facts = edit.facts
    _activity_checks(facts, activity).done()
    candidate = replace(facts, activities=(*facts.activities, activity))
    _validate(candidate, _item_fields("activities", len(facts.activities), _ACTIVITY_FIELDS))
    row = models.Activity.objects.create(
        case=edit.case, recorded_by=by, **activity_values(activity)
    )
    _finish(edit, Step.ACTIVITY)
    return row


_LEAVE_FIELDS = {name: name for name in ("start", "end", "approved", "reason")}


def _leave_checks(facts: casefacts.CaseFacts, leave: casefacts.Leave) -> _Checks:
    """The order-of-events problems of ``leave`` in a case with ``facts``."""
    checks = _Checks()
    if facts.start_date is None:
        checks.add(
            NON_FIELD, _("Leave is taken from a programme: record the programme start first.")
        )
    checks.not_before(
        "start",
        leave.start,
        facts.start_date,
        _("The leave cannot start before the programme (%(date)s)."),
    )
    checks.not_before(
        "end", leave.end, leave.start, _("The end cannot be before the start (%(date)s).")
    )
    checks.not_after_end("start", leave.start, facts.end_date)
    return checks


@transaction.atomic
def leave_record(
    *, case: models.ProgrammeCase, by: User, expected_version: int, leave: casefacts.Leave
) -> models.Leave:
    """Record leave from the programme; approved leave extends the programme (IL § 13).

    Side effects: creates a ``Leave`` (recorded by ``by``), bumps the version, records a
    ``CaseChange`` and recomputes the case's findings (the latest end moves).
    """
    edit = _open(case, by, expected_version)
    facts = edit.facts
    _leave_checks(facts, leave).done()
    candidate = replace(facts, leaves=(*facts.leaves, leave))
    _validate(candidate, _item_fields("leaves", len(facts.leaves), _LEAVE_FIELDS))
    row = models.Leave.objects.create(case=edit.case, recorded_by=by, **leave_values(leave))
    _finish(edit, Step.LEAVE)
    return row


_EXTENSION_FIELDS = {name: name for name in ("decided_on", "months", "justification")}


def _extension_checks(edit: _Edit, extension: casefacts.Extension) -> _Checks:
    """The order-of-events problems of ``extension`` in the case being edited."""
    facts = edit.facts
    decided = _require_decision(edit)
    checks = _Checks()
    if not facts.plans:
        checks.add(NON_FIELD, _("An extension extends the plan's duration: record the plan first."))
    checks.has_happened("decided_on", extension.decided_on)
    checks.not_before(
        "decided_on",
        extension.decided_on,
        decided,
        _("The extension cannot be decided before the programme (%(date)s)."),
    )
    checks.not_after_end("decided_on", extension.decided_on, facts.end_date)
    return checks


@transaction.atomic
def extension_decide(
    *, case: models.ProgrammeCase, by: User, expected_version: int, extension: casefacts.Extension
) -> models.Extension:
    """Record a decision extending the programme by some months (IL § 13). The rules engine
    reports a breach if the extensions exceed the legal frame.

    Side effects: creates an ``Extension`` (recorded by ``by``), bumps the version, records a
    ``CaseChange`` and recomputes the case's findings (the latest end moves).
    """
    edit = _open(case, by, expected_version)
    facts = edit.facts
    _extension_checks(edit, extension).done()
    candidate = replace(facts, extensions=(*facts.extensions, extension))
    _validate(candidate, _item_fields("extensions", len(facts.extensions), _EXTENSION_FIELDS))
    row = models.Extension.objects.create(
        case=edit.case, recorded_by=by, **extension_values(extension)
    )
    _finish(edit, Step.EXTENSION)
    return row


_RECOGNITION_FIELDS = {
    f"education_recognition.{name}": name
    for name in (
        "relevant",
        "sent_date",
        "sent_by",
        "documents_available",
        "outcome",
        "outcome_date",
    )
}


def _recognition_checks(r: casefacts.EducationRecognition) -> _Checks:
    """The problems of a recognition record in itself."""
    checks = _Checks()
    checks.has_happened("sent_date", r.sent_date)
    checks.has_happened("outcome_date", r.outcome_date)
    if r.sent_date is not None and r.sent_by is None:
        checks.add("sent_by", _("Say who sent the application."))
    if r.sent_by is not None and r.sent_date is None:
        checks.add("sent_date", _("Give the date the application was sent."))
    if r.outcome not in (None, "pending") and r.sent_date is None:
        checks.add("outcome", _("An outcome needs an application: give the date it was sent."))
    if r.outcome_date is not None and r.outcome is None:
        checks.add("outcome", _("Give the outcome the date belongs to."))
    checks.not_before(
        "outcome_date",
        r.outcome_date,
        r.sent_date,
        _("The outcome cannot be before the application (%(date)s)."),
    )
    if not r.relevant and (r.sent_date or r.outcome):
        checks.add("relevant", _("An application was recorded, so recognition is relevant."))
    return checks


@transaction.atomic
def recognition_record(
    *,
    case: models.ProgrammeCase,
    by: User,
    expected_version: int,
    recognition: casefacts.EducationRecognition,
) -> models.EducationRecognition:
    """Record whether recognition of foreign education (HK-dir) is relevant, when the
    application was sent and by whom (Oslostandarden: NAV sends it), and the outcome.
    Replaces what was recorded before.

    Side effects: creates or replaces the case's ``EducationRecognition`` (recorded by
    ``by``), bumps the version, records a ``CaseChange`` and recomputes the case's findings.
    """
    edit = _open(case, by, expected_version)
    _recognition_checks(recognition).done()
    _validate(replace(edit.facts, education_recognition=recognition), _RECOGNITION_FIELDS)
    models.EducationRecognition.objects.filter(case=edit.case).delete()
    row = recognition_from_facts(recognition)
    assert row is not None
    row.case = edit.case
    row.recorded_by = by
    row.save()
    _finish(edit, Step.RECOGNITION)
    return row


@transaction.atomic
def jobseeker_register(
    *, case: models.ProgrammeCase, by: User, expected_version: int, registered_on: date
) -> models.ProgrammeCase:
    """Record the date the participant was registered as a job seeker on nav.no. Some
    districts register refugees while they are still in reception, so only the residence
    permit must come first.

    Side effects: sets ``jobseeker_registered_date``, bumps the version, records a
    ``CaseChange`` and recomputes the case's findings.
    """
    edit = _open(case, by, expected_version)
    checks = _Checks()
    checks.has_happened("registered_on", registered_on)
    checks.not_before(
        "registered_on",
        registered_on,
        edit.facts.person.permit_date,
        _("The registration cannot be before the residence permit (%(date)s)."),
    )
    return _save_date(
        edit,
        checks,
        Step.JOBSEEKER,
        fact="jobseeker_registered_date",
        value=registered_on,
        field="registered_on",
    )


# --- the end ---------------------------------------------------------------------------------


@transaction.atomic
def case_end(
    *,
    case: models.ProgrammeCase,
    by: User,
    expected_version: int,
    end_date: date,
    end_reason: EndReason | str,
) -> models.ProgrammeCase:
    """Record the end of the programme and why it ended (the end reason the city's
    statistics are built from).

    Side effects: sets ``end_date`` and ``end_reason``, bumps the version, records a
    ``CaseChange`` and recomputes the case's findings (the certificate falls due).
    """
    edit = _open(case, by, expected_version)
    facts = edit.facts
    checks = _Checks()
    if facts.start_date is None:
        checks.add(NON_FIELD, _("Record the programme start first."))
    checks.has_happened("end_date", end_date)
    checks.not_before(
        "end_date", end_date, facts.start_date, _("The end cannot be before the start (%(date)s).")
    )
    certificate = facts.certificate_issued_date
    if certificate is not None and end_date > certificate:
        checks.add(
            "end_date",
            _("The certificate was issued on %(date)s, before this date.")
            % {"date": _day(certificate)},
        )
    checks.done()
    reason = EndReason(end_reason)
    candidate = replace(facts, end_date=end_date, end_reason=reason)
    _validate(candidate, {"end_date": "end_date", "end_reason": "end_reason"})
    return _finish(edit, Step.END, {"end_date": end_date, "end_reason": reason.value})


@transaction.atomic
def certificate_issue(
    *, case: models.ProgrammeCase, by: User, expected_version: int, issued_on: date
) -> models.ProgrammeCase:
    """Record the date the participant certificate was issued (IL § 18 a).

    Side effects: sets ``certificate_issued_date``, bumps the version, records a
    ``CaseChange`` and recomputes the case's findings.
    """
    edit = _open(case, by, expected_version)
    checks = _Checks()
    if edit.facts.end_date is None:
        checks.add(
            NON_FIELD, _("The certificate is issued when the programme ends: record the end first.")
        )
    checks.has_happened("issued_on", issued_on)
    checks.not_before(
        "issued_on",
        issued_on,
        edit.facts.end_date,
        _("The certificate cannot be issued before the end (%(date)s)."),
    )
    return _save_date(
        edit,
        checks,
        Step.CERTIFICATE,
        fact="certificate_issued_date",
        value=issued_on,
        field="issued_on",
    )


# --- the journal and the adviser -------------------------------------------------------------


@transaction.atomic
def journal_note_add(
    *, case: models.ProgrammeCase, by: User, expected_version: int, written_on: date, text: str
) -> models.JournalNote:
    """Add a dated note to the case journal, written by ``by``.

    Side effects: creates a ``JournalNote``, bumps the version, records a ``CaseChange`` and
    recomputes the case's findings (notes do not change them, but the stored as-of date
    moves with every change).
    """
    edit = _open(case, by, expected_version)
    checks = _Checks()
    checks.has_happened("written_on", written_on)
    if not text.strip():
        checks.add("text", _("Write the note."))
    checks.done()
    note = casefacts.JournalNote(written_on=written_on, text=text, author=by.username)
    candidate = replace(edit.facts, journal_notes=(*edit.facts.journal_notes, note))
    _validate(
        candidate,
        _item_fields(
            "journal_notes",
            len(edit.facts.journal_notes),
            {"written_on": "written_on", "text": "text"},
        ),
    )
    row = models.JournalNote.objects.create(
        case=edit.case, written_on=written_on, text=text, author=by
    )
    _finish(edit, Step.JOURNAL)
    return row


@transaction.atomic
def case_reassign(
    *, case: models.ProgrammeCase, by: User, expected_version: int, adviser: User
) -> models.ProgrammeCase:
    """Make ``adviser`` the participant's programme adviser. The adviser must be an active
    programme adviser in the case's district; ``case`` comes from ``case_for_write`` with the
    ``case_reassign`` permission (team coordinators).

    Side effects: sets ``adviser``, bumps the version, records a ``CaseChange`` and
    recomputes the case's findings.
    """
    edit = _open(case, by, expected_version)
    if not (
        adviser.is_active
        and adviser.role == Role.PROGRAMME_ADVISER
        and adviser.district_id == edit.case.district_id
    ):
        raise StepRejected(
            {"adviser": [_("Choose an active programme adviser in the case's district.")]}
        )
    return _finish(edit, Step.REASSIGN, {"adviser": adviser})


# --- corrections of recorded events ----------------------------------------------------------

CorrectedFact = (
    casefacts.Meeting
    | casefacts.Activity
    | casefacts.Leave
    | casefacts.Extension
    | casefacts.EducationRecognition
)


@dataclass(frozen=True)
class _Correctable:
    """How one kind of recorded event is corrected: where it is in the case facts (a list,
    or the single recognition), its model, its row values, where the validator's complaints
    go on the form, and its order-of-events checks."""

    collection: str
    fact: type[CorrectedFact]
    model: type[Meeting | Activity | Leave | Extension | EducationRecognition]
    values: Callable[[Any], dict[str, Any]]
    fields: Mapping[str, str]
    checks: Callable[[_Edit, Any], _Checks]


_CORRECTABLE: dict[EventKind, _Correctable] = {
    EventKind.MEETING: _Correctable(
        "meetings",
        casefacts.Meeting,
        models.Meeting,
        meeting_values,
        _MEETING_FIELDS,
        lambda edit, x: _meeting_checks(edit.facts, x),
    ),
    EventKind.ACTIVITY: _Correctable(
        "activities",
        casefacts.Activity,
        models.Activity,
        activity_values,
        _ACTIVITY_FIELDS,
        lambda edit, x: _activity_checks(edit.facts, x),
    ),
    EventKind.LEAVE: _Correctable(
        "leaves",
        casefacts.Leave,
        models.Leave,
        leave_values,
        _LEAVE_FIELDS,
        lambda edit, x: _leave_checks(edit.facts, x),
    ),
    EventKind.EXTENSION: _Correctable(
        "extensions",
        casefacts.Extension,
        models.Extension,
        extension_values,
        _EXTENSION_FIELDS,
        _extension_checks,
    ),
    EventKind.RECOGNITION: _Correctable(
        "education_recognition",
        casefacts.EducationRecognition,
        models.EducationRecognition,
        recognition_values,
        {},
        lambda edit, x: _recognition_checks(x),
    ),
}


def _as_json(value: object) -> object:
    """A row value as the history stores it (dates in ISO form)."""
    return value.isoformat() if isinstance(value, date) else value


def _gone() -> StepRejected:
    return StepRejected(
        {NON_FIELD: [_("This event is no longer recorded in the case. Open the case again.")]}
    )


def _corrected_facts(
    edit: _Edit, spec: _Correctable, event_id: int, value: CorrectedFact
) -> tuple[CorrectedFact, casefacts.CaseFacts, dict[str, str]]:
    """The event's facts before the correction, the case's facts after it, and where the
    validator's complaints about the event go on the form."""
    if spec.collection == "education_recognition":
        current = getattr(edit.case, "education_recognition", None)
        old = edit.facts.education_recognition
        if current is None or current.pk != event_id or old is None:
            raise _gone()
        assert isinstance(value, casefacts.EducationRecognition)
        return old, replace(edit.facts, education_recognition=value), _RECOGNITION_FIELDS
    rows = list(getattr(edit.case, spec.collection).all())
    index = next((i for i, row in enumerate(rows) if row.pk == event_id), None)
    if index is None:
        raise _gone()
    items = getattr(edit.facts, spec.collection)
    changed: dict[str, Any] = {spec.collection: (*items[:index], value, *items[index + 1 :])}
    candidate = replace(edit.facts, **changed)
    return items[index], candidate, _item_fields(spec.collection, index, spec.fields)


@transaction.atomic
def event_correct(
    *,
    case: models.ProgrammeCase,
    by: User,
    expected_version: int,
    event: EventKind | str,
    event_id: int,
    value: CorrectedFact,
    correction_reason: str,
) -> models.EventCorrection:
    """Complete or correct a recorded event (a meeting, activity, leave, extension or the
    recognition of education): ``value`` is the event as it should be, ``correction_reason``
    why (required).

    The corrected event is checked as if it were recorded now (the same order-of-events
    checks and the import validator); a correction that changes nothing is refused.

    Side effects: updates the event's row, bumps the case's version, records a
    ``CaseChange`` (step "correction") and an ``EventCorrection`` (each changed field with
    its old and new value, the reason, who and when; append-only), and recomputes the
    case's findings: an undocumented three-party meeting completed with minutes satisfies
    TRI-01 at once.
    """
    kind = EventKind(event)
    spec = _CORRECTABLE[kind]
    if not isinstance(value, spec.fact):
        raise TypeError(f"a {kind.value} is corrected with a {spec.fact.__name__}")
    edit = _open(case, by, expected_version)
    old, candidate, fields = _corrected_facts(edit, spec, event_id, value)
    checks = spec.checks(edit, value)
    reason = correction_reason.strip()
    if not reason:
        checks.add("correction_reason", _("Say why the event is completed or corrected."))
    elif len(reason) > MAX_TEXT_CHARS:
        checks.add(
            "correction_reason", _("Write at most %(n)d characters.") % {"n": MAX_TEXT_CHARS}
        )
    before, after = spec.values(old), spec.values(value)
    changes = [
        {"field": name, "old": _as_json(before[name]), "new": _as_json(after[name])}
        for name in after
        if before[name] != after[name]
    ]
    if not changes:
        checks.add(NON_FIELD, _("Nothing was changed: change a value, or cancel."))
    checks.done()
    _validate(candidate, fields)
    spec.model._default_manager.filter(pk=event_id).update(**after)
    changed = _finish(edit, Step.CORRECTION)
    return models.EventCorrection.objects.create(
        case=changed,
        version=changed.version,
        event=kind.value,
        event_id=event_id,
        changes=json.dumps(changes, ensure_ascii=False),
        reason=reason,
        user=by,
    )


# --- a coordinator's bulk reassignment -----------------------------------------------------


@transaction.atomic
def cases_reassign(
    *,
    cases: Sequence[models.ProgrammeCase],
    by: User,
    expected_versions: Mapping[int, int],
    adviser: User,
) -> int:
    """Make ``adviser`` the programme adviser of every case in ``cases`` in one action: all
    or nothing. ``cases`` come from ``cases_for_write`` with the ``case_reassign``
    permission; ``expected_versions`` maps each case's key to the version the user's list
    was made from (a case changed since is refused with ``StaleCase``, nothing written).

    The statements do not grow with the number of cases (lock, update, one ``CaseChange``
    per case in one insert). The findings are not recomputed: no rule reads the adviser.

    Side effects: sets ``adviser`` and bumps the version of every case, records one
    ``CaseChange`` (step "reassign") per case. Returns the number of cases changed.
    """
    if not cases:
        raise StepRejected({"cases": [_("Choose at least one case.")]})
    pks = [case.pk for case in cases]
    if set(pks) - set(expected_versions):
        raise StepRejected({NON_FIELD: [_("The list is out of date. Open it again.")]})
    districts = {case.district_id for case in cases}
    if not (
        adviser.is_active
        and adviser.role == Role.PROGRAMME_ADVISER
        and districts == {adviser.district_id}
    ):
        raise StepRejected(
            {"adviser": [_("Choose an active programme adviser in the cases' district.")]}
        )
    current = dict(
        models.ProgrammeCase.objects.select_for_update()
        .filter(pk__in=pks)
        .order_by("pk")
        .values_list("pk", "version")
    )
    for pk in sorted(pks):
        if current.get(pk) != expected_versions[pk]:
            raise _stale(pk, expected_versions[pk], current.get(pk, 0))
    models.ProgrammeCase.objects.filter(pk__in=pks).update(
        adviser=adviser, version=F("version") + 1, updated_at=timezone.now()
    )
    CaseChange.objects.bulk_create(
        CaseChange(case_id=pk, version=current[pk] + 1, step=Step.REASSIGN, user=by) for pk in pks
    )
    return len(pks)


# --- issue 15: work first ---------------------------------------------------------------------

_PROFILE_FIELDS = (
    "experience",
    "education",
    "wished_occupations",
    "wished_sectors",
    "wished_districts",
    "norwegian_levels",
    "driving_licence",
    "available_hours_per_week",
    "available_percent",
    "job_goal",
)


def _profile_field(path: str) -> str:
    """The form field of a case-facts path inside ``work_profile`` (``experience[0].years``
    → ``experience``; ``norwegian_levels.oral`` → ``norwegian_oral``)."""
    if not path.startswith("work_profile."):
        return NON_FIELD
    rest = path.removeprefix("work_profile.")
    if rest.startswith("norwegian_levels."):
        return "norwegian_" + rest.removeprefix("norwegian_levels.")
    head = rest.split(".")[0].split("[")[0]
    return head if head in _PROFILE_FIELDS else NON_FIELD


@transaction.atomic
def work_profile_record(
    *,
    case: models.ProgrammeCase,
    by: User,
    expected_version: int,
    profile: casefacts.WorkProfile,
) -> models.WorkProfile:
    """Record the participant's work profile (experience, education, wishes, Norwegian
    levels from tests, driving licence, availability, job goal), replacing the one before.
    Unknown occupation codes, sectors, districts or CEFR levels are refused per field.

    Side effects: creates or replaces the case's ``WorkProfile``, bumps the version, records
    a ``CaseChange`` and recomputes the case's findings.
    """
    edit = _open(case, by, expected_version)
    try:
        parse_case(
            case_to_dict(replace(edit.facts, work_profile=profile)),
            allow_synthetic_ids=settings.INTROSAK_ALLOW_SYNTHETIC_IDS,
        )
    except InvalidRecord as invalid:
        errors: Errors = {}
        for error in invalid.errors:
            target = (
                _profile_field(error.field) if error.field.startswith("work_profile") else NON_FIELD
            )
            errors.setdefault(target, []).append(f"{error.field}: {error.reason}")
        raise StepRejected(errors) from invalid
    row, _created = models.WorkProfile.objects.update_or_create(
        case=edit.case, defaults=work_profile_values(profile)
    )
    _finish(edit, Step.WORK_PROFILE)
    return row


@transaction.atomic
def activity_end(
    *,
    case: models.ProgrammeCase,
    by: User,
    expected_version: int,
    activity_pk: int,
    end: date,
) -> models.Activity:
    """Set the end of one of the case's activities (a placement that ends earlier or later
    than planned).

    Side effects: updates the ``Activity``, bumps the version, records a ``CaseChange`` and
    recomputes the case's findings.
    """
    edit = _open(case, by, expected_version)
    row = models.Activity.objects.filter(case=edit.case, pk=activity_pk).first()
    if row is None:
        raise StepRejected({NON_FIELD: [_("The activity is not part of this case.")]})
    checks = _Checks()
    checks.not_before("end", end, row.start, _("The end cannot be before the start (%(date)s)."))
    checks.done()
    index = [a.pk for a in edit.case.activities.all()].index(row.pk)
    activities = list(edit.facts.activities)
    activities[index] = replace(activities[index], end=end)
    _validate(
        replace(edit.facts, activities=tuple(activities)), {f"activities[{index}].end": "end"}
    )
    row.end = end
    row.save(update_fields=["end"])
    _finish(edit, Step.ACTIVITY)
    return row
