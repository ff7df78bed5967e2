"""Unconfirmed law is visible: the banner on the worklist and the case page, the parameter
page for analysts and administrators, and the new ready filters (issue 13)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from introsak.cases import models
from introsak.workspace.domain.worklist import FILTERS_BY_KEY
from tests.workspace.builders import Staff, load, running

pytestmark = pytest.mark.django_db

WORKLIST = reverse("workspace:worklist")
PARAMETERS = reverse("rule_parameters")
BANNER = 'id="unconfirmed-law"'


@pytest.fixture
def one_case(people: Staff) -> Staff:
    load([running("A-3", "radgiver.sth", name="Chrystia Running")])
    return people


def _banner_names(html: str) -> list[str]:
    banner = html[html.index(BANNER) : html.index("</div>", html.index(BANNER))]
    return re.findall(r"<code>([a-z0-9_]+)</code>", banner)


def test_no_banner_while_every_parameter_is_confirmed_for_today(
    client: Client, one_case: Staff, settings: Any
) -> None:
    settings.INTROSAK_AS_OF = date(2024, 8, 7)
    client.force_login(one_case.adviser)
    assert BANNER not in client.get(WORKLIST).content.decode()


def test_the_worklist_and_the_case_page_name_the_unconfirmed_law_in_force_today(
    client: Client, one_case: Staff, settings: Any
) -> None:
    settings.INTROSAK_AS_OF = date(2026, 12, 1)
    settings.LANGUAGE_CODE = "nb"
    client.force_login(one_case.adviser)
    worklist = client.get(WORKLIST).content.decode()
    case = models.ProgrammeCase.objects.get(case_id="A-3")
    page = client.get(reverse("workspace:case", args=[case.pk])).content.decode()
    expected = [
        "rule_set_il_2025_case_date",
        "rule_set_il_2025_in_force",
        "temporary_rules_lapse_reading",
        "temporary_rules_sunset",
    ]
    assert _banner_names(worklist) == _banner_names(page) == expected
    assert "bekreftet til og med 30.06.2026" in worklist
    # Whoever may read the parameter list (statistics or administration) gets a link to it.
    assert f'href="{PARAMETERS}"' in worklist[worklist.index(BANNER) :]


def test_analysts_and_administrators_see_every_parameter(
    client: Client, people: Staff, settings: Any
) -> None:
    from tests.factories import user

    settings.INTROSAK_AS_OF = date(2026, 12, 1)
    for role in ("city_analyst", "administrator"):
        client.force_login(user(f"p.{role}", role))
        html = client.get(PARAMETERS).content.decode()
        assert 'id="parameters-table"' in html
        assert html.count("<tr") == 1 + len(re.findall(r'<th scope="row">', html))
        assert "<code>temporary_rules_sunset</code>" in html
        assert "<code>il-2025/participant_age_max</code>" in html
    client.force_login(user("p.no_role", ""))
    assert client.get(PARAMETERS).status_code == 403


def test_the_new_ready_filters_read_their_flags() -> None:
    keys = ("u25_goal", "plan_review", "no_norwegian")
    assert {k: FILTERS_BY_KEY[k].rule for k in keys} == {
        "u25_goal": "U25-01",
        "plan_review": "PLANREV-01",
        "no_norwegian": "NOR-01",
    }
