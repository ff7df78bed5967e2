"""Example records in canonical form: every field of the format, and only the required ones.

Both are fixtures returning fresh copies, so a test can change one field and check the result.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

# Every field, extensions included, in canonical key order (so case_to_dict gives it back).
FULL_CASE: dict[str, Any] = {
    "case_id": "BJ-2023-0042",
    "district": "bjerke",
    "person": {
        "national_id": "01819000049",  # synthetic (month + 80), born 1990-01-01
        "name": "Amina Testesen",
        "birth_date": "1990-01-01",
        "sex": "female",
        "residence_basis": "refugee",
        "permit_date": "2022-11-20",
        "settlement_date": "2023-01-15",
        "settled_by_agreement": True,
        "education_level": "upper_secondary",
        "has_children_under_18": True,
        "expecting_child": True,
        "protected_address": "confidential",
        "duf_number": "201212345603",
        "address": "Testveien 1, 0580 Oslo",
    },
    "claim_date": "2023-01-20",
    "mapping_date": "2023-02-01",
    "career_guidance_date": "2023-02-20",
    "decision_date": "2023-03-01",
    "start_date": "2023-03-15",
    "part_time_percent": 80,
    "plans": [
        {
            "decided_on": "2023-03-15",
            "end_goal": "work",
            "norwegian_goal": "B1",
            "duration_months": 24,
            "elements": ["norwegian_training", "work_practice"],
            "sub_goals": ["Førerkort klasse B"],
            "justification": "Har erfaring som sykepleier.",
        },
        {
            "decided_on": "2024-03-01",
            "end_goal": None,
            "norwegian_goal": {"oral": "B2", "writing": "B1"},
            "duration_months": 24,
        },
    ],
    "contract_date": "2023-03-20",
    "meetings": [
        {"kind": "transfer", "date": "2023-03-10", "documented": True},
        {
            "kind": "three_party",
            "date": "2023-09-01",
            "documented": True,
            "minutes": {"attendance": "Godt oppmøte.", "further_plan": "Språkpraksis."},
        },
    ],
    "activities": [
        {
            "kind": "norwegian_training",
            "start": "2023-03-15",
            "end": "2024-06-30",
            "hours_per_week": 15,
            "provider": "Bjerke voksenopplæring",
        },
        {"kind": "language_practice", "start": "2023-10-01", "hours_per_week": 7.5},
    ],
    "leaves": [{"start": "2023-07-01", "end": "2023-07-21", "approved": True, "reason": "Ferie"}],
    "extensions": [
        {"decided_on": "2025-02-01", "months": 6, "justification": "Trenger mer tid til norsk."}
    ],
    "education_recognition": {
        "relevant": True,
        "sent_date": "2023-05-01",
        "sent_by": "nav",
        "documents_available": True,
        "outcome": "approved",
        "outcome_date": "2023-09-15",
    },
    "jobseeker_registered_date": "2024-12-01",
    "end_date": "2025-08-31",
    "end_reason": "work",
    "certificate_issued_date": "2025-09-05",
    "adviser": "kari.veileder",
    "journal_notes": [
        {"written_on": "2023-03-16", "text": "Startet i programmet.", "author": "kari.veileder"}
    ],
}

# Only what is required, plus the five lists that canonical form always writes.
MINIMAL_CASE: dict[str, Any] = {
    "case_id": "C-1",
    "district": "alna",
    "person": {
        "birth_date": "1990-01-01",
        "residence_basis": "refugee",
        "permit_date": "2022-11-20",
        "settlement_date": "2023-01-15",
        "settled_by_agreement": False,
        "education_level": "none",
    },
    "plans": [],
    "meetings": [],
    "activities": [],
    "leaves": [],
    "extensions": [],
}


@pytest.fixture
def full_case() -> dict[str, Any]:
    return copy.deepcopy(FULL_CASE)


@pytest.fixture
def minimal_case() -> dict[str, Any]:
    return copy.deepcopy(MINIMAL_CASE)
