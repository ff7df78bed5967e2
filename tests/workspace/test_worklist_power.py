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
from introsak.workspace.models import SavedFilter
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


# --- bulk reassignment ------------------------------------------------------------------

REASSIGN = reverse("workspace:reassign")


def _reassign_post(cases: list[models.ProgrammeCase], adviser: Any, **extra: str) -> dict[str, Any]:
    data: dict[str, Any] = {"case": [str(c.pk) for c in cases], "new_adviser": str(adviser.pk)}
    data.update({f"version-{c.pk}": str(c.version) for c in cases})
    data.update(extra)
    return data


def test_a_coordinator_reassigns_several_cases_in_one_action_logged_per_case(
    client: Client, people: Staff
) -> None:
    load(caseload("radgiver.sth", 6))
    client.force_login(people.coordinator)
    page = client.get(REASSIGN, {"filter": "overdue"}).content.decode()
    overdue = models.ProgrammeCase.objects.filter(FILTERS_BY_KEY["overdue"].cases(AS_OF))
    assert page.count('name="case"') == overdue.count()
    chosen = list(models.ProgrammeCase.objects.order_by("pk")[:4])

    response = client.post(REASSIGN, _reassign_post(chosen, people.colleague, filter="overdue"))

    back = REASSIGN + "?scope=district&filter=overdue"
    assert (response.status_code, response["Location"]) == (302, back)
    for case in chosen:
        after = models.ProgrammeCase.objects.get(pk=case.pk)
        assert (after.adviser, after.version) == (people.colleague, case.version + 1)
        change = models.CaseChange.objects.get(case=case, version=after.version)
        assert (change.step, change.user) == ("reassign", people.coordinator)
    assert models.ProgrammeCase.objects.filter(adviser=people.adviser).count() == 2


def test_bulk_reassignment_is_all_or_nothing(client: Client, people: Staff) -> None:
    load(caseload("radgiver.sth", 3))
    client.force_login(people.coordinator)
    cases = list(models.ProgrammeCase.objects.order_by("pk"))
    # a colleague changed one case after the list was made: nothing is written
    models.ProgrammeCase.objects.filter(pk=cases[1].pk).update(version=cases[1].version + 1)
    stale = client.post(REASSIGN, _reassign_post(cases, people.colleague))
    assert stale.status_code == 409
    # no case chosen, no adviser: refused on the fields
    empty = client.post(REASSIGN, {"new_adviser": ""})
    assert empty.status_code == 400
    assert 'href="#reassign-cases"' in empty.content.decode()
    assert 'href="#reassign-adviser"' in empty.content.decode()
    # an adviser of another district
    other = client.post(REASSIGN, _reassign_post(cases[:1], people.other_adviser))
    assert other.status_code == 400
    assert not models.CaseChange.objects.exists()
    assert set(models.ProgrammeCase.objects.values_list("adviser", flat=True)) == {
        people.adviser.pk
    }


def test_only_coordinators_reassign_and_only_cases_of_their_district(
    client: Client, people: Staff
) -> None:
    load(caseload("radgiver.sth", 2))
    load(caseload("radgiver.ost", 1, prefix="O", district="ostensjo"))
    client.force_login(people.adviser)
    assert client.get(REASSIGN).status_code == 403
    assert 'id="reassign-link"' not in client.get(URL).content.decode()
    client.force_login(people.coordinator)
    assert 'id="reassign-link"' in client.get(URL).content.decode()
    foreign = models.ProgrammeCase.objects.get(district__slug="ostensjo")
    own = models.ProgrammeCase.objects.filter(district__slug="st_hanshaugen").first()
    assert own is not None
    response = client.post(REASSIGN, _reassign_post([own, foreign], people.colleague))
    assert response.status_code == 404
    assert not models.CaseChange.objects.exists()


def test_bulk_reassignment_queries_do_not_grow_with_the_cases(
    client: Client, people: Staff, django_assert_max_num_queries: Any
) -> None:
    load(caseload("radgiver.sth", 24))
    client.force_login(people.coordinator)
    cases = list(models.ProgrammeCase.objects.order_by("pk"))
    client.get(REASSIGN)
    with django_assert_max_num_queries(12) as few:
        client.post(REASSIGN, _reassign_post(cases[:2], people.colleague))
    cases = list(models.ProgrammeCase.objects.order_by("pk"))
    with django_assert_max_num_queries(12) as many:
        client.post(REASSIGN, _reassign_post(cases[2:], people.colleague))
    assert len(few.captured_queries) == len(many.captured_queries)
    assert models.CaseChange.objects.count() == 24
    with django_assert_max_num_queries(6) as listing:
        html = client.get(REASSIGN).content.decode()
    assert html.count('name="case"') == 24 and len(listing.captured_queries) <= 6


# --- the coordinator's workload view ---------------------------------------------------------

WORKLOAD = reverse("workspace:workload")


def _cell(html: str, row: str, key: str) -> int:
    found = re.search(
        rf'<tr id="workload-{row}">.*?data-key="{key}">(?:<a[^>]*>)?(\d+)<', html, re.S
    )
    assert found, (row, key)
    return int(found.group(1))


