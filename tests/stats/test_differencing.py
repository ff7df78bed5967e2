"""Statistics cannot single out a strictly confidential person by differencing (issue 12.1).

The mechanism (docs/statistics.md, "Differencing"): every statistic is counted over one
population, the same for every user and request, without strictly confidential persons;
a table by district is counted and suppressed over every district, so a district's row is
the same whether chosen alone or with others; periods are whole months for everyone without
the unsuppressed permission.

The properties are checked over pairs of requests that differ in the districts chosen, the
period's end (one day apart), the residence basis or the education, for an analyst and for
the coordinator of the district the protected persons live in: every answer is the same with
and without the strictly confidential persons in the database, so no sequence of answers
can tell anything about them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from functools import partial
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.casefacts.enums import ProtectedAddress
from introsak.cases.models import Person, ProgrammeCase
from introsak.stats import scope
from introsak.stats.domain.catalogue import VIEWS, ViewResult, compute_view
from introsak.stats.domain.filters import BasisGroup, Filters
from tests.factories import user
from tests.stats.builders import COLLECTIVE, OTHER, ended_case, import_with_staff, started_case

pytestmark = pytest.mark.django_db

AS_OF = date(2024, 8, 7)
PROTECTED_END = date(2024, 3, 14)
DISTRICT_POOL = ("grunerlokka", "sagene", "alna", "stovner")
LEVELS = ("none", "primary", "upper_secondary", "vocational_college", "higher")


def _ended(case_id: str, district: str, end: date, reason: str, **kw: Any) -> dict[str, Any]:
    case = ended_case(case_id, district=district, end=end, reason=reason, **kw)
    case["adviser"] = f"adviser-{district}"
    return case


def protected(case: dict[str, Any]) -> dict[str, Any]:
    case["person"]["protected_address"] = ProtectedAddress.STRICTLY_CONFIDENTIAL.value
    return case


def data_set() -> list[dict[str, Any]]:
    """The issue's situation: 21 participants with collective protection in Grünerløkka
    ended in 2024 with work, and one strictly confidential person did too (14 March);
    a few others in Sagene, Alna and Stovner, and more protected persons with small counts
    everywhere (ended, started, other basis, every education level)."""
    cases = [
        _ended(
            f"g-{i}",
            "grunerlokka",
            date(2024, 1, 8) + timedelta(days=9 * i),
            "work",
            basis=COLLECTIVE,
        )
        for i in range(21)
    ]
    cases += [
        _ended(
            f"g-other-{i}",
            "grunerlokka",
            date(2023, 5, 2) + timedelta(days=20 * i),
            reason,
            basis=OTHER,
            education=LEVELS[i % 5],
        )
        for i, reason in enumerate(["education", "other", "work", "qualification_measure"] * 2)
    ]
    cases += [
        _ended(
            f"s-{i}",
            "sagene",
            date(2023, 2, 1) + timedelta(days=31 * i),
            ["work", "education", "other"][i % 3],
            basis=(COLLECTIVE, OTHER)[i % 2],
            education=LEVELS[i % 5],
        )
        for i in range(17)
    ]
    cases += [
        _ended(
            f"a-{i}",
            "alna",
            date(2023, 9, 1) + timedelta(days=13 * i),
            "labour_market_measure",
            basis=COLLECTIVE,
            education=LEVELS[(i + 2) % 5],
        )
        for i in range(9)
    ]
    cases += [
        started_case(
            f"st-{i}",
            district="stovner",
            settled=date(2023, 3, 1) + timedelta(days=11 * i),
            start=date(2023, 5, 2) + timedelta(days=23 * i),
            adviser="adviser-stovner",
        )
        for i in range(7)
    ]
    cases += [
        protected(_ended("p-1", "grunerlokka", PROTECTED_END, "work", basis=COLLECTIVE)),
        protected(
            _ended(
                "p-2", "grunerlokka", date(2023, 11, 30), "other", basis=OTHER, education="primary"
            )
        ),
        protected(
            _ended(
                "p-3", "sagene", date(2024, 6, 3), "education", basis=COLLECTIVE, education="none"
            )
        ),
        protected(
            started_case(
                "p-4",
                district="grunerlokka",
                settled=date(2023, 6, 1),
                start=date(2024, 2, 5),
                adviser="adviser-protected",
            )
        ),
        protected(
            started_case(
                "p-5",
                district="stovner",
                settled=date(2022, 12, 1),
                start=date(2023, 9, 18),
                basis=OTHER,
            )
        ),
    ]
    return cases


@pytest.fixture(autouse=True)
def frozen_clock(settings) -> None:  # type: ignore[no-untyped-def]
    settings.INTROSAK_AS_OF = AS_OF


@pytest.fixture
def population() -> None:
    import_with_staff(data_set(), as_of=AS_OF)
    assert (
        Person.objects.filter(protected_address=ProtectedAddress.STRICTLY_CONFIDENTIAL).count() == 5
    )


@pytest.fixture
def people(population: None) -> dict[str, User]:
    return {
        "analyst": user("analyst", Role.CITY_ANALYST),
        "coordinator": user("coordinator", Role.TEAM_COORDINATOR, "grunerlokka"),
    }


# --- the example, on the web ----------------------------------------------------------


def read_csv(content: bytes) -> dict[tuple[str, str, str], dict[str, str]]:
    """The CSV download's rows by (table, row key, column key)."""
    text = content.decode("utf-8-sig")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    rows = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return {(r["table"], r["row_key"], r["column_key"]): r for r in rows}


