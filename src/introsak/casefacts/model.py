"""Typed, immutable records of one introduction-programme case (the case-facts format).

These dataclasses are what the rules engine evaluates and what the parser produces. They
hold values that have already been validated: enumerations as their ``StrEnum`` members,
dates as ``datetime.date``. Collections are tuples so that a case is hashable and cannot be
changed behind the engine's back.

Fields marked *extension* are Introsak's optional additions to the shared format (see
``docs/case-facts.md``): they carry what the application records beyond the facts the rules
need (minutes, justifications, the adviser), so that export followed by import is lossless.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from introsak.casefacts.enums import (
    ActivityKind,
    CefrLevel,
    EducationLevel,
    EndGoal,
    EndReason,
    LanguageSkill,
    MeetingKind,
    ProtectedAddress,
    RecognitionOutcome,
    ResidenceBasis,
    SentBy,
    Sex,
)

# A Norwegian goal per skill, as sorted (skill, level) pairs. The format's shorthand "B1"
# means the same level in all four skills and is normalised to four pairs.
NorwegianGoal = tuple[tuple[LanguageSkill, CefrLevel], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    birth_date: date
    residence_basis: ResidenceBasis
    permit_date: date
    settlement_date: date
    settled_by_agreement: bool
    education_level: EducationLevel
    national_id: str | None = None
    name: str | None = None
    sex: Sex | None = None
    has_children_under_18: bool = False
    expecting_child: bool = False
    protected_address: ProtectedAddress = ProtectedAddress.NONE
    duf_number: str | None = None  # extension
    address: str | None = None  # extension; never set for strictly confidential persons


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    decided_on: date
    duration_months: int
    end_goal: EndGoal | None = None
    norwegian_goal: NorwegianGoal | None = None
    elements: tuple[str, ...] = ()
    sub_goals: tuple[str, ...] = ()  # extension
    justification: str | None = None  # extension


@dataclass(frozen=True, slots=True, kw_only=True)
class MeetingMinutes:
    """Extension: the minutes of a meeting (the three-party template's headings)."""

    attendance: str | None = None
    norwegian_progress: str | None = None
    wellbeing_and_effort: str | None = None
    language_practice: str | None = None
    other_measures: str | None = None
    further_plan: str | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Meeting:
    kind: MeetingKind
    date: date
    documented: bool
    minutes: MeetingMinutes | None = None  # extension


@dataclass(frozen=True, slots=True, kw_only=True)
class Activity:
    kind: ActivityKind
    start: date
    hours_per_week: float
    end: date | None = None
    provider: str | None = None  # extension


@dataclass(frozen=True, slots=True, kw_only=True)
class Leave:
    start: date
    end: date
    approved: bool
    reason: str | None = None  # extension


@dataclass(frozen=True, slots=True, kw_only=True)
class Extension:
    decided_on: date
    months: int
    justification: str | None = None  # extension


@dataclass(frozen=True, slots=True, kw_only=True)
class EducationRecognition:
    relevant: bool
    sent_date: date | None = None
    sent_by: SentBy | None = None
    documents_available: bool | None = None  # extension
    outcome: RecognitionOutcome | None = None  # extension
    outcome_date: date | None = None  # extension


@dataclass(frozen=True, slots=True, kw_only=True)
class JournalNote:
    """Extension: a dated journal note."""

    written_on: date
    text: str
    author: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseFacts:
    case_id: str
    district: str
    person: Person
    claim_date: date | None = None
    mapping_date: date | None = None
    career_guidance_date: date | None = None
    decision_date: date | None = None
    start_date: date | None = None
    part_time_percent: int = 100
    plans: tuple[Plan, ...] = ()
    contract_date: date | None = None
    meetings: tuple[Meeting, ...] = ()
    activities: tuple[Activity, ...] = ()
    leaves: tuple[Leave, ...] = ()
    extensions: tuple[Extension, ...] = ()
    education_recognition: EducationRecognition | None = None
    jobseeker_registered_date: date | None = None
    end_date: date | None = None
    end_reason: EndReason | None = None
    certificate_issued_date: date | None = None
    adviser: str | None = None  # extension: username of the main programme adviser
    journal_notes: tuple[JournalNote, ...] = field(default=())  # extension
