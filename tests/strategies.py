"""Hypothesis strategies that generate *valid* ``CaseFacts`` (test-only: needs hypothesis).

Every generated case passes ``parse_case`` (with synthetic identity numbers allowed), event
orders included, so property tests (the round trip here, the rules engine's monotonicity
properties) can rely on it. Warnings are allowed: a start more than five years after
settlement is generated now and then, as it is valid input.

Use ``case_facts()`` for whole cases; the smaller strategies are public so that tests can
build variations (``case_facts(include_extensions=False)`` gives the shared format only).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

from hypothesis import strategies as st

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
)
from introsak.casefacts.occupations import occupations
from introsak.casefacts.parse import ALL_SKILLS, MINUTES_FIELDS
from introsak.identity import duf_check_digits, make_synthetic_identity_number

T = TypeVar("T")

__all__ = [
    "activities",
    "case_facts",
    "case_ids",
    "dates_from",
    "norwegian_goals",
    "persons",
    "placements",
    "texts",
    "work_profiles",
]

EARLIEST_SETTLEMENT = date(2012, 1, 1)
LATEST_SETTLEMENT = date(2026, 12, 31)

# Free text as people write it: letters (Norwegian and other scripts), digits, punctuation and
# spaces; never blank, never a lone surrogate (which UTF-8 cannot carry).
texts = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")),
    min_size=1,
    max_size=40,
).filter(str.strip)

case_ids = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1
)


def dates_from(start: date, *, max_days: int = 730) -> st.SearchStrategy[date]:
    """A date on or after ``start``, at most ``max_days`` later."""
    return st.integers(0, max_days).map(lambda days: start + timedelta(days=days))


@st.composite
def _national_ids(draw: st.DrawFn, birth_date: date) -> str:
    serial = draw(st.integers(0, 300))
    return make_synthetic_identity_number(birth_date, serial, d_number=draw(st.booleans()))


@st.composite
def _duf_numbers(draw: st.DrawFn) -> str:
    first_ten = f"{draw(st.integers(1990, 2026))}{draw(st.integers(0, 999_999)):06d}"
    return first_ten + duf_check_digits(first_ten)


@st.composite
def persons(draw: st.DrawFn, *, include_extensions: bool = True) -> Person:
    settlement = draw(
        dates_from(EARLIEST_SETTLEMENT, max_days=(LATEST_SETTLEMENT.year - 2012) * 365)
    )
    permit = settlement - timedelta(days=draw(st.integers(0, 500)))
    birth = permit - timedelta(days=draw(st.integers(0, 70 * 365)))
    protected = draw(st.sampled_from(ProtectedAddress))
    has_address = include_extensions and protected is not ProtectedAddress.STRICTLY_CONFIDENTIAL
    return Person(
        national_id=draw(st.none() | _national_ids(birth)),
        name=draw(st.none() | texts),
        birth_date=birth,
        sex=draw(st.none() | st.sampled_from(Sex)),
        residence_basis=draw(st.sampled_from(ResidenceBasis)),
        permit_date=permit,
        settlement_date=settlement,
        settled_by_agreement=draw(st.booleans()),
        education_level=draw(st.sampled_from(EducationLevel)),
        has_children_under_18=draw(st.booleans()),
        expecting_child=draw(st.booleans()),
        protected_address=protected,
        duf_number=draw(st.none() | _duf_numbers()) if include_extensions else None,
        address=draw(st.none() | texts) if has_address else None,
    )


@st.composite
def norwegian_goals(draw: st.DrawFn) -> NorwegianGoal:
    """Either one level for all four skills or levels for a non-empty subset of skills."""
    if draw(st.booleans()):
        level = draw(st.sampled_from(CefrLevel))
        return tuple((skill, level) for skill in ALL_SKILLS)
    skills = draw(st.sets(st.sampled_from(LanguageSkill), min_size=1))
    return tuple(sorted((skill, draw(st.sampled_from(CefrLevel))) for skill in skills))


@st.composite
def _plans(draw: st.DrawFn, near: date, extensions: bool) -> Plan:
    return Plan(
        decided_on=draw(dates_from(near)),
        duration_months=draw(st.integers(1, 60)),
        end_goal=draw(st.none() | st.sampled_from(EndGoal)),
        norwegian_goal=draw(st.none() | norwegian_goals()),
        elements=tuple(draw(st.lists(texts, max_size=3))),
        sub_goals=tuple(draw(st.lists(texts, max_size=2))) if extensions else (),
        justification=draw(st.none() | texts) if extensions else None,
    )


@st.composite
def _minutes(draw: st.DrawFn) -> MeetingMinutes:
    return MeetingMinutes(**{key: draw(st.none() | texts) for key in MINUTES_FIELDS})


@st.composite
def _meetings(draw: st.DrawFn, near: date, extensions: bool) -> Meeting:
    return Meeting(
        kind=draw(st.sampled_from(MeetingKind)),
        date=draw(dates_from(near)),
        documented=draw(st.booleans()),
        minutes=draw(st.none() | _minutes()) if extensions else None,
    )


@st.composite
def activities(draw: st.DrawFn, near: date, *, include_extensions: bool = True) -> Activity:
    start = draw(dates_from(near))
    hours = draw(st.integers(0, 40) | st.floats(0, 168, allow_nan=False, allow_infinity=False))
    return Activity(
        kind=draw(st.sampled_from(ActivityKind)),
        start=start,
        end=draw(st.none() | dates_from(start, max_days=400)),
        hours_per_week=float(hours),
        provider=draw(st.none() | texts) if include_extensions else None,
    )


@st.composite
def _leaves(draw: st.DrawFn, near: date, extensions: bool) -> Leave:
    start = draw(dates_from(near))
    return Leave(
        start=start,
        end=draw(dates_from(start, max_days=120)),
        approved=draw(st.booleans()),
        reason=draw(st.none() | texts) if extensions else None,
    )


@st.composite
def _extensions(draw: st.DrawFn, near: date, extensions: bool) -> Extension:
    return Extension(
        decided_on=draw(dates_from(near, max_days=1200)),
        months=draw(st.integers(1, 60)),
        justification=draw(st.none() | texts) if extensions else None,
    )


@st.composite
def _recognitions(draw: st.DrawFn, near: date, extensions: bool) -> EducationRecognition:
    sent_date = draw(st.none() | dates_from(near))
    outcome = draw(st.none() | st.sampled_from(RecognitionOutcome)) if extensions else None
    outcome_from = sent_date or near
    return EducationRecognition(
        relevant=draw(st.booleans()),
        sent_date=sent_date,
        sent_by=draw(st.none() | st.sampled_from(SentBy)) if sent_date else None,
        documents_available=draw(st.none() | st.booleans()) if extensions else None,
        outcome=outcome,
        outcome_date=draw(st.none() | dates_from(outcome_from)) if outcome else None,
    )


@st.composite
def _journal_notes(draw: st.DrawFn, near: date) -> JournalNote:
    return JournalNote(
        written_on=draw(dates_from(near)), text=draw(texts), author=draw(st.none() | texts)
    )


_OCCUPATION_CODES = [o.code for o in occupations()]


@st.composite
def work_profiles(draw: st.DrawFn) -> WorkProfile:
    """A valid work profile (issue 15): codes from the ISCO-08 file, CEFR levels per skill."""
    codes = st.sampled_from(_OCCUPATION_CODES)
    experience = st.builds(
        WorkExperience,
        occupation=codes,
        years=st.integers(0, 140).map(lambda half_years: half_years / 2),
    )
    return WorkProfile(
        experience=tuple(draw(st.lists(experience, max_size=3))),
        education=draw(st.none() | texts),
        wished_occupations=tuple(draw(st.lists(codes, max_size=3, unique=True))),
        wished_sectors=tuple(draw(st.lists(st.sampled_from(Sector), max_size=3, unique=True))),
        wished_districts=tuple(
            draw(st.lists(st.sampled_from(sorted(DISTRICT_SLUGS)), max_size=2, unique=True))
        ),
        norwegian_levels=draw(st.none() | norwegian_goals()),
        driving_licence=draw(st.booleans()),
        available_hours_per_week=draw(st.none() | st.integers(0, 80).map(float)),
        available_percent=draw(st.none() | st.integers(1, 100)),
        job_goal=draw(st.none() | texts),
    )


_SCHOOLS = st.sampled_from(["helsfyr", "skullerud", "rosenhoff", "skole-4"])
_LEVEL = st.none() | st.sampled_from(CefrLevel)


def _then(draw: st.DrawFn, after: date | None, fallback: date) -> date | None:
    """None, or a date on or after ``after`` (``fallback`` when that is unknown)."""
    return draw(st.none() | dates_from(after or fallback, max_days=300))


@st.composite
def trainings(draw: st.DrawFn, near: date) -> Training:
    """A valid way into Norwegian training: its dates in the order the format requires."""
    address = _then(draw, None, near)
    mapping = _then(draw, address, near)
    offered = _then(draw, mapping, near)
    started = _then(draw, offered or mapping, near)
    attendance = draw(st.none() | st.integers(0, 100)) if started else None
    tested = _then(draw, None, near)
    social = _then(draw, None, near)
    response = draw(st.none() | st.sampled_from(OfferResponse)) if offered else None
    placed = _then(draw, None, near)
    return Training(
        address_registered_on=address,
        mapping_appointment_on=mapping,
        placement_tested_on=placed,
        **{f"placement_{s}": draw(_LEVEL) if placed else None for s in _SKILL_NAMES},
        track=draw(st.none() | st.sampled_from(TrainingTrack)),
        offered_on=offered,
        offered_school=draw(st.none() | _SCHOOLS) if offered else None,
        offered_start_on=_then(draw, offered, near) if offered else None,
        offer_response=response,
        preferred_school=draw(st.none() | _SCHOOLS) if response is OfferResponse.DECLINED else None,
        started_on=started,
        school=draw(st.none() | _SCHOOLS) if started else None,
        attendance_percent=attendance,
        attendance_as_of=draw(dates_from(started, max_days=300))
        if attendance is not None and started
        else None,
        test_taken_on=tested,
        **{f"test_{s}": draw(_LEVEL) if tested else None for s in _SKILL_NAMES},
        social_studies_test_on=social,
        social_studies_passed=draw(st.none() | st.booleans()) if social else None,
    )


_SKILL_NAMES = ("oral", "reading", "listening", "writing")


# A few employers, each always with the same name, sector and ownership (as a register has
# them), so that generated cases never contradict one another or a database they were
# imported into before. The organisation numbers are valid (MOD11) and made up.
_EMPLOYERS = tuple(
    EmployerRecord(orgnr=orgnr, name=name, sector=sector, ownership=ownership)
    for orgnr, name, sector, ownership in (
        ("974760673", "Bydel St. Hanshaugen barnehager", Sector.KINDERGARTEN, Ownership.MUNICIPAL),
        ("923609016", "Læringsverkstedet Sagene", Sector.KINDERGARTEN, Ownership.PRIVATE),
        ("982463718", "Kiwi Tøyen", Sector.GROCERY, Ownership.PRIVATE),
        ("910825526", "Frivilligsentralen", Sector.VOLUNTARY, Ownership.VOLUNTARY),
    )
)
_OFFER_HOURS = st.integers(1, 120).map(lambda half_hours: half_hours / 2)


@st.composite
def _offers(draw: st.DrawFn, near: date) -> OfferRecord:
    start = draw(dates_from(near - timedelta(days=200), max_days=400))
    return OfferRecord(
        kind=draw(st.sampled_from(PlacementKind)),
        title=draw(texts),
        occupation=draw(st.sampled_from(_OCCUPATION_CODES)),
        hours_per_week=draw(_OFFER_HOURS),
        start=start,
        end=draw(st.none() | dates_from(start, max_days=400)),
    )


@st.composite
def placements(draw: st.DrawFn, near: date) -> PlacementRecord:
    """A valid placement (issue 15): a reason exactly when declined, an outcome only when
    ended, a decline note only with a reason, nothing dated before the start."""
    status = draw(st.sampled_from(PlacementStatus))
    proposed = draw(dates_from(near))
    start = _then(draw, proposed, near)
    after_start = start or near - timedelta(days=400)
    reason = draw(st.sampled_from(DeclineReason)) if status is PlacementStatus.DECLINED else None
    hours = st.integers(0, 60).map(float) | st.floats(0, 168, allow_nan=False)
    return PlacementRecord(
        employer=draw(st.sampled_from(_EMPLOYERS)),
        offer=draw(_offers(near)),
        status=status,
        proposed_on=proposed,
        offered_on=_then(draw, proposed, near),
        answered_on=_then(draw, proposed, near),
        decline_reason=reason,
        decline_note=draw(st.none() | texts) if reason else None,
        start=start,
        end=draw(st.none() | dates_from(start, max_days=300)) if start else None,
        hours_per_week=draw(st.none() | hours),
        ended_on=_then(draw, after_start, near),
        evaluation_on=_then(draw, after_start, near),
        evaluation=draw(st.none() | texts),
        outcome=draw(st.none() | st.sampled_from(Outcome))
        if status is PlacementStatus.ENDED
        else None,
    )


@st.composite
def _programme_dates(draw: st.DrawFn, settlement: date) -> dict[str, date | None]:
    """Decision, start, end and certificate in a possible order; the rest unconstrained."""
    decision = draw(st.none() | dates_from(settlement, max_days=365))
    start_from = decision or settlement
    late = draw(st.integers(0, 20)) == 0  # now and then a start long after settlement
    start = draw(st.none() | dates_from(start_from, max_days=2500 if late else 300))
    end = draw(st.none() | dates_from(start, max_days=1500)) if start else None
    free = draw(
        st.lists(st.none() | dates_from(settlement - timedelta(days=60)), min_size=5, max_size=5)
    )
    return {
        "claim_date": free[0],
        "mapping_date": free[1],
        "career_guidance_date": free[2],
        "decision_date": decision,
        "start_date": start,
        "contract_date": free[3],
        "jobseeker_registered_date": free[4],
        "end_date": end,
        "certificate_issued_date": draw(st.none() | dates_from(end, max_days=200)) if end else None,
    }


def _three_party(meeting: Meeting) -> date | None:
    return meeting.date if meeting.kind is MeetingKind.THREE_PARTY else None


def _leave_start(leave: Leave) -> date | None:
    return leave.start


def _decided(extension: Extension) -> date | None:
    return extension.decided_on


def _by_end(
    dates: dict[str, date | None], items: list[T], day_of: Callable[[T], date | None]
) -> tuple[T, ...]:
    """The items the format allows: none dated after the programme's end (parse.py)."""
    end = dates["end_date"]
    return tuple(i for i in items if end is None or (day_of(i) or end) <= end)


