"""The data-subject export: everything about one person, as JSON and as a tagged PDF, only for
users who may export the case, and written to the access log."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from introsak.access.classification import subject_models
from introsak.access.models import AccessLogEntry
from tests.access.personas import (
    GRADINGS,
    NAME_A,
    PERSONAS,
    client_for,
    make_world,
    may_export,
)
from tests.pdfs import is_tagged, language

pytestmark = pytest.mark.django_db


def _download(world, fmt: str):  # type: ignore[no-untyped-def]
    return client_for(world.users["coordinator_a"]).post(
        reverse("access:subject_export", kwargs={"case_pk": world.case_a.pk}),
        {"format": fmt, "purpose": "innsynsbegjæring mottatt 2024-08-01"},
    )


def test_json_holds_every_table_about_the_person_and_the_access_log() -> None:
    world = make_world()
    client_for(world.users["adviser_a"]).get(
        reverse("workspace:case", kwargs={"pk": world.case_a.pk})
    )
    response = _download(world, "json")
    assert response["Content-Disposition"] == (
        f'attachment; filename="introsak-person-{world.case_a.person_id}-'
        f'{response.json()["as_of"]}.json"'
    )
    data = response.json()
    person = data["data"]["cases.Person"][0]
    assert (person["name"], person["national_id"], person["address"]) == (
        NAME_A,
        world.case_a.person.national_id,
        "Storgata 1, 0155 Oslo",
    )
    assert [r["action"] for r in data["data"]["access.AccessLogEntry"]] == [
        "view",
        "subject_export",
    ]
    assert set(data["data"]) <= set(subject_models())
    assert {
        "cases.Person",
        "cases.ProgrammeCase",
        "cases.IntegrationPlan",
        "cases.PlanItem",
        "cases.CaseFinding",
    } <= set(data["data"])
    assert data["purposes"]["cases.Person"]["national_id"]["retention"] == "erase"
    assert world.case_b.person.name not in json.dumps(data, ensure_ascii=False)


def test_pdf_is_tagged_pdf_ua_in_the_users_language() -> None:
    world = make_world()
    response = _download(world, "pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert (is_tagged(reader), language(reader)) == (True, "nb")
    text = "".join(page.extract_text() for page in reader.pages)
    assert NAME_A in text


@pytest.mark.parametrize("grading", GRADINGS)
def test_only_users_who_may_export_the_case_get_it(grading: str) -> None:
    world = make_world(grading)
    url = reverse("access:subject_export", kwargs={"case_pk": world.case_a.pk})
    actual = {}
    for persona in PERSONAS:
        response = client_for(world.users[persona]).post(
            url, {"format": "json", "purpose": "innsyn"}
        )
        actual[persona] = response.status_code
    assert actual == {
        p: 302 if p == "anonymous" else 200 if may_export(p, grading) else 404 for p in PERSONAS
    }
    assert AccessLogEntry.objects.filter(action="subject_export").count() == sum(
        1 for status in actual.values() if status == 200
    )


def test_command_runs_as_a_user_and_is_logged(tmp_path) -> None:  # type: ignore[no-untyped-def]
    make_world()
    target = tmp_path / "export.json"
    call_command(
        "subject_export",
        "A-1",
        "--as",
        "coordinator_a",
        "--purpose",
        "innsyn",
        "-o",
        str(target),
        stderr=io.StringIO(),
    )
    assert json.loads(target.read_text())["data"]["cases.Person"][0]["name"] == NAME_A
    with pytest.raises(CommandError, match="no such case, or you may not export it"):
        call_command("subject_export", "A-1", "--as", "adviser_a", "--purpose", "innsyn")
    with pytest.raises(CommandError, match="no such case, or you may not export it"):
        call_command("subject_export", "B-1", "--as", "coordinator_a", "--purpose", "innsyn")
    assert list(AccessLogEntry.objects.values_list("user__username", "action")) == [
        ("coordinator_a", "subject_export")
    ]
