"""The worklist's power features (issue 14 item 9): ready filters combined (AND) with the
combination's count, bulk reassignment, saved filter sets and the coordinator's workload
view, with query counts that do not grow with the rows."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from introsak.cases import models
from introsak.workspace.domain.worklist import FILTERS_BY_KEY, parse_query
from tests.workspace.builders import AS_OF, Staff, caseload, load

pytestmark = pytest.mark.django_db

URL = reverse("workspace:worklist")


def _names(html: str) -> list[str]:
    return re.findall(r'id="case-link-\d+" hx-boost="false">([^<]+)</a>', html)


def _combined_count(html: str) -> int:
    found = re.search(r'id="combined-count" data-count="(\d+)"', html)
    assert found
    return int(found.group(1))


def _matching(adviser: Any, *keys: str) -> set[str]:
    cases = models.ProgrammeCase.objects.filter(adviser=adviser).exclude(stage="certified")
    for key in keys:
        cases = cases.filter(FILTERS_BY_KEY[key].cases(AS_OF))
    return set(cases.values_list("person__name", flat=True))


def test_combined_filters_list_the_cases_matching_every_one_with_the_count(
    client: Client, people: Staff
) -> None:
    load(caseload("radgiver.sth", 24))
    client.force_login(people.adviser)
    both = _matching(people.adviser, "overdue", "no_three_party")
    only_overdue = _matching(people.adviser, "overdue")
    assert both and both < only_overdue  # the combination narrows the list

    html = client.get(URL, [("filter", "overdue"), ("and", "no_three_party")]).content.decode()

    assert _combined_count(html) == len(both)
    assert set(_names(html)) == both
    assert '<input type="checkbox" name="and" value="no_three_party"' in html.replace(
        'class="ds-input" ', ""
    )
    # the single filter's own count stays live next to the combination
    assert re.search(
        rf'id="filter-overdue"[^>]*>[^<]*<span class="app-filter__count">'
        rf"{len(only_overdue)}<",
        html,
    )
    # sorting keeps the combination; choosing another filter drops it
    sort = re.search(r'href="([^"]+)" id="sort-1"', html)
    assert sort and "and=no_three_party" in sort.group(1)
    chip = re.search(r'<a class="app-filter[^"]*" id="filter-no_mapping" href="([^"]+)"', html)
    assert chip and "and=" not in chip.group(1)


def test_and_is_read_only_with_a_chosen_filter_and_known_keys(people: Staff) -> None:
    query = parse_query(people.adviser, {"filter": "overdue", "and": "no_contract,bogus,overdue"})
    assert (query.filter, query.also, query.combined) == (
        "overdue",
        ("no_contract",),
        ("overdue", "no_contract"),
    )
    assert parse_query(people.adviser, {"and": "no_contract"}).also == ()


def test_combining_costs_one_query_whatever_the_number_of_rows(
    client: Client, people: Staff, django_assert_num_queries: Any
) -> None:
    client.force_login(people.adviser)
    load(caseload("radgiver.sth", 3, prefix="S"))
    params = [("filter", "overdue"), ("and", "no_three_party"), ("and", "no_mapping")]
    client.get(URL, params)
    with django_assert_num_queries(5):  # session, user, counts, the combination, the rows
        client.get(URL, params)
    load(caseload("radgiver.sth", 30, prefix="T"))
    with django_assert_num_queries(5):
        html = client.get(URL, params).content.decode()
    assert _combined_count(html) == len(
        _matching(people.adviser, "overdue", "no_mapping", "no_three_party")
    )
