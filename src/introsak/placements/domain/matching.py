"""Ranked offers for a participant and ranked participants for an offer.

Loads compact rows (``values_list``: no model instances for the thousands of candidates),
scores them with ``domain.scoring`` and fetches full rows only for the ranked few. It
proposes; it never assigns: a placement exists only when an adviser proposes one
(``domain.pipeline``). Participants come only from the access gateway's ``visible_cases``
(the user's district and clearances), never from the whole table.
"""

from __future__ import annotations

import heapq
import json
import operator
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, reduce
from typing import Any

from django.db.models import Case, Count, F, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Cast, StrIndex
from django.db.models.lookups import GreaterThan

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


def _levels(values: Sequence[str | None]) -> tuple[int, int, int, int]:
    """Ranks of four CEFR levels ("" or ``None``: no test result, or not read)."""
    return (
        RANKS[values[0] or ""],
        RANKS[values[1] or ""],
        RANKS[values[2] or ""],
        RANKS[values[3] or ""],
    )


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


def offer_rows(
    offers: QuerySet[PlacementOffer], slugs: dict[int, str] | None = None
) -> Iterator[scoring.Offer]:
    """Compact matching rows: the level required per skill is the higher of the offer's own
    and its catalogue requirement's. Four plain queries whatever the number of offers: the
    offers' own columns (no join, no grouping), the places held per offer, and the
    employers' sectors and the districts' slugs as small look-up tables (``slugs``, when the
    caller has read them already: one query fewer)."""
    held = dict(
        Placement.objects.filter(status__in=HOLDING_STATUSES, offer__in=offers.values("pk"))
        .values("offer_id")
        .annotate(n=Count("pk"))
        .values_list("offer_id", "n")
    )
    sectors = dict(Employer.objects.values_list("pk", "sector"))
    if slugs is None:
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
    """The best participants for an offer among the cases the user may see (six
    queries, one more for each longer head ``_best`` reads). Cases without a work profile
    take part with what the case says."""
    return rank_cases(candidate_cases(user), offer_pk, today=today, limit=limit)


def rank_cases(
    candidates: QuerySet[ProgrammeCase], offer_pk: int, *, today: date, limit: int
) -> list[RankedCase]:
    """The best ``limit`` of ``candidates`` (a queryset from the access gateway) for an
    offer."""
    slugs = dict(District.objects.values_list("pk", "slug"))
    offer = next(offer_rows(PlacementOffer.objects.filter(pk=offer_pk), slugs), None)
    if offer is None:
        return []
    # The JSON lists as text, decoded once per distinct text (``_codes_text``): the same
    # few lists recur across thousands of participants. What the offer does not look at (the
    # level of a skill it requires nothing in; the education when it requires no formal
    # competence) is read as NULL: no join, no value to build, and the same ranking and
    # assessments (``tests/placements/test_rank_cases.py``).
    unused = Value(None, output_field=TextField())
    as_text: dict[str, F | Value | Cast] = {
        f"_{c}": Cast(f"work_profile__{c}", TextField()) for c in _JSON_COLUMNS
    }
    for column, need in zip(_PROFILE_LEVELS, offer.required, strict=True):
        as_text[f"_{column}"] = F(f"work_profile__{column}") if need else unused
    as_text["_education"] = F("person__education_level") if offer.formal_required else unused
    columns = [f"_{c}" if f"_{c}" in as_text else f"work_profile__{c}" for c in _PROFILE_COLUMNS]
    blockers, high = _bounds(offer, {slug: pk for pk, slug in slugs.items()})
    rows = (
        candidates.annotate(**as_text, _blockers=blockers, _high=high)
        .order_by("_blockers", "-_high", "pk")
        .values_list("pk", "district_id", "_education", *columns, "_blockers", "_high")
    )
    ranked = _best(offer, rows, slugs, limit)
    cases = candidates.select_related("person", "district", "adviser").in_bulk(
        [a.participant for a in ranked]
    )
    return [RankedCase(cases[a.participant], a) for a in ranked]


FIRST_READ = 400


def _best(
    offer: scoring.Offer,
    rows: QuerySet[ProgrammeCase, tuple[Any, ...]],
    slugs: dict[int, str],
    limit: int,
) -> list[scoring.Assessment]:
    """The best ``limit`` rows, reading only the head of ``rows``.

    The rank is ``(blockers, -score, case)``. ``rows`` come ordered by the blockers that
    depend on the participant (exact) and by a high bound of the score (``_bounds``), so
    every row after the head read has as many blockers or more and, with as many, a score
    of at most the head's last bound. When the ``limit``-th best of the head ranks strictly
    above that, nobody after the head can be among the best; otherwise a four times longer
    head is read (one more query; the tests cover both)."""
    fixed = 1 if offer.places_left <= 0 else 0
    size = max(FIRST_READ, 4 * limit)
    while True:
        head = list(rows[:size])
        ranked = rank_rows(offer, [row[:-2] for row in head], slugs, limit)
        if len(head) < size or len(ranked) < limit:
            return ranked
        last = ranked[-1]
        after_blockers, after_high = head[-1][-2:]
        if (last.blockers - fixed, -last.score) < (after_blockers, -after_high):
            return ranked
        size *= 4


