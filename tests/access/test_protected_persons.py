"""Protected persons: strictly confidential only for cleared users, nowhere else (lists,
searches, counts, exports); confidential flagged; a grading change applies on the next
request; no address is ever stored for a strictly confidential person."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from introsak.access.domain.protection import (
    clearance_grant,
    clearance_revoke,
    person_grading_set,
    protection_label,
)
from introsak.access.models import ProtectedPersonClearance, SecurityEvent
from introsak.cases.models import Person
from tests.access.personas import (
    CONFIDENTIAL,
    DISTRICT_A,
    DISTRICT_B,
    NAME_A,
    NONE,
    STRICT,
    client_for,
    make_case,
    make_personas,
    make_world,
)

pytestmark = pytest.mark.django_db

REASON = "Deltakeren følges opp av denne rådgiveren etter avtale."


def _worklist(client: Client, query: str = "?scope=district") -> str:
    return client.get(reverse("workspace:worklist") + query).content.decode()


def test_strictly_confidential_person_is_absent_from_lists_searches_and_counts() -> None:
    world = make_world(STRICT)
    client = client_for(world.staff("coordinator_a"))
    page = _worklist(client)
    searched = _worklist(client, "?scope=district&q=Alfa")
    by_number = _worklist(client, "?scope=district&q=A-1")
    assert (NAME_A in page, NAME_A in searched, NAME_A in by_number) == (False, False, False)
    response = client.get(reverse("workspace:worklist") + "?scope=district")
    assert response.context["worklist"].counts["all"] == 0


def test_confidential_person_is_visible_in_the_district_but_flagged() -> None:
    world = make_world(CONFIDENTIAL)
    page = (
        client_for(world.staff("adviser_a"))
        .get(reverse("workspace:case", kwargs={"pk": world.case_a.pk}))
        .content.decode()
    )
    assert (NAME_A in page, protection_label(world.case_a.person) in page) == (True, True)
    with translation.override("en"):
        assert protection_label(world.case_a.person) == "Confidential address"


def test_clearance_opens_one_person_in_any_district_and_revoking_closes_it() -> None:
    world = make_world(STRICT)
    adviser_b = world.staff("adviser_b")
    url = reverse("workspace:case", kwargs={"pk": world.case_a.pk})
    client = client_for(adviser_b)
    assert client.get(url).status_code == 404
    clearance = clearance_grant(
        user=adviser_b,
        person=world.case_a.person,
        justification=REASON,
        granted_by=world.staff("administrator"),
    )
    assert client.get(url).status_code == 200
    clearance_revoke(clearance=clearance, revoked_by=world.staff("administrator"))
    assert client.get(url).status_code == 404
    assert list(
        SecurityEvent.objects.filter(event__startswith="clearance")
        .order_by("id")
        .values_list("event", flat=True)
    ) == ["clearance_granted", "clearance_revoked"]


@pytest.mark.parametrize(
    ("who", "grading", "field"),
    [
        ("auditor_valid", STRICT, "user"),
        ("administrator", STRICT, "user"),
        ("adviser_a", NONE, "person"),
    ],
)
def test_clearance_only_for_district_roles_and_strictly_confidential_persons(
    who: str, grading: str, field: str
) -> None:
    world = make_world(grading)
    with pytest.raises(ValidationError) as refused:
        clearance_grant(
            user=world.staff(who),
            person=world.case_a.person,
            justification=REASON,
            granted_by=world.staff("administrator"),
        )
    assert list(refused.value.message_dict) == [field]
    assert ProtectedPersonClearance.objects.count() == 0


def test_grading_change_applies_on_the_next_request() -> None:
    world = make_world()
    client = client_for(world.staff("adviser_a"))
    url = reverse("workspace:case", kwargs={"pk": world.case_a.pk})
    assert client.get(url).status_code == 200
    person_grading_set(person=world.case_a.person, grading=STRICT, changed_by=None)
    assert client.get(url).status_code == 404
    person_grading_set(person=world.case_a.person, grading=NONE, changed_by=None)
    assert client.get(url).status_code == 200


def test_no_address_can_be_stored_for_a_strictly_confidential_person() -> None:
    world = make_world(STRICT)
    person = Person.objects.get(pk=world.case_a.person_id)
    assert person.address == ""
    person.address = "Hemmeligveien 1"
    with pytest.raises(IntegrityError), transaction.atomic():
        person.save()


@pytest.mark.parametrize(
    ("flag", "included"), [((), False), (("--include-strictly-confidential",), True)]
)
def test_export_command_leaves_out_strictly_confidential_unless_asked(
    flag: tuple[str, ...], included: bool, tmp_path: Path
) -> None:
    make_world(STRICT)
    target = tmp_path / "export.jsonl"
    call_command("export_case_facts", *flag, "-o", str(target), stderr=io.StringIO())
    exported = [json.loads(line)["case_id"] for line in target.read_text().splitlines()]
    assert exported == (["A-1", "B-1"] if included else ["B-1"])


def test_strictly_confidential_person_in_another_district_is_not_in_that_list_either() -> None:
    world = make_world()
    make_case("B-2", slug=DISTRICT_B, grading=STRICT, name="Delta Skjult", serial=4)
    page = _worklist(client_for(world.staff("adviser_b")))
    assert ("Bravo Andresen" in page, "Delta Skjult" in page) == (True, False)


@pytest.mark.parametrize("persona", ["auditor_valid", "coordinator_a"])
def test_worklist_rows_cost_no_query_per_row_for_any_reader(
    client: Client, persona: str, django_assert_num_queries: Any
) -> None:
    """The worklist reads only the columns a row shows (``worklist.ROW_FIELDS``); the
    auditor's rows (pseudonyms, pseudonymised advisers) need no more than the district's."""
    from introsak.workspace.domain.worklist import PAGE_SIZE

    users = make_personas()
    account = users[persona]
    assert account is not None
    client.force_login(account)
    url = reverse("workspace:worklist") + "?scope=district"
    for serial in range(1, 4):
        make_case(f"W-{serial}", slug=DISTRICT_A, serial=serial)
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as few:
        first = client.get(url).content.decode()
    for serial in range(4, 4 + PAGE_SIZE):
        make_case(f"W-{serial}", slug=DISTRICT_A, serial=serial)
    with django_assert_num_queries(len(few.captured_queries)):
        second = client.get(url).content.decode()
    rows = (first.count('id="case-link-'), second.count('id="case-link-'))
    assert rows == (3, PAGE_SIZE)
    if persona == "auditor_valid":
        assert "Participant P-" in second or "Deltaker P-" in second
