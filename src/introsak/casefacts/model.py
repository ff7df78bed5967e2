"""Typed, immutable records of one introduction-programme case (the case-facts format).

These dataclasses are what the rules engine evaluates and what the parser produces. They
hold values that have already been validated: enumerations as their ``StrEnum`` members,
dates as ``datetime.date``. Collections are tuples so that a case is hashable and cannot be
changed behind the engine's back.

The field order of each record is the order of the spec's field list: the parser's allowed
keys and the serialiser's key order are read from here (``field_names``, ``dataclasses.fields``),
so a new fact field is declared once. Field metadata says what the serialiser needs to know:

* ``EXTENSION``: Introsak's optional additions to the shared format (see
  ``docs/case-facts.md``), which carry what the application records beyond the facts the rules
  need (minutes, justifications, the adviser), so that export followed by import is lossless;
  left out of an export without extensions;
* ``ALWAYS_WRITTEN``: written even when it holds its default (the five lists, a plan's
  ``end_goal``), because the spec does not mark it optional. Any other field is left out
  when it holds its default.
"""

from __future__ import annotations

from dataclasses import Field, dataclass, field, fields
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

EXTENSION = MappingProxyType({"extension": True})
ALWAYS_WRITTEN = MappingProxyType({"always_written": True})


def field_names(record: type[DataclassInstance]) -> tuple[str, ...]:
    """The record's fields in the spec's order."""
    return tuple(spec.name for spec in fields(record))


def is_extension(spec: Field[object]) -> bool:
    return bool(spec.metadata.get("extension", False))


def is_always_written(spec: Field[object]) -> bool:
    return bool(spec.metadata.get("always_written", False))


