"""Import of case facts: all records or none.

``case_facts_import`` validates every record (the format's own rules via
``introsak.casefacts.parse``, then what only the database knows: districts, staff user
names, identity numbers used by another case). If anything is wrong it raises
``ImportRejected`` with every error as ``line N: field: reason`` and writes nothing. A valid
file is written in one transaction. Re-importing a file updates the same cases (keyed on
``case_id``): their facts are replaced by the file's and their ``version`` is bumped.

A re-import never lowers a person's protected-address grading by accident (strictly
confidential → confidential or none, confidential → none): such a record is an error unless
the operator gives a reason (``allow_lower_protection``). Every grading change an import makes
is written to the security log (``grading_changed``), with that reason when it lowers one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any, Literal

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Model
from django.utils import timezone

from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.casefacts.enums import ProtectedAddress
from introsak.casefacts.model import CaseFacts, WorkProfile
from introsak.casefacts.parse import FieldError, iter_records
from introsak.cases import models as m
from introsak.cases.domain import bulk
from introsak.cases.domain.contributions import contributors
from introsak.cases.domain.deadlines import (
    FINDING_FIELDS,
    Derived,
    derive,
    derived_values,
    finding_tuples,
)
from introsak.cases.domain.facts import (
    WORK_PROFILE_JSON,
    activity_values,
    case_values,
    extension_values,
    leave_values,
    meeting_values,
    person_values,
    plan_item_values,
    plan_values,
    recognition_values,
    training_values,
    usernames_in,
    work_profile_values,
)
from introsak.core import clock
from introsak.core.models import District
from introsak.core.security import SecurityEventKind, security_event

MissingUsers = Literal["error", "create"]
_CHUNK = 2000
_SLICE = 5000  # records written per step of the (single) import transaction


# Protected-address gradings from the least to the most protected.
_PROTECTION_LEVEL = {
    ProtectedAddress.NONE: 0,
    ProtectedAddress.CONFIDENTIAL: 1,
    ProtectedAddress.STRICTLY_CONFIDENTIAL: 2,
}


@dataclass(frozen=True)
class GradingChange:
    """A person whose grading the import changes."""

    line: int
    person_pk: int
    old: ProtectedAddress
    new: ProtectedAddress

    @property
    def lowers(self) -> bool:
        return _PROTECTION_LEVEL[self.new] < _PROTECTION_LEVEL[self.old]


class ImportRejected(Exception):
    """The file was not imported; ``errors`` names every bad record and field."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        super().__init__(f"{len(errors)} error(s); nothing was imported")
        self.errors = list(errors)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    warnings: list[FieldError] = field(default_factory=list)


@dataclass
class _Batch:
    records: list[tuple[int, CaseFacts]] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)
    warnings: list[FieldError] = field(default_factory=list)


def case_facts_import(
    *,
    stream: IO[bytes] | IO[str],
    missing_users: MissingUsers = "error",
    as_of: date | None = None,
    allow_lower_protection: str = "",
) -> ImportReport:
    """Validate and import a case-facts file.

    ``allow_lower_protection`` is the operator's reason for letting the file lower persons'
    protected-address gradings; without one, a record that lowers a grading is an error.

    Side effects: creates or updates persons, cases and every fact row, and through the
    registered contributors (``contributions``) what feature apps keep of the facts (the
    placements app: employers, offers, placements); replaces the stored findings of every
    imported case; writes one security-log row per grading
    changed; with ``missing_users="create"`` creates inactive placeholder users (no
    password) for unknown adviser and author names, which is how a throw-away analysis
    database is filled from an export.
    Raises ``ImportRejected`` (nothing written) if any record is invalid.
    """
    day = as_of or clock.today()
    reason = allow_lower_protection.strip()
    batch = _read(stream, day)
    districts = {d.slug: d.pk for d in District.objects.all()}
    batch.errors.extend(_check_districts(batch.records, districts))
    batch.errors.extend(_check_national_ids(batch.records))
    batch.errors.extend(_check_lengths(batch.records))
    if missing_users == "error":
        batch.errors.extend(_check_users(batch.records))
    gradings = list(_grading_changes(batch.records))
    if not reason:
        batch.errors.extend(_lowered_without_reason(gradings))
    for contributor in contributors():
        errors, warnings = contributor.check(batch.records)
        batch.errors.extend(errors)
        batch.warnings.extend(warnings)
    if batch.errors:
        raise ImportRejected(sorted(batch.errors, key=lambda e: (e.line or 0, e.field)))
    report = _write(batch.records, districts, missing_users, day, gradings, reason)
    report.warnings = batch.warnings
    return report