@st.composite
def case_facts(draw: st.DrawFn, *, include_extensions: bool = True) -> CaseFacts:
    """A whole valid case; with ``include_extensions=False`` only the shared format's fields."""
    ext = include_extensions
    person = draw(persons(include_extensions=ext))
    near = person.settlement_date
    dates = draw(_programme_dates(near))
    return CaseFacts(
        case_id=draw(case_ids),
        district=draw(st.sampled_from(sorted(DISTRICT_SLUGS))),
        person=person,
        **dates,
        part_time_percent=draw(st.just(100) | st.integers(1, 100)),
        plans=tuple(draw(st.lists(_plans(near, ext), max_size=3))),
        meetings=_by_end(dates, draw(st.lists(_meetings(near, ext), max_size=4)), _three_party),
        activities=tuple(draw(st.lists(activities(near, include_extensions=ext), max_size=4))),
        leaves=_by_end(dates, draw(st.lists(_leaves(near, ext), max_size=2)), _leave_start),
        extensions=_by_end(dates, draw(st.lists(_extensions(near, ext), max_size=2)), _decided),
        education_recognition=draw(st.none() | _recognitions(near, ext)),
        end_reason=draw(st.none() | st.sampled_from(EndReason)) if dates["end_date"] else None,
        adviser=draw(st.none() | case_ids) if ext else None,
        journal_notes=tuple(draw(st.lists(_journal_notes(near), max_size=3))) if ext else (),
        work_profile=draw(st.none() | work_profiles()) if ext else None,
        training=draw(st.none() | trainings(near)) if ext else None,
        placements=tuple(draw(st.lists(placements(near), max_size=3))) if ext else (),
    )
