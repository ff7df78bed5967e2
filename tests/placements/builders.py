"""Employers, offers and participants for the placements tests, made through the domain."""

from __future__ import annotations

from datetime import date
from typing import Any

from introsak.accounts.models import User
from introsak.placements.domain.employers import EmployerInput, employer_save
from introsak.placements.domain.offers import OfferInput, offer_create
from introsak.placements.models import Employer, PlacementOffer
from tests.factories import case_dict

AS_OF = date(2024, 8, 7)

# Valid organisation numbers (MOD11 check digit), for tests only.
ORGNRS = ("974760673", "923609016", "982463718", "910825526", "889640782")
_ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def valid_orgnr(n: int) -> str:
    """The ``n``-th valid organisation number (MOD11) from 900000000 up, for tests only."""
    found = -1
    body = 90_000_000
    while True:
        remainder = sum(w * int(d) for w, d in zip(_ORGNR_WEIGHTS, f"{body}", strict=True)) % 11
        if remainder != 1:  # a check digit of 10 is never issued
            found += 1
            if found == n:
                return f"{body}{(11 - remainder) % 11}"
        body += 1


def employer(
    orgnr: str = ORGNRS[0],
    name: str = "Bydel St. Hanshaugen barnehager",
    sector: str = "kindergarten",
    ownership: str = "municipal",
    district: str = "st_hanshaugen",
) -> Employer:
    return employer_save(
        data=EmployerInput(
            orgnr=orgnr, name=name, sector=sector, ownership=ownership, district=district
        )
    )


def offer(by: User | None = None, **overrides: Any) -> PlacementOffer:
    values: dict[str, Any] = {
        "employer_id": overrides.pop("employer_id", None) or employer().pk,
        "kind": "language_practice",
        "title": "Språkpraksis i barnehage",
        "occupation": "53",
        "hours_per_week": 20.0,
        "start": date(2024, 8, 1),
        "end": date(2024, 12, 20),
        "capacity": 2,
    }
    values.update(overrides)
    return offer_create(data=OfferInput(**values), by=by)


def participant(case_id: str, adviser: str | None, name: str, **overrides: Any) -> dict[str, Any]:
    """Collective protection, end goal work, started 2024-05-06, Norwegian training only:
    no work-oriented activity, so WORK-15H-01 is breached from 2024-08-06."""
    base: dict[str, Any] = {
        "adviser": adviser,
        "person__name": name,
        "person__settlement_date": "2024-03-04",
        "person__permit_date": "2024-02-01",
        "mapping_date": "2024-04-02",
        "decision_date": "2024-05-02",
        "start_date": "2024-05-06",
        "plans": [
            {
                "decided_on": "2024-05-02",
                "end_goal": "work",
                "norwegian_goal": "B1",
                "duration_months": 12,
                "elements": ["Norskopplæring"],
            }
        ],
        "meetings": [{"kind": "three_party", "date": "2024-06-03", "documented": True}],
        "jobseeker_registered_date": "2024-05-20",
        "education_recognition": {"relevant": False},
        "activities": [{"kind": "norwegian_training", "start": "2024-05-06", "hours_per_week": 15}],
    }
    base.update(overrides)
    return case_dict(case_id, **base)
