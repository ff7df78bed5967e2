"""Ranked offers for a participant and ranked participants for an offer.

Loads compact rows (``values_list``: no model instances for the thousands of candidates),
scores them with ``domain.scoring`` and fetches full rows only for the ranked few. It
proposes; it never assigns: a placement exists only when an adviser proposes one
(``domain.pipeline``). Participants come only from the access gateway's ``visible_cases``
(the user's district and clearances), never from the whole table.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from django.db.models import Count, Q, QuerySet, TextField
from django.db.models.functions import Cast

from introsak.access.domain.gateway import visible_cases
from introsak.accounts.models import User
from introsak.casefacts.enums import EducationLevel
from introsak.cases.models import ProgrammeCase, WorkProfile
from introsak.core.models import District
from introsak.placements.domain import scoring
from introsak.placements.domain.requirements import RANKS, REQUIREMENT_COLUMNS, catalogue_ranks
from introsak.placements.enums import HOLDING_STATUSES
from introsak.placements.models import Employer, Placement, PlacementOffer

DEFAULT_LIMIT = 10
MAX_LIMIT = 200
FORMAL_LEVELS = frozenset(
    {EducationLevel.UPPER_SECONDARY, EducationLevel.VOCATIONAL_COLLEGE, EducationLevel.HIGHER}
)
_PROFILE_LEVELS = (
    "norwegian_oral",
    "norwegian_reading",
    "norwegian_listening",
    "norwegian_writing",
)


@dataclass(frozen=True)
class RankedOffer:
    offer: PlacementOffer
    assessment: scoring.Assessment


@dataclass(frozen=True)
class RankedCase:
    case: ProgrammeCase
    assessment: scoring.Assessment


def _levels(values: Sequence[str]) -> tuple[int, int, int, int]:
    return (RANKS[values[0]], RANKS[values[1]], RANKS[values[2]], RANKS[values[3]])


def _participant(
    key: int,
    district: str,
    education: str,
    profile: tuple[Any, ...] | None,
    part_time_percent: int,
) -> scoring.Participant:
    """A participant from its case's district and education and its profile's columns
    (``_PROFILE_COLUMNS`` order; ``None``: no profile yet)."""
    formal = education in FORMAL_LEVELS
    if profile is None:
        return scoring.Participant(key=key, district=district, formal_competence=formal)
    experience, occupations, sectors, districts, *levels, hours, percent = profile
    if hours is None and percent is not None:
        hours = scoring.FULL_TIME_HOURS * percent / 100
    return scoring.Participant(
        key=key,
        district=district,
        experience=_experience(experience),
        wished_occupations=_codes(occupations),
        wished_sectors=_codes(sectors),
        wished_districts=_codes(districts),
        levels=_levels(levels),
        available_hours=hours,
        formal_competence=formal,
    )


# The profile's lists, from the model (Python lists) or as JSON text (``rank_cases``). The
# same few lists recur across thousands of participants, so decoded text is cached.


def _experience(value: list[dict[str, Any]] | str | None) -> tuple[tuple[str, float], ...]:
    if isinstance(value, str):
        return _experience_text(value)
    return tuple((x["occupation"], float(x["years"])) for x in value or ())


def _codes(value: list[str] | str | None) -> frozenset[str]:
    if isinstance(value, str):
        return _codes_text(value)
    return frozenset(value or ())


@lru_cache(maxsize=8192)
def _experience_text(text: str) -> tuple[tuple[str, float], ...]:
    return _experience(json.loads(text))


@lru_cache(maxsize=8192)
def _codes_text(text: str) -> frozenset[str]:
    return frozenset(json.loads(text))


_PROFILE_COLUMNS = (
    "experience",
    "wished_occupations",
    "wished_sectors",
    "wished_districts",
    *_PROFILE_LEVELS,
    "available_hours_per_week",
    "available_percent",
)


def participant_for_case(case: ProgrammeCase) -> scoring.Participant:
    """The case (as the gateway returned it, ``select_case``) as a matching participant."""
    profile = getattr(case, "work_profile", None) if _has_profile(case) else None
    row = None if profile is None else tuple(getattr(profile, c) for c in _PROFILE_COLUMNS)
    return _participant(
        case.pk, case.district.slug, case.person.education_level, row, case.part_time_percent
    )


def _has_profile(case: ProgrammeCase) -> bool:
    try:
        case.work_profile  # noqa: B018
    except WorkProfile.DoesNotExist:
        return False
    return True


_JSON_COLUMNS = frozenset(
    {"experience", "wished_occupations", "wished_sectors", "wished_districts"}
)


_OFFER_COLUMNS = (
    "pk",
    "occupation",
    "employer_id",
    "district_id",
    *REQUIREMENT_COLUMNS.values(),
    "requirement",
    "hours_per_week",
    "capacity",
    "formal_competence_required",
)


def open_offers(today: date) -> QuerySet[PlacementOffer]:
    """Offers still open and not ended, with ``held``: their places taken."""
    return current_offers(today).annotate(
        held=Count("placements", filter=Q(placements__status__in=HOLDING_STATUSES))
    )


def current_offers(today: date) -> QuerySet[PlacementOffer]:
    """Offers still open and not ended."""
    return PlacementOffer.objects.filter(open=True).filter(Q(end__isnull=True) | Q(end__gte=today))


def offer_rows(offers: QuerySet[PlacementOffer]) -> Iterator[scoring.Offer]:
    """Compact matching rows: the level required per skill is the higher of the offer's own
    and its catalogue requirement's. Four plain queries whatever the number of offers: the
    offers' own columns (no join, no grouping), the places held per offer, and the
    employers' sectors and the districts' slugs as small look-up tables."""
    held = dict(
        Placement.objects.filter(status__in=HOLDING_STATUSES, offer__in=offers.values("pk"))
        .values("offer_id")
        .annotate(n=Count("pk"))
        .values_list("offer_id", "n")
    )
    sectors = dict(Employer.objects.values_list("pk", "sector"))
    slugs = dict(District.objects.values_list("pk", "slug"))
    for row in offers.values_list(*_OFFER_COLUMNS):
        (key, occupation, employer, district, oral, reading, listening, writing,
         requirement, hours, capacity, formal) = row  # fmt: skip
        extra = catalogue_ranks(requirement) if requirement else _NONE
        yield scoring.Offer(
            key=key,
            occupation=occupation,
            sector=sectors[employer],
            district=slugs.get(district),
            required=(
                max(RANKS[oral], extra[0]),
                max(RANKS[reading], extra[1]),
                max(RANKS[listening], extra[2]),
                max(RANKS[writing], extra[3]),
            ),
            hours=hours,
            places_left=capacity - held.get(key, 0),
            formal_required=formal,
        )


_NONE = (0, 0, 0, 0)


def offers_for_case(
    case: ProgrammeCase, *, today: date, limit: int = DEFAULT_LIMIT
) -> list[RankedOffer]:
    """The best offers for the participant, each with its assessment (two queries)."""
    participant = participant_for_case(case)
    ranked = scoring.rank_offers(participant, offer_rows(current_offers(today)), limit)
    rows = PlacementOffer.objects.select_related("employer", "district").in_bulk(
        [a.offer for a in ranked]
    )
    return [RankedOffer(rows[a.offer], a) for a in ranked]


def candidate_cases(user: User) -> QuerySet[ProgrammeCase]:
    """Cases the user may see that are in or waiting for the programme (no end date)."""
    return visible_cases(user).filter(end_date__isnull=True)


def cases_for_offer(
    user: User, offer_pk: int, *, today: date, limit: int = DEFAULT_LIMIT
) -> list[RankedCase]:
    """The best participants for an offer among the cases the user may see (four
    queries). Cases without a work profile take part with what the case says."""
    return rank_cases(candidate_cases(user), offer_pk, today=today, limit=limit)


def rank_cases(
    candidates: QuerySet[ProgrammeCase], offer_pk: int, *, today: date, limit: int
) -> list[RankedCase]:
    """The best ``limit`` of ``candidates`` (a queryset from the access gateway) for an
    offer."""
    offer = next(offer_rows(PlacementOffer.objects.filter(pk=offer_pk)), None)
    if offer is None:
        return []
    # The JSON lists as text, decoded once per distinct text (``_codes_text``): the same
    # few lists recur across thousands of participants.
    as_text = {f"_{c}": Cast(f"work_profile__{c}", TextField()) for c in _JSON_COLUMNS}
    columns = [f"_{c}" if c in _JSON_COLUMNS else f"work_profile__{c}" for c in _PROFILE_COLUMNS]
    rows = candidates.annotate(**as_text).values_list(
        "pk", "district_id", "person__education_level", "part_time_percent", "work_profile__id",
        *columns,
    )  # fmt: skip
    slugs = dict(District.objects.values_list("pk", "slug"))
    people = (
        _participant(pk, slugs[district], education, tuple(rest) if profile_id else None, percent)
        for pk, district, education, percent, profile_id, *rest in rows
    )
    ranked = scoring.rank_participants(offer, people, limit)
    cases = candidates.select_related("person", "district", "adviser").in_bulk(
        [a.participant for a in ranked]
    )
    return [RankedCase(cases[a.participant], a) for a in ranked]
