"""Who may open which early-contact page: the district's settlement workers, advisers and
coordinator see the list; only the person's own settlement worker and adviser see the
answers (tests/early/test_answers.py); other districts get 404 for a person and no rows in
the list; roles without district work get 403; the participant's pages need no account and
show nothing without a valid link."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from introsak.accounts.enums import Role
from introsak.early.domain import operations as ops
from introsak.identity import make_synthetic_identity_number
from tests.early.world import BIRTH, World, client_for, make_world, person_input
from tests.factories import user

pytestmark = pytest.mark.django_db


def _clients(world: World) -> dict[str, Client]:
    clients = {
        name: client_for(account)
        for name, account in {
            "worker": world.worker,
            "adviser": world.adviser,
            "other_adviser": world.other_adviser,
            "coordinator": world.coordinator,
            "foreign_worker": world.foreign_worker,
            "analyst": user("analytiker.z", Role.CITY_ANALYST),
            "admin": user("admin.z", Role.ADMINISTRATOR),
        }.items()
    }
    clients["anonymous"] = Client()
    return clients


def test_staff_pages_by_role() -> None:
    world = make_world()
    clients = _clients(world)
    person = reverse("early:person", args=[world.person.pk])
    district_staff = {
        "worker": 200,
        "adviser": 200,
        "other_adviser": 200,
        "coordinator": 200,
        "foreign_worker": 200,  # their own district's (empty) list
    }
    pages = {
        reverse("early:list"): district_staff,
        person: {"worker": 200, "adviser": 200, "other_adviser": 200, "coordinator": 200},
        reverse("early:groups"): district_staff,
        reverse("early:create"): {"worker": 200, "foreign_worker": 200},
        reverse("early:stats"): {
            "worker": 200,
            "adviser": 200,
            "other_adviser": 200,
            "coordinator": 200,
            "foreign_worker": 200,
            "analyst": 200,
        },
    }
    for url, allowed in pages.items():
        for name, client in clients.items():
            status = client.get(url).status_code
            if name == "anonymous":
                assert status == 302, (url, name)
            elif name in allowed:
                assert status == allowed[name], (url, name)
            elif name == "foreign_worker" and url == person:
                assert status == 404, (url, name)
            else:
                assert status in (403, 404) and status != 200, (url, name, status)
    # the list of another district does not name the person
    foreign = clients["foreign_worker"].get(reverse("early:list")).content.decode()
    assert world.person.name not in foreign


def test_changes_only_by_the_persons_own_staff() -> None:
    world = make_world()
    clients = _clients(world)
    for name in ("other_adviser", "coordinator"):
        response = clients[name].post(reverse("early:link_create", args=[world.person.pk]))
        assert response.status_code == 403, name
        response = clients[name].post(reverse("early:consent_withdraw", args=[world.person.pk]))
        assert response.status_code == 403, name
    response = clients["foreign_worker"].post(
        reverse("early:consent_withdraw", args=[world.person.pk])
    )
    assert response.status_code == 404
    world.person.refresh_from_db()
    assert world.person.consent_withdrawn_at is None


def test_participant_pages_show_nothing_without_a_link() -> None:
    world = make_world()
    ops.link_issue(by=world.worker, person=world.person)
    anonymous = Client()
    for url in (reverse("early:questionnaire"), reverse("early:own_view")):
        response = anonymous.get(url)
        assert response.status_code == 404
        assert world.person.name not in response.content.decode()


def test_the_case_page_loads_the_early_contact_section() -> None:
    world = make_world()
    case = ops.person_settle(
        by=world.worker,
        person=world.person,
        data=ops.SettlementInput(
            settlement_date=date(2024, 3, 1),
            residence_basis="collective_protection",
            permit_date=date(2024, 1, 2),
            education_level="higher",
            settled_by_agreement=True,
            adviser=None,
        ),
    )
    clients = _clients(world)
    case_page = clients["adviser"].get(reverse("workspace:case", args=[case.pk])).content.decode()
    section = reverse("early:case_section", args=[case.pk])
    assert f'hx-get="{section}"' in case_page
    shown = clients["adviser"].get(section)
    assert shown.status_code == 200
    html = shown.content.decode()
    assert reverse("early:person", args=[world.person.pk]) in html
    assert 'id="case-own-view-link"' in html
    assert clients["coordinator"].get(section).status_code == 200
    assert clients["foreign_worker"].get(section).status_code == 404
    for name in ("analyst", "admin"):
        assert clients[name].get(section).status_code == 204, name
    assert clients["anonymous"].get(section).status_code == 302


def test_the_list_reads_a_fixed_number_of_queries(django_assert_max_num_queries: Any) -> None:
    world = make_world()
    client = client_for(world.worker)
    url = reverse("early:list")
    client.get(url)  # warm the session
    for n in range(12):
        person = ops.person_create(
            by=world.worker,
            data=person_input(
                name=f"P {n}", national_id=make_synthetic_identity_number(BIRTH, 20 + n)
            ),
        )
        ops.link_issue(by=world.worker, person=person)
        if n % 2:
            ops.answers_save(person=person, page_number=1, data={"occupation": "x"})
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.content.decode().count('href="/early/') >= 13
