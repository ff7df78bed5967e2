"""Same-name staff can be told apart (issue 14, item 4): wherever a colleague is picked or
shown (the district view's adviser filter, "Bytt programrådgiver", the case's adviser, the
recent changes, journal authors), the name comes with the username."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from introsak.accounts.models import User
from introsak.cases.domain.operations import case_reassign
from introsak.cases.models import ProgrammeCase
from tests.factories import user
from tests.workspace.builders import Staff, load, running

pytestmark = pytest.mark.django_db


def _sara(username: str) -> User:
    account = user(username, "programme_adviser", "st_hanshaugen")
    account.first_name, account.last_name = "Sara", "Solberg"
    account.save(update_fields=["first_name", "last_name"])
    return account


@pytest.fixture
def two_saras(people: Staff) -> tuple[User, User]:
    first, second = _sara("sara.solberg"), _sara("sara.solberg2")
    load([running("C-1", "sara.solberg", name="Amina Yusuf")])
    return first, second


def _options(html: str, select_id: str) -> list[str]:
    select = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, select_id
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


def test_identified_name_adds_the_username() -> None:
    named = User(username="sara.solberg2", first_name="Sara", last_name="Solberg")
    assert named.identified_name() == "Sara Solberg (sara.solberg2)"
    assert User(username="revisor").identified_name() == "revisor"


def test_adviser_filter_tells_the_two_saras_apart(
    client: Client, people: Staff, two_saras: tuple[User, User]
) -> None:
    client.force_login(people.coordinator)
    html = client.get(reverse("workspace:worklist"), {"scope": "district"}).content.decode()
    saras = [o for o in _options(html, "worklist-adviser") if o.startswith("Sara Solberg")]
    assert saras == ["Sara Solberg (sara.solberg)", "Sara Solberg (sara.solberg2)"]
    assert "Sara Solberg (sara.solberg)</td>" in html  # the worklist's adviser column


def test_change_adviser_form_and_the_case_page_tell_them_apart(
    client: Client, people: Staff, two_saras: tuple[User, User]
) -> None:
    second = two_saras[1]
    case = ProgrammeCase.objects.get(case_id="C-1")
    client.force_login(people.coordinator)
    form = client.get(reverse("workspace:record", args=[case.pk, "reassign"])).content.decode()
    saras = [o for o in _options(form, "id_adviser") if o.startswith("Sara Solberg")]
    assert saras == ["Sara Solberg (sara.solberg)", "Sara Solberg (sara.solberg2)"]
    case_reassign(case=case, by=people.coordinator, expected_version=case.version, adviser=second)
    page = client.get(reverse("workspace:case", args=[case.pk])).content.decode()
    assert "<dd>Sara Solberg (sara.solberg2)" in page  # the case's adviser
    assert "· Lise Berg (koordinator.sth) <span" in page  # who made the change


def test_who_recorded_an_event_is_told_apart(client: Client, two_saras: tuple[User, User]) -> None:
    second = two_saras[1]
    case = ProgrammeCase.objects.get(case_id="C-1")
    case_reassign(
        case=case, by=User.objects.get(username="koordinator.sth"), expected_version=case.version,
        adviser=second,
    )  # fmt: skip
    client.force_login(second)
    client.post(
        reverse("workspace:record", args=[case.pk, "meeting"]),
        {"version": ProgrammeCase.objects.get(pk=case.pk).version, "kind": "transfer",
         "date": "2024-07-01"},
    )  # fmt: skip
    html = client.get(reverse("workspace:case", args=[case.pk])).content.decode()
    assert "Registrert av Sara Solberg (sara.solberg2)" in html


def test_several_cases_reassignment_and_the_workload_view_tell_them_apart(
    client: Client, people: Staff, two_saras: tuple[User, User]
) -> None:
    client.force_login(people.coordinator)
    form = client.get(reverse("workspace:reassign")).content.decode()
    saras = [o for o in _options(form, "reassign-adviser") if o.startswith("Sara Solberg")]
    assert saras == ["Sara Solberg (sara.solberg)", "Sara Solberg (sara.solberg2)"]
    workload = client.get(reverse("workspace:workload")).content.decode()
    names = re.findall(r"Sara Solberg \([\w.]+\)", workload)
    assert sorted(set(names)) == ["Sara Solberg (sara.solberg)", "Sara Solberg (sara.solberg2)"]
