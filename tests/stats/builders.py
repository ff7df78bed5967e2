"""Case-facts builders for statistics tests: cases that ended (or started) as a table says."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.factories import case_dict

COLLECTIVE = "collective_protection"
OTHER = "refugee"


def ended_case(
    case_id: str,
    *,
    district: str,
    basis: str,
    end: date,
    reason: str | None,
    education: str = "higher",
) -> dict[str, Any]:
    """A valid case that started well before ``end`` and ended on it with ``reason``
    (None: no end reason recorded)."""
    start = end - timedelta(days=180)
    settled = start - timedelta(days=100)
    decided = start - timedelta(days=5)
    case = case_dict(
        case_id,
        district=district,
        person__residence_basis=basis,
        person__permit_date=(settled - timedelta(days=30)).isoformat(),
        person__settlement_date=settled.isoformat(),
        person__education_level=education,
        mapping_date=(settled + timedelta(days=20)).isoformat(),
        decision_date=decided.isoformat(),
        start_date=start.isoformat(),
        plans=[
            {
                "decided_on": decided.isoformat(),
                "end_goal": "work",
                "norwegian_goal": "B1",
                "duration_months": 6,
            }
        ],
        end_date=end.isoformat(),
    )
    if basis != COLLECTIVE:
        case["contract_date"] = decided.isoformat()
    if reason is not None:
        case["end_reason"] = reason
    return case


def started_case(
    case_id: str,
    *,
    district: str,
    settled: date,
    start: date,
    basis: str = COLLECTIVE,
    adviser: str | None = None,
) -> dict[str, Any]:
    decided = start - timedelta(days=1)
    case = case_dict(
        case_id,
        district=district,
        person__residence_basis=basis,
        person__permit_date=(settled - timedelta(days=30)).isoformat(),
        person__settlement_date=settled.isoformat(),
        mapping_date=(settled + timedelta(days=1)).isoformat(),
        decision_date=decided.isoformat(),
        start_date=start.isoformat(),
        plans=[
            {
                "decided_on": decided.isoformat(),
                "end_goal": "work",
                "norwegian_goal": "B1",
                "duration_months": 6,
            }
        ],
    )
    if adviser:
        case["adviser"] = adviser
    if basis != COLLECTIVE:
        case["contract_date"] = decided.isoformat()
    return case


def import_with_staff(cases: list[dict[str, Any]], *, as_of: date) -> None:
    """Import cases, creating placeholder users for unknown advisers (as an export would)."""
    import io

    from introsak.cases.domain.importing import case_facts_import
    from tests.factories import jsonl

    case_facts_import(stream=io.BytesIO(jsonl(cases)), as_of=as_of, missing_users="create")


def sample_cases(seed: int = 7, count: int = 240) -> list[dict[str, Any]]:
    """A varied, deterministic data set over four districts: ended, running and new cases,
    both residence bases, every education level and end reason, late and timely starts."""
    import random

    rng = random.Random(seed)
    schools = random.Random(seed + 1)  # issue 16: its own draws keep the others unchanged
    districts = ["st_hanshaugen", "ostensjo", "grunerlokka", "stovner"]
    reasons = [
        "work",
        "work",
        "education",
        "labour_market_measure",
        "qualification_measure",
        "other",
        "not_registered",
        None,
    ]
    levels = ["none", "primary", "upper_secondary", "vocational_college", "higher", "higher"]
    cases = []
    for i in range(count):
        district = districts[i % len(districts)]
        basis = COLLECTIVE if rng.random() < 0.7 else OTHER
        adviser = f"adviser-{district}-{i % 3}"
        if i % 3 == 0:
            settled = date(2022, 1, 3) + timedelta(days=rng.randrange(900))
            start = settled + timedelta(days=rng.randrange(40, 200))
            if start > date(2024, 8, 1):
                start = date(2024, 8, 1)
            case = started_case(
                f"S-{i}",
                district=district,
                settled=settled,
                start=start,
                basis=basis,
                adviser=adviser,
            )
            case["training"] = {
                "mapping_appointment_on": (
                    settled + timedelta(days=schools.randrange(5, 40))
                ).isoformat(),
                "started_on": start.isoformat(),
                "school": schools.choice(["helsfyr", "skullerud", "rosenhoff"]),
            }
        else:
            end = date(2022, 1, 10) + timedelta(days=rng.randrange(940))
            case = ended_case(
                f"E-{i}",
                district=district,
                basis=basis,
                end=end,
                reason=rng.choice(reasons),
                education=rng.choice(levels),
            )
            case["adviser"] = adviser
        cases.append(case)
    return cases
