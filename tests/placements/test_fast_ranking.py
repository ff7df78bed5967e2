"""The every-case ranking over raw rows (``matching.rank_rows``, issue 15: one offer among
100,000 cases) gives exactly what ranking full participants gives
(``scoring.rank_participants``): the same cases, in the same order, with the same
assessments."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from introsak.placements.domain.matching import participant_for_row, rank_rows
from introsak.placements.domain.requirements import RANKS
from introsak.placements.domain.scoring import Offer, rank_participants
from tests.placements.test_matching_properties import (
    CODES,
    DISTRICTS,
    PROPERTY_SETTINGS,
    SECTORS,
    offers,
)

LEVEL_TEXT = {rank: text for text, rank in RANKS.items()}
SLUGS = dict(enumerate(DISTRICTS, start=1))
# A small pool of occupations (two major groups) for the rows and the offer alike, so that
# experience and wishes often fit the offer and the memoised parts are reused across rows.
POOL = [*CODES[:3], *CODES[-3:]]
EDUCATION = ["none", "primary", "upper_secondary", "vocational_college", "higher"]


@st.composite
def rows(draw: st.DrawFn, key: int) -> tuple[Any, ...]:
    """One ``rank_cases`` row: the case, then its work profile's columns (``None`` when the
    case has no profile yet)."""
    case = (
        key,
        draw(st.sampled_from(sorted(SLUGS))),
        draw(st.sampled_from(EDUCATION)),
    )
    if draw(st.booleans()):
        return (*case, *([None] * 10))
    experience = draw(
        st.lists(
            st.fixed_dictionaries(
                {"occupation": st.sampled_from(POOL), "years": st.sampled_from([0, 1.5, 7])}
            ),
            max_size=2,
        )
    )
    wished = draw(st.lists(st.sampled_from(POOL), max_size=2, unique=True))
    sectors = draw(st.lists(st.sampled_from(SECTORS), max_size=2, unique=True))
    districts = draw(st.lists(st.sampled_from(DISTRICTS), max_size=2, unique=True))
    levels = [LEVEL_TEXT[draw(st.integers(0, len(RANKS) - 1))] for _ in range(4)]
    hours = draw(st.none() | st.sampled_from([10.0, 20.0, 37.5]))
    percent = draw(st.none() | st.sampled_from([50, 100]))
    texts = [json.dumps(x) for x in (experience, wished, sectors, districts)]
    return (*case, *texts, *levels, hours, percent)


@PROPERTY_SETTINGS
@given(st.data(), offers(), st.integers(1, 12))
def test_ranking_rows_equals_ranking_participants(
    data: st.DataObject, offer: Offer, limit: int
) -> None:
    offer = replace(
        offer,
        occupation=data.draw(st.sampled_from(POOL)),
        hours=data.draw(st.sampled_from([10.0, 18.75, 20.0, 37.5, 40.0])),
    )
    count = data.draw(st.integers(0, 40))
    table = [data.draw(rows(key)) for key in range(1, count + 1)]
    people = [participant_for_row(row, SLUGS) for row in table]

    assert rank_rows(offer, table, SLUGS, limit) == rank_participants(offer, people, limit)
