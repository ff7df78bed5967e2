"""The worklist's search for auditors (issue 14, item 1): an auditor finds cases by the
pseudonyms they are shown, by case number and name only where a ``show_identities`` grant
lets them see identities, and is told when nothing matches."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from introsak.access.domain.protection import case_pseudonym, pseudonym_matches
from introsak.access.models import AuditGrant
from introsak.casefacts.serialize import case_pseudonym as export_case_pseudonym
from introsak.cases.models import ProgrammeCase
from tests.access.personas import DISTRICT_A, NAME_A, World, client_for, make_world
from tests.factories import case_dict, import_cases, with_national_id

pytestmark = pytest.mark.django_db


def _found(world: World, persona: str, text: str) -> tuple[list[str], str]:
    """The case numbers listed for a search (as the database has them) and the page."""
    response = client_for(world.staff(persona)).get(
        reverse("workspace:worklist"), {"scope": "district", "q": text}
    )
    assert response.status_code == 200
    html = response.content.decode()
    listed = [
        case.case_id
        for case in ProgrammeCase.objects.order_by("case_id")
        if f'id="case-link-{case.pk}"' in html
    ]
    return listed, html


def test_auditor_finds_a_case_by_the_pseudonym_shown_in_any_case() -> None:
    world = make_world()
    shown = case_pseudonym(world.case_a)
    assert _found(world, "auditor_valid", shown)[0] == ["A-1"]
    assert _found(world, "auditor_valid", shown.lower())[0] == ["A-1"]
    assert _found(world, "auditor_valid", f"  {shown[:6]} ")[0] == ["A-1"]


def test_auditor_finds_a_case_by_the_pseudonymised_exports_full_pseudonym() -> None:
    world = make_world()
    full = export_case_pseudonym("A-1", key=settings.INTROSAK_PSEUDONYM_KEY.encode())
    assert _found(world, "auditor_valid", full)[0] == ["A-1"]


def test_auditor_never_finds_a_case_outside_the_grant_by_its_pseudonym() -> None:
    world = make_world()
    assert _found(world, "auditor_valid", case_pseudonym(world.case_b))[0] == []


def test_auditor_without_identities_cannot_search_case_numbers_or_names() -> None:
    world = make_world()
    for text in ("A-1", NAME_A):
        listed, html = _found(world, "auditor_valid", text)
        assert listed == [], text
        assert f"Ingen deltakere passer til søket «{text}»." in html


def test_auditor_with_identities_finds_case_numbers_and_names() -> None:
    world = make_world()
    AuditGrant.objects.filter(user=world.users["auditor_valid"]).update(show_identities=True)
    assert _found(world, "auditor_valid", "a-1")[0] == ["A-1"]
    assert _found(world, "auditor_valid", NAME_A)[0] == ["A-1"]
    assert _found(world, "auditor_valid", "B-1")[0] == []  # district B: not in the grant


def test_a_search_without_a_match_says_so() -> None:
    world = make_world()
    listed, html = _found(world, "auditor_valid", "zzzz")
    assert listed == []
    assert html.count("Ingen deltakere passer til søket «zzzz».") == 2  # status and table
    assert "Søk etter pseudonym eller saksnummer" in html


def test_pseudonym_matches_needs_the_start_of_a_pseudonym() -> None:
    world = make_world()
    cases = ProgrammeCase.objects.all()
    shown = case_pseudonym(world.case_a)
    assert pseudonym_matches(cases, shown) == [world.case_a.pk]
    assert pseudonym_matches(cases, shown[:5]) == []  # "P-" and three digits: too short
    assert pseudonym_matches(cases, shown[2:]) == []  # no "P-"
    assert pseudonym_matches(cases, "zzzz") == []


def test_caseworkers_still_search_names_and_case_numbers() -> None:
    world = make_world()
    assert _found(world, "adviser_a", NAME_A)[0] == ["A-1"]
    assert _found(world, "adviser_a", "A-1")[0] == ["A-1"]
    assert _found(world, "adviser_a", case_pseudonym(world.case_a))[0] == []


def test_a_pseudonym_search_costs_the_same_queries_for_more_cases(
    django_assert_max_num_queries: Any,
) -> None:
    """One query more than the plain worklist (the numbers of the cases in view, to compute
    their pseudonyms), whatever the number of cases."""
    world = make_world()
    client = client_for(world.staff("auditor_valid"))
    url = reverse("workspace:worklist")
    shown = case_pseudonym(world.case_a)
    client.get(url, {"q": shown})  # warm the session
    with CaptureQueriesContext(connection) as few:
        assert shown in client.get(url, {"q": shown}).content.decode()
    import_cases(
        [with_national_id(case_dict(f"A-{n}", district=DISTRICT_A), 100 + n) for n in range(2, 40)]
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert shown in client.get(url, {"q": shown}).content.decode()
