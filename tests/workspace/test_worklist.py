"""The worklist: scope, ready filters with live counts, search, sorting, pages, access."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from introsak.access.domain.gateway import visible_cases
from introsak.cases import models
from introsak.workspace.domain.worklist import FILTERS, Query, Scope, filter_counts, worklist
from tests.factories import with_national_id
from tests.workspace.builders import (
    AS_OF,
    Staff,
    caseload,
    ended_without_meeting,
    load,
    running,
    undecided,
)

pytestmark = pytest.mark.django_db

URL = reverse("workspace:worklist")


def _names(html: str) -> list[str]:
    return re.findall(r'id="case-link-\d+" hx-boost="false">([^<]+)</a>', html)


def _count(html: str, key: str) -> int:
    found = re.search(rf'id="filter-{key}"[^>]*>[^<]*<span class="app-filter__count">(\d+)<', html)
    assert found, key
    return int(found.group(1))


@pytest.fixture
def mixed(people: Staff) -> Staff:
    load(
        [
            ended_without_meeting("A-1", "radgiver.sth", name="Anna Ended"),
            undecided("A-2", "radgiver.sth", name="Bashir Waiting"),
            running("A-3", "radgiver.sth", name="Chrystia Running"),
            running("B-1", "radgiver.sth2", name="Dmytro Colleague"),
            running("O-1", "radgiver.ost", name="Eva Ostensjo", district="ostensjo"),
        ]
    )
    return people


def _login(client: Client, account: Any) -> Client:
    client.force_login(account)
    return client


def test_adviser_sees_own_participants_by_default_nearest_deadline_first(
    client: Client, mixed: Staff
) -> None:
    html = _login(client, mixed.adviser).get(URL).content.decode()
    assert _names(html) == ["Anna Ended", "Bashir Waiting", "Chrystia Running"]


def test_district_view_has_the_colleagues_cases_but_never_another_district(
    client: Client, mixed: Staff
) -> None:
    html = _login(client, mixed.adviser).get(URL, {"scope": "district"}).content.decode()
    assert sorted(_names(html)) == [
        "Anna Ended",
        "Bashir Waiting",
        "Chrystia Running",
        "Dmytro Colleague",
    ]


def test_coordinator_starts_in_the_district_view_and_can_pick_an_adviser(
    client: Client, mixed: Staff
) -> None:
    client = _login(client, mixed.coordinator)
    assert len(_names(client.get(URL).content.decode())) == 4
    html = client.get(
        URL, {"scope": "district", "adviser": str(mixed.colleague.pk)}
    ).content.decode()
    assert _names(html) == ["Dmytro Colleague"]


def test_filter_counts_are_exact_and_filters_select_the_cases(client: Client, mixed: Staff) -> None:
    client = _login(client, mixed.adviser)
    html = client.get(URL).content.decode()
    counts = {
        key: _count(html, key)
        for key in (
            "all",
            "overdue",
            "due_soon",
            "not_started",
            "no_mapping",
            "no_three_party",
            "no_contract",
            "time_running_out",
            "no_recognition",
            "no_jobseeker",
            "work_hours",
            "no_certificate",
        )
    }
    assert counts == {
        "all": 3,
        "overdue": 2,
        "due_soon": 0,
        "not_started": 1,
        "no_mapping": 0,
        "no_three_party": 1,
        "no_contract": 0,
        "time_running_out": 0,
        "no_recognition": 0,
        "no_jobseeker": 0,
        "work_hours": 0,
        "no_certificate": 1,
    }
    assert _names(client.get(URL, {"filter": "no_three_party"}).content.decode()) == ["Anna Ended"]
    assert _names(client.get(URL, {"filter": "not_started"}).content.decode()) == ["Bashir Waiting"]


def test_stored_pending_deadline_that_has_passed_counts_as_overdue(mixed: Staff) -> None:
    """The running case's TRI-01 was stored as pending, due 2024-12-03; a week after that,
    without any recompute, the worklist counts it as overdue and as a missing meeting."""
    stored = models.CaseFinding.objects.get(case__case_id="A-3", rule="TRI-01")
    assert (stored.status, stored.deadline) == ("pending", date(2024, 12, 3))
    mine = models.ProgrammeCase.objects.filter(adviser=mixed.adviser)
    now, later = filter_counts(mine, AS_OF), filter_counts(mine, date(2024, 12, 10))
    assert (now["overdue"], later["overdue"]) == (2, 3)
    assert (now["no_three_party"], later["no_three_party"]) == (1, 2)
    rows = worklist(
        mixed.adviser, Query(scope=Scope.MINE, filter="no_three_party"), date(2024, 12, 10)
    ).rows
    assert [r.case_id for r in rows] == ["A-1", "A-3"]


def test_search_by_name_and_by_case_number(client: Client, mixed: Staff) -> None:
    client = _login(client, mixed.adviser)
    assert _names(client.get(URL, {"q": "bashir"}).content.decode()) == ["Bashir Waiting"]
    assert _names(client.get(URL, {"q": "a-3"}).content.decode()) == ["Chrystia Running"]
    html = client.get(URL, {"q": "nobody"}).content.decode()
    assert _names(html) == []
    assert _count(html, "all") == 0


def test_sorting_by_name_both_ways_and_by_stage(client: Client, mixed: Staff) -> None:
    client = _login(client, mixed.adviser)
    assert _names(client.get(URL, {"sort": "name"}).content.decode()) == [
        "Anna Ended",
        "Bashir Waiting",
        "Chrystia Running",
    ]
    assert _names(client.get(URL, {"sort": "-name"}).content.decode()) == [
        "Chrystia Running",
        "Bashir Waiting",
        "Anna Ended",
    ]
    html = client.get(URL, {"sort": "stage"}).content.decode()
    assert _names(html) == ["Bashir Waiting", "Chrystia Running", "Anna Ended"]
    assert 'aria-sort="ascending"><a class="app-sort" href="?scope=mine&amp;sort=-stage"' in html


def test_pages_of_25_keep_filter_and_sort_in_the_url(client: Client, people: Staff) -> None:
    load(caseload("radgiver.sth", 30))
    client = _login(client, people.adviser)
    first = client.get(URL, {"sort": "name"}).content.decode()
    assert len(_names(first)) == 25
    assert 'href="?scope=mine&amp;sort=name&amp;page=2" id="page-next"' in first
    second = client.get(URL, {"sort": "name", "page": "2"}).content.decode()
    assert _names(second) == [f"Deltaker L{i:03d}" for i in range(25, 30)]
    assert "Showing 26–30 of 30 participants" in second or "Viser 26–30 av 30 deltakere" in second
    beyond = client.get(URL, {"sort": "name", "page": "9"}).content.decode()
    assert _names(beyond) == _names(second)


def test_identity_numbers_are_masked_and_confidential_persons_flagged(
    client: Client, people: Staff
) -> None:
    case = with_national_id(
        running(
            "C-1", "radgiver.sth", name="Fortrolig Person", person__protected_address="confidential"
        )
    )
    load([case])
    html = _login(client, people.adviser).get(URL).content.decode()
    full = case["person"]["national_id"]
    assert full not in html
    assert f'<span class="app-identity">{full[:6]}*****</span>' in html
    assert 'data-color="warning">' in html and (
        "Confidential address" in html or "Fortrolig adresse" in html
    )


def test_strictly_confidential_person_is_not_listed_without_clearance(
    client: Client, people: Staff
) -> None:
    load(
        [
            running(
                "C-1",
                "radgiver.sth",
                name="Hidden Person",
                person__protected_address="strictly_confidential",
            )
        ]
    )
    assert _names(_login(client, people.adviser).get(URL).content.decode()) == []


@pytest.mark.parametrize("persona", ["analyst", "admin"])
def test_roles_without_case_access_are_refused(client: Client, people: Staff, persona: str) -> None:
    assert _login(client, getattr(people, persona)).get(URL).status_code == 403


def test_anonymous_is_sent_to_log_in(client: Client, people: Staff) -> None:
    response = client.get(URL)
    assert (response.status_code, response["Location"]) == (302, "/login/?next=/cases/")


def test_htmx_update_returns_the_results_and_out_of_band_state(
    client: Client, mixed: Staff
) -> None:
    response = _login(client, mixed.adviser).get(
        URL, {"filter": "overdue"}, headers={"HX-Request": "true", "HX-Target": "worklist-results"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="worklist-results"')
    assert '<div id="worklist-state" hx-swap-oob="true">' in html
    assert '<input type="hidden" name="filter" value="overdue">' in html
    assert 'id="worklist-status" hx-swap-oob="innerHTML"' in html
    assert _names(html) == ["Anna Ended", "Bashir Waiting"]


@pytest.mark.parametrize("scope", ["mine", "district"])
def test_query_count_does_not_grow_with_rows(
    client: Client, people: Staff, django_assert_num_queries: Any, scope: str
) -> None:
    client = _login(client, people.coordinator if scope == "district" else people.adviser)
    load(caseload("radgiver.sth", 3, prefix="S"))
    client.get(URL, {"scope": scope})  # warm the session
    expected = 5 if scope == "district" else 4
    with django_assert_num_queries(expected):
        small = client.get(URL, {"scope": scope})
    load(caseload("radgiver.sth", 30, prefix="T"))
    with django_assert_num_queries(expected):
        large = client.get(URL, {"scope": scope})
    assert (len(_names(small.content.decode())), len(_names(large.content.decode()))) == (3, 25)


@pytest.mark.parametrize("day", [AS_OF, date(2024, 12, 10)])
def test_every_count_is_the_number_of_cases_its_filter_lists(people: Staff, day: date) -> None:
    load([*caseload("radgiver.sth", 30), running("C-1", "radgiver.sth", name="Z", activities=[])])
    cases = models.ProgrammeCase.objects.filter(adviser=people.adviser)
    counts = filter_counts(cases, day)
    listed = {x.key: cases.filter(x.cases(day)).count() for x in FILTERS}
    assert counts == {"all": 31, **listed}
    assert counts["work_hours"] == 1  # the running case without activities


def test_closed_cases_are_left_out_unless_asked_for(client: Client, people: Staff) -> None:
    load(
        [
            ended_without_meeting("C-1", "radgiver.sth", name="Anna Ended"),
            ended_without_meeting(
                "C-2", "radgiver.sth", name="Boris Closed", certificate_issued_date="2024-07-20"
            ),
            running("C-3", "radgiver.sth", name="Chrystia Running"),
        ]
    )
    _login(client, people.adviser)
    shown = client.get(URL).content.decode()
    assert sorted(_names(shown)) == ["Anna Ended", "Chrystia Running"]
    assert _count(shown, "all") == 2
    assert 'id="closed-toggle" href="?scope=mine&amp;closed=1"' in shown
    everything = client.get(URL + "?scope=mine&closed=1").content.decode()
    assert sorted(_names(everything)) == ["Anna Ended", "Boris Closed", "Chrystia Running"]
    assert _count(everything, "all") == 3
    assert '<input type="hidden" name="closed" value="1">' in everything


def test_rows_escape_names(client: Client, people: Staff) -> None:
    """The rows are a Jinja2 partial (``workspace_tags.worklist_rows``) with autoescaping:
    a name with markup in it is shown as text."""
    load([running("C-1", "radgiver.sth", name='Anna <i onclick="x()">Ended</i>')])
    html = _login(client, people.adviser).get(URL).content.decode()
    assert "<i onclick" not in html
    assert "Anna &lt;i onclick=&#34;x()&#34;&gt;Ended&lt;/i&gt;</a>" in html


# --- issue 14 item 5: a filtered row says why it is listed ---------------------------------


def _reason_cells(html: str) -> list[tuple[str, str]]:
    """(case number link text, the deadline cell's rule) per row, in order."""
    return re.findall(
        r'hx-boost="false">([^<]+)</a>.*?<td class="app-deadline" data-rule="([^"]+)"', html
    )


def test_flag_filter_row_shows_the_filters_own_finding(client: Client, mixed: Staff) -> None:
    """Anna's nearest deadline is NOR-01 (overdue since 02.01.2024); under "Three-party
    meeting missing" her row says TRI-01, overdue since 15.02.2024, and the column says why."""
    _login(client, mixed.adviser)
    nearest = client.get(URL).content.decode()
    assert ("Anna Ended", "NOR-01") in _reason_cells(nearest)
    assert "data-reason" not in nearest
    html = client.get(URL, {"filter": "no_three_party"}).content.decode()
    assert _reason_cells(html) == [("Anna Ended", "TRI-01")]
    cell = html[html.index('<td class="app-deadline"') : html.index("</td>", html.index("TRI-01"))]
    assert 'data-reason="true"' in cell
    assert 'data-status="overdue"' in cell
    assert "Trekantsamtaler" in cell
    assert '<time datetime="2024-02-15">' in cell
    assert "174 dager over fristen" in cell
    assert "NOR-01" not in cell
    assert ">Hvorfor på listen<" in html
    assert ">Nærmeste frist<" not in html


def test_certificate_filter_shows_cert_01_not_the_nearest_deadline(
    client: Client, mixed: Staff
) -> None:
    """An ended case under "Certificate missing": CERT-01 pending, due in 7 days (so "due
    soon"), not the overdue NOR-01 that is its nearest deadline."""
    html = _login(client, mixed.adviser).get(URL, {"filter": "no_certificate"}).content.decode()
    assert _reason_cells(html) == [("Anna Ended", "CERT-01")]
    cell = html[html.index('data-rule="CERT-01"') : html.index("</td>", html.index("CERT-01"))]
    assert '<time datetime="2024-08-14">' in cell
    assert "om 7 dager" in cell
    assert "Frist snart" in cell


@pytest.mark.parametrize(
    "key", [x.key for x in FILTERS if x.rule], ids=[x.key for x in FILTERS if x.rule]
)
@pytest.mark.parametrize("day", [AS_OF, date(2025, 3, 1)])
def test_every_row_under_a_flag_filter_shows_that_filters_rule(
    people: Staff, key: str, day: date
) -> None:
    """Whatever the day and the filter, each row's reason is the stored finding of the
    filter's rule (one per listed case, none missing), with the stored status and deadline."""
    load([*caseload("radgiver.sth", 30), running("C-1", "radgiver.sth", name="Z", activities=[])])
    chosen = next(x for x in FILTERS if x.key == key)
    result = worklist(people.adviser, Query(scope=Scope.MINE, filter=key, include_closed=True), day)
    assert {case.pk for case in result.rows} == set(result.reasons)
    stored = {
        f.case_id: (f.status, f.deadline)
        for f in models.CaseFinding.objects.filter(rule=chosen.rule, case__in=result.rows)
    }
    assert {pk: (r.status, r.deadline) for pk, r in result.reasons.items()} == stored
    assert {r.rule for r in result.reasons.values()} <= {chosen.rule}


def test_deadline_sort_under_a_flag_filter_follows_the_filters_finding(people: Staff) -> None:
    """Sorted by deadline under "Programme time running out", the rows come in the order of
    their END-01 deadlines, not of their nearest deadlines."""
    load(
        [
            running("R-1", "radgiver.sth", name="Late End", start_date="2024-05-06"),
            running(
                "R-2",
                "radgiver.sth",
                name="Early End",
                start_date="2024-05-06",
                plans=[
                    {
                        "decided_on": "2024-05-02",
                        "end_goal": "work",
                        "norwegian_goal": "B1",
                        "duration_months": 6,
                        "elements": ["Norskopplæring"],
                    }
                ],
            ),
        ]
    )
    day = date(2025, 3, 1)
    for descending in (False, True):
        query = Query(
            scope=Scope.MINE, filter="time_running_out", descending=descending, include_closed=True
        )
        result = worklist(people.adviser, query, day)
        deadlines = [result.reasons[case.pk].deadline for case in result.rows]
        assert len(deadlines) == 2
        assert deadlines == sorted(deadlines, reverse=descending)  # type: ignore[type-var]
        assert result.rows[0].person.name == ("Late End" if descending else "Early End")


def test_deadline_filters_keep_the_nearest_deadline(client: Client, mixed: Staff) -> None:
    """ "Overdue" and "due within 14 days" are about the nearest deadline: it is the reason."""
    html = _login(client, mixed.adviser).get(URL, {"filter": "overdue"}).content.decode()
    assert _reason_cells(html) == [("Anna Ended", "NOR-01"), ("Bashir Waiting", "START-01")]
    assert "data-reason" not in html
    assert ">Nærmeste frist<" in html


@pytest.mark.parametrize("scope", ["mine", "district"])
def test_query_count_under_a_flag_filter_does_not_grow_with_rows(
    client: Client, people: Staff, django_assert_num_queries: Any, scope: str
) -> None:
    """The filter's findings come with the rows (a join on the one rule), not per row."""
    client = _login(client, people.coordinator if scope == "district" else people.adviser)
    load(caseload("radgiver.sth", 3, prefix="S"))
    params = {"scope": scope, "filter": "no_norwegian"}
    client.get(URL, params)  # warm the session
    expected = 5 if scope == "district" else 4
    with django_assert_num_queries(expected):
        small = client.get(URL, params).content.decode()
    load(caseload("radgiver.sth", 30, prefix="T"))
    with django_assert_num_queries(expected):
        large = client.get(URL, params).content.decode()
    assert 1 <= len(_reason_cells(small)) < len(_reason_cells(large))
    assert {rule for _, rule in _reason_cells(large)} == {"NOR-01"}


def test_an_empty_scope_counts_nothing_without_a_query(
    mixed: Staff, django_assert_num_queries: Any
) -> None:
    """An auditor without a valid grant: the gateway answers ``QuerySet.none()`` (no
    matches-nothing condition in SQL), every count is zero and reading them costs no query."""
    cases = visible_cases(mixed.auditor)  # reads the grants: none valid
    with django_assert_num_queries(0):
        counts = filter_counts(cases, AS_OF)
    assert counts == {"all": 0, **{x.key: 0 for x in FILTERS}}
    with django_assert_num_queries(0):
        assert list(cases) == []
