"""The intake import: what a school's system sends, as JSON Lines, all lines or none.

Three kinds of line (docs/intake.md, "The intake import"), told apart by ``type``:

* ``school``: ``code`` and ``name`` (created, or renamed);
* ``intake``: ``school``, ``starts_on``, ``ends_on`` and ``classes`` (places per track);
  an intake is keyed by school and start, so sending it again replaces its classes. A
  school's intakes may not overlap, counting the ones already stored;
* ``training``: ``case_id`` and any fields of the case-facts ``training`` record; the fields
  sent replace those stored, the others stay. The case as it would be is validated by the
  case-facts validator, so a start before the offer or a level outside A1–C2 is refused.

Every problem is reported as ``line N: field: reason``; if there is any, nothing is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import IO, Any

from django.db import transaction

from introsak.casefacts import model as casefacts
from introsak.casefacts.parse import FieldError, InvalidRecord, parse_case
from introsak.casefacts.serialize import case_to_dict
from introsak.cases import models as cases
from introsak.cases.domain.facts import case_to_facts, facts_queryset
from introsak.cases.domain.training import TRAINING_FIELDS, training_import_write
from introsak.intake.models import Intake, IntakeClass, School

TRACKS = ("slow", "medium", "fast")
MAX_CAPACITY = 10_000
_CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
_SCHOOL_KEYS = frozenset({"type", "code", "name"})
_INTAKE_KEYS = frozenset({"type", "school", "starts_on", "ends_on", "classes"})
_TRAINING_KEYS = frozenset({"type", "case_id", *TRAINING_FIELDS})
_SCHOOL_FIELDS = ("offered_school", "preferred_school", "school")


class IntakeImportRejected(Exception):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class _Intake:
    line: int
    school: str
    starts_on: date
    ends_on: date
    classes: dict[str, int]


@dataclass
class _Batch:
    schools: dict[str, tuple[int, str]] = field(default_factory=dict)  # code → (line, name)
    intakes: list[_Intake] = field(default_factory=list)
    trainings: dict[int, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    case_lines: dict[str, int] = field(default_factory=dict)
    errors: list[FieldError] = field(default_factory=list)

    def error(self, line: int, name: str, reason: str) -> None:
        self.errors.append(FieldError(line, name, reason))


@dataclass(frozen=True)
class IntakeImportReport:
    schools: int
    intakes: int
    trainings: int


def intake_import(*, stream: IO[bytes]) -> IntakeImportReport:
    """Check every line, then write them all in one transaction (or raise with every error).

    Side effects: creates or updates schools, intakes and their classes; replaces the
    training records of the cases named (each bumps the case's version and recomputes it).
    """
    batch = _Batch()
    for number, obj in _lines(stream, batch):
        _read_line(batch, number, obj)
    known = set(School.objects.values_list("code", flat=True)) | set(batch.schools)
    _check_schools(batch, known)
    _check_overlaps(batch)
    updates = _check_trainings(batch, known)
    if batch.errors:
        raise IntakeImportRejected(sorted(batch.errors, key=lambda e: e.line or 0))
    with transaction.atomic():
        _write_calendar(batch)
        written = training_import_write(updates=updates)
    return IntakeImportReport(
        schools=len(batch.schools), intakes=len(batch.intakes), trainings=written
    )


def _lines(stream: IO[bytes], batch: _Batch) -> Iterable[tuple[int, dict[str, Any]]]:
    for number, raw in enumerate(stream, start=1):
        try:
            text = raw.decode("utf-8").strip()
        except UnicodeDecodeError:
            batch.error(number, "(encoding)", "not UTF-8; save the file as UTF-8")
            continue
        if not text:
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            batch.error(number, "(json)", f"{exc.msg} at column {exc.colno}")
            continue
        if not isinstance(obj, dict):
            batch.error(number, "(json)", "expected a JSON object")
            continue
        yield number, obj


def _read_line(batch: _Batch, line: int, obj: dict[str, Any]) -> None:
    kind = obj.get("type")
    readers = {"school": _read_school, "intake": _read_intake, "training": _read_training}
    reader = readers.get(kind) if isinstance(kind, str) else None
    if reader is None:
        batch.error(line, "type", f"expected one of school, intake, training, got {kind!r}")
        return
    reader(batch, line, obj)


def _unknown(batch: _Batch, line: int, obj: dict[str, Any], allowed: frozenset[str]) -> None:
    for key in obj:
        if key not in allowed:
            batch.error(line, key, "unknown field")


def _code(batch: _Batch, line: int, obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        batch.error(line, key, "a school code (lower-case letters, digits, _ or -)")
        return None
    return value


def _read_school(batch: _Batch, line: int, obj: dict[str, Any]) -> None:
    _unknown(batch, line, obj, _SCHOOL_KEYS)
    code = _code(batch, line, obj, "code")
    name = obj.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 100:
        batch.error(line, "name", "expected a name of 1 to 100 characters")
        return
    if code is None:
        return
    if code in batch.schools:
        batch.error(line, "code", f"school given twice (first on line {batch.schools[code][0]})")
        return
    batch.schools[code] = (line, name.strip())


def _date(batch: _Batch, line: int, obj: dict[str, Any], key: str) -> date | None:
    value = obj.get(key)
    try:
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    batch.error(line, key, f"expected a date YYYY-MM-DD, got {json.dumps(value)}")
    return None


def _read_intake(batch: _Batch, line: int, obj: dict[str, Any]) -> None:
    _unknown(batch, line, obj, _INTAKE_KEYS)
    school = _code(batch, line, obj, "school")
    starts, ends = _date(batch, line, obj, "starts_on"), _date(batch, line, obj, "ends_on")
    if starts and ends and ends < starts:
        batch.error(line, "ends_on", f"before starts_on ({starts.isoformat()})")
        ends = None
    classes = _classes(batch, line, obj.get("classes"))
    if school and starts and ends and classes is not None:
        batch.intakes.append(_Intake(line, school, starts, ends, classes))


def _classes(batch: _Batch, line: int, raw: object) -> dict[str, int] | None:
    if not isinstance(raw, dict) or not raw:
        batch.error(line, "classes", "expected an object of places per track (slow, medium, fast)")
        return None
    before = len(batch.errors)
    for track, places in raw.items():
        where = f"classes.{track}"
        if track not in TRACKS:
            batch.error(line, where, "unknown track; expected one of slow, medium, fast")
        elif type(places) is not int:
            batch.error(line, where, f"expected a whole number, got {json.dumps(places)}")
        elif places < 0:
            batch.error(line, where, f"capacity below zero ({places})")
        elif places > MAX_CAPACITY:
            batch.error(line, where, f"at most {MAX_CAPACITY}, got {places}")
    return dict(raw) if len(batch.errors) == before else None


def _read_training(batch: _Batch, line: int, obj: dict[str, Any]) -> None:
    _unknown(batch, line, obj, _TRAINING_KEYS)
    case_id = obj.get("case_id")
    if not isinstance(case_id, str) or not case_id.strip():
        batch.error(line, "case_id", "required field missing")
        return
    first = batch.case_lines.setdefault(case_id, line)
    if first != line:
        batch.error(line, "case_id", f"case given twice (first on line {first})")
        return
    changes = {k: v for k, v in obj.items() if k in TRAINING_FIELDS}
    batch.trainings[line] = (line, {"case_id": case_id, **changes})


def _check_schools(batch: _Batch, known: set[str]) -> None:
    for intake in batch.intakes:
        if intake.school not in known:
            batch.error(intake.line, "school", f"unknown school {intake.school!r}")


def _check_overlaps(batch: _Batch) -> None:
    """A school's intakes may not overlap, the stored ones included (a stored intake with the
    same start is replaced by the file's)."""
    sent = {(i.school, i.starts_on) for i in batch.intakes}
    periods: dict[str, list[tuple[date, date, int | None]]] = {}
    for school, starts, ends in Intake.objects.values_list("school__code", "starts_on", "ends_on"):
        if (school, starts) not in sent:
            periods.setdefault(school, []).append((starts, ends, None))
    seen: dict[tuple[str, date], int] = {}
    for i in batch.intakes:
        first = seen.setdefault((i.school, i.starts_on), i.line)
        if first != i.line:
            batch.error(i.line, "starts_on", f"intake given twice (first on line {first})")
            continue
        periods.setdefault(i.school, []).append((i.starts_on, i.ends_on, i.line))
    for school, items in periods.items():
        items.sort(key=lambda p: p[0])
        for (s1, e1, l1), (s2, e2, l2) in pairwise(items):
            line = l2 if l2 is not None else l1
            if s2 > e1 or line is None:  # two stored intakes were checked when stored
                continue
            other_line = l1 if l2 is not None else l2
            other = f"the intake on line {other_line}" if other_line else "a stored intake"
            batch.error(
                line,
                "starts_on",
                f"{school}: the intake {s2.isoformat()} to {e2.isoformat()} overlaps {other} "
                f"({s1.isoformat()} to {e1.isoformat()})",
            )


def _check_trainings(batch: _Batch, known: set[str]) -> dict[int, casefacts.Training]:
    ids = [values["case_id"] for _, values in batch.trainings.values()]
    found = {
        c.case_id: c for c in facts_queryset(cases.ProgrammeCase.objects.filter(case_id__in=ids))
    }
    updates: dict[int, casefacts.Training] = {}
    for line, values in batch.trainings.values():
        case = found.get(values["case_id"])
        if case is None:
            batch.error(line, "case_id", "no such case")
            continue
        for key in _SCHOOL_FIELDS:
            if isinstance(values.get(key), str) and values[key] not in known:
                batch.error(line, key, f"unknown school {values[key]!r}")
        training = _merged(batch, line, case, values)
        if training is not None:
            updates[case.pk] = training
    return updates


def _merged(
    batch: _Batch, line: int, case: cases.ProgrammeCase, values: dict[str, Any]
) -> casefacts.Training | None:
    """The case's training record with the line's fields, validated with the whole case."""
    obj = case_to_dict(case_to_facts(case))
    current = obj.get("training", {})
    sent = {k: v for k, v in values.items() if k != "case_id"}
    obj["training"] = {**current, **sent}
    try:
        parsed = parse_case(obj, line=line)
    except InvalidRecord as invalid:
        batch.errors.extend(invalid.errors)
        return None
    return parsed.case.training


def _write_calendar(batch: _Batch) -> None:
    schools = {s.code: s for s in School.objects.all()}
    for code, (_, name) in batch.schools.items():
        school = schools.get(code)
        if school is None:
            schools[code] = School.objects.create(code=code, name=name)
        elif school.name != name:
            school.name = name
            school.save(update_fields=["name"])
    for i in batch.intakes:
        intake, _ = Intake.objects.update_or_create(
            school=schools[i.school], starts_on=i.starts_on, defaults={"ends_on": i.ends_on}
        )
        IntakeClass.objects.filter(intake=intake).delete()
        IntakeClass.objects.bulk_create(
            IntakeClass(intake=intake, track=t, capacity=n) for t, n in i.classes.items()
        )
