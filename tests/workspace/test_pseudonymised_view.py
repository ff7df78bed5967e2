"""An auditor without ``show_identities`` sees the case page and the worklist as the
pseudonymised export shows the case (issue 12, item 4): no case number, the year of birth
only, the adviser as a pseudonym, no staff names and no free text. With ``show_identities``
the same auditor sees everything a caseworker sees."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from introsak.access.models import AuditGrant
from introsak.casefacts import model as facts
from introsak.casefacts.serialize import adviser_pseudonym
from introsak.cases.domain.operations import leave_record
from introsak.web.jinja import day
from introsak.workspace.domain.worklist import Sort, parse_query
from tests.access.personas import ADVISER_A_NAME, FREE_TEXTS, NAME_A, World, client_for, make_world

pytestmark = pytest.mark.django_db

BIRTH = date(1990, 5, 17)  # tests.factories.BASE_CASE


def _page(world: World, persona: str, url_name: str = "workspace:case") -> str:
    kwargs = {"pk": world.case_a.pk} if url_name == "workspace:case" else {}
    query = "" if kwargs else "?scope=district"
    response = client_for(world.users[persona]).get(reverse(url_name, kwargs=kwargs) + query)
    assert response.status_code == 200
    return response.content.decode()


def _world_with_a_change() -> World:
    """Case A of the persona world, with a change recorded by its adviser (a staff name in
    "recent changes")."""
    world = make_world()
    leave_record(
        case=world.case_a,
        by=world.staff("adviser_a"),
        expected_version=world.case_a.version,
        leave=facts.Leave(start=date(2024, 5, 6), end=date(2024, 5, 7), approved=True, reason=None),
    )
    return world


def _what_is_shown(html: str) -> dict[str, bool]:
    return {
        "case number": "A-1" in html,
        "birth date": day(BIRTH) in html,
        "year of birth": ">1990<" in html,
        "name": NAME_A in html,
        "staff name": " ".join(ADVISER_A_NAME) in html,
        **{key: text in html for key, text in FREE_TEXTS.items()},
    }


def test_auditor_without_identities_sees_what_the_pseudonymised_export_holds() -> None:
    world = _world_with_a_change()
    shown = _what_is_shown(_page(world, "auditor_valid"))
    assert shown == {key: key == "year of birth" for key in shown}


def test_auditor_sees_the_adviser_as_the_exports_pseudonym_on_the_page_and_the_worklist() -> None:
    world = make_world()
    key = settings.INTROSAK_PSEUDONYM_KEY.encode()
    pseudonym = adviser_pseudonym("adviser_a", key=key)[:10]
    assert pseudonym in _page(world, "auditor_valid")
    worklist = _page(world, "auditor_valid", "workspace:worklist")
    assert (pseudonym in worklist, " ".join(ADVISER_A_NAME) in worklist) == (True, False)


def test_auditor_with_identities_and_caseworkers_see_everything() -> None:
    world = _world_with_a_change()
    AuditGrant.objects.filter(user=world.users["auditor_valid"]).update(show_identities=True)
    for persona in ("auditor_valid", "adviser_a"):
        shown = _what_is_shown(_page(world, persona))
        assert shown == {key: key != "year of birth" for key in shown}, persona


def test_auditors_cannot_sort_by_the_names_behind_the_pseudonyms() -> None:
    """The order of the rows sorted by name would tell which pseudonym has which name."""
    world = make_world()
    auditor, adviser = world.users["auditor_valid"], world.users["adviser_a"]
    assert auditor is not None and adviser is not None
    assert parse_query(auditor, {"sort": "name"}).sort is Sort.DEADLINE
    assert parse_query(adviser, {"sort": "-name"}).sort is Sort.NAME
