"""Write ``CaseFacts`` back as canonical case-facts JSON, and pseudonymise cases for sharing.

The canonical form (documented in ``docs/case-facts.md``) is chosen so that one case has
exactly one serialisation, and ``parse_case(case_to_dict(c)).case == c`` for every valid case:

* keys in the order of the spec's field list, which is the order of the dataclasses' fields
  (``casefacts.model``; extension fields last within each object);
* dates as ``YYYY-MM-DD``, enumerations as their string values;
* an optional field is written only when it says something: ``None``, an empty tuple, and the
  spec's declared defaults (``has_children_under_18``/``expecting_child`` false,
  ``protected_address`` "none", ``part_time_percent`` 100) are left out;
* what the spec does not mark optional is always written: the five lists (even when empty),
  a plan's ``end_goal`` (``null`` when unknown), and every required field;
* ``norwegian_goal`` as a single level ("B1") when all four skills share it, else an object;
* ``hours_per_week`` as an integer when it is whole (37.0 → 37).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import fields, is_dataclass, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, cast

from introsak.casefacts.model import (
    CaseFacts,
    NorwegianGoal,
    Person,
    is_always_written,
    is_extension,
)
from introsak.casefacts.parse import ALL_SKILLS

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = [
    "REMOVED_TEXT",
    "adviser_pseudonym",
    "case_pseudonym",
    "case_to_dict",
    "dumps_case",
    "pseudonymise",
]

JsonObject = dict[str, Any]

# Placeholder for a required free text (a journal note's text) removed by pseudonymisation,
# so that the pseudonymised case still validates and the note's date still counts.
REMOVED_TEXT = "[removed]"
_MIN_KEY_BYTES = 16
_PSEUDONYM_HEX_CHARS = 20  # 80 bits: collisions are negligible even across millions of cases


def case_to_dict(case: CaseFacts, *, include_extensions: bool = True) -> JsonObject:
    """The canonical JSON object of a case; without Introsak's extension fields if asked."""
    return _record(case, include_extensions)


def dumps_case(case: CaseFacts, *, include_extensions: bool = True) -> str:
    """One compact JSON line (no newline), UTF-8 text kept as is, keys in canonical order."""
    obj = case_to_dict(case, include_extensions=include_extensions)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _record(record: DataclassInstance, extensions: bool) -> JsonObject:
    """A record's fields in their declared order (``casefacts.model``): extension fields only
    if asked, and a field that holds its default only if it is always written."""
    out: JsonObject = {}
    for spec in fields(record):
        if is_extension(spec) and not extensions:
            continue
        value = getattr(record, spec.name)
        if value == spec.default and not is_always_written(spec):
            continue
        out[spec.name] = _value(spec.name, value, extensions)
    return out


def _value(name: str, value: object, extensions: bool) -> Any:
    if name in ("norwegian_goal", "norwegian_levels") and value is not None:
        return _norwegian_goal(cast(NorwegianGoal, value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, tuple):
        return [_value(name, item, extensions) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return _record(value, extensions)
    return value


def _norwegian_goal(goal: NorwegianGoal) -> str | dict[str, str]:
    levels = {level for _, level in goal}
    if len(levels) == 1 and tuple(skill for skill, _ in goal) == ALL_SKILLS:
        return goal[0][1].value
    return {skill.value: level.value for skill, level in goal}


# --- pseudonymisation --------------------------------------------------------------------------


def pseudonymise(case: CaseFacts, key: bytes) -> CaseFacts:
    """A copy that can leave the case system for analysis, tests and bug reports.

    Replaced by keyed pseudonyms (HMAC-SHA256, deterministic for the same key, so the same
    case or adviser gets the same pseudonym across exports): ``case_id`` ("P-…") and
    ``adviser`` ("A-…"). Removed: name, national_id, duf_number, address, and every free text
    written about the person (meeting minutes, plan sub-goals and justifications, extension
    justifications, leave reasons, activity providers, journal note authors, a work
    profile's education and job goal, a placement's decline note and evaluation; a journal
    note's text becomes ``REMOVED_TEXT``).
    Kept: dates, district, sex, enumerations, numbers and plan ``elements`` (the shared
    format's activity vocabulary), which the rules and statistics need. The result is
    pseudonymised, not anonymous: birth date, district and dates together can still single
    a person out, so it remains personal data.
    """
    return replace(
        case,
        case_id=case_pseudonym(case.case_id, key=key),
        person=_strip_person(case.person),
        plans=tuple(replace(p, sub_goals=(), justification=None) for p in case.plans),
        meetings=tuple(replace(m, minutes=None) for m in case.meetings),
        activities=tuple(replace(a, provider=None) for a in case.activities),
        leaves=tuple(replace(leave, reason=None) for leave in case.leaves),
        extensions=tuple(replace(e, justification=None) for e in case.extensions),
        adviser=None if case.adviser is None else adviser_pseudonym(case.adviser, key=key),
        journal_notes=tuple(replace(n, text=REMOVED_TEXT, author=None) for n in case.journal_notes),
        work_profile=None
        if case.work_profile is None
        else replace(case.work_profile, education=None, job_goal=None),
        placements=tuple(replace(x, decline_note=None, evaluation=None) for x in case.placements),
    )


def case_pseudonym(case_id: str, *, key: bytes) -> str:
    """``P-`` and 20 hex digits: what ``pseudonymise`` makes of this case number, for screens
    that must show a case the way a pseudonymised export names it."""
    return "P-" + _pseudonym(key, "case_id", case_id)


def adviser_pseudonym(username: str, *, key: bytes) -> str:
    """``A-`` and 20 hex digits: what ``pseudonymise`` makes of this adviser's username."""
    return "A-" + _pseudonym(key, "adviser", username)


def _strip_person(person: Person) -> Person:
    return replace(person, name=None, national_id=None, duf_number=None, address=None)


def _pseudonym(key: bytes, purpose: str, value: str) -> str:
    """The purpose is mixed in so that equal strings in different roles get unrelated pseudonyms."""
    if len(key) < _MIN_KEY_BYTES:
        raise ValueError(f"the pseudonymisation key must be at least {_MIN_KEY_BYTES} bytes")
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:_PSEUDONYM_HEX_CHARS]
