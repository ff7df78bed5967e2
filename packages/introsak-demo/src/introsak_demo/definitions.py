"""The populations and measures behind the report's figures (see ``calibration``).

Kept apart from ``calibration`` so that the generator can use the same definitions without
importing the evaluation code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from introsak.casefacts.districts import DISTRICTS
from introsak.casefacts.enums import (
    PRACTICE_PLACEMENT_KINDS,
    EducationLevel,
    EndGoal,
    MeetingKind,
    RecognitionOutcome,
    ResidenceBasis,
    SentBy,
)
from introsak.casefacts.model import CaseFacts
from introsak.rules.dates import add_months

DAYS_PER_MONTH = 30.4375
REVIEW_STARTED_AFTER = date(2022, 7, 1)
REVIEW_END_GOALS = frozenset({EndGoal.WORK, EndGoal.EDUCATION})
DISTRICT_SLUGS = tuple(d.slug for d in DISTRICTS)


# --- measures --------------------------------------------------------------------------------


def months_between(earlier: date, later: date) -> float:
    """Months from ``earlier`` to ``later`` as days / 30.4375 (used for Figure 5)."""
    return (later - earlier).days / DAYS_PER_MONTH


def is_collective(case: CaseFacts) -> bool:
    return case.person.residence_basis is ResidenceBasis.COLLECTIVE_PROTECTION


def is_running(case: CaseFacts, as_of: date) -> bool:
    """In the programme on ``as_of``: started by then and not ended by then."""
    started = case.start_date is not None and case.start_date <= as_of
    return started and (case.end_date is None or case.end_date > as_of)


def over_six_months(case: CaseFacts) -> bool:
    """The programme lasted more than six calendar months (start to end)."""
    return lasted_over_six_months(case.start_date, case.end_date)


def lasted_over_six_months(start: date | None, end: date | None) -> bool:
    return start is not None and end is not None and end > add_months(start, 6)


def latest_end_goal(case: CaseFacts) -> EndGoal | None:
    """The end goal of the latest plan that states one."""
    for plan in sorted(case.plans, key=lambda p: p.decided_on, reverse=True):
        if plan.end_goal is not None:
            return plan.end_goal
    return None


def in_review_population(case: CaseFacts, as_of: date) -> bool:
    start = case.start_date
    if start is None or not REVIEW_STARTED_AFTER < start <= as_of:
        return False
    return latest_end_goal(case) in REVIEW_END_GOALS


# --- the case review's criteria, as (in denominator, in numerator) per case ---------------------

ReviewCriterion = Callable[[CaseFacts, str], tuple[bool, bool]]

RECOGNITION_LEVELS: Mapping[str, frozenset[EducationLevel]] = {
    # St. Hanshaugen's review counted higher education (9 of 15, none at vocational college);
    # Østensjø's counted higher or vocational-college education together (11 of 15).
    "st_hanshaugen": frozenset({EducationLevel.HIGHER}),
    "ostensjo": frozenset({EducationLevel.HIGHER, EducationLevel.VOCATIONAL_COLLEGE}),
}
DEFAULT_RECOGNITION_LEVELS = frozenset({EducationLevel.HIGHER, EducationLevel.VOCATIONAL_COLLEGE})


def recognition_levels(district: str) -> frozenset[EducationLevel]:
    return RECOGNITION_LEVELS.get(district, DEFAULT_RECOGNITION_LEVELS)


def _start_within_3_months(case: CaseFacts, district: str) -> tuple[bool, bool]:
    start = case.start_date
    return True, start is not None and start <= add_months(case.person.settlement_date, 3)


def _mapping_journaled(case: CaseFacts, district: str) -> tuple[bool, bool]:
    return True, case.mapping_date is not None


def _end_goal_set(case: CaseFacts, district: str) -> tuple[bool, bool]:
    return True, any(plan.end_goal is not None for plan in case.plans)


def _three_party_documented(case: CaseFacts, district: str) -> tuple[bool, bool]:
    documented = any(m.kind is MeetingKind.THREE_PARTY and m.documented for m in case.meetings)
    return True, documented


def _practice_placement(case: CaseFacts, district: str) -> tuple[bool, bool]:
    return True, any(a.kind in PRACTICE_PLACEMENT_KINDS for a in case.activities)


def _contract_other_basis(case: CaseFacts, district: str) -> tuple[bool, bool]:
    return not is_collective(case), case.contract_date is not None


def _recognition_topic(case: CaseFacts, district: str) -> tuple[bool, bool]:
    relevant = case.education_recognition is not None and case.education_recognition.relevant
    return case.person.education_level in recognition_levels(district), relevant


def _recognition_applied(case: CaseFacts, district: str) -> tuple[bool, bool]:
    rec = case.education_recognition
    sent = rec is not None and rec.sent_date is not None
    return case.person.education_level in recognition_levels(district), sent


def _recognition_approved(case: CaseFacts, district: str) -> tuple[bool, bool]:
    rec = case.education_recognition
    if rec is None or rec.sent_date is None:
        return False, False
    if case.person.education_level not in recognition_levels(district):
        return False, False
    return True, rec.outcome is RecognitionOutcome.APPROVED


def _recognition_sent_by_participant(case: CaseFacts, district: str) -> tuple[bool, bool]:
    rec = case.education_recognition
    if rec is None or rec.sent_date is None:
        return False, False
    return True, rec.sent_by is SentBy.PARTICIPANT


def _primary_24_months(case: CaseFacts, district: str) -> tuple[bool, bool]:
    primary = case.person.education_level in {EducationLevel.NONE, EducationLevel.PRIMARY}
    first = min(case.plans, key=lambda p: p.decided_on) if case.plans else None
    return primary, first is not None and first.duration_months == 24


REVIEW_CRITERIA: Mapping[str, ReviewCriterion] = {
    "start_within_3_months": _start_within_3_months,
    "mapping_journaled": _mapping_journaled,
    "end_goal_set": _end_goal_set,
    "three_party_documented": _three_party_documented,
    "practice_placement": _practice_placement,
    "contract_other_basis": _contract_other_basis,
    "recognition_topic": _recognition_topic,
    "recognition_applied": _recognition_applied,
    "recognition_approved": _recognition_approved,
    "recognition_sent_by_participant": _recognition_sent_by_participant,
    "primary_24_months": _primary_24_months,
}