def test_grunerlokka_alone_and_with_sagene_give_the_same_cell(people: dict[str, User]) -> None:
    """The issue: a Grünerløkka coordinator downloads end reasons for Grünerløkka, then for
    Grünerløkka and Sagene; "collective 2024 / work" went from 21 to 22."""
    client = Client()
    client.force_login(people["coordinator"])
    url = "/stats/end-reasons/download.csv"
    alone = read_csv(client.get(url, {"district": "grunerlokka"}).content)
    both = read_csv(client.get(url, {"district": ["grunerlokka", "sagene"]}).content)
    cell = ("end-reasons", "grunerlokka:collective:2024", "work")
    assert alone[cell]["count"] == "21"
    assert both[cell]["count"] == "21"


def test_moving_to_a_day_at_a_time_changes_nothing(people: dict[str, User]) -> None:
    """The issue: moving ``to=`` a day at a time showed the protected person's end date."""
    for who in people.values():
        client = Client()
        client.force_login(who)
        for districts in (["grunerlokka"], ["grunerlokka", "sagene"], []):
            answers = {
                client.get(
                    "/stats/end-reasons/download.csv",
                    {"district": districts, "from": "2024-01-01", "to": day.isoformat()},
                ).content
                for day in (PROTECTED_END + timedelta(days=d) for d in range(-3, 4))
            }
            assert len(answers) == 1, (who.username, districts)


# --- the property, over pairs of requests -------------------------------------------------------


@st.composite
def requests(draw: st.DrawFn) -> Filters:
    end = draw(st.dates(date(2023, 1, 1), AS_OF))
    start = draw(st.one_of(st.none(), st.dates(date(2021, 1, 1), end)))
    return Filters(
        as_of=AS_OF,
        start=start,
        end=draw(st.one_of(st.none(), st.just(end))),
        districts=tuple(
            d for d in DISTRICT_POOL if d in draw(st.sets(st.sampled_from(DISTRICT_POOL)))
        ),
        basis=draw(st.one_of(st.none(), st.sampled_from(BasisGroup))),
        education=draw(st.one_of(st.none(), st.sampled_from(LEVELS))),
    )


@st.composite
def neighbours(draw: st.DrawFn, first: Filters) -> Filters:
    """A request differing from ``first`` in one thing: a district more or less, the end a
    day earlier or later, the residence basis or the education."""
    change = draw(st.sampled_from(["district", "end", "basis", "education"]))
    if change == "district":
        toggled = draw(st.sampled_from(DISTRICT_POOL))
        chosen = set(first.districts) ^ {toggled}
        return replace(first, districts=tuple(d for d in DISTRICT_POOL if d in chosen))
    if change == "end":
        end = (first.end or AS_OF) + timedelta(days=draw(st.sampled_from([-1, 1])))
        end = min(end, AS_OF)
        return replace(first, end=end, start=min(first.start, end) if first.start else None)
    if change == "basis":
        return replace(first, basis=draw(st.one_of(st.none(), st.sampled_from(BasisGroup))))
    return replace(first, education=draw(st.one_of(st.none(), st.sampled_from(LEVELS))))


def answer(who: User, view: str, filters: Filters) -> ViewResult:
    return compute_view(view, scope.scope_for(who, filters), filters)


def answers(who: User, view: str, requests: tuple[Filters, ...]) -> list[ViewResult]:
    return [answer(who, view, f) for f in requests]


@transaction.atomic
def _without_protected_persons(compute: Any) -> Any:
    """``compute()`` with the strictly confidential persons deleted, then put back (the
    savepoint is rolled back)."""
    protected_cases = ProgrammeCase.objects.filter(
        person__protected_address=ProtectedAddress.STRICTLY_CONFIDENTIAL
    )
    persons = list(protected_cases.values_list("person_id", flat=True))
    protected_cases.delete()
    Person.objects.filter(pk__in=persons).delete()
    try:
        return compute()
    finally:
        transaction.set_rollback(True)


