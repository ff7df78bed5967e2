"""Validate and parse case facts (JSON Lines) into ``CaseFacts``, reporting every problem.

The contract is ``shared/spec/case-facts.md`` ("Input validation"); every rule and message is
listed in ``docs/case-facts.md``. A record is either accepted whole or rejected with *all* its
errors, each naming the line, the field (a dotted path such as ``plans[0].duration_months``)
and a short English reason, so that nothing is half-imported and one round of fixes suffices.

It is hand-written rather than schema-driven because it runs over files of a million records:
values are checked with plain ``type()`` tests, and valid dates are cached.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import IO, Any, TypeVar

from introsak.casefacts.districts import DISTRICT_SLUGS
from introsak.casefacts.enums import (
    ActivityKind,
    CefrLevel,
    DeclineReason,
    EducationLevel,
    EndGoal,
    EndReason,
    LanguageSkill,
    MeetingKind,
    OfferResponse,
    Outcome,
    Ownership,
    PlacementKind,
    PlacementStatus,
    ProtectedAddress,
    RecognitionOutcome,
    ResidenceBasis,
    Sector,
    SentBy,
    Sex,
    TrainingTrack,
)
from introsak.casefacts.model import (
    Activity,
    CaseFacts,
    EducationRecognition,
    EmployerRecord,
    Extension,
    JournalNote,
    Leave,
    Meeting,
    MeetingMinutes,
    NorwegianGoal,
    OfferRecord,
    Person,
    PlacementRecord,
    Plan,
    Training,
    WorkExperience,
    WorkProfile,
    field_names,
)
from introsak.casefacts.occupations import is_known as is_known_occupation
from introsak.identity import (
    IdentityKind,
    InvalidIdentityNumber,
    clean_orgnr,
    mask_identity_number,
    parse_identity_number,
    validate_duf_number,
)

__all__ = [
    "FieldError",
    "InvalidRecord",
    "ParsedCase",
    "Record",
    "iter_records",
    "parse_case",
]

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)
N = TypeVar("N", int, float)
JsonObject = dict[str, Any]

JSON_FIELD = "(json)"
ENCODING_FIELD = "(encoding)"
# Size limits: a free text (a note, the minutes, a justification) and a whole line. A line is
# read at most this far into memory; a longer one is skipped and reported with its length.
MAX_TEXT_CHARS = 20_000
MAX_LINE_BYTES = 1_000_000
_SKIP_CHUNK = 65_536
ALL_SKILLS: tuple[LanguageSkill, ...] = tuple(sorted(LanguageSkill))
MAX_HOURS_PER_WEEK = 168
WARN_START_YEARS_AFTER_SETTLEMENT = 5

# Allowed keys per object: the dataclasses' fields, in the order of the spec (the serialiser
# writes them this way).
CASE_FIELDS = field_names(CaseFacts)
PERSON_FIELDS = field_names(Person)
PLAN_FIELDS = field_names(Plan)
MEETING_FIELDS = field_names(Meeting)
MINUTES_FIELDS = field_names(MeetingMinutes)
ACTIVITY_FIELDS = field_names(Activity)
LEAVE_FIELDS = field_names(Leave)
EXTENSION_FIELDS = field_names(Extension)
RECOGNITION_FIELDS = field_names(EducationRecognition)
JOURNAL_NOTE_FIELDS = field_names(JournalNote)
WORK_PROFILE_FIELDS = field_names(WorkProfile)
EXPERIENCE_FIELDS = field_names(WorkExperience)
MAX_EXPERIENCE_YEARS = 70
TRAINING_FIELDS = field_names(Training)
PLACEMENT_FIELDS = field_names(PlacementRecord)
EMPLOYER_FIELDS = field_names(EmployerRecord)
OFFER_FIELDS = field_names(OfferRecord)
MAX_OFFER_HOURS = 60

_ALLOWED: dict[tuple[str, ...], frozenset[str]] = {
    fields: frozenset(fields)
    for fields in (
        CASE_FIELDS, PERSON_FIELDS, PLAN_FIELDS, MEETING_FIELDS, MINUTES_FIELDS,
        ACTIVITY_FIELDS, LEAVE_FIELDS, EXTENSION_FIELDS, RECOGNITION_FIELDS, JOURNAL_NOTE_FIELDS,
        WORK_PROFILE_FIELDS, EXPERIENCE_FIELDS, TRAINING_FIELDS, PLACEMENT_FIELDS,
        EMPLOYER_FIELDS, OFFER_FIELDS,
    )
}  # fmt: skip

_DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_CACHE: dict[str, date] = {}
_DATE_CACHE_LIMIT = 200_000
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem (or warning) with one field of one record."""

    line: int | None
    field: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.field}: {self.reason}" if self.field else self.reason
        return where if self.line is None else f"line {self.line}: {where}"