def test_the_workload_view_counts_per_adviser_like_the_worklist(
    client: Client, people: Staff
) -> None:
    load(caseload("radgiver.sth", 9))
    load(caseload("radgiver.sth2", 4, prefix="P"))
    load(caseload("radgiver.ost", 2, prefix="O", district="ostensjo"))
    client.force_login(people.coordinator)
    html = client.get(WORKLOAD).content.decode()
    for adviser in (people.adviser, people.colleague):
        mine = models.ProgrammeCase.objects.filter(adviser=adviser).exclude(stage="certified")
        assert _cell(html, str(adviser.pk), "cases") == mine.count()
        for key in ("overdue", "due_soon"):
            expected = mine.filter(FILTERS_BY_KEY[key].cases(AS_OF)).count()
            assert _cell(html, str(adviser.pk), key) == expected
    assert _cell(html, "total", "cases") == 13  # Østensjø's cases are not the district's
    assert f"?scope=district&amp;adviser={people.adviser.pk}&amp;filter=overdue" in html


def test_no_activity_counts_cases_without_a_meeting_note_or_step_in_the_period(
    client: Client, people: Staff
) -> None:
    load(
        [
            *caseload("radgiver.sth", 3),
        ]
    )
    client.force_login(people.coordinator)
    recent = models.ProgrammeCase.objects.order_by("pk").first()
    assert recent is not None
    models.JournalNote.objects.create(case=recent, written_on=AS_OF, text="Ringte.")
    html = client.get(WORKLOAD, {"days": "30"}).content.decode()
    open_cases = models.ProgrammeCase.objects.exclude(stage="certified")
    assert _cell(html, str(people.adviser.pk), "idle") == open_cases.count() - 1
    assert "Ingen aktivitet på 30 dager" in html
    assert 'value="30"' in client.get(WORKLOAD, {"days": "30"}).content.decode()
    assert 'value="60"' in client.get(WORKLOAD, {"days": "9999"}).content.decode()


def test_only_coordinators_see_the_workload_view(client: Client, people: Staff) -> None:
    client.force_login(people.adviser)
    assert client.get(WORKLOAD).status_code == 403
    client.force_login(people.coordinator)
    assert 'id="workload-link"' in client.get(URL).content.decode()


def test_the_workload_view_costs_the_same_queries_for_any_number_of_cases(
    client: Client, people: Staff, django_assert_num_queries: Any
) -> None:
    client.force_login(people.coordinator)
    load(caseload("radgiver.sth", 2, prefix="S"))
    client.get(WORKLOAD)
    with django_assert_num_queries(4):  # session, user, the counts, the advisers
        client.get(WORKLOAD)
    load(caseload("radgiver.sth", 30, prefix="T"))
    load(caseload("radgiver.sth2", 30, prefix="U"))
    with django_assert_num_queries(4):
        html = client.get(WORKLOAD).content.decode()
    assert (
        _cell(html, "total", "cases")
        == models.ProgrammeCase.objects.exclude(stage="certified").count()
    )


# --- saved filter sets -----------------------------------------------------------------------

SAVED = reverse("workspace:saved")


def test_a_saved_filter_set_keeps_the_view_but_never_the_search_text(
    client: Client, people: Staff
) -> None:
    client.force_login(people.adviser)
    response = client.post(
        SAVED,
        {
            "name": "  Forsinket   uten trekant ",
            "scope": "mine",
            "filter": "overdue",
            "and": "no_three_party",
            "sort": "-start",
            "q": "Olena Kovalenko",
        },
    )
    saved = SavedFilter.objects.get(user=people.adviser)
    assert saved.name == "Forsinket uten trekant"
    assert saved.query == "scope=mine&filter=overdue&and=no_three_party&sort=-start"
    assert (response.status_code, response["Location"]) == (302, f"{URL}?{saved.query}")
    listed = client.get(SAVED, headers={"HX-Request": "true", "HX-Target": "saved-list"})
    html = listed.content.decode()
    assert "<html" not in html
    assert (
        f'href="{URL}?scope=mine&amp;filter=overdue&amp;and=no_three_party&amp;sort=-start"' in html
    )
    # saving under the same name replaces the set
    client.post(SAVED, {"name": "Forsinket uten trekant", "scope": "mine", "filter": "due_soon"})
    assert SavedFilter.objects.get(user=people.adviser).query == "scope=mine&filter=due_soon"


def test_saved_sets_are_per_user_and_a_name_is_required(client: Client, people: Staff) -> None:
    SavedFilter.objects.create(user=people.colleague, name="Per sitt", query="scope=mine")
    client.force_login(people.adviser)
    response = client.post(SAVED, {"name": "   ", "scope": "mine"})
    assert response.status_code == 302
    assert not SavedFilter.objects.filter(user=people.adviser).exists()
    assert "Per sitt" not in client.get(SAVED).content.decode()
    theirs = SavedFilter.objects.get(user=people.colleague)
    delete = reverse("workspace:saved-delete", args=[theirs.pk])
    assert client.post(delete).status_code == 404
    assert SavedFilter.objects.filter(pk=theirs.pk).exists()
    client.force_login(people.colleague)
    assert client.post(delete).status_code == 302
    assert not SavedFilter.objects.exists()


def test_the_saved_list_costs_the_same_queries_for_any_number_of_sets(
    client: Client, people: Staff, django_assert_num_queries: Any
) -> None:
    client.force_login(people.adviser)
    client.get(SAVED)
    SavedFilter.objects.create(user=people.adviser, name="A", query="scope=mine")
    with django_assert_num_queries(3):  # session, user, the sets
        client.get(SAVED)
    SavedFilter.objects.bulk_create(
        SavedFilter(user=people.adviser, name=f"S{i}", query="scope=mine") for i in range(20)
    )
    with django_assert_num_queries(3):
        html = client.get(SAVED).content.decode()
    assert html.count('class="app-saved__item"') == 21
