"""The same seed gives the same demo, byte for byte; another seed another one."""

from __future__ import annotations

from introsak.casefacts.serialize import dumps_case
from introsak_demo import DemoData, generate


def test_same_seed_same_data(demo: DemoData) -> None:
    again = generate(seed=demo.seed)
    assert [dumps_case(c) for c in again.cases] == [dumps_case(c) for c in demo.cases]
    assert again.staff == demo.staff


def test_other_seed_other_data(demo: DemoData) -> None:
    other = generate(seed=demo.seed + 1)
    assert [c.person.name for c in other.cases[:50]] != [c.person.name for c in demo.cases[:50]]


def test_without_children_only_the_children_are_left_out(demo: DemoData) -> None:
    adults = generate(seed=demo.seed, include_children=False)
    kept = {c.case_id for c in adults.cases}
    left_out = [c for c in demo.cases if c.case_id not in kept]
    assert left_out
    assert all((demo.as_of - c.person.birth_date).days < 21 * 366 for c in left_out)
    assert all(c.start_date is None for c in left_out)
    by_id = {c.case_id: c for c in demo.cases}
    assert all(by_id[c.case_id] == c for c in adults.cases)
