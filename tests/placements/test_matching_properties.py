"""Matching properties (issue 15, "must show"): a participant below an offer's required level
for a skill is never ranked above one who meets it, all else equal; matching never assigns."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from introsak.casefacts.occupations import occupations
from introsak.placements.domain.scoring import (
    SKILLS,
    Offer,
    Participant,
    assess,
    rank_key,
    rank_offers,
    rank_participants,
)

CODES = [o.code for o in occupations()]
SECTORS = ["kindergarten", "shop", "cleaning", "nursing_home", "hotel"]
DISTRICTS = ["st_hanshaugen", "ostensjo", "gamle_oslo"]
levels = st.tuples(*(st.integers(0, 6) for _ in SKILLS))
# No deadline: the machine is shared, and a slow example is not a wrong one.
PROPERTY_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def participants(draw: st.DrawFn, key: int = 1) -> Participant:
    return Participant(
        key=key,
        district=draw(st.sampled_from(DISTRICTS)),
        experience=tuple(
            draw(st.lists(st.tuples(st.sampled_from(CODES), st.floats(0, 30)), max_size=3))
        ),
        wished_occupations=frozenset(draw(st.lists(st.sampled_from(CODES), max_size=3))),
        wished_sectors=frozenset(draw(st.lists(st.sampled_from(SECTORS), max_size=2))),
        wished_districts=frozenset(draw(st.lists(st.sampled_from(DISTRICTS), max_size=2))),
        levels=draw(levels),
        available_hours=draw(st.none() | st.floats(0, 40)),
        formal_competence=draw(st.booleans()),
    )


@st.composite
def offers(draw: st.DrawFn, key: int = 1) -> Offer:
    return Offer(
        key=key,
        occupation=draw(st.sampled_from(CODES)),
        sector=draw(st.sampled_from(SECTORS)),
        district=draw(st.none() | st.sampled_from(DISTRICTS)),
        required=draw(levels),
        hours=draw(st.floats(1, 40)),
        places_left=draw(st.integers(0, 5)),
        formal_required=draw(st.booleans()),
    )


@PROPERTY_SETTINGS
@given(participants(), offers(), st.sampled_from(range(len(SKILLS))), st.data())
def test_below_the_required_level_never_ranks_above_meeting_it(
    person: Participant, offer: Offer, skill: int, data: st.DataObject
) -> None:
    need = data.draw(st.integers(1, 6))
    required = list(offer.required)
    required[skill] = need
    offer = replace(offer, required=tuple(required))  # type: ignore[arg-type]
    meets, below = list(person.levels), list(person.levels)
    meets[skill] = data.draw(st.integers(need, 6))
    below[skill] = data.draw(st.integers(0, need - 1))
    good = replace(person, key=1, levels=tuple(meets))  # type: ignore[arg-type]
    bad = replace(person, key=2, levels=tuple(below))  # type: ignore[arg-type]
    # Whichever comes first in the input, and whatever the tie-breaking key, the one who
    # meets the level ranks first.
    for good_key, bad_key in ((1, 2), (2, 1)):
        pair = [replace(bad, key=bad_key), replace(good, key=good_key)]
        ranked = rank_participants(offer, pair, limit=2)
        assert [a.participant for a in ranked] == [good_key, bad_key]
    assert assess(bad, offer).blockers > assess(good, offer).blockers


@PROPERTY_SETTINGS
@given(participants(), offers(), offers(key=2), st.sampled_from(range(len(SKILLS))))
def test_an_offer_the_participant_falls_short_of_ranks_below_one_they_meet(
    person: Participant, first: Offer, second: Offer, skill: int
) -> None:
    """The same property seen from the participant: of two offers alike but for one skill's
    requirement, the one above the participant's level ranks lower."""
    have = person.levels[skill]
    if have == 6:
        return
    met, short = list(first.required), list(first.required)
    met[skill] = min(have, first.required[skill])
    short[skill] = have + 1
    met_offer = replace(first, key=1, required=tuple(met))  # type: ignore[arg-type]
    short_offer = replace(first, key=0, required=tuple(short))  # type: ignore[arg-type]
    ranked = rank_offers(person, [short_offer, met_offer], limit=2)
    assert [a.offer for a in ranked] == [1, 0]


@PROPERTY_SETTINGS
@given(participants(), offers())
def test_every_assessment_explains_itself(person: Participant, offer: Offer) -> None:
    found = assess(person, offer)
    codes = [r.code for r in found.reasons]
    required = [n for n in offer.required if n]
    assert len([c for c in codes if c.startswith("language_")]) == len(required)
    assert ("no_places" in codes) == (offer.places_left <= 0)
    assert found.blockers == (
        sum(h < n for h, n in zip(person.levels, offer.required, strict=True))
        + int(offer.formal_required and not person.formal_competence)
        + int(offer.places_left <= 0)
    )


@PROPERTY_SETTINGS
@given(participants(), offers())
def test_the_fast_ranking_key_agrees_with_the_full_assessment(
    person: Participant, offer: Offer
) -> None:
    found = assess(person, offer)
    assert rank_key(person, offer) == (found.blockers, -found.score)