def _bounds(
    offer: scoring.Offer, district_keys: dict[str, int]
) -> tuple[Case | Value, Case | Value]:
    """The blockers that depend on the participant, and a high bound of
    ``scoring.rank_key``'s score for the offer, as SQL over a case and its profile.

    The blockers are exact: each skill whose Norwegian level is below the offer's (CEFR
    levels compare correctly as strings: ``"" < "A1" < … < "C2"``; no profile: no test
    result) and formal competence the offer requires but the person lacks. The score's
    bound reads each JSON list once, as text (turning JSON into text is most of the
    query's cost on PostgreSQL): experience or a wish anywhere in the offer's major group
    (a quote followed by its first digit: codes are the lists' only strings that start
    with a digit) counts the most those parts can give; a wished sector is exact (the slug
    in quotes); the district counts if it is wished or the case's own; the language and
    hours parts are exact. A looser bound is still correct, it only makes ``_best`` read
    a longer head: measured in docs/benchmarks/matching.md."""
    met = [
        Q(**{f"work_profile__{column}__gte": LEVEL_TEXTS[need]})
        for column, need in zip(_PROFILE_LEVELS, offer.required, strict=True)
        if need
    ]
    lacking = [*met, Q(person__education_level__in=FORMAL_LEVELS)] if offer.formal_required else met
    parts = [Case(When(has, then=Value(0)), default=Value(1)) for has in lacking]
    blockers = reduce(operator.add, parts) if parts else Value(0)
    major = offer.occupation[:1]
    experience = Cast("work_profile__experience", TextField())
    wished = Cast("work_profile__wished_occupations", TextField())
    districts = Cast("work_profile__wished_districts", TextField())
    most = scoring.POINTS_PER_YEAR * scoring.MAX_YEARS_COUNTED
    score: list[Case | Value] = [
        _points(reduce(operator.and_, met), scoring.LANGUAGE_MET)
        if met
        else Value(scoring.LANGUAGE_MET),
        _points(_has(experience, f'"{major}'), scoring.SAME_GROUP_EXPERIENCE + most),
        _points(_has(wished, f'"{major}'), max(scoring.WISHED_OCCUPATION, scoring.WISHED_MAJOR)),
        _points(
            _has(Cast("work_profile__wished_sectors", TextField()), f'"{offer.sector}"'),
            scoring.WISHED_SECTOR,
        ),
        _hours_points(offer.hours),
    ]
    if offer.district is None:
        score.append(Value(scoring.DISTRICT))
    else:
        own = Q(district_id=district_keys.get(offer.district))
        score.append(_points(Q(_has(districts, f'"{offer.district}"')) | own, scoring.DISTRICT))
    return blockers, reduce(operator.add, score)


def _has(text: Cast, needle: str) -> GreaterThan:
    """``needle`` occurs in ``text`` (``INSTR``/``STRPOS``: no pattern, nothing to escape)."""
    return GreaterThan(StrIndex(text, Value(needle)), 0)


def _points(condition: Q | GreaterThan, points: int) -> Case:
    return Case(When(condition, then=Value(points)), default=Value(0))


def _hours_points(hours: float) -> Case:
    """``scoring.HOURS_FIT`` when the offer's hours fit the participant's: the hours per week
    if recorded, else the share of full time. The share is compared as the smallest whole
    percent whose hours (computed as in Python) reach the offer's, so the database does no
    floating-point arithmetic of its own."""
    fits = Q(work_profile__available_hours_per_week__gte=hours)
    enough = next((p for p in range(1, 101) if scoring.FULL_TIME_HOURS * p / 100 >= hours), None)
    if enough is not None:
        fits |= Q(work_profile__available_hours_per_week__isnull=True) & Q(
            work_profile__available_percent__gte=enough
        )
    return _points(fits, scoring.HOURS_FIT)


LEVEL_TEXTS = {rank: text for text, rank in RANKS.items()}


def participant_for_row(row: Sequence[Any], slugs: dict[int, str]) -> scoring.Participant:
    """The participant of one ``rank_cases`` row: the case's key, district and education,
    then ``_PROFILE_COLUMNS`` (the lists as JSON text; ``None`` throughout: no profile, as
    ``experience`` is never NULL in a profile)."""
    pk, district, education, *rest = row
    profile = None if rest[0] is None else tuple(rest)
    return _participant(pk, slugs[district], education, profile, 0)


