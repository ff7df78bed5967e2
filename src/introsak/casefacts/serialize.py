"""Write ``CaseFacts`` back as canonical case-facts JSON, and pseudonymise cases for sharing.

The canonical form (documented in ``docs/case-facts.md``) is chosen so that one case has
exactly one serialisation, and ``parse_case(case_to_dict(c)).case == c`` for every valid case:

* keys in the order of the spec's field list (extension fields last within each object);
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
from dataclasses import replace
from datetime import date
from enum import StrEnum
from typing import Any

from introsak.casefacts.model import (
    Activity,
    CaseFacts,
    EducationRecognition,
    Extension,
    JournalNote,
    Leave,
    Meeting,
    MeetingMinutes,
    NorwegianGoal,
    Person,
    Plan,
)
from introsak.casefacts.parse import ALL_SKILLS, MINUTES_FIELDS

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
    out: JsonObject = {"case_id": case.case_id, "district": case.district}
    out["person"] = _person(case.person, include_extensions)
    _put_fields(out, case, ("claim_date", "mapping_date", "career_guidance_date"))
    _put_fields(out, case, ("decision_date", "start_date"))
    if case.part_time_percent != 100:
        out["part_time_percent"] = case.part_time_percent
    out["plans"] = [_plan(plan, include_extensions) for plan in case.plans]
    _put_fields(out, case, ("contract_date",))
    out["meetings"] = [_meeting(meeting, include_extensions) for meeting in case.meetings]
    out["activities"] = [_activity(activity, include_extensions) for activity in case.activities]
    out["leaves"] = [_leave(leave, include_extensions) for leave in case.leaves]
    out["extensions"] = [_extension(ext, include_extensions) for ext in case.extensions]
    if case.education_recognition is not None:
        out["education_recognition"] = _recognition(case.education_recognition, include_extensions)
    _put_fields(out, case, ("jobseeker_registered_date", "end_date"))
    _put(out, "end_reason", case.end_reason)
    _put_fields(out, case, ("certificate_issued_date",))
    if include_extensions:
        _put(out, "adviser", case.adviser)
        if case.journal_notes:
            out["journal_notes"] = [_journal_note(note) for note in case.journal_notes]
    return out


def dumps_case(case: CaseFacts, *, include_extensions: bool = True) -> str:
    """One compact JSON line (no newline), UTF-8 text kept as is, keys in canonical order."""
    obj = case_to_dict(case, include_extensions=include_extensions)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _put(out: JsonObject, key: str, value: object) -> None:
    """Write an optional value as JSON data, leaving out None and empty collections."""
    if value is None or value == ():
        return
    if isinstance(value, date):
        value = value.isoformat()
    elif isinstance(value, StrEnum):
        value = value.value
    elif isinstance(value, tuple):
        value = list(value)
    out[key] = value


def _put_fields(out: JsonObject, obj: object, keys: tuple[str, ...]) -> None:
    for key in keys:
        _put(out, key, getattr(obj, key))


def _person(person: Person, extensions: bool) -> JsonObject:
    out: JsonObject = {}
    _put(out, "national_id", person.national_id)
    _put(out, "name", person.name)
    out["birth_date"] = person.birth_date.isoformat()
    _put(out, "sex", person.sex)
    out["residence_basis"] = person.residence_basis.value
    out["permit_date"] = person.permit_date.isoformat()
    out["settlement_date"] = person.settlement_date.isoformat()
    out["settled_by_agreement"] = person.settled_by_agreement
    out["education_level"] = person.education_level.value
    _put(out, "has_children_under_18", person.has_children_under_18 or None)
    _put(out, "expecting_child", person.expecting_child or None)
    if person.protected_address != "none":
        out["protected_address"] = person.protected_address.value
    if extensions:
        _put(out, "duf_number", person.duf_number)
        _put(out, "address", person.address)
    return out


def _plan(plan: Plan, extensions: bool) -> JsonObject:
    out: JsonObject = {"decided_on": plan.decided_on.isoformat()}
    out["end_goal"] = None if plan.end_goal is None else plan.end_goal.value
    if plan.norwegian_goal is not None:
        out["norwegian_goal"] = _norwegian_goal(plan.norwegian_goal)
    out["duration_months"] = plan.duration_months
    _put(out, "elements", plan.elements)
    if extensions:
        _put(out, "sub_goals", plan.sub_goals)
        _put(out, "justification", plan.justification)
    return out


def _norwegian_goal(goal: NorwegianGoal) -> str | dict[str, str]:
    levels = {level for _, level in goal}
    if len(levels) == 1 and tuple(skill for skill, _ in goal) == ALL_SKILLS:
        return goal[0][1].value
    return {skill.value: level.value for skill, level in goal}


def _meeting(meeting: Meeting, extensions: bool) -> JsonObject:
    out: JsonObject = {"kind": meeting.kind.value, "date": meeting.date.isoformat()}
    out["documented"] = meeting.documented
    if extensions and meeting.minutes is not None:
        out["minutes"] = _minutes(meeting.minutes)
    return out


def _minutes(minutes: MeetingMinutes) -> JsonObject:
    out: JsonObject = {}
    for key in MINUTES_FIELDS:
        _put(out, key, getattr(minutes, key))
    return out


def _activity(activity: Activity, extensions: bool) -> JsonObject:
    out: JsonObject = {"kind": activity.kind.value, "start": activity.start.isoformat()}
    _put(out, "end", activity.end)
    hours = activity.hours_per_week
    out["hours_per_week"] = int(hours) if float(hours).is_integer() else hours
    if extensions:
        _put(out, "provider", activity.provider)
    return out


def _leave(leave: Leave, extensions: bool) -> JsonObject:
    out: JsonObject = {"start": leave.start.isoformat(), "end": leave.end.isoformat()}
    out["approved"] = leave.approved
    if extensions:
        _put(out, "reason", leave.reason)
    return out


def _extension(extension: Extension, extensions: bool) -> JsonObject:
    out: JsonObject = {"decided_on": extension.decided_on.isoformat(), "months": extension.months}
    if extensions:
        _put(out, "justification", extension.justification)
    return out


def _recognition(recognition: EducationRecognition, extensions: bool) -> JsonObject:
    out: JsonObject = {"relevant": recognition.relevant}
    _put_fields(out, recognition, ("sent_date", "sent_by"))
    if extensions:
        _put_fields(out, recognition, ("documents_available", "outcome", "outcome_date"))
    return out


def _journal_note(note: JournalNote) -> JsonObject:
    out: JsonObject = {"written_on": note.written_on.isoformat(), "text": note.text}
    _put(out, "author", note.author)
    return out


# --- pseudonymisation --------------------------------------------------------------------------


def pseudonymise(case: CaseFacts, key: bytes) -> CaseFacts:
    """A copy that can leave the case system for analysis, tests and bug reports.

    Replaced by keyed pseudonyms (HMAC-SHA256, deterministic for the same key, so the same
    case or adviser gets the same pseudonym across exports): ``case_id`` ("P-…") and
    ``adviser`` ("A-…"). Removed: name, national_id, duf_number, address, and every free text
    written about the person (meeting minutes, plan sub-goals and justifications, extension
    justifications, leave reasons, activity providers, journal note authors; a journal
    note's text becomes ``REMOVED_TEXT``). Kept: dates, district, sex, enumerations, numbers
    and plan ``elements`` (the shared format's activity vocabulary), which the rules and
    statistics need. The result is pseudonymised, not anonymous: birth date, district and
    dates together can still single a person out, so it remains personal data.
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