def district_rows(result: ViewResult) -> Iterator[tuple[str, str, Any]]:
    """(table, district, the row's cells and total) of every table by district."""
    for table in result.tables:
        if table.every_district:
            continue
        for header, cells, total in table.body:
            district = header.key.split(":")[0]
            if district in DISTRICT_POOL:
                yield table.key, header.key, (cells, total)


def _same_shown(a: Any, b: Any) -> bool:
    """Two rows agree on every number both show. A share is a number only where it is shown:
    a row whose total one answer hides shows its cells' counts without shares."""
    cells_a, total_a = a
    cells_b, total_b = b
    pairs = [*zip(cells_a, cells_b, strict=True), (total_a, total_b)]
    return all(
        x.count == y.count
        and x.value == y.value
        and (x.share is None or y.share is None or x.share == y.share)
        for x, y in pairs
        if x is not None and y is not None and not (x.suppressed or y.suppressed)
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_pair_of_requests_singles_out_a_protected_person(
    people: dict[str, User], data: st.DataObject
) -> None:
    view = data.draw(st.sampled_from(sorted(VIEWS)))
    first = data.draw(requests())
    second = data.draw(neighbours(first))
    for who in people.values():
        pair = answers(who, view, (first, second))
        # Nothing about the protected persons is in either answer.
        without = _without_protected_persons(partial(answers, who, view, (first, second)))
        assert [r.tables for r in pair] == [r.tables for r in without], (who.username, view)
        # A district's row is the same whether chosen alone or with others.
        if replace(first, districts=()) == replace(second, districts=()):
            rows = [dict(((t, k), v) for t, k, v in district_rows(r)) for r in pair]
            both_suppressed = all(r.suppressed for r in pair)
            for key in rows[0].keys() & rows[1].keys():
                if both_suppressed:
                    assert rows[0][key] == rows[1][key], (who.username, view, key)
                else:
                    assert _same_shown(rows[0][key], rows[1][key]), (who.username, view, key)
        # Two ends in the same month give the same answer.
        ends = [r.filters.end for r in pair]
        if (first.end or AS_OF).replace(day=1) == (second.end or AS_OF).replace(day=1) and (
            replace(first, end=None, start=None) == replace(second, end=None, start=None)
            and first.start == second.start
        ):
            assert pair[0].tables == pair[1].tables, (who.username, view, ends)


def test_protected_persons_are_in_no_statistic_for_anyone(people: dict[str, User]) -> None:
    """Not even for the unsuppressed permission or the coordinator cleared for them."""
    from introsak.access.domain.protection import clearance_grant

    coordinator = people["coordinator"]
    for person in Person.objects.filter(protected_address=ProtectedAddress.STRICTLY_CONFIDENTIAL):
        clearance_grant(
            user=coordinator,
            person=person,
            justification="Follows this participant's case",
            granted_by=coordinator,
        )
    own = Filters(as_of=AS_OF, districts=("grunerlokka",))
    table = answer(coordinator, "end-reasons", own).tables[0]
    assert table.cell("grunerlokka:collective:2024", "work").count == 21
    everything = compute_view(
        "end-reasons-by-district", scope.EVERY_CASE_UNSUPPRESSED, Filters(as_of=AS_OF)
    )
    assert everything.tables[0].row_total("grunerlokka").count == 21 + 8


def test_a_table_not_by_district_counts_every_district_when_suppressed(
    people: dict[str, User],
) -> None:
    chosen = Filters(as_of=AS_OF, districts=("sagene",))
    analyst = answer(people["analyst"], "end-reasons-by-basis", chosen).tables[0]
    everywhere = answer(people["analyst"], "end-reasons-by-basis", Filters(as_of=AS_OF)).tables[0]
    assert analyst.every_district
    assert analyst.cells == everywhere.cells
    own = answer(
        people["coordinator"], "end-reasons-by-basis", replace(chosen, districts=("grunerlokka",))
    )
    assert not own.tables[0].every_district
    assert own.tables[0].row_total("work").count == 21 + 2


def test_periods_are_whole_months_except_with_the_unsuppressed_permission(
    people: dict[str, User],
) -> None:
    filters = Filters(as_of=AS_OF, start=date(2023, 2, 17), end=date(2024, 3, 14))
    result = answer(people["analyst"], "end-reasons", filters)
    assert (result.period.first, result.period.last) == (date(2023, 2, 1), date(2024, 3, 31))
    this_month = answer(people["analyst"], "end-reasons", replace(filters, end=date(2024, 8, 2)))
    assert this_month.period.last == AS_OF  # a month not over ends today
    exact = compute_view("end-reasons", scope.EVERY_CASE_UNSUPPRESSED, filters)
    assert (exact.period.first, exact.period.last) == (date(2023, 2, 17), date(2024, 3, 14))