def rank_rows(
    offer: scoring.Offer, rows: Iterable[Sequence[Any]], slugs: dict[int, str], limit: int
) -> list[scoring.Assessment]:
    """``scoring.rank_participants(offer, [participant_for_row(r) …], limit)`` without
    building a participant per row: the offer is fixed, so each part of
    ``scoring.rank_key`` depends on one column (or two) of the row, and is computed once per
    distinct value (the same few lists and levels recur across thousands of cases). Only the
    ``limit`` best rows become participants and are assessed in full.
    ``tests/placements/test_fast_ranking.py`` checks that the result is the same."""
    occupation, major = offer.occupation, offer.occupation[:1]
    required = offer.required
    fixed = 1 if offer.places_left <= 0 else 0  # a blocker every participant has
    formal_blocks = offer.formal_required
    experience_points: dict[str | None, int] = {}
    wish_points: dict[str | None, int] = {}
    sector_points: dict[str | None, int] = {}
    district_points: dict[tuple[str | None, int], int] = {}
    language: dict[tuple[str, str, str, str], tuple[int, int]] = {}
    any_required = any(required)
    # Bound once: five look-ups per row, 100,000 rows.
    experience_get, wish_get = experience_points.get, wish_points.get
    sector_get, district_get, language_get = sector_points.get, district_points.get, language.get

    def keys() -> Iterator[tuple[int, int, int, Sequence[Any]]]:
        for row in rows:
            (pk, district, education, experience_text, wished_text,
             sectors_text, districts_text, oral, reading, listening, writing, hours,
             available_percent) = row  # fmt: skip
            blockers = fixed
            if formal_blocks and education not in FORMAL_LEVELS:
                blockers += 1
            if experience_text is None:  # no profile
                found = language.get(_NO_LEVELS)
                if found is None:
                    found = language[_NO_LEVELS] = _language(required, _levels(_NO_LEVELS))
                short, score = found
                if offer.district is None or slugs[district] == offer.district:
                    score += scoring.DISTRICT
                yield blockers + short, -score, pk, row
                continue
            if any_required:
                levels = (oral, reading, listening, writing)
                found = language_get(levels)
                if found is None:
                    found = language[levels] = _language(required, _levels(levels))
                short, score = found
            else:
                short, score = 0, scoring.LANGUAGE_MET
            points = experience_get(experience_text)
            if points is None:
                points = experience_points[experience_text] = _experience_points(
                    _experience(experience_text), occupation, major
                )
            score += points
            points = wish_get(wished_text)
            if points is None:
                points = wish_points[wished_text] = _wish_points(
                    _codes(wished_text), occupation, major
                )
            score += points
            points = sector_get(sectors_text)
            if points is None:
                wished = offer.sector in _codes(sectors_text)
                points = sector_points[sectors_text] = scoring.WISHED_SECTOR if wished else 0
            score += points
            place = (districts_text, district)
            points = district_get(place)
            if points is None:
                wanted = _codes(districts_text) or frozenset({slugs[district]})
                near = offer.district is None or offer.district in wanted
                points = district_points[place] = scoring.DISTRICT if near else 0
            score += points
            if hours is None and available_percent is not None:
                hours = scoring.FULL_TIME_HOURS * available_percent / 100
            if hours is not None and offer.hours <= hours:
                score += scoring.HOURS_FIT
            yield blockers + short, -score, pk, row

    best = heapq.nsmallest(limit, keys())
    return [scoring.assess(participant_for_row(row, slugs), offer) for *_, row in best]


_NO_LEVELS = ("", "", "", "")


def _language(
    required: tuple[int, int, int, int], levels: tuple[int, int, int, int]
) -> tuple[int, int]:
    """Blockers (skills below the requirement) and the language points."""
    short = sum(1 for have, need in zip(levels, required, strict=True) if have < need)
    return short, 0 if short else scoring.LANGUAGE_MET


def _experience_points(
    experience: tuple[tuple[str, float], ...], occupation: str, major: str
) -> int:
    """The experience part of ``scoring.rank_key``."""
    same = [years for code, years in experience if code == occupation]
    related = same or [years for code, years in experience if code[:1] == major]
    if not related:
        return 0
    base = scoring.SAME_GROUP_EXPERIENCE if same else scoring.SAME_MAJOR_EXPERIENCE
    years = int(min(max(related), scoring.MAX_YEARS_COUNTED))
    return base + scoring.POINTS_PER_YEAR * years


def _wish_points(wished: frozenset[str], occupation: str, major: str) -> int:
    if occupation in wished:
        return scoring.WISHED_OCCUPATION
    if any(code[:1] == major for code in wished):
        return scoring.WISHED_MAJOR
    return 0
