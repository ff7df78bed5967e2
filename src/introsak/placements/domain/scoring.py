"""Matching participants and placement offers: a score with its reasons (pure Python).

Nothing here reads the database or assigns anyone: ``domain.matching`` loads the rows and
calls ``assess``; the adviser decides. Ranking counts *blockers* first: each skill in which
the Norwegian level is below the offer's requirement, formal competence required but
missing, and no place left. Fewer blockers rank higher, whatever the score, so a participant
below an offer's required level is never ranked above one who meets it when all else is
equal (``tests/placements/test_matching_properties.py``). With as many blockers, the score
orders: occupation fit with experience and wishes, sector and district wishes, hours against
availability, and the margin over the language requirement.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field

SKILLS = ("oral", "reading", "listening", "writing")
FULL_TIME_HOURS = 37.5

# Points (documented in docs/placements.md, "Matching").
SAME_GROUP_EXPERIENCE = 30
SAME_MAJOR_EXPERIENCE = 15
POINTS_PER_YEAR = 2
MAX_YEARS_COUNTED = 5
WISHED_OCCUPATION = 25
WISHED_MAJOR = 10
WISHED_SECTOR = 15
DISTRICT = 10
HOURS_FIT = 10
LANGUAGE_MET = 10


@dataclass(frozen=True, slots=True)
class Participant:
    key: int
    district: str
    experience: tuple[tuple[str, float], ...] = ()
    wished_occupations: frozenset[str] = frozenset()
    wished_sectors: frozenset[str] = frozenset()
    wished_districts: frozenset[str] = frozenset()
    levels: tuple[int, int, int, int] = (0, 0, 0, 0)  # per ``SKILLS``; 0: no test result
    available_hours: float | None = None
    formal_competence: bool = False


@dataclass(frozen=True, slots=True)
class Offer:
    key: int
    occupation: str
    sector: str
    district: str | None
    required: tuple[int, int, int, int] = (0, 0, 0, 0)
    hours: float = 0.0
    places_left: int = 1
    formal_required: bool = False


@dataclass(frozen=True, slots=True)
class Reason:
    """One line of the explanation: ``code`` names the phrase (``placements.phrases``);
    ``good`` says whether it speaks for or against the pair."""

    code: str
    good: bool
    params: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True, slots=True)
class Assessment:
    participant: int
    offer: int
    score: int
    blockers: int
    reasons: tuple[Reason, ...] = field(default=())

    def sort_key(self) -> tuple[int, int]:
        return (self.blockers, -self.score)


def _occupation(p: Participant, o: Offer) -> tuple[int, list[Reason]]:
    points, reasons = 0, []
    same = [years for code, years in p.experience if code == o.occupation]
    major = [years for code, years in p.experience if code[:1] == o.occupation[:1]]
    if same:
        years = max(same)
        points += SAME_GROUP_EXPERIENCE + POINTS_PER_YEAR * int(min(years, MAX_YEARS_COUNTED))
        reasons.append(Reason("experience", True, (("years", years),)))
    elif major:
        years = max(major)
        points += SAME_MAJOR_EXPERIENCE + POINTS_PER_YEAR * int(min(years, MAX_YEARS_COUNTED))
        reasons.append(Reason("related_experience", True, (("years", years),)))
    if o.occupation in p.wished_occupations:
        points += WISHED_OCCUPATION
        reasons.append(Reason("wished_occupation", True))
    elif any(code[:1] == o.occupation[:1] for code in p.wished_occupations):
        points += WISHED_MAJOR
        reasons.append(Reason("wished_major", True))
    elif p.wished_occupations:
        reasons.append(Reason("not_wished_occupation", False))
    return points, reasons


def _wishes(p: Participant, o: Offer) -> tuple[int, list[Reason]]:
    points, reasons = 0, []
    if o.sector in p.wished_sectors:
        points += WISHED_SECTOR
        reasons.append(Reason("wished_sector", True))
    wanted = p.wished_districts or frozenset({p.district})
    if o.district is None or o.district in wanted:
        points += DISTRICT
        reasons.append(Reason("district", True))
    else:
        reasons.append(Reason("other_district", False))
    return points, reasons


def _hours(p: Participant, o: Offer) -> tuple[int, list[Reason]]:
    if p.available_hours is None:
        return 0, []
    if o.hours <= p.available_hours:
        return HOURS_FIT, [Reason("hours_fit", True, (("hours", o.hours),))]
    params = (("hours", o.hours), ("available", p.available_hours))
    return 0, [Reason("hours_over", False, params)]


def _language(p: Participant, o: Offer) -> tuple[int, int, list[Reason]]:
    """Points, blockers (one per skill below the requirement) and one reason per skill with
    a requirement."""
    reasons, short = [], 0
    for skill, have, need in zip(SKILLS, p.levels, o.required, strict=True):
        if need == 0:
            continue
        ok = have >= need
        short += not ok
        code = "language_met" if ok else "language_below"
        reasons.append(Reason(code, ok, (("skill", skill), ("have", have), ("need", need))))
    if not reasons:
        return LANGUAGE_MET, 0, [Reason("no_language_requirement", True)]
    return (0, short, reasons) if short else (LANGUAGE_MET, 0, reasons)


def assess(p: Participant, o: Offer) -> Assessment:
    """The pair's score, blockers and reasons."""
    occupation, why_occupation = _occupation(p, o)
    wishes, why_wishes = _wishes(p, o)
    hours, why_hours = _hours(p, o)
    language, blockers, why_language = _language(p, o)
    extra: list[Reason] = []
    if o.formal_required and not p.formal_competence:
        blockers += 1
        extra.append(Reason("formal_missing", False))
    elif not o.formal_required:
        extra.append(Reason("no_formal_requirement", True))
    if o.places_left <= 0:
        blockers += 1
        extra.append(Reason("no_places", False))
    else:
        extra.append(Reason("places_left", True, (("places", o.places_left),)))
    return Assessment(
        participant=p.key,
        offer=o.key,
        score=occupation + wishes + hours + language,
        blockers=blockers,
        reasons=(*why_occupation, *why_language, *why_wishes, *why_hours, *extra),
    )