# A Norwegian goal per skill, as sorted (skill, level) pairs. The format's shorthand "B1"
# means the same level in all four skills and is normalised to four pairs.
NorwegianGoal = tuple[tuple[LanguageSkill, CefrLevel], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    national_id: str | None = None
    name: str | None = None
    birth_date: date
    sex: Sex | None = None
    residence_basis: ResidenceBasis
    permit_date: date
    settlement_date: date
    settled_by_agreement: bool
    education_level: EducationLevel
    has_children_under_18: bool = False
    expecting_child: bool = False
    protected_address: ProtectedAddress = ProtectedAddress.NONE
    duf_number: str | None = field(default=None, metadata=EXTENSION)
    # Never set for strictly confidential persons.
    address: str | None = field(default=None, metadata=EXTENSION)


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    decided_on: date
    end_goal: EndGoal | None = field(default=None, metadata=ALWAYS_WRITTEN)
    norwegian_goal: NorwegianGoal | None = None
    duration_months: int
    elements: tuple[str, ...] = ()
    sub_goals: tuple[str, ...] = field(default=(), metadata=EXTENSION)
    justification: str | None = field(default=None, metadata=EXTENSION)


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
    minutes: MeetingMinutes | None = field(default=None, metadata=EXTENSION)


@dataclass(frozen=True, slots=True, kw_only=True)
class Activity:
    kind: ActivityKind
    start: date
    end: date | None = None
    hours_per_week: float
    provider: str | None = field(default=None, metadata=EXTENSION)


@dataclass(frozen=True, slots=True, kw_only=True)
class Leave:
    start: date
    end: date
    approved: bool
    reason: str | None = field(default=None, metadata=EXTENSION)


@dataclass(frozen=True, slots=True, kw_only=True)
class Extension:
    decided_on: date
    months: int
    justification: str | None = field(default=None, metadata=EXTENSION)


@dataclass(frozen=True, slots=True, kw_only=True)
class EducationRecognition:
    relevant: bool
    sent_date: date | None = None
    sent_by: SentBy | None = None
    documents_available: bool | None = field(default=None, metadata=EXTENSION)
    outcome: RecognitionOutcome | None = field(default=None, metadata=EXTENSION)
    outcome_date: date | None = field(default=None, metadata=EXTENSION)


@dataclass(frozen=True, slots=True, kw_only=True)
class JournalNote:
    """Extension: a dated journal note."""

    written_on: date
    text: str
    author: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkExperience:
    """Extension: years of work in one occupation (an ISCO-08 major or sub-major group)."""

    occupation: str
    years: float


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkProfile:
    """Extension (issue 15): the participant's work profile, which placement matching reads.

    ``norwegian_levels`` are the levels reached in tests, per skill (the same shape as a
    plan's ``norwegian_goal``); ``available_hours_per_week`` and ``available_percent`` say
    how much work the participant can take on; ``job_goal`` is the participant's own job goal
    in words (the plan's ``end_goal`` says work, education …)."""

    experience: tuple[WorkExperience, ...] = ()
    education: str | None = None
    wished_occupations: tuple[str, ...] = ()
    wished_sectors: tuple[Sector, ...] = ()
    wished_districts: tuple[str, ...] = ()
    norwegian_levels: NorwegianGoal | None = None
    driving_licence: bool = False
    available_hours_per_week: float | None = None
    available_percent: int | None = None
    job_goal: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Training:
    """Extension: the person's way into Norwegian training (issue 16, docs/intake.md).

    From the registered address and the service centre's mapping appointment (the report's
    "intake interview", where the waiting time for a school starts) through the placement
    test, the school's offer and the answer to it, to the actual start, the attendance and
    the tests taken. Schools are named by their code (``helsfyr``); levels are CEFR per skill.
    """

    address_registered_on: date | None = None
    mapping_appointment_on: date | None = None
    placement_tested_on: date | None = None
    placement_oral: CefrLevel | None = None
    placement_reading: CefrLevel | None = None
    placement_listening: CefrLevel | None = None
    placement_writing: CefrLevel | None = None
    track: TrainingTrack | None = None
    offered_on: date | None = None
    offered_school: str | None = None
    offered_start_on: date | None = None
    offer_response: OfferResponse | None = None
    preferred_school: str | None = None
    started_on: date | None = None
    school: str | None = None
    attendance_percent: int | None = None
    attendance_as_of: date | None = None
    test_taken_on: date | None = None
    test_oral: CefrLevel | None = None
    test_reading: CefrLevel | None = None
    test_listening: CefrLevel | None = None
    test_writing: CefrLevel | None = None
    social_studies_test_on: date | None = None
    social_studies_passed: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EmployerRecord:
    """Extension: the employer of a placement, as the employers registry has it. ``orgnr`` is
    the nine-digit organisation number (MOD11 check digit), the key the import finds it by."""

    orgnr: str
    name: str
    sector: Sector
    ownership: Ownership


@dataclass(frozen=True, slots=True, kw_only=True)
class OfferRecord:
    """Extension: the offer a placement was made from (an ISCO-08 group as ``occupation``)."""

    kind: PlacementKind
    title: str
    occupation: str
    hours_per_week: float
    start: date
    end: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlacementRecord:
    """Extension (issue 15): one placement of the participant, from the proposal through the
    answer (a declined one has its reason) and the start to the end with the evaluation talk
    and the outcome (``placements.domain.pipeline``). ``start``, ``end`` and
    ``hours_per_week`` are the placement's own (the case's activity has them too)."""

    employer: EmployerRecord
    offer: OfferRecord
    status: PlacementStatus
    proposed_on: date
    offered_on: date | None = None
    answered_on: date | None = None
    decline_reason: DeclineReason | None = None
    decline_note: str | None = None
    start: date | None = None
    end: date | None = None
    hours_per_week: float | None = None
    ended_on: date | None = None
    evaluation_on: date | None = None
    evaluation: str | None = None
    outcome: Outcome | None = None


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
    plans: tuple[Plan, ...] = field(default=(), metadata=ALWAYS_WRITTEN)
    contract_date: date | None = None
    meetings: tuple[Meeting, ...] = field(default=(), metadata=ALWAYS_WRITTEN)
    activities: tuple[Activity, ...] = field(default=(), metadata=ALWAYS_WRITTEN)
    leaves: tuple[Leave, ...] = field(default=(), metadata=ALWAYS_WRITTEN)
    extensions: tuple[Extension, ...] = field(default=(), metadata=ALWAYS_WRITTEN)
    education_recognition: EducationRecognition | None = None
    jobseeker_registered_date: date | None = None
    end_date: date | None = None
    end_reason: EndReason | None = None
    certificate_issued_date: date | None = None
    # The username of the main programme adviser.
    adviser: str | None = field(default=None, metadata=EXTENSION)
    journal_notes: tuple[JournalNote, ...] = field(default=(), metadata=EXTENSION)
    work_profile: WorkProfile | None = field(default=None, metadata=EXTENSION)
    training: Training | None = field(default=None, metadata=EXTENSION)
    placements: tuple[PlacementRecord, ...] = field(default=(), metadata=EXTENSION)