class InvalidRecord(Exception):
    """A record was rejected; ``errors`` lists every problem found in it."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class ParsedCase:
    case: CaseFacts
    warnings: list[FieldError]


@dataclass(frozen=True, slots=True)
class Record:
    """One non-blank line of a file: a case, or the errors that kept it out."""

    line: int
    case: CaseFacts | None
    errors: list[FieldError]
    warnings: list[FieldError]

    @property
    def ok(self) -> bool:
        return not self.errors


# --- describing bad values -------------------------------------------------------------------


def _describe(value: object) -> str:
    """The value as JSON would show it, shortened; containers only by kind."""
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 42 else text[:40] + '…"'
    if isinstance(value, bool | int | float) or value is None:
        return json.dumps(value)
    return _kind_of(value)


def _too_long(text: str) -> str:
    return f"at most {MAX_TEXT_CHARS} characters, got {len(text)}"


def _kind_of(value: object) -> str:
    """The value's JSON kind only, for values that must not be echoed (identity numbers)."""
    kinds = {str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    kinds |= {list: "an array", dict: "an object", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)


def _at(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _choices(table: Mapping[str, object]) -> str:
    return ", ".join(table)


def _enum_table(enum: type[E]) -> dict[str, E]:
    return {member.value: member for member in enum}


_RESIDENCE_BASES = _enum_table(ResidenceBasis)
_SEXES = _enum_table(Sex)
_EDUCATION_LEVELS = _enum_table(EducationLevel)
_PROTECTED_ADDRESSES = _enum_table(ProtectedAddress)
_END_GOALS = _enum_table(EndGoal)
_MEETING_KINDS = _enum_table(MeetingKind)
_ACTIVITY_KINDS = _enum_table(ActivityKind)
_SENT_BY = _enum_table(SentBy)
_END_REASONS = _enum_table(EndReason)
_CEFR_LEVELS = _enum_table(CefrLevel)
_SKILLS = _enum_table(LanguageSkill)
_SECTORS = _enum_table(Sector)
_OUTCOMES = _enum_table(RecognitionOutcome)
_TRACKS = _enum_table(TrainingTrack)
_OFFER_RESPONSES = _enum_table(OfferResponse)
_OWNERSHIPS = _enum_table(Ownership)
_PLACEMENT_KINDS = _enum_table(PlacementKind)
_PLACEMENT_STATUSES = _enum_table(PlacementStatus)
_DECLINE_REASONS = _enum_table(DeclineReason)
_PLACEMENT_OUTCOMES = _enum_table(Outcome)
_DISTRICTS = {slug: slug for slug in sorted(DISTRICT_SLUGS)}


# --- the reader: typed getters that record problems instead of raising ----------------------


class _Reader:
    """Collects errors and warnings for one record while its fields are read."""

    __slots__ = ("allow_synthetic", "as_of", "errors", "line", "warnings")

    def __init__(self, line: int | None, as_of: date | None, allow_synthetic: bool) -> None:
        self.line = line
        self.as_of = as_of
        self.allow_synthetic = allow_synthetic
        self.errors: list[FieldError] = []
        self.warnings: list[FieldError] = []

    def error(self, field: str, reason: str) -> None:
        self.errors.append(FieldError(self.line, field, reason))

    def warn(self, field: str, reason: str) -> None:
        self.warnings.append(FieldError(self.line, field, reason))

    def unknown_fields(self, obj: JsonObject, prefix: str, fields: tuple[str, ...]) -> None:
        allowed = _ALLOWED[fields]
        if not allowed.issuperset(obj):
            for key in obj:
                if key not in allowed:
                    self.error(_at(prefix, key), "unknown field")

    def missing(self, obj: JsonObject, key: str, prefix: str, required: bool) -> None:
        """Called when a value is absent or null: an error only if the field is required."""
        if required:
            reason = "required field is null" if key in obj else "required field missing"
            self.error(_at(prefix, key), reason)

    def read_date(
        self, obj: JsonObject, key: str, prefix: str, required: bool = False
    ) -> date | None:
        raw = obj.get(key)
        if raw is None:
            self.missing(obj, key, prefix, required)
            return None
        parsed = _DATE_CACHE.get(raw) if type(raw) is str else None
        if parsed is None:
            parsed = self._new_date(raw, _at(prefix, key))
        if parsed is not None and self.as_of is not None and parsed > self.as_of:
            self.warn(_at(prefix, key), f"after the as-of date ({self.as_of.isoformat()})")
        return parsed

    def _new_date(self, raw: object, field: str) -> date | None:
        if not isinstance(raw, str):
            self.error(field, f"expected a date YYYY-MM-DD, got {_describe(raw)}")
            return None
        if not _DATE_SHAPE.fullmatch(raw):
            self.error(field, f"not a YYYY-MM-DD date ({_describe(raw)})")
            return None
        try:
            parsed = date.fromisoformat(raw)
        except ValueError:
            self.error(field, f"not a real date ({raw})")
            return None
        if len(_DATE_CACHE) >= _DATE_CACHE_LIMIT:
            _DATE_CACHE.clear()
        _DATE_CACHE[raw] = parsed
        return parsed

    def read_bool(
        self, obj: JsonObject, key: str, prefix: str, required: bool = False
    ) -> bool | None:
        raw = obj.get(key)
        if raw is None:
            self.missing(obj, key, prefix, required)
        elif raw is not True and raw is not False:
            self.error(_at(prefix, key), f"expected true or false, got {_describe(raw)}")
            return None
        return raw

    def read_int(
        self, obj: JsonObject, key: str, prefix: str, bounds: tuple[int, int], required: bool
    ) -> int | None:
        raw = obj.get(key)
        if raw is None:
            self.missing(obj, key, prefix, required)
            return None
        if type(raw) is not int:
            self.error(_at(prefix, key), f"expected an integer, got {_describe(raw)}")
            return None
        return self._within(raw, bounds, _at(prefix, key))

    def read_number(
        self, obj: JsonObject, key: str, prefix: str, bounds: tuple[int, int]
    ) -> float | None:
        raw = obj.get(key)
        if raw is None:
            self.missing(obj, key, prefix, True)
            return None
        if type(raw) not in (int, float) or not math.isfinite(raw):
            self.error(_at(prefix, key), f"expected a number, got {_describe(raw)}")
            return None
        checked = self._within(raw, bounds, _at(prefix, key))
        return None if checked is None else float(checked)

    def _within(self, value: N, bounds: tuple[int, int], field: str) -> N | None:
        low, high = bounds
        if low <= value <= high:
            return value
        self.error(field, f"must be between {low} and {high}, got {_describe(value)}")
        return None

    def read_str(
        self, obj: JsonObject, key: str, prefix: str, required: bool = False, secret: bool = False
    ) -> str | None:
        raw = obj.get(key)
        if raw is None:
            self.missing(obj, key, prefix, required)
            return None
        if type(raw) is not str:
            shown = _kind_of(raw) if secret else _describe(raw)
            self.error(_at(prefix, key), f"expected a string, got {shown}")
            return None
        if not raw.strip():
            self.error(_at(prefix, key), "must not be blank")
            return None
        if len(raw) > MAX_TEXT_CHARS:
            self.error(_at(prefix, key), _too_long(raw))
            return None
        return raw

    def read_choice(
        self, obj: JsonObject, key: str, prefix: str, table: Mapping[str, T], required: bool = False
    ) -> T | None:
        raw = obj.get(key)
        if raw is None:
            self.missing(obj, key, prefix, required)
            return None
        member = table.get(raw) if type(raw) is str else None
        if member is None:
            self.bad_choice(raw, _at(prefix, key), table)
        return member

    def bad_choice(self, raw: object, field: str, table: Mapping[str, object]) -> None:
        if isinstance(raw, str):
            self.error(field, f"unknown value {_describe(raw)}; expected one of: {_choices(table)}")
        else:
            self.error(field, f"expected a string, got {_describe(raw)}")

    def read_strings(self, obj: JsonObject, key: str, prefix: str) -> tuple[str, ...]:
        items: list[str] = []
        for index, raw in enumerate(self._array(obj, key, prefix)):
            if type(raw) is str and raw.strip() and len(raw) <= MAX_TEXT_CHARS:
                items.append(raw)
                continue
            if type(raw) is not str:
                reason = f"expected a string, got {_describe(raw)}"
            else:
                reason = _too_long(raw) if raw.strip() else "must not be blank"
            self.error(f"{_at(prefix, key)}[{index}]", reason)
        return tuple(items)

    def read_objects(
        self,
        obj: JsonObject,
        key: str,
        prefix: str,
        parse_item: Callable[[_Reader, JsonObject, str], T | None],
    ) -> tuple[T, ...]:
        """Parse each element of an array of objects (errors are recorded, items dropped)."""
        items: list[T] = []
        for index, raw in enumerate(self._array(obj, key, prefix)):
            item_prefix = f"{_at(prefix, key)}[{index}]"
            if type(raw) is not dict:
                self.error(item_prefix, f"expected an object, got {_describe(raw)}")
                continue
            item = parse_item(self, raw, item_prefix)
            if item is not None:
                items.append(item)
        return tuple(items)

    def _array(self, obj: JsonObject, key: str, prefix: str) -> list[Any]:
        raw = obj.get(key)
        if raw is None:
            return []
        if type(raw) is not list:
            self.error(_at(prefix, key), f"expected an array, got {_describe(raw)}")
            return []
        return raw

    def read_object(
        self, obj: JsonObject, key: str, prefix: str, required: bool = False
    ) -> JsonObject | None:
        raw = obj.get(key)
        if raw is None:
            self.missing(obj, key, prefix, required)
        if raw is None or type(raw) is dict:
            return raw
        self.error(_at(prefix, key), f"expected an object, got {_describe(raw)}")
        return None

    def not_before(self, value: date | None, bound: date | None, field: str, reason: str) -> None:
        """Record ``reason (bound)`` at ``field`` when both dates are known and value < bound."""
        if value is not None and bound is not None and value < bound:
            self.error(field, f"{reason} ({bound.isoformat()})")

    def not_after(self, value: date | None, bound: date | None, field: str, reason: str) -> None:
        """Record ``reason (bound)`` at ``field`` when both dates are known and value > bound."""
        if value is not None and bound is not None and value > bound:
            self.error(field, f"{reason} ({bound.isoformat()})")

    def requires(self, value: object, obj: JsonObject, needed: str, field: str) -> None:
        """``field`` only makes sense with ``needed``: an error if that is absent or null.

        (If ``needed`` is present but invalid, its own error says enough.)"""
        if value is not None and obj.get(needed) is None:
            self.error(field, f"given without {needed}")


# --- objects -----------------------------------------------------------------------------------


def parse_case(
    obj: object,
    *,
    line: int | None = None,
    allow_synthetic_ids: bool = True,
    as_of: date | None = None,
) -> ParsedCase:
    """Validate one decoded JSON value as a case; raise ``InvalidRecord`` with every error.

    Warnings (dates after ``as_of``, a start long after settlement) do not reject the case.
    """
    reader = _Reader(line, as_of, allow_synthetic_ids)
    if type(obj) is not dict:
        reader.error(JSON_FIELD, f"expected a JSON object, got {_kind_of(obj)}")
        raise InvalidRecord(reader.errors)
    case = _case(reader, obj)
    if case is None:
        raise InvalidRecord(reader.errors)
    return ParsedCase(case=case, warnings=reader.warnings)


def _build(
    r: _Reader, errors_before: int, cls: Callable[..., T], values: dict[str, Any]
) -> T | None:
    """The object, if reading its fields added no error (then every required value is set;
    optional ones are None or, where the dataclass's default is not None, that default)."""
    if len(r.errors) > errors_before:
        return None
    return cls(**values)


def _case(r: _Reader, obj: JsonObject) -> CaseFacts | None:
    r.unknown_fields(obj, "", CASE_FIELDS)
    case_id = r.read_str(obj, "case_id", "", required=True)
    district = r.read_choice(obj, "district", "", _DISTRICTS, required=True)
    person_obj = r.read_object(obj, "person", "", required=True)
    person, settlement = _person(r, person_obj) if person_obj is not None else (None, None)
    values: dict[str, Any] = {
        "case_id": case_id,
        "district": district,
        "person": person,
        **{key: r.read_date(obj, key, "") for key in _CASE_DATE_FIELDS},
        "part_time_percent": r.read_int(obj, "part_time_percent", "", (1, 100), False) or 100,
        "plans": r.read_objects(obj, "plans", "", _plan),
        "meetings": r.read_objects(obj, "meetings", "", _meeting),
        "activities": r.read_objects(obj, "activities", "", _activity),
        "leaves": r.read_objects(obj, "leaves", "", _leave),
        "extensions": r.read_objects(obj, "extensions", "", _extension),
        "education_recognition": _recognition(r, obj),
        "end_reason": r.read_choice(obj, "end_reason", "", _END_REASONS),
        "adviser": r.read_str(obj, "adviser", ""),
        "journal_notes": r.read_objects(obj, "journal_notes", "", _journal_note),
        "work_profile": _work_profile(r, obj),
        "training": _training(r, obj),
        "placements": r.read_objects(obj, "placements", "", _placement),
    }
    _check_programme_order(r, obj, values, settlement)
    return _build(r, 0, CaseFacts, values)


_CASE_DATE_FIELDS = (
    "claim_date", "mapping_date", "career_guidance_date", "decision_date", "start_date",
    "contract_date", "jobseeker_registered_date", "end_date", "certificate_issued_date",
)  # fmt: skip


def _check_programme_order(
    r: _Reader, obj: JsonObject, values: Mapping[str, Any], settlement: date | None
) -> None:
    """The impossible orders of the programme's events, and the start-long-after warning."""
    decision, start, end = values["decision_date"], values["start_date"], values["end_date"]
    certificate = values["certificate_issued_date"]
    r.not_before(decision, settlement, "decision_date", "before person.settlement_date")
    r.not_before(start, settlement, "start_date", "before person.settlement_date")
    r.not_before(start, decision, "start_date", "before decision_date")
    r.not_before(end, start, "end_date", "before start_date")
    r.requires(values["end_reason"], obj, "end_date", "end_reason")
    r.requires(certificate, obj, "end_date", "certificate_issued_date")
    r.not_before(certificate, end, "certificate_issued_date", "before end_date")
    _check_after_end(r, values, end)
    if settlement is not None and start is not None:
        _warn_late_start(r, settlement, start)


def _check_after_end(r: _Reader, values: Mapping[str, Any], end: date | None) -> None:
    """Three-party meetings, leave and extensions belong to a running programme: none may be dated
    after its end (a meeting recorded years later would turn an overdue TRI-01 into a late
    one, an extension decided after the end would lengthen a programme already over)."""
    after = "after end_date"
    for i, meeting in enumerate(values["meetings"] or ()):
        if meeting is not None and meeting.kind is MeetingKind.THREE_PARTY:
            r.not_after(meeting.date, end, f"meetings[{i}].date", after)
    for i, leave in enumerate(values["leaves"] or ()):
        if leave is not None:
            r.not_after(leave.start, end, f"leaves[{i}].start", after)
    for i, extension in enumerate(values["extensions"] or ()):
        if extension is not None:
            r.not_after(extension.decided_on, end, f"extensions[{i}].decided_on", after)


def _warn_late_start(r: _Reader, settlement: date, start: date) -> None:
    years = WARN_START_YEARS_AFTER_SETTLEMENT
    if start > _add_years(settlement, years):
        r.warn("start_date", f"more than {years} years after person.settlement_date "
               f"({settlement.isoformat()})")  # fmt: skip


def _add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _person(r: _Reader, obj: JsonObject) -> tuple[Person | None, date | None]:
    """The person, and the settlement date: the case's order checks need it even when the
    person has other errors."""
    p = "person"
    before = len(r.errors)
    r.unknown_fields(obj, p, PERSON_FIELDS)
    values: dict[str, Any] = {
        "national_id": _national_id(r, obj, p),
        "name": r.read_str(obj, "name", p),
        "birth_date": r.read_date(obj, "birth_date", p, required=True),
        "sex": r.read_choice(obj, "sex", p, _SEXES),
        "residence_basis": r.read_choice(obj, "residence_basis", p, _RESIDENCE_BASES, True),
        "permit_date": r.read_date(obj, "permit_date", p, required=True),
        "settlement_date": r.read_date(obj, "settlement_date", p, required=True),
        "settled_by_agreement": r.read_bool(obj, "settled_by_agreement", p, required=True),
        "education_level": r.read_choice(obj, "education_level", p, _EDUCATION_LEVELS, True),
        "has_children_under_18": r.read_bool(obj, "has_children_under_18", p) or False,
        "expecting_child": r.read_bool(obj, "expecting_child", p) or False,
        "protected_address": r.read_choice(obj, "protected_address", p, _PROTECTED_ADDRESSES)
        or ProtectedAddress.NONE,
        "duf_number": _duf_number(r, obj, p),
        "address": r.read_str(obj, "address", p),
    }
    _check_person(r, values)
    return _build(r, before, Person, values), values["settlement_date"]


def _check_person(r: _Reader, values: Mapping[str, Any]) -> None:
    r.not_after(values["birth_date"], values["permit_date"], "person.birth_date",
                "after person.permit_date")  # fmt: skip
    strictly = values["protected_address"] is ProtectedAddress.STRICTLY_CONFIDENTIAL
    if strictly and values["address"] is not None:
        r.error("person.address", "must be absent for strictly_confidential persons")


def _national_id(r: _Reader, obj: JsonObject, prefix: str) -> str | None:
    raw = r.read_str(obj, "national_id", prefix, secret=True)
    if raw is None:
        return None
    field = _at(prefix, "national_id")
    try:
        number = parse_identity_number(raw, allow_synthetic=r.allow_synthetic)
    except InvalidIdentityNumber as exc:
        r.error(field, f"{exc.reason} ({mask_identity_number(raw)})")
        return None
    if number.kind is IdentityKind.H_NUMBER:
        r.error(field, "an H-number is not accepted; expected a fødselsnummer or D-number "
                f"({mask_identity_number(raw)})")  # fmt: skip
        return None
    return raw


def _duf_number(r: _Reader, obj: JsonObject, prefix: str) -> str | None:
    raw = r.read_str(obj, "duf_number", prefix, secret=True)
    if raw is None:
        return None
    try:
        return validate_duf_number(raw)
    except InvalidIdentityNumber as exc:
        r.error(_at(prefix, "duf_number"), exc.reason)
        return None


def _plan(r: _Reader, obj: JsonObject, p: str) -> Plan | None:
    before = len(r.errors)
    r.unknown_fields(obj, p, PLAN_FIELDS)
    values: dict[str, Any] = {
        "decided_on": r.read_date(obj, "decided_on", p, required=True),
        "end_goal": r.read_choice(obj, "end_goal", p, _END_GOALS),
        "norwegian_goal": _norwegian_goal(r, obj.get("norwegian_goal"), _at(p, "norwegian_goal")),
        "duration_months": r.read_int(obj, "duration_months", p, (1, 60), required=True),
        "elements": r.read_strings(obj, "elements", p),
        "sub_goals": r.read_strings(obj, "sub_goals", p),
        "justification": r.read_str(obj, "justification", p),
    }
    return _build(r, before, Plan, values)


def _norwegian_goal(r: _Reader, raw: object, field: str) -> NorwegianGoal | None:
    """ "B1" means B1 in all four skills; an object gives a level per skill."""
    if raw is None:
        return None
    if type(raw) is str:
        level = _CEFR_LEVELS.get(raw)
        if level is None:
            r.bad_choice(raw, field, _CEFR_LEVELS)
            return None
        return tuple((skill, level) for skill in ALL_SKILLS)
    if type(raw) is dict:
        return _goal_per_skill(r, raw, field)
    expected = 'a CEFR level such as "B1" or an object per skill'
    r.error(field, f"expected {expected}, got {_describe(raw)}")
    return None


def _goal_per_skill(r: _Reader, raw: JsonObject, field: str) -> NorwegianGoal | None:
    pairs: list[tuple[LanguageSkill, CefrLevel]] = []
    for key in raw:
        skill = _SKILLS.get(key)
        if skill is None:
            r.error(_at(field, key), "unknown field")
            continue
        level = r.read_choice(raw, key, field, _CEFR_LEVELS)
        if level is not None:
            pairs.append((skill, level))
    if not pairs and all(value is None for value in raw.values()):
        r.error(field, "must give a level for at least one skill")
    return tuple(sorted(pairs)) or None


def _meeting(r: _Reader, obj: JsonObject, p: str) -> Meeting | None:
    before = len(r.errors)
    r.unknown_fields(obj, p, MEETING_FIELDS)
    minutes_obj = r.read_object(obj, "minutes", p)
    values: dict[str, Any] = {
        "kind": r.read_choice(obj, "kind", p, _MEETING_KINDS, required=True),
        "date": r.read_date(obj, "date", p, required=True),
        "documented": r.read_bool(obj, "documented", p, required=True),
        "minutes": None if minutes_obj is None else _minutes(r, minutes_obj, _at(p, "minutes")),
    }
    return _build(r, before, Meeting, values)


def _minutes(r: _Reader, obj: JsonObject, p: str) -> MeetingMinutes:
    r.unknown_fields(obj, p, MINUTES_FIELDS)
    return MeetingMinutes(**{key: r.read_str(obj, key, p) for key in MINUTES_FIELDS})


def _activity(r: _Reader, obj: JsonObject, p: str) -> Activity | None:
    before = len(r.errors)
    r.unknown_fields(obj, p, ACTIVITY_FIELDS)
    values: dict[str, Any] = {
        "kind": r.read_choice(obj, "kind", p, _ACTIVITY_KINDS, required=True),
        "start": r.read_date(obj, "start", p, required=True),
        "end": r.read_date(obj, "end", p),
        "hours_per_week": r.read_number(obj, "hours_per_week", p, (0, MAX_HOURS_PER_WEEK)),
        "provider": r.read_str(obj, "provider", p),
    }
    r.not_before(values["end"], values["start"], _at(p, "end"), "before start")
    return _build(r, before, Activity, values)


def _leave(r: _Reader, obj: JsonObject, p: str) -> Leave | None:
    before = len(r.errors)
    r.unknown_fields(obj, p, LEAVE_FIELDS)
    values: dict[str, Any] = {
        "start": r.read_date(obj, "start", p, required=True),
        "end": r.read_date(obj, "end", p, required=True),
        "approved": r.read_bool(obj, "approved", p, required=True),
        "reason": r.read_str(obj, "reason", p),
    }
    r.not_before(values["end"], values["start"], _at(p, "end"), "before start")
    return _build(r, before, Leave, values)


def _extension(r: _Reader, obj: JsonObject, p: str) -> Extension | None:
    before = len(r.errors)
    r.unknown_fields(obj, p, EXTENSION_FIELDS)
    values: dict[str, Any] = {
        "decided_on": r.read_date(obj, "decided_on", p, required=True),
        "months": r.read_int(obj, "months", p, (1, 60), required=True),
        "justification": r.read_str(obj, "justification", p),
    }
    return _build(r, before, Extension, values)


def _recognition(r: _Reader, case: JsonObject) -> EducationRecognition | None:
    p = "education_recognition"
    obj = r.read_object(case, p, "")
    if obj is None:
        return None
    before = len(r.errors)
    r.unknown_fields(obj, p, RECOGNITION_FIELDS)
    values: dict[str, Any] = {
        "relevant": r.read_bool(obj, "relevant", p, required=True),
        "sent_date": r.read_date(obj, "sent_date", p),
        "sent_by": r.read_choice(obj, "sent_by", p, _SENT_BY),
        "documents_available": r.read_bool(obj, "documents_available", p),
        "outcome": r.read_choice(obj, "outcome", p, _OUTCOMES),
        "outcome_date": r.read_date(obj, "outcome_date", p),
    }
    r.requires(values["sent_by"], obj, "sent_date", f"{p}.sent_by")
    r.requires(values["outcome_date"], obj, "outcome", f"{p}.outcome_date")
    r.not_before(values["outcome_date"], values["sent_date"], f"{p}.outcome_date",
                 "before sent_date")  # fmt: skip
    return _build(r, before, EducationRecognition, values)


def _journal_note(r: _Reader, obj: JsonObject, p: str) -> JournalNote | None:
    before = len(r.errors)
    r.unknown_fields(obj, p, JOURNAL_NOTE_FIELDS)
    values: dict[str, Any] = {
        "written_on": r.read_date(obj, "written_on", p, required=True),
        "text": r.read_str(obj, "text", p, required=True),
        "author": r.read_str(obj, "author", p),
    }
    return _build(r, before, JournalNote, values)


SCHOOL_CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
_TRAINING_DATES = (
    "address_registered_on", "mapping_appointment_on", "placement_tested_on", "offered_on",
    "offered_start_on", "started_on", "attendance_as_of", "test_taken_on",
    "social_studies_test_on",
)  # fmt: skip
_TRAINING_SCHOOLS = ("offered_school", "preferred_school", "school")
_SKILL_SUFFIXES = ("oral", "reading", "listening", "writing")


def _training(r: _Reader, case: JsonObject) -> Training | None:
    p = "training"
    obj = r.read_object(case, p, "")
    if obj is None:
        return None
    before = len(r.errors)
    r.unknown_fields(obj, p, TRAINING_FIELDS)
    values: dict[str, Any] = {key: r.read_date(obj, key, p) for key in _TRAINING_DATES}
    values |= {key: _school_code(r, obj, key, p) for key in _TRAINING_SCHOOLS}
    for kind in ("placement", "test"):
        for skill in _SKILL_SUFFIXES:
            key = f"{kind}_{skill}"
            values[key] = r.read_choice(obj, key, p, _CEFR_LEVELS)
    values |= {
        "track": r.read_choice(obj, "track", p, _TRACKS),
        "offer_response": r.read_choice(obj, "offer_response", p, _OFFER_RESPONSES),
        "attendance_percent": r.read_int(obj, "attendance_percent", p, (0, 100), False),
        "social_studies_passed": r.read_bool(obj, "social_studies_passed", p),
    }
    _check_training(r, obj, values)
    return _build(r, before, Training, values)


def _school_code(r: _Reader, obj: JsonObject, key: str, p: str) -> str | None:
    raw = r.read_str(obj, key, p)
    if raw is not None and not SCHOOL_CODE.fullmatch(raw):
        r.error(_at(p, key), f"not a school code (lower-case letters, digits, _ or -), got "
                f"{_describe(raw)}")  # fmt: skip
        return None
    return raw


def _check_training(r: _Reader, obj: JsonObject, v: Mapping[str, Any]) -> None:
    """The impossible orders of the way into training (docs/case-facts.md, "training")."""
    p = "training"
    r.not_before(v["mapping_appointment_on"], v["address_registered_on"],
                 f"{p}.mapping_appointment_on", "before address_registered_on")  # fmt: skip
    r.not_before(v["offered_on"], v["mapping_appointment_on"], f"{p}.offered_on",
                 "before mapping_appointment_on")  # fmt: skip
    r.not_before(v["offered_start_on"], v["offered_on"], f"{p}.offered_start_on",
                 "before offered_on")  # fmt: skip
    r.not_before(v["started_on"], v["offered_on"], f"{p}.started_on", "before offered_on")
    r.not_before(v["started_on"], v["mapping_appointment_on"], f"{p}.started_on",
                 "before mapping_appointment_on")  # fmt: skip
    r.not_before(v["attendance_as_of"], v["started_on"], f"{p}.attendance_as_of",
                 "before started_on")  # fmt: skip
    for needed, dependants in _TRAINING_NEEDS:
        for key in dependants:
            r.requires(v[key], obj, needed, f"{p}.{key}")
    if v["preferred_school"] is not None and v["offer_response"] is not OfferResponse.DECLINED:
        r.error(f"{p}.preferred_school", 'given without offer_response "declined"')


_TRAINING_NEEDS = (
    ("offered_on", ("offered_school", "offered_start_on", "offer_response")),
    ("started_on", ("school", "attendance_percent")),
    ("attendance_percent", ("attendance_as_of",)),
    ("attendance_as_of", ("attendance_percent",)),
    ("test_taken_on", tuple(f"test_{skill}" for skill in _SKILL_SUFFIXES)),
    ("social_studies_test_on", ("social_studies_passed",)),
    ("placement_tested_on", tuple(f"placement_{skill}" for skill in _SKILL_SUFFIXES)),
)


def _work_profile(r: _Reader, case: JsonObject) -> WorkProfile | None:
    p = "work_profile"
    obj = r.read_object(case, p, "")
    if obj is None:
        return None
    before = len(r.errors)
    r.unknown_fields(obj, p, WORK_PROFILE_FIELDS)
    levels = obj.get("norwegian_levels")
    hours = obj.get("available_hours_per_week")
    values: dict[str, Any] = {
        "experience": r.read_objects(obj, "experience", p, _experience),
        "education": r.read_str(obj, "education", p),
        "wished_occupations": _occupation_codes(r, obj, "wished_occupations", p),
        "wished_sectors": _choice_list(r, obj, "wished_sectors", p, _SECTORS),
        "wished_districts": _choice_list(r, obj, "wished_districts", p, _DISTRICTS),
        "norwegian_levels": _norwegian_goal(r, levels, _at(p, "norwegian_levels")),
        "driving_licence": r.read_bool(obj, "driving_licence", p) or False,
        "available_hours_per_week": None
        if hours is None
        else r.read_number(obj, "available_hours_per_week", p, (0, MAX_HOURS_PER_WEEK)),
        "available_percent": r.read_int(obj, "available_percent", p, (1, 100), False),
        "job_goal": r.read_str(obj, "job_goal", p),
    }
    return _build(r, before, WorkProfile, values)


def _occupation(r: _Reader, obj: JsonObject, p: str) -> str | None:
    """The required ``occupation``: a known ISCO-08 major or sub-major group."""
    code = r.read_str(obj, "occupation", p, required=True)
    if code is not None and not is_known_occupation(code):
        r.error(_at(p, "occupation"), f"unknown ISCO-08 group {_describe(code)}")
    return code


def _experience(r: _Reader, obj: JsonObject, p: str) -> WorkExperience | None:
    before = len(r.errors)
    r.unknown_fields(obj, p, EXPERIENCE_FIELDS)
    code = _occupation(r, obj, p)
    values: dict[str, Any] = {
        "occupation": code,
        "years": r.read_number(obj, "years", p, (0, MAX_EXPERIENCE_YEARS)),
    }
    return _build(r, before, WorkExperience, values)


def _occupation_codes(r: _Reader, obj: JsonObject, key: str, prefix: str) -> tuple[str, ...]:
    codes = r.read_strings(obj, key, prefix)
    for index, code in enumerate(codes):
        if not is_known_occupation(code):
            r.error(f"{_at(prefix, key)}[{index}]", f"unknown ISCO-08 group {_describe(code)}")
    return codes


def _choice_list(
    r: _Reader, obj: JsonObject, key: str, prefix: str, table: Mapping[str, T]
) -> tuple[T, ...]:
    """An array of enumeration values, in their order."""
    items: list[T] = []
    for index, raw in enumerate(r._array(obj, key, prefix)):
        member = table.get(raw) if type(raw) is str else None
        if member is None:
            r.bad_choice(raw, f"{_at(prefix, key)}[{index}]", table)
        else:
            items.append(member)
    return tuple(items)


_ORGNR_SHAPE = re.compile(r"[0-9]{9}")


def _placement(r: _Reader, obj: JsonObject, p: str) -> PlacementRecord | None:
    before = len(r.errors)
    r.unknown_fields(obj, p, PLACEMENT_FIELDS)
    employer = r.read_object(obj, "employer", p, required=True)
    offer = r.read_object(obj, "offer", p, required=True)
    hours = obj.get("hours_per_week")
    values: dict[str, Any] = {
        "employer": None if employer is None else _employer(r, employer, _at(p, "employer")),
        "offer": None if offer is None else _offer(r, offer, _at(p, "offer")),
        "status": r.read_choice(obj, "status", p, _PLACEMENT_STATUSES, required=True),
        "proposed_on": r.read_date(obj, "proposed_on", p, required=True),
        "offered_on": r.read_date(obj, "offered_on", p),
        "answered_on": r.read_date(obj, "answered_on", p),
        "decline_reason": r.read_choice(obj, "decline_reason", p, _DECLINE_REASONS),
        "decline_note": r.read_str(obj, "decline_note", p),
        "start": r.read_date(obj, "start", p),
        "end": r.read_date(obj, "end", p),
        "hours_per_week": None
        if hours is None
        else r.read_number(obj, "hours_per_week", p, (0, MAX_HOURS_PER_WEEK)),
        "ended_on": r.read_date(obj, "ended_on", p),
        "evaluation_on": r.read_date(obj, "evaluation_on", p),
        "evaluation": r.read_str(obj, "evaluation", p),
        "outcome": r.read_choice(obj, "outcome", p, _PLACEMENT_OUTCOMES),
    }
    _check_placement(r, obj, values, p)
    return _build(r, before, PlacementRecord, values)


def _check_placement(r: _Reader, obj: JsonObject, v: Mapping[str, Any], p: str) -> None:
    """What the pipeline and the database guarantee of every placement (docs/case-facts.md,
    "placements"): no more, so that whatever the database holds can be exported and read
    back."""
    status = v["status"]
    declined = status is PlacementStatus.DECLINED
    if declined and obj.get("decline_reason") is None:
        r.error(_at(p, "decline_reason"), 'required when status is "declined"')
    for key in ("decline_reason", "decline_note"):
        if v[key] is not None and status is not None and not declined:
            r.error(_at(p, key), 'given without status "declined"')
    if v["outcome"] is not None and status is not None and status is not PlacementStatus.ENDED:
        r.error(_at(p, "outcome"), 'given without status "ended"')
    r.requires(v["decline_note"], obj, "decline_reason", _at(p, "decline_note"))
    for key in ("end", "ended_on", "evaluation_on"):
        r.not_before(v[key], v["start"], _at(p, key), "before start")


def _employer(r: _Reader, obj: JsonObject, p: str) -> EmployerRecord | None:
    before = len(r.errors)
    r.unknown_fields(obj, p, EMPLOYER_FIELDS)
    values: dict[str, Any] = {
        "orgnr": _orgnr(r, obj, p),
        "name": r.read_str(obj, "name", p, required=True),
        "sector": r.read_choice(obj, "sector", p, _SECTORS, required=True),
        "ownership": r.read_choice(obj, "ownership", p, _OWNERSHIPS, required=True),
    }
    return _build(r, before, EmployerRecord, values)


def _orgnr(r: _Reader, obj: JsonObject, p: str) -> str | None:
    raw = r.read_str(obj, "orgnr", p, required=True)
    if raw is None:
        return None
    if not _ORGNR_SHAPE.fullmatch(raw):
        r.error(_at(p, "orgnr"), f"not 9 digits ({_describe(raw)})")
        return None
    try:
        return clean_orgnr(raw)
    except ValueError as exc:
        r.error(_at(p, "orgnr"), f"not a valid organisation number: {exc} ({_describe(raw)})")
        return None


def _offer(r: _Reader, obj: JsonObject, p: str) -> OfferRecord | None:
    before = len(r.errors)
    r.unknown_fields(obj, p, OFFER_FIELDS)
    code = _occupation(r, obj, p)
    hours = r.read_number(obj, "hours_per_week", p, (0, MAX_OFFER_HOURS))
    if hours == 0:
        r.error(_at(p, "hours_per_week"), "must be more than 0")
    values: dict[str, Any] = {
        "kind": r.read_choice(obj, "kind", p, _PLACEMENT_KINDS, required=True),
        "title": r.read_str(obj, "title", p, required=True),
        "occupation": code,
        "hours_per_week": hours,
        "start": r.read_date(obj, "start", p, required=True),
        "end": r.read_date(obj, "end", p),
    }
    r.not_before(values["end"], values["start"], _at(p, "end"), "before start")
    return _build(r, before, OfferRecord, values)


# --- files -------------------------------------------------------------------------------------


def iter_records(
    stream: IO[bytes] | IO[str], *, allow_synthetic_ids: bool, as_of: date | None
) -> Iterator[Record]:
    """Read JSON Lines, yielding one ``Record`` per non-blank line (valid or not).

    Prefer a binary stream: then a file in the wrong encoding is reported line by line
    instead of failing inside the text decoder. Duplicate ``case_id`` values are reported on
    every line after the first.
    """
    first_line_of: dict[str, int] = {}
    for number, text, problem in _lines(stream):
        if problem is not None:
            yield Record(number, None, [problem], [])
        elif text.strip():
            yield _record(number, text, first_line_of, allow_synthetic_ids, as_of)


def _record(
    number: int,
    text: str,
    first_line_of: dict[str, int],
    allow_synthetic_ids: bool,
    as_of: date | None,
) -> Record:
    try:
        obj = _loads(text)
    except (ValueError, RecursionError) as exc:
        reason = _json_reason(exc, text)
        return Record(number, None, [FieldError(number, JSON_FIELD, reason)], [])
    duplicate = _duplicate_case_id(obj, number, first_line_of)
    try:
        parsed = parse_case(obj, line=number, allow_synthetic_ids=allow_synthetic_ids, as_of=as_of)
    except InvalidRecord as invalid:
        return Record(number, None, invalid.errors + duplicate, [])
    if duplicate:
        return Record(number, None, duplicate, [])
    return Record(number, parsed.case, [], parsed.warnings)


def _duplicate_case_id(obj: object, number: int, first_line_of: dict[str, int]) -> list[FieldError]:
    case_id = obj.get("case_id") if type(obj) is dict else None
    if type(case_id) is not str:
        return []
    first = first_line_of.setdefault(case_id, number)
    if first == number:
        return []
    return [FieldError(number, "case_id", f"duplicate case_id (first on line {first})")]


def _json_reason(exc: BaseException, text: str) -> str:
    if isinstance(exc, json.JSONDecodeError):
        # Some of the decoder's messages end in "at" ("Unterminated string starting at").
        reason = f"{exc.msg.removesuffix(' at')} at column {exc.colno}"
        if exc.msg.startswith("Unterminated string"):
            reason += f"; the line breaks off after column {len(text)}"
        return reason
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _loads(text: str) -> object:
    """``json.loads``, except that NaN/Infinity and a repeated key are errors.

    A repeated key would silently drop a fact, as an unknown field would. Checking for it with
    ``object_pairs_hook`` on every object doubles the decoding time, so that slow decoder only
    runs when the keys in the text (each ends ``"`` + optional spaces + ``:``, a pattern that
    strings can contain too, so the count is never too low) outnumber the keys decoded.
    """
    obj = _DECODER.decode(text)
    if len(_KEY_END.findall(text)) != _count_keys(obj):
        obj = _CHECKING_DECODER.decode(text)
    return obj


def _count_keys(value: object) -> int:
    count = 0
    if type(value) is dict:
        count = len(value)
        value = value.values()
    elif type(value) is not list:
        return 0
    for item in value:
        if type(item) is dict or type(item) is list:
            count += _count_keys(item)
    return count


def _no_duplicates(pairs: list[tuple[str, Any]]) -> JsonObject:
    """A repeated key would silently drop a fact, so it is an error, as unknown fields are."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise ValueError(f"repeated field {_describe(_first_repeated(pairs))}")
    return obj


def _first_repeated(pairs: list[tuple[str, Any]]) -> str:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return key
        seen.add(key)
    return ""


_KEY_END = re.compile(r'"\s*:')
_DECODER = json.JSONDecoder(parse_constant=_reject_constant)
_CHECKING_DECODER = json.JSONDecoder(
    parse_constant=_reject_constant, object_pairs_hook=_no_duplicates
)


def _lines(stream: IO[bytes] | IO[str]) -> Iterator[tuple[int, str, FieldError | None]]:
    """(line number, text, problem) for each line; stops at an unreadable encoding.

    A line is read into memory only up to ``MAX_LINE_BYTES``; the rest of a longer line is
    read in chunks and dropped, and the line is reported with its length.
    """
    number = 0
    while True:
        number += 1
        try:
            raw = stream.readline(MAX_LINE_BYTES + 2)  # room for "\r\n"
        except UnicodeDecodeError as exc:  # a text stream decodes ahead, so the line is vague
            reason = f"not UTF-8 ({exc.reason}) at or after this line; {_SAVE_AS_UTF8}"
            yield number, "", FieldError(number, ENCODING_FIELD, reason)
            return
        if not raw:
            return
        size = _line_bytes(raw, stream)
        if size > MAX_LINE_BYTES:
            yield number, "", FieldError(number, "", f"line too long ({size} bytes)")
            continue
        text, problem = _decode(raw, first=number == 1)
        yield number, text, None if problem is None else FieldError(number, ENCODING_FIELD, problem)
        if problem is not None and problem.startswith(_UTF16_HINT):
            return


def _line_bytes(start: bytes | str, stream: IO[bytes] | IO[str]) -> int:
    """The length in bytes (UTF-8 for a text stream) of the line that begins with ``start``,
    without its line end. A line that did not fit in ``start`` is read to its end in chunks
    that are counted and dropped, so memory stays bounded."""
    size, last = _size(start), start
    if not _ends_line(start) and len(start) >= MAX_LINE_BYTES + 2:
        while True:
            chunk = stream.readline(_SKIP_CHUNK)
            if not chunk:
                break
            size, last = size + _size(chunk), chunk
            if _ends_line(chunk) or len(chunk) < _SKIP_CHUNK:
                break
    if _ends_line(last):
        size -= 2 if last[-2:] in (b"\r\n", "\r\n") else 1
    return size


def _size(chunk: bytes | str) -> int:
    return len(chunk.encode("utf-8", "surrogatepass") if isinstance(chunk, str) else chunk)


def _ends_line(chunk: bytes | str) -> bool:
    return chunk.endswith(b"\n") if isinstance(chunk, bytes) else chunk.endswith("\n")


_UTF16_HINT = "looks like UTF-16"
_SAVE_AS_UTF8 = "save the file as UTF-8"


def _decode(raw: bytes | str, *, first: bool) -> tuple[str, str | None]:
    if isinstance(raw, str):
        text = raw.rstrip("\r\n")
        return (text[1:] if first and text.startswith("\ufeff") else text), None
    if (first and raw.startswith(_UTF16_BOMS)) or b"\x00" in raw:
        return "", f"{_UTF16_HINT} (it has NUL bytes or a UTF-16 byte-order mark); {_SAVE_AS_UTF8}"
    if first and raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    try:
        return raw.rstrip(b"\r\n").decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return "", _decode_problem(exc)


def _decode_problem(exc: UnicodeDecodeError) -> str:
    byte = exc.object[exc.start]
    return f"not UTF-8 (byte 0x{byte:02x} at position {exc.start + 1}); {_SAVE_AS_UTF8}"