def _read(stream: IO[bytes] | IO[str], day: date) -> _Batch:
    batch = _Batch()
    for record in iter_records(
        stream, allow_synthetic_ids=settings.INTROSAK_ALLOW_SYNTHETIC_IDS, as_of=day
    ):
        batch.errors.extend(record.errors)
        batch.warnings.extend(record.warnings)
        if record.case is not None and not record.errors:
            batch.records.append((record.line, record.case))
    return batch


def _check_districts(
    records: list[tuple[int, CaseFacts]], districts: dict[str, int]
) -> Iterator[FieldError]:
    for line, facts in records:
        if facts.district not in districts:
            yield FieldError(line, "district", f"unknown district {facts.district!r}")


def _check_users(records: list[tuple[int, CaseFacts]]) -> Iterator[FieldError]:
    known = _users_by_name(usernames_in(f for _, f in records))
    for line, facts in records:
        if facts.adviser and facts.adviser not in known:
            yield FieldError(line, "adviser", f"unknown user {facts.adviser!r}")
        for i, note in enumerate(facts.journal_notes):
            if note.author and note.author not in known:
                yield FieldError(
                    line, f"journal_notes[{i}].author", f"unknown user {note.author!r}"
                )


def _check_national_ids(records: list[tuple[int, CaseFacts]]) -> Iterator[FieldError]:
    """An identity number belongs to one person: not two cases in the file, and not a
    case in the database other than the one being updated."""
    seen: dict[str, str] = {}
    by_id: dict[str, tuple[int, str]] = {}
    for line, facts in records:
        nid = facts.person.national_id
        if not nid:
            continue
        if nid in seen and seen[nid] != facts.case_id:
            yield FieldError(line, "person.national_id", "identity number used by another case")
        seen.setdefault(nid, facts.case_id)
        by_id[nid] = (line, facts.case_id)
    ids = list(by_id)
    for start in range(0, len(ids), _CHUNK):
        taken = m.ProgrammeCase.objects.filter(
            person__national_id__in=ids[start : start + _CHUNK]
        ).values_list("person__national_id", "case_id")
        for nid, case_id in taken:
            line, file_case_id = by_id[str(nid)]
            if case_id != file_case_id:
                yield FieldError(line, "person.national_id", "identity number used by another case")


def _max_length(model: type[Model], name: str) -> int:
    field = model._meta.get_field(name)
    assert isinstance(field, CharField)
    return int(field.max_length or 0)


def _check_lengths(records: list[tuple[int, CaseFacts]]) -> Iterator[FieldError]:
    """Texts the database stores in columns shorter than the format's limit on free text."""
    limits = {
        "case_id": _max_length(m.ProgrammeCase, "case_id"),
        "name": _max_length(m.Person, "name"),
        "item": _max_length(m.PlanItem, "text"),
        "provider": _max_length(m.Activity, "provider"),
    }

    def texts(facts: CaseFacts) -> Iterator[tuple[str, str, str | None]]:
        yield "case_id", "case_id", facts.case_id
        yield "person.name", "name", facts.person.name
        for i, plan in enumerate(facts.plans):
            for key in ("elements", "sub_goals"):
                for j, text in enumerate(getattr(plan, key)):
                    yield f"plans[{i}].{key}[{j}]", "item", text
        for i, activity in enumerate(facts.activities):
            yield f"activities[{i}].provider", "provider", activity.provider

    for line, facts in records:
        for where, limit, text in texts(facts):
            if text is not None and len(text) > limits[limit]:
                reason = f"at most {limits[limit]} characters, got {len(text)}"
                yield FieldError(line, where, reason)


def _grading_changes(records: list[tuple[int, CaseFacts]]) -> Iterator[GradingChange]:
    """The persons of cases already in the database whose grading the file changes."""
    new = {facts.case_id: (line, facts.person.protected_address) for line, facts in records}
    ids = list(new)
    for start in range(0, len(ids), _CHUNK):
        stored = m.ProgrammeCase.objects.filter(case_id__in=ids[start : start + _CHUNK])
        for case_id, person_pk, old in stored.values_list(
            "case_id", "person_id", "person__protected_address"
        ):
            line, grading = new[case_id]
            if grading != old:
                yield GradingChange(line, person_pk, ProtectedAddress(old), grading)


def _lowered_without_reason(changes: list[GradingChange]) -> Iterator[FieldError]:
    for change in changes:
        if change.lowers:
            yield FieldError(
                change.line,
                "person.protected_address",
                f"lowers the person's protection from {change.old.value} to "
                f"{change.new.value}; nothing is lowered unless the operator gives a reason "
                "(introsak import --allow-lower-protection REASON)",
            )


