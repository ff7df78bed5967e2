"""Import of case facts: all records or none.

``case_facts_import`` validates every record (the format's own rules via
``introsak.casefacts.parse``, then what only the database knows: districts, staff user
names, identity numbers used by another case). If anything is wrong it raises
``ImportRejected`` with every error as ``line N: field: reason`` and writes nothing. A valid
file is written in one transaction. Re-importing a file updates the same cases (keyed on
``case_id``): their facts are replaced by the file's and their ``version`` is bumped.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Literal

from django.conf import settings
from django.db import transaction

from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.casefacts.model import CaseFacts
from introsak.casefacts.parse import FieldError, iter_records
from introsak.cases import models as m
from introsak.cases.domain.deadlines import (
    DERIVED_FIELDS,
    Derived,
    apply_derived,
    derive,
    finding_rows,
)
from introsak.cases.domain.facts import (
    CASE_FIELDS,
    PERSON_FIELDS,
    CaseRows,
    rows_from_facts,
    usernames_in,
)
from introsak.core import clock
from introsak.core.models import District

MissingUsers = Literal["error", "create"]
_CHUNK = 2000
_SLICE = 5000  # records written per step of the (single) import transaction


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
) -> ImportReport:
    """Validate and import a case-facts file.

    Side effects: creates or updates persons, cases and every fact row; replaces the
    stored findings of every imported case; with ``missing_users="create"`` creates
    inactive placeholder users (no password) for unknown adviser and author names, which is
    how a throw-away analysis database is filled from an export.
    Raises ``ImportRejected`` (nothing written) if any record is invalid.
    """
    day = as_of or clock.today()
    batch = _read(stream, day)
    districts = {d.slug: d.pk for d in District.objects.all()}
    batch.errors.extend(_check_districts(batch.records, districts))
    batch.errors.extend(_check_national_ids(batch.records))
    if missing_users == "error":
        batch.errors.extend(_check_users(batch.records))
    if batch.errors:
        raise ImportRejected(sorted(batch.errors, key=lambda e: (e.line or 0, e.field)))
    report = _write(batch.records, districts, missing_users, day)
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
            person__national_id__in=ids[start:start + _CHUNK]
        ).values_list("person__national_id", "case_id")
        for nid, case_id in taken:
            line, file_case_id = by_id[nid]
            if case_id != file_case_id:
                yield FieldError(
                    line, "person.national_id", "identity number used by another case"
                )


def _users_by_name(names: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    ordered = sorted(names)
    for start in range(0, len(ordered), _CHUNK):
        found.update(
            User.objects.filter(username__in=ordered[start:start + _CHUNK]).values_list(
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
) -> ImportReport:
    """Write every record in one transaction, in slices so memory stays bounded."""
    users = _users_by_name(usernames_in(f for _, f in records))
    if missing_users == "create":
        users = _create_placeholder_users(records, districts, users)
    report = ImportReport()
    for start in range(0, len(records), _SLICE):
        created, updated = _write_slice(records[start:start + _SLICE], districts, users, day)
        report.created += created
        report.updated += updated
    return report


def _write_slice(
    records: list[tuple[int, CaseFacts]],
    districts: dict[str, int],
    users: dict[str, int],
    day: date,
) -> tuple[int, int]:
    existing = _existing_cases([f.case_id for _, f in records])
    built: list[tuple[CaseRows, Derived]] = []
    old: list[tuple[CaseRows, tuple[int, int, int]]] = []
    new: list[CaseRows] = []
    for _, facts in records:
        rows = rows_from_facts(
            facts,
            district_id=districts[facts.district],
            adviser_id=users.get(facts.adviser) if facts.adviser else None,
        )
        derived = derive(facts, day)
        apply_derived(rows.case, derived)
        built.append((rows, derived))
        if facts.case_id in existing:
            old.append((rows, existing[facts.case_id]))
        else:
            new.append(rows)
    _update_existing(old)
    _insert_new(new)
    _insert_children(built, users)
    return len(new), len(old)


def _existing_cases(case_ids: list[str]) -> dict[str, tuple[int, int, int]]:
    """case_id → (case pk, person pk, version) for the cases already in the database."""
    found: dict[str, tuple[int, int, int]] = {}
    for start in range(0, len(case_ids), _CHUNK):
        for case_id, pk, person_id, version in m.ProgrammeCase.objects.filter(
            case_id__in=case_ids[start:start + _CHUNK]
        ).values_list("case_id", "pk", "person_id", "version"):
            found[case_id] = (pk, person_id, version)
    return found


def _update_existing(old: list[tuple[CaseRows, tuple[int, int, int]]]) -> None:
    if not old:
        return
    for rows, (pk, person_id, version) in old:
        rows.case.pk, rows.case.person_id, rows.case.version = pk, person_id, version + 1
        rows.person.pk = person_id
    case_pks = [pk for _, (pk, _p, _v) in old]
    for start in range(0, len(case_pks), _CHUNK):
        chunk = case_pks[start:start + _CHUNK]
        for model in (m.IntegrationPlan, m.Meeting, m.Activity, m.Leave, m.Extension,
                      m.EducationRecognition, m.JournalNote, m.CaseFinding):
            model.objects.filter(case_id__in=chunk).delete()
    m.Person.objects.bulk_update([r.person for r, _ in old], PERSON_FIELDS, batch_size=_CHUNK)
    m.ProgrammeCase.objects.bulk_update(
        [r.case for r, _ in old], (*CASE_FIELDS, *DERIVED_FIELDS, "version"), batch_size=_CHUNK
    )


def _insert_new(new: list[CaseRows]) -> None:
    if not new:
        return
    m.Person.objects.bulk_create([r.person for r in new], batch_size=_CHUNK)
    for rows in new:
        rows.case.person_id = rows.person.pk
    m.ProgrammeCase.objects.bulk_create([r.case for r in new], batch_size=_CHUNK)


def _insert_children(built: list[tuple[CaseRows, Derived]], users: dict[str, int]) -> None:
    plans: list[m.IntegrationPlan] = []
    items: list[list[m.PlanItem]] = []
    meetings: list[m.Meeting] = []
    activities: list[m.Activity] = []
    leaves: list[m.Leave] = []
    extensions: list[m.Extension] = []
    recognitions: list[m.EducationRecognition] = []
    notes: list[m.JournalNote] = []
    findings: list[m.CaseFinding] = []
    for rows, derived in built:
        pk = rows.case.pk
        for plan, plan_items in rows.plans:
            plan.case_id = pk
            plans.append(plan)
            items.append(plan_items)
        for group, target in ((rows.meetings, meetings), (rows.activities, activities),
                              (rows.leaves, leaves), (rows.extensions, extensions)):
            for row in group:
                row.case_id = pk  # type: ignore[attr-defined]
                target.append(row)  # type: ignore[arg-type]
        if rows.recognition is not None:
            rows.recognition.case_id = pk
            recognitions.append(rows.recognition)
        for note, author in rows.journal_notes:
            note.case_id = pk
            note.author_id = users.get(author) if author else None
            notes.append(note)
        findings.extend(finding_rows(pk, derived.findings))
    m.IntegrationPlan.objects.bulk_create(plans, batch_size=_CHUNK)
    for plan, plan_items in zip(plans, items, strict=True):
        for item in plan_items:
            item.plan_id = plan.pk
    for model, rows_ in ((m.PlanItem, [i for group in items for i in group]),
                         (m.Meeting, meetings), (m.Activity, activities), (m.Leave, leaves),
                         (m.Extension, extensions), (m.EducationRecognition, recognitions),
                         (m.JournalNote, notes), (m.CaseFinding, findings)):
        model.objects.bulk_create(rows_, batch_size=_CHUNK)  # type: ignore[attr-defined]
