"""Every generated case is valid case facts, a snapshot on the as-of date, with synthetic ids."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date

from introsak.casefacts.districts import DISTRICT_SLUGS
from introsak.casefacts.model import CaseFacts
from introsak.casefacts.parse import parse_case
from introsak.casefacts.serialize import case_to_dict
from introsak.identity import IdentityKind, parse_identity_number
from introsak_demo import DemoData, StaffRole, demo_logins


def dates_in(obj: object) -> Iterator[tuple[str, date]]:
    """Every date anywhere in a case, with its path."""
    if isinstance(obj, date):
        yield "", obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            for path, day in dates_in(getattr(obj, f.name)):
                yield f"{f.name}.{path}".rstrip("."), day
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            for path, day in dates_in(item):
                yield f"[{i}].{path}".rstrip("."), day


def test_every_case_parses_and_round_trips_without_warnings(demo: DemoData) -> None:
    problems = []
    for case in demo.cases:
        parsed = parse_case(case_to_dict(case), allow_synthetic_ids=True, as_of=demo.as_of)
        if parsed.case != case or parsed.warnings:
            problems.append((case.case_id, parsed.warnings[:2]))
    assert problems == []


def test_no_fact_is_dated_after_the_as_of_date(demo: DemoData) -> None:
    late = [
        (c.case_id, path, day) for c in demo.cases for path, day in dates_in(c) if day > demo.as_of
    ]
    assert late == []


def test_programmes_running_on_the_as_of_date_have_no_end(demo: DemoData) -> None:
    for case in demo.cases:
        if case.end_date is not None:
            assert case.start_date is not None and case.end_reason is not None


def test_identity_numbers_are_synthetic_valid_and_unique(demo: DemoData) -> None:
    numbers = [c.person.national_id for c in demo.cases if c.person.national_id]
    assert len(numbers) > 0.95 * len(demo.cases)
    assert len(set(numbers)) == len(numbers)
    kinds: Counter[IdentityKind] = Counter()
    for value in numbers:
        assert int(value[2:4]) >= 81
        number = parse_identity_number(value, allow_synthetic=True)
        assert number.synthetic
        kinds[number.kind] += 1
    assert set(kinds) <= {IdentityKind.FODSELSNUMMER, IdentityKind.D_NUMBER}


def test_identity_numbers_encode_the_birth_date(demo: DemoData) -> None:
    for case in demo.cases[:500]:
        value = case.person.national_id
        if value is not None and int(value[0]) < 4:  # fødselsnummer, not a D-number
            assert parse_identity_number(value, allow_synthetic=True).birth_date == (
                case.person.birth_date
            )


def test_case_ids_are_unique_and_readable(demo: DemoData) -> None:
    ids = [c.case_id for c in demo.cases]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"OSL-\d{2}-\d{5}", i) for i in ids)


def test_names_are_in_latin_letters(demo: DemoData) -> None:
    cyrillic = re.compile("[\u0400-\u04ff]")
    assert not [
        c.person.name for c in demo.cases if c.person.name and cyrillic.search(c.person.name)
    ]


def test_each_case_has_a_programme_adviser_of_its_own_district(demo: DemoData) -> None:
    advisers = {s.username: s.district for s in demo.staff if s.role is StaffRole.PROGRAMME_ADVISER}
    for case in demo.cases:
        assert case.adviser is not None
        assert advisers[case.adviser] == case.district


def test_staff_usernames_roles_and_districts(demo: DemoData) -> None:
    usernames = [s.username for s in demo.staff]
    assert len(set(usernames)) == len(usernames)
    for district in DISTRICT_SLUGS:
        mine = Counter(s.role for s in demo.staff if s.district == district)
        assert mine[StaffRole.TEAM_COORDINATOR] == 1
        assert 1 <= mine[StaffRole.SETTLEMENT_WORKER] <= 3
        assert mine[StaffRole.PROGRAMME_ADVISER] >= 2
    central = Counter(s.role for s in demo.staff if s.district is None)
    assert central == {
        StaffRole.CITY_ANALYST: 2,
        StaffRole.AUDITOR: 2,
        StaffRole.ADMINISTRATOR: 1,
        StaffRole.PLANNER: 1,
    }
    assert all(len(s.full_name.split(" ")) == 2 for s in demo.staff)
    assert all(s.email.endswith("@introsak.example") for s in demo.staff)


def test_demo_logins_name_one_staff_member_per_role(demo: DemoData) -> None:
    staff = {s.username: s for s in demo.staff}
    logins = demo_logins()
    assert sorted(login.role for login in logins) == sorted(StaffRole)
    for login in logins:
        member = staff[login.username]
        assert (member.role, member.district) == (login.role, login.district)


def test_demo_logins_do_not_depend_on_the_seed() -> None:
    assert [login.username for login in demo_logins()] == [
        "radgiver.st_hanshaugen.1",
        "bosetter.st_hanshaugen.1",
        "koordinator.st_hanshaugen",
        "analytiker.1",
        "revisor.1",
        "admin",
        "planlegger.1",
    ]


def test_all_districts_are_real(demo: DemoData) -> None:
    assert {c.district for c in demo.cases} == set(DISTRICT_SLUGS)


def test_case_type_is_case_facts(demo: DemoData) -> None:
    assert all(isinstance(c, CaseFacts) for c in demo.cases)