def _log_grading_changes(changes: list[GradingChange], reason: str) -> None:
    """One security-log row per person whose grading the import changed."""
    for change in changes:
        detail = f"person {change.person_pk}: {change.old.value} -> {change.new.value} by import"
        security_event(
            event=SecurityEventKind.GRADING_CHANGED,
            detail=f"{detail}; reason: {reason}" if change.lowers else detail,
        )


def _users_by_name(names: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    ordered = sorted(names)
    for start in range(0, len(ordered), _CHUNK):
        found.update(
            User.objects.filter(username__in=ordered[start : start + _CHUNK]).values_list(
                "username", "pk"
            )
        )
    return found


def _create_placeholder_users(
    records: list[tuple[int, CaseFacts]], districts: dict[str, int], known: dict[str, int]
) -> dict[str, int]:
    advisers = {f.adviser: f.district for _, f in records if f.adviser}
    missing = sorted(usernames_in(f for _, f in records) - set(known))
    users = [
        User(
            username=name,
            is_active=False,
            role=Role.PROGRAMME_ADVISER if name in advisers else "",
            district_id=districts[advisers[name]] if name in advisers else None,
        )
        for name in missing
    ]
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_create(users, batch_size=_CHUNK)
    return _users_by_name(set(known) | set(missing))


@transaction.atomic
def _write(
    records: list[tuple[int, CaseFacts]],
    districts: dict[str, int],
    missing_users: MissingUsers,
    day: date,
    gradings: list[GradingChange],
    reason: str,
) -> ImportReport:
    """Write every record in one transaction, in slices so memory stays bounded, and the
    grading changes to the security log in the same transaction."""
    users = _users_by_name(usernames_in(f for _, f in records))
    if missing_users == "create":
        users = _create_placeholder_users(records, districts, users)
    report = ImportReport()
    now = timezone.now()
    case_pks: dict[str, int] = {}
    for start in range(0, len(records), _SLICE):
        facts = [f for _, f in records[start : start + _SLICE]]
        created, updated = _write_slice(facts, districts, users, day, now, case_pks)
        report.created += created
        report.updated += updated
    for contributor in contributors():  # the facts feature apps keep (``contributions``)
        contributor.write([(case_pks[f.case_id], f) for _, f in records])
    _log_grading_changes(gradings, reason)
    return report


def _existing_cases(case_ids: list[str]) -> dict[str, tuple[int, int, int]]:
    """case_id → (case pk, person pk, version) for the cases already in the database."""
    found: dict[str, tuple[int, int, int]] = {}
    for start in range(0, len(case_ids), _CHUNK):
        for case_id, pk, person_id, version in m.ProgrammeCase.objects.filter(
            case_id__in=case_ids[start : start + _CHUNK]
        ).values_list("case_id", "pk", "person_id", "version"):
            found[case_id] = (pk, person_id, version)
    return found


# The tables of a case's facts, in the order they are written.
_FACT_MODELS: tuple[type[Model], ...] = (
    m.IntegrationPlan,
    m.PlanItem,
    m.Meeting,
    m.Activity,
    m.Leave,
    m.Extension,
    m.EducationRecognition,
    m.TrainingPath,
    m.JournalNote,
    m.WorkProfile,
)
# The tables keyed by the case (plan items go with their plans), findings included.
_CHILD_MODELS: tuple[type[Model], ...] = (
    *(x for x in _FACT_MODELS if x is not m.PlanItem),
    m.CaseFinding,
)


def _write_slice(
    facts: list[CaseFacts],
    districts: dict[str, int],
    users: dict[str, int],
    day: date,
    now: datetime,
    case_pks: dict[str, int],
) -> tuple[int, int]:
    """Write one slice; record each case's pk in ``case_pks``."""
    existing = _existing_cases([f.case_id for f in facts])
    fresh = [f for f in facts if f.case_id not in existing]
    person_ids = iter(bulk.allocate_ids(m.Person, len(fresh)))
    case_ids = iter(bulk.allocate_ids(m.ProgrammeCase, len(fresh)))
    keys: dict[str, tuple[int, int, int]] = {
        f.case_id: existing.get(f.case_id) or (next(case_ids), next(person_ids), 0) for f in facts
    }
    case_pks.update((case_id, key[0]) for case_id, key in keys.items())
    derived = [derive(f, day) for f in facts]
    _write_people_and_cases(facts, derived, keys, existing, districts, users, now)
    _write_children(facts, derived, keys, users, now)
    return len(fresh), len(facts) - len(fresh)


def _write_people_and_cases(
    facts: list[CaseFacts],
    derived: list[Derived],
    keys: dict[str, tuple[int, int, int]],
    existing: dict[str, tuple[int, int, int]],
    districts: dict[str, int],
    users: dict[str, int],
    now: datetime,
) -> None:
    people: list[dict[str, Any]] = []
    cases: list[dict[str, Any]] = []
    for case, found in zip(facts, derived, strict=True):
        pk, person_pk, version = keys[case.case_id]
        people.append({"id": person_pk, **person_values(case.person), "updated_at": now})
        cases.append(
            {
                "id": pk,
                "person_id": person_pk,
                **case_values(
                    case,
                    district_id=districts[case.district],
                    adviser_id=users.get(case.adviser) if case.adviser else None,
                ),
                **derived_values(found),
                "version": version + 1,
                "updated_at": now,
            }
        )
    old = {keys[c][0] for c in existing}
    _delete_children(sorted(old))
    _upsert(m.Person, [p for p in people if p["id"] not in _person_pks(existing)], now)
    _update(m.Person, [p for p in people if p["id"] in _person_pks(existing)])
    _upsert(m.ProgrammeCase, [c for c in cases if c["id"] not in old], now)
    _update(m.ProgrammeCase, [c for c in cases if c["id"] in old])


def _delete_children(case_pks: list[int]) -> None:
    """Remove the fact rows of cases being re-imported (their facts come from the file)."""
    if not case_pks:
        return
    plan_pks = list(
        m.IntegrationPlan.objects.filter(case_id__in=case_pks).values_list("pk", flat=True)
    )
    bulk.delete_where_in(m.PlanItem, "plan_id", plan_pks)
    for model in _CHILD_MODELS:
        bulk.delete_where_in(model, "case_id", case_pks)


def _person_pks(existing: dict[str, tuple[int, int, int]]) -> set[int]:
    return {person_pk for _, person_pk, _ in existing.values()}


def _upsert(model: type[Model], rows: list[dict[str, Any]], now: datetime) -> None:
    """Insert new rows (with their pre-allocated ids and a creation time)."""
    if rows:
        fields = [*rows[0], "created_at"]
        bulk.insert_rows(model, fields, ((*r.values(), now) for r in rows))


def _update(model: type[Model], rows: list[dict[str, Any]]) -> None:
    if rows:
        fields = [name for name in rows[0] if name != "id"]
        bulk.update_rows(model, fields, ((*(r[n] for n in fields), r["id"]) for r in rows))


def _write_children(
    facts: list[CaseFacts],
    derived: list[Derived],
    keys: dict[str, tuple[int, int, int]],
    users: dict[str, int],
    now: datetime,
) -> None:
    plan_ids = iter(bulk.allocate_ids(m.IntegrationPlan, sum(len(f.plans) for f in facts)))
    rows: dict[type[Model], list[dict[str, Any]]] = {model: [] for model in _FACT_MODELS}
    findings: list[tuple[object, ...]] = []
    for case, found in zip(facts, derived, strict=True):
        pk = keys[case.case_id][0]
        for plan in case.plans:
            plan_pk = next(plan_ids)
            rows[m.IntegrationPlan].append(
                {"id": plan_pk, "case_id": pk, **plan_values(plan), "created_at": now}
            )
            rows[m.PlanItem].extend({"plan_id": plan_pk, **v} for v in plan_item_values(plan))
        rows[m.Meeting].extend({"case_id": pk, **meeting_values(x)} for x in case.meetings)
        rows[m.Activity].extend({"case_id": pk, **activity_values(x)} for x in case.activities)
        rows[m.Leave].extend({"case_id": pk, **leave_values(x)} for x in case.leaves)
        rows[m.Extension].extend({"case_id": pk, **extension_values(x)} for x in case.extensions)
        if case.education_recognition is not None:
            rows[m.EducationRecognition].append(
                {"case_id": pk, **recognition_values(case.education_recognition)}
            )
        if case.training is not None:
            rows[m.TrainingPath].append({"case_id": pk, **training_values(case.training)})
        rows[m.JournalNote].extend(
            {
                "case_id": pk,
                "written_on": n.written_on,
                "text": n.text,
                "author_id": users.get(n.author) if n.author else None,
                "created_at": now,
            }
            for n in case.journal_notes
        )
        if case.work_profile is not None:
            rows[m.WorkProfile].append({"case_id": pk, **_profile_row(case.work_profile)})
        findings.extend(finding_tuples(pk, found.findings))
    for model, model_rows in rows.items():
        if model_rows:
            bulk.insert_rows(model, list(model_rows[0]), (tuple(r.values()) for r in model_rows))
    bulk.insert_rows(m.CaseFinding, FINDING_FIELDS, findings)


def _profile_row(profile: WorkProfile) -> dict[str, Any]:
    """The profile's values with its lists as JSON text, as the bulk writers send them."""
    values = work_profile_values(profile)
    return {k: json.dumps(v) if k in WORK_PROFILE_JSON else v for k, v in values.items()}
