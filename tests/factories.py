"""Builders for tests: valid case-facts dicts and database rows made through the domain layer."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from copy import deepcopy
from datetime import date
from typing import Any

from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.cases.models import ProgrammeCase
from introsak.core.models import District
from introsak.identity import make_synthetic_identity_number

BASE_CASE: dict[str, Any] = {
    "case_id": "C-1",
    "district": "st_hanshaugen",
    "person": {
        "name": "Olena Testdatter",
        "birth_date": "1990-05-17",
        "residence_basis": "collective_protection",
        "permit_date": "2023-09-01",
        "settlement_date": "2023-10-02",
        "settled_by_agreement": True,
        "education_level": "higher",
    },
    "claim_date": None,
    "mapping_date": "2023-11-15",
    "decision_date": "2024-01-10",
    "start_date": "2024-01-15",
    "plans": [
        {
            "decided_on": "2024-01-10",
            "end_goal": "work",
            "norwegian_goal": "B1",
            "duration_months": 6,
            "elements": ["Norskopplæring", "Språkpraksis"],
        }
    ],
    "meetings": [],
    "activities": [],
    "leaves": [],
    "extensions": [],
}


def case_dict(case_id: str = "C-1", **overrides: Any) -> dict[str, Any]:
    """A valid case-facts object; ``person__field=value`` overrides a person field."""
    case = deepcopy(BASE_CASE)
    case["case_id"] = case_id
    for key, value in overrides.items():
        if key.startswith("person__"):
            case["person"][key.removeprefix("person__")] = value
        else:
            case[key] = value
    return case


def with_national_id(case: dict[str, Any], serial: int = 1) -> dict[str, Any]:
    birth = date.fromisoformat(case["person"]["birth_date"])
    case["person"]["national_id"] = make_synthetic_identity_number(birth, serial)
    return case


def jsonl(cases: Iterable[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases).encode()


def import_cases(cases: Iterable[dict[str, Any]], *, as_of: date | None = None) -> None:
    from introsak.cases.domain.importing import case_facts_import

    case_facts_import(stream=io.BytesIO(jsonl(cases)), as_of=as_of or date(2024, 8, 7))


def district(slug: str = "st_hanshaugen") -> District:
    return District.objects.get(slug=slug)


def user(
    username: str,
    role: Role | str,
    district_slug: str | None = None,
    password: str = "correct horse battery staple",
) -> User:
    account = User.objects.create_user(
        username=username,
        password=password,
        role=role,
        district=District.objects.get(slug=district_slug) if district_slug else None,
    )
    return account


def case(case_id: str) -> ProgrammeCase:
    return ProgrammeCase.objects.select_related("person", "district").get(case_id=case_id)
