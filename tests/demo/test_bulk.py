"""``generate_bulk`` streams any number of valid cases for import benchmarks."""

from __future__ import annotations

import itertools

from introsak.casefacts.parse import parse_case
from introsak.casefacts.serialize import case_to_dict
from introsak_demo import generate_bulk


def test_bulk_yields_exactly_count_unique_valid_cases_across_blocks() -> None:
    cases = list(generate_bulk(seed=7, count=5_600))  # more than one demo-sized block
    assert len(cases) == 5_600
    assert len({c.case_id for c in cases}) == len(cases)
    ids = [c.person.national_id for c in cases if c.person.national_id]
    assert len(set(ids)) == len(ids)
    assert {c.case_id[:5] for c in cases} == {"B0001", "B0002"}
    for case in cases[::50]:
        assert parse_case(case_to_dict(case)).case == case


def test_bulk_is_a_stream() -> None:
    first = list(itertools.islice(generate_bulk(seed=7, count=10**9), 3))
    assert len(first) == 3


def test_bulk_is_deterministic() -> None:
    a = [c.case_id for c in itertools.islice(generate_bulk(seed=3, count=200), 200)]
    b = [c.case_id for c in generate_bulk(seed=3, count=200)]
    assert a == b
    assert list(generate_bulk(seed=3, count=0)) == []
