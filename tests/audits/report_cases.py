"""The audit report's case-file review as case facts: 15 cases each in St. Hanshaugen and
Østensjø whose facts give the report's counts (report-facts.yaml, ``case_review``).

| criterion (report)                          | St. Hanshaugen | Østensjø |
|---------------------------------------------|----------------|----------|
| did not start within 3 months (ch. 5.2.1)   | 10 of 15       | 6 of 15  |
| competence mapping journaled (5.2.2)        | 15 of 15       | 12 of 15 |
| integration contract, other bases (6.2.2)   | 0 of 2         | 4 of 4   |
| three-party meetings journaled (6.2.3)      | 4 of 15        | 10 of 15 |
| language or work practice (7.2.2)           | 6 of 15        | 5 of 15  |

Composition as the report gives it: St. Hanshaugen 2 with another residence basis, 13 with
collective protection; Østensjø 4 and 11. One participant with another basis in each
district has education as end goal. Besides the 30, each district has one case whose end goal
is neither work nor education (excluded from the sample) and one that started before the
period (outside the frame).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from tests.factories import case_dict

AS_OF = date(2024, 9, 30)
STARTED_FROM = date(2022, 7, 1)
STARTED_TO = date(2024, 5, 31)

# Per district: which of the 15 cases (by index) have each property.
PROFILES: dict[str, dict[str, set[int]]] = {
    "st_hanshaugen": {
        "other_basis": {0, 1},
        "started_on_time": {2, 5, 8, 11, 14},
        "mapping_journaled": set(range(15)),
        "contract": set(),
        "three_party_journaled": {1, 4, 7, 10},
        "three_party_held_not_journaled": {2, 3},
        "practice": {0, 3, 6, 9, 12, 13},
        "education_goal": {1},
    },
    "ostensjo": {
        "other_basis": {0, 1, 2, 3},
        "started_on_time": {0, 1, 2, 4, 6, 8, 10, 12, 14},
        "mapping_journaled": set(range(15)) - {3, 7, 11},
        "contract": {0, 1, 2, 3},
        "three_party_journaled": set(range(10)),
        "three_party_held_not_journaled": {11},
        "practice": {1, 5, 9, 12, 13},
        "education_goal": {0},
    },
}
PREFIX = {"st_hanshaugen": "SH", "ostensjo": "OS"}


def _has(district: str, prop: str, i: int) -> bool:
    return i in PROFILES[district][prop]


def _meetings(start: date, *, documented: bool) -> list[dict[str, Any]]:
    """Three-party meetings 20 days after the start and then every 4 months up to AS_OF."""
    out, day = [], start + timedelta(days=20)
    while day <= AS_OF:
        out.append({"kind": "three_party", "date": day.isoformat(), "documented": documented})
        day += relativedelta(months=4)
    return out


def report_case(district: str, i: int) -> dict[str, Any]:
    """Case ``i`` (0–14) of the district's 15 reviewed cases."""
    other = _has(district, "other_basis", i)
    settlement = date(2023, 10, 2) + timedelta(days=9 * i)
    start = settlement + relativedelta(months=2 if _has(district, "started_on_time", i) else 4)
    decision = start - timedelta(days=5)
    goal = "education" if _has(district, "education_goal", i) else "work"
    plan = {
        "decided_on": decision.isoformat(),
        "end_goal": goal,
        "norwegian_goal": "B1",
        "duration_months": 24 if other else 6,
        "elements": ["Norskopplæring"],
    }
    meetings: list[dict[str, Any]] = []
    if _has(district, "three_party_journaled", i):
        meetings = _meetings(start, documented=True)
    elif _has(district, "three_party_held_not_journaled", i):
        meetings = _meetings(start, documented=False)
    activities = [{"kind": "norwegian_training", "start": start.isoformat(), "hours_per_week": 16}]
    if _has(district, "practice", i):
        activities.append(
            {
                "kind": "language_practice" if i % 2 else "work_practice",
                "start": (start + relativedelta(months=3)).isoformat(),
                "hours_per_week": 10,
                "provider": "Barnehage",
            }
        )
    return case_dict(
        f"{PREFIX[district]}-{i + 1:02d}",
        district=district,
        person__name=f"Deltaker {PREFIX[district]} {i + 1}",
        person__birth_date=date(1985, 1, 1).replace(year=1975 + i).isoformat(),
        person__residence_basis="refugee" if other else "collective_protection",
        person__permit_date=(settlement - relativedelta(months=1)).isoformat(),
        person__settlement_date=settlement.isoformat(),
        person__education_level="primary" if other else "higher",
        mapping_date=(
            (decision - timedelta(days=20)).isoformat()
            if _has(district, "mapping_journaled", i)
            else None
        ),
        decision_date=decision.isoformat(),
        start_date=start.isoformat(),
        contract_date=decision.isoformat() if _has(district, "contract", i) else None,
        plans=[plan],
        meetings=meetings,
        activities=activities,
    )


def extra_cases(district: str) -> list[dict[str, Any]]:
    """One case excluded by its end goal, one that started before the audited period."""
    excluded = report_case(district, 0)
    excluded["case_id"] = f"{PREFIX[district]}-X1"
    excluded["person"]["name"] = "Utelatt sluttmål"
    excluded["person"]["residence_basis"] = "collective_protection"
    excluded["plans"][0]["end_goal"] = "upper_secondary_completion"
    excluded["contract_date"] = None
    early = report_case(district, 1)
    early["case_id"] = f"{PREFIX[district]}-X2"
    early["person"]["name"] = "Tidlig start"
    early["person"].update(permit_date="2022-01-10", settlement_date="2022-02-01")
    early.update(
        mapping_date="2022-03-01",
        decision_date="2022-03-20",
        start_date="2022-03-25",
        contract_date="2022-03-20",
        meetings=[],
        activities=[],
    )
    early["plans"][0]["decided_on"] = "2022-03-20"
    return [excluded, early]


def report_cases() -> list[dict[str, Any]]:
    """The 30 reviewed cases and the 4 extra ones."""
    cases = []
    for district in PROFILES:
        cases += [report_case(district, i) for i in range(15)]
        cases += extra_cases(district)
    return cases
