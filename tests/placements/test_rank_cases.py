"""Ranking one offer's participants in the database (``matching.rank_cases``) gives what
ranking every candidate in full gives, whichever candidates the pre-filter on blockers leaves
out (issue 15: one offer among 100,000 cases)."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest

from introsak.casefacts.occupations import occupations
from introsak.cases.models import Person, ProgrammeCase, WorkProfile
from introsak.core.domain.districts import districts_ensure
from introsak.core.models import District
from introsak.placements.domain import scoring
from introsak.placements.domain.matching import offer_rows, participant_for_case, rank_cases
from introsak.placements.models import PlacementOffer
from tests.placements.builders import AS_OF, employer, offer

pytestmark = pytest.mark.django_db

LEVELS = ("", "A1", "A2", "B1", "B2", "C1")
CODES = [o.code for o in occupations()][:8]


def _cases(count: int, rng: random.Random) -> None:
    districts_ensure()
    districts = list(District.objects.order_by("number"))[:3]
    people = Person.objects.bulk_create(
        Person(
            name=f"Deltaker {i}",
            birth_date=date(1990, 1, 1),
            residence_basis="collective_protection",
            permit_date=date(2023, 9, 1),
            settlement_date=date(2023, 10, 1),
            settled_by_agreement=True,
            education_level=rng.choice(("none", "primary", "upper_secondary", "higher")),
        )
        for i in range(count)
    )
    cases = ProgrammeCase.objects.bulk_create(
        ProgrammeCase(
            case_id=f"R-{i}",
            person=person,
            district=districts[i % len(districts)],
            start_date=date(2024, 3, 1),
        )
        for i, person in enumerate(people)
    )
    WorkProfile.objects.bulk_create(
        WorkProfile(
            case=case,
            experience=[
                {"occupation": rng.choice(CODES), "years": float(rng.randint(0, 8))}
                for _ in range(rng.randint(0, 2))
            ],
            wished_occupations=rng.sample(CODES, rng.randint(0, 2)),
            wished_sectors=rng.sample(["kindergarten", "shop"], rng.randint(0, 1)),
            wished_districts=rng.sample([d.slug for d in districts], rng.randint(0, 1)),
            norwegian_oral=rng.choice(LEVELS),
            norwegian_reading=rng.choice(LEVELS),
            norwegian_listening=rng.choice(LEVELS),
            norwegian_writing=rng.choice(LEVELS),
            available_hours_per_week=rng.choice((None, 15.0, 20.0, 37.5)),
            available_percent=rng.choice((None, 50)),
        )
        for case in cases
        if rng.random() < 0.8  # a fifth have no profile yet
    )


def _expected(offer_pk: int, limit: int) -> list[tuple[int, int, int]]:
    target = next(offer_rows(PlacementOffer.objects.filter(pk=offer_pk)))
    everyone = ProgrammeCase.objects.select_related("person", "district", "work_profile")
    people = [participant_for_case(case) for case in everyone]
    ranked = scoring.rank_participants(target, people, limit)
    return [(a.participant, a.score, a.blockers) for a in ranked]


@pytest.mark.parametrize(
    "requirements",
    [
        {},
        {"req_oral": "B1"},
        {"req_oral": "A2", "req_writing": "B1", "formal_competence_required": True},
        {"req_oral": "C1", "req_reading": "C1", "req_listening": "C1", "req_writing": "C1"},
    ],
)
def test_the_pre_filtered_ranking_is_the_full_ranking(requirements: dict[str, Any]) -> None:
    _cases(120, random.Random(7))
    made = offer(employer_id=employer().pk, occupation=CODES[2], **requirements)
    candidates = ProgrammeCase.objects.all()
    for limit in (1, 10, 50, 200):
        found = rank_cases(candidates, made.pk, today=AS_OF, limit=limit)
        assert [(r.case.pk, r.assessment.score, r.assessment.blockers) for r in found] == (
            _expected(made.pk, limit)
        )
