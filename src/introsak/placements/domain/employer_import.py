"""``introsak employers import FILE``: employers from CSV or JSON Lines, all or nothing.

Columns (CSV header) or keys (JSON Lines): ``orgnr``, ``name``, ``sector``, ``ownership``,
and optionally ``district``, ``contact_name``, ``contact_email``, ``contact_phone``,
``notes``. Every problem is reported as ``line N: field: reason``; if there is any, nothing
is written. Rows with the same organisation number (in the file, or already registered) are
merged: a later row's non-blank values replace earlier ones.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, fields, replace
from typing import IO

from django.db import transaction
from django.utils import translation

from introsak.placements.domain.employers import EmployerInput, _districts, validate_employer
from introsak.placements.models import Employer

FIELDS = tuple(f.name for f in fields(EmployerInput))
REQUIRED = ("orgnr", "name", "sector", "ownership")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    merged: int  # rows merged into an earlier row of the same file


class ImportFailed(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _rows(stream: IO[str], name: str) -> list[tuple[int, dict[str, object]]]:
    text = stream.read()
    if name.endswith((".jsonl", ".json", ".ndjson")) or text.lstrip().startswith("{"):
        rows: list[tuple[int, dict[str, object]]] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                rows.append((number, {"(json)": f"not valid JSON ({exc.msg})"}))
                continue
            rows.append((number, obj if isinstance(obj, dict) else {"(json)": "not an object"}))
        return rows
    reader = csv.DictReader(io.StringIO(text))
    return [(reader.line_num, dict(row)) for row in reader]


def _input(number: int, row: dict[str, object], problems: list[str]) -> EmployerInput | None:
    if "(json)" in row:
        problems.append(f"line {number}: (json): {row['(json)']}")
        return None
    unknown = [key for key in row if key not in FIELDS]
    for key in unknown:
        problems.append(f"line {number}: {key}: unknown field")
    values: dict[str, str] = {}
    for key in FIELDS:
        raw = row.get(key)
        if raw is not None and not isinstance(raw, str):
            problems.append(f"line {number}: {key}: expected text")
            raw = ""
        values[key] = (raw or "").strip()
    missing = [key for key in REQUIRED if not values[key]]
    for key in missing:
        problems.append(f"line {number}: {key}: required")
    return None if unknown or missing else EmployerInput(**values)


def _merge(earlier: EmployerInput, later: EmployerInput) -> EmployerInput:
    changes = {f: getattr(later, f) for f in FIELDS if getattr(later, f)}
    return replace(earlier, **changes)


@transaction.atomic
def employers_import(stream: IO[str], *, name: str = "") -> ImportResult:
    """Validate every row, then write them all; raise ``ImportFailed`` (nothing written)
    with every problem, in English like the case-facts import's.

    Side effects: creates or updates ``Employer`` rows (one per organisation number).
    """
    with translation.override("en"):
        return _import(stream, name)


def _import(stream: IO[str], name: str) -> ImportResult:
    problems: list[str] = []
    districts = _districts()
    by_orgnr: dict[str, EmployerInput] = {}
    merged = 0
    for number, row in _rows(stream, name):
        data = _input(number, row, problems)
        if data is None:
            continue
        values, errors = validate_employer(data, districts)
        for field_name, messages in errors.items():
            problems.extend(f"line {number}: {field_name}: {m}" for m in messages)
        if errors:
            continue
        key = str(values["orgnr"])
        data = replace(data, orgnr=key)
        if key in by_orgnr:
            merged += 1
            by_orgnr[key] = _merge(by_orgnr[key], data)
        else:
            by_orgnr[key] = data
    if problems:
        raise ImportFailed(problems)
    existing = {
        e.orgnr: e
        for e in Employer.objects.select_related("district").filter(orgnr__in=list(by_orgnr))
    }
    created = updated = 0
    for key, data in by_orgnr.items():
        if key in existing:
            data = _merge(_input_of(existing[key]), data)
            updated += 1
        else:
            created += 1
        values, _errors = validate_employer(data, districts)
        values.pop("orgnr")
        Employer.objects.update_or_create(orgnr=key, defaults=values)
    return ImportResult(created=created, updated=updated, merged=merged)


def _input_of(employer: Employer) -> EmployerInput:
    return EmployerInput(
        orgnr=employer.orgnr,
        name=employer.name,
        sector=employer.sector,
        ownership=employer.ownership,
        district=employer.district.slug if employer.district else "",
        contact_name=employer.contact_name,
        contact_email=employer.contact_email,
        contact_phone=employer.contact_phone,
        notes=employer.notes,
    )