def rank_key(p: Participant, o: Offer) -> tuple[int, int]:
    """``(blockers, -score)`` of ``assess(p, o)`` without building its reasons: ranking
    thousands of pairs needs only the order, and the shown few are assessed in full
    (``tests/placements/test_matching_properties.py`` checks that the two agree)."""
    blockers = sum(1 for have, need in zip(p.levels, o.required, strict=True) if have < need)
    score = 0 if blockers else LANGUAGE_MET
    if o.formal_required and not p.formal_competence:
        blockers += 1
    if o.places_left <= 0:
        blockers += 1
    major = o.occupation[:1]
    same = [years for code, years in p.experience if code == o.occupation]
    related = same or [years for code, years in p.experience if code[:1] == major]
    if related:
        base = SAME_GROUP_EXPERIENCE if same else SAME_MAJOR_EXPERIENCE
        score += base + POINTS_PER_YEAR * int(min(max(related), MAX_YEARS_COUNTED))
    if o.occupation in p.wished_occupations:
        score += WISHED_OCCUPATION
    elif any(code[:1] == major for code in p.wished_occupations):
        score += WISHED_MAJOR
    if o.sector in p.wished_sectors:
        score += WISHED_SECTOR
    if o.district is None or o.district in (p.wished_districts or (p.district,)):
        score += DISTRICT
    if p.available_hours is not None and o.hours <= p.available_hours:
        score += HOURS_FIT
    return blockers, -score


def rank_offers(p: Participant, offers: Iterable[Offer], limit: int) -> list[Assessment]:
    """The best ``limit`` offers for a participant (ties: the offer's key), assessed."""
    best = heapq.nsmallest(limit, offers, key=lambda o: (*rank_key(p, o), o.key))
    return [assess(p, o) for o in best]


def rank_participants(o: Offer, people: Iterable[Participant], limit: int) -> list[Assessment]:
    """The best ``limit`` participants for an offer (ties: the case's key), assessed."""
    best = heapq.nsmallest(limit, people, key=lambda p: (*rank_key(p, o), p.key))
    return [assess(p, o) for p in best]
