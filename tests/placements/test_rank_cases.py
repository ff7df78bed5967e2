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
from introsak.placements.domain import matching, scoring
from introsak.placements.domain.matching import offer_rows, participant_for_case, rank_cases
from introsak.placements.models import PlacementOffer
from tests.placements.builders import AS_OF, ORGNRS, employer, offer

pytestmark = pytest.mark.django_db

LEVELS = ("", "A1", "A2", "B1", "B2", "C1")
CODES = [o.code for o in occupations()][:8]
SECTORS = ["kindergarten", "shop", "nursing_home"]
CASES = 400


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
            wished_sectors=rng.sample(SECTORS, rng.randint(0, 2)),
            wished_districts=rng.sample([d.slug for d in districts], rng.randint(0, 1)),
            norwegian_oral=rng.choice(LEVELS),
            norwegian_reading=rng.choice(LEVELS),
            norwegian_listening=rng.choice(LEVELS),
            norwegian_writing=rng.choice(LEVELS),
            available_hours_per_week=rng.choice((None, 15.0, 18.75, 20.0, 37.5)),
            available_percent=rng.choice((None, 40, 50, 53, 100)),
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


@pytest.fixture
def heads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every head ``matching._best`` reads (in the order read)."""
    read: list[int] = []
    full_rank_rows = matching.rank_rows

    def counted(offer: Any, rows: Any, slugs: Any, limit: int) -> Any:
        read.append(len(rows))
        return full_rank_rows(offer, rows, slugs, limit)

    monkeypatch.setattr(matching, "rank_rows", counted)
    return read


@pytest.mark.parametrize("first_read", [1, matching.FIRST_READ])
@pytest.mark.parametrize("seed", range(6))
def test_reading_the_head_never_changes_the_ranking_of_random_offers(
    seed: int, first_read: int, heads: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The score's high bound (wishes, sector, district, hours, experience) and the
    blockers together: random offers, some with no district (city-wide), ranked among random
    profiles, give the full ranking at every limit, whether the first head read holds every
    candidate or only a few (then longer heads are read until the best are certain)."""
    monkeypatch.setattr(matching, "FIRST_READ", first_read)
    rng = random.Random(seed)
    _cases(CASES, rng)
    districts = [d.slug for d in District.objects.order_by("number")[:3]]
    for number in range(4):
        levels: dict[str, Any] = {
            f: rng.choice(LEVELS) for f in ("req_oral", "req_writing") if rng.random() < 0.4
        }
        made = offer(
            employer_id=employer(orgnr=ORGNRS[number % len(ORGNRS)], sector=rng.choice(SECTORS)).pk,
            occupation=rng.choice(CODES),
            hours_per_week=rng.choice((10.0, 15.0, 18.75, 20.0, 37.5)),
            district=rng.choice(districts),
            formal_competence_required=rng.random() < 0.3,
            **levels,
        )
        if rng.random() < 0.3:
            PlacementOffer.objects.filter(pk=made.pk).update(district=None)
        for limit in (1, 3, 10, 40):
            found = rank_cases(ProgrammeCase.objects.all(), made.pk, today=AS_OF, limit=limit)
            assert [(r.case.pk, r.assessment.score, r.assessment.blockers) for r in found] == (
                _expected(made.pk, limit)
            ), (number, limit)
    if first_read == 1:  # stopped before reading every candidate at least once
        assert min(heads) < CASES


def test_a_head_too_short_to_be_certain_is_read_again_longer(
    heads: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Everyone ties on the bound, so no short head can prove its best: the head grows
    (4, 16, 64 …) until it holds every candidate, and the ranking is the full one."""
    monkeypatch.setattr(matching, "FIRST_READ", 1)
    _cases(100, random.Random(3))
    WorkProfile.objects.update(
        experience=[],
        wished_occupations=[],
        wished_sectors=[],
        wished_districts=[],
        available_hours_per_week=None,
        available_percent=None,
    )
    made = offer(employer_id=employer().pk, occupation=CODES[2])
    PlacementOffer.objects.filter(pk=made.pk).update(district=None)
    found = rank_cases(ProgrammeCase.objects.all(), made.pk, today=AS_OF, limit=1)
    assert [(r.case.pk, r.assessment.score) for r in found] == [
        (pk, score) for pk, score, _blockers in _expected(made.pk, 1)
    ]
    assert heads == [4, 16, 64, 100]
