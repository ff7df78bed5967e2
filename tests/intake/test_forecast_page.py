"""The planner's what-if page (server side; the browser test drives it in Chromium)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from introsak.accounts.enums import Role
from introsak.intake import views
from tests.factories import user

pytestmark = pytest.mark.django_db
URL = "/intake/forecast/"


@pytest.fixture(autouse=True)
def _few_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "PAGE_RUNS", 4)
    monkeypatch.setattr(views, "SEARCH_RUNS", 2)


def _client(role: Role) -> Client:
    client = Client()
    district = "st_hanshaugen" if role is Role.PROGRAMME_ADVISER else None
    client.force_login(user(f"u-{role}", role, district))
    return client


def _query(**changes: Any) -> dict[str, Any]:
    base = {
        "arrivals_percent": 100,
        "mapping_per_month": 115,
        "places_helsfyr": 65,
        "places_skullerud": 72,
        "places_rosenhoff": 72,
    }
    return base | changes


def test_planner_sees_the_plan() -> None:
    response = _client(Role.PLANNER).get(URL)
    assert response.status_code == 200
    assert response.context["changed"] is False
    assert [r.school for r in response.context["rows"]] == ["Helsfyr", "Skullerud", "Rosenhoff"]
    assert response.context["before"] is response.context["after"]


def test_raising_helsfyr_shortens_its_wait_and_raises_the_share() -> None:
    client = _client(Role.PLANNER)
    response = client.get(URL, _query(places_helsfyr=130))
    assert response.status_code == 200
    assert response.context["changed"] is True
    before, after = response.context["before"], response.context["after"]
    assert after.wait_by_school["helsfyr"].p50 < before.wait_by_school["helsfyr"].p50
    assert after.share_within_3_months.p50 > before.share_within_3_months.p50
    body = response.content.decode()
    assert 'id="wait-chart"' in body
    assert body.count("<rect ") == 6  # two bars per school


def test_bad_values_are_refused_with_the_field_named() -> None:
    response = _client(Role.PLANNER).get(URL, _query(places_helsfyr=-5))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["places_helsfyr"]


@pytest.mark.parametrize("role", [Role.CITY_ANALYST, Role.PROGRAMME_ADVISER, Role.ADMINISTRATOR])
def test_other_roles_are_refused(role: Role) -> None:
    assert _client(role).get(URL).status_code == 403


def test_the_page_reads_the_calendar_in_a_fixed_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    client = _client(Role.PLANNER)
    client.get(URL)
    with django_assert_max_num_queries(8):
        client.get(URL, _query(places_helsfyr=80))


def test_the_capacity_for_a_target_share_is_shown() -> None:
    response = _client(Role.PLANNER).get(URL, _query(target_percent=90))
    assert response.status_code == 200
    need = response.context["need"]
    assert need.target == 0.9
    assert need.factor is not None
    assert [school for school, _ in response.context["need_rows"]] == [
        "Helsfyr",
        "Skullerud",
        "Rosenhoff",
    ]
    assert 'id="capacity-needed"' in response.content.decode()


def test_everyone_within_3_months_is_out_of_reach_with_six_intakes_a_year() -> None:
    response = _client(Role.PLANNER).get(URL, _query(target_percent=100))
    need = response.context["need"]
    assert need.factor is None
    assert need.reached < 1.0
