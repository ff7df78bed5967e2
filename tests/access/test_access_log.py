"""The access log: one row per opened case, none for lists; append-only; the reports."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from introsak.access.domain.gateway import case_for_read
from introsak.access.enums import AccessAction
from introsak.access.models import AccessLogEntry, AppendOnlyError, SecurityEvent
from tests.access.personas import DISTRICT_A, STRICT, clear, client_for, make_case, make_world

pytestmark = pytest.mark.django_db

WIDE = {"start": "2000-01-01", "end": "2100-01-01"}


def test_opening_the_case_page_writes_exactly_one_row_with_who_whom_what_why() -> None:
    world = make_world()
    response = client_for(world.staff("adviser_a")).get(
        reverse("workspace:case", kwargs={"pk": world.case_a.pk})
    )
    assert response.status_code == 200
    assert list(
        AccessLogEntry.objects.values_list("user__username", "person_id", "case_id", "action")
    ) == [("adviser_a", world.case_a.person_id, world.case_a.pk, "view")]
    assert AccessLogEntry.objects.get().purpose != ""


def test_worklist_and_search_write_no_access_log_row() -> None:
    world = make_world()
    client = client_for(world.staff("adviser_a"))
    for query in ("?scope=district", "?scope=district&q=Alfa", "?scope=district&q=A-1"):
        assert client.get(reverse("workspace:worklist") + query).status_code == 200
    assert AccessLogEntry.objects.count() == 0


def test_subject_export_download_writes_exactly_one_row() -> None:
    world = make_world()
    response = client_for(world.staff("coordinator_a")).post(
        reverse("access:subject_export", kwargs={"case_pk": world.case_a.pk}),
        {"format": "json", "purpose": "innsynsbegjæring 2024-08-01"},
    )
    assert response.status_code == 200
    assert list(AccessLogEntry.objects.values_list("user__username", "action", "purpose")) == [
        ("coordinator_a", "subject_export", "innsynsbegjæring 2024-08-01")
    ]


# --- append-only ------------------------------------------------------------------------


def _row() -> AccessLogEntry:
    world = make_world()
    case_for_read(world.staff("adviser_a"), case_pk=world.case_a.pk, purpose="case work")
    return AccessLogEntry.objects.get()


def test_model_refuses_to_change_or_delete_a_row() -> None:
    row = _row()
    row.purpose = "rewritten"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=row.pk).update(purpose="rewritten")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=row.pk).delete()
    with pytest.raises(AppendOnlyError):
        SecurityEvent.objects.all().delete()
    assert AccessLogEntry.objects.get().purpose == "case work"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the append-only trigger exists on PostgreSQL only; SQLite (demo "
    "and development) relies on the model's refusal",
)
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE access_accesslogentry SET purpose = 'rewritten'",
        "DELETE FROM access_accesslogentry",
        "UPDATE access_securityevent SET detail = 'rewritten'",
        "DELETE FROM access_securityevent",
    ],
)
def test_database_refuses_raw_update_and_delete_on_postgresql(statement: str) -> None:
    row = _row()
    SecurityEvent.objects.create(event="test")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AccessLogEntry.objects.get().purpose == row.purpose
    assert SecurityEvent.objects.filter(event="test", detail="").count() == 1


# --- reports -----------------------------------------------------------------------------


def _history() -> dict[str, object]:
    """Adviser A opens case A on 1 and 20 March 2024; the coordinator on 10 March."""
    world = make_world()
    for day, who in ((1, "adviser_a"), (10, "coordinator_a"), (20, "adviser_a")):
        with time_machine.travel(datetime(2024, 3, day, 9, 30, tzinfo=UTC), tick=False):
            case_for_read(world.staff(who), case_pk=world.case_a.pk, purpose=f"work {day}")
    return {"world": world}


def test_who_looked_at_this_person_in_a_date_range() -> None:
    world = _history()["world"]
    client = client_for(world.staff("administrator"))  # type: ignore[attr-defined]
    response = client.post(
        reverse("access:person_report"),
        {"case_number": "A-1", "start": "2024-03-05", "end": "2024-03-31", "format": "html"},
    )
    assert response.status_code == 200
    rows = [(r.entry.user.username, r.entry.purpose) for r in response.context["rows"]]
    assert rows == [("coordinator_a", "work 10"), ("adviser_a", "work 20")]
    # looking the person up is itself logged, so the person sees the log was consulted
    assert AccessLogEntry.objects.filter(action=AccessAction.LOG_REPORT).count() == 1


def test_person_report_by_identity_number_posts_and_never_puts_it_in_the_address() -> None:
    world = _history()["world"]
    national_id = world.case_a.person.national_id  # type: ignore[attr-defined]
    client = client_for(world.staff("administrator"))  # type: ignore[attr-defined]
    response = client.post(
        reverse("access:person_report"),
        {"national_id": national_id, "start": "2024-03-01", "end": "2024-03-31"},
    )
    assert [r.entry.purpose for r in response.context["rows"]] == ["work 1", "work 10", "work 20"]
    assert (
        client.get(reverse("access:person_report") + f"?national_id={national_id}").status_code
        == 400
    )


def test_what_did_this_user_look_at_as_json_lines_with_cef_names() -> None:
    world = _history()["world"]
    client = client_for(world.staff("administrator"))  # type: ignore[attr-defined]
    response = client.get(
        reverse("access:user_report"),
        {"username": "adviser_a", "start": "2024-03-01", "end": "2024-03-31", "format": "jsonl"},
    )
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    lines = [json.loads(line) for line in response.content.decode().splitlines()]
    case = world.case_a  # type: ignore[attr-defined]
    assert [(x["suid"], x["duid"], x["act"], x["cs3"], x["cn1"], x["end"]) for x in lines] == [
        (
            "adviser_a",
            str(case.person_id),
            "view",
            "work 1",
            case.pk,
            int(datetime(2024, 3, 1, 9, 30, tzinfo=UTC).timestamp() * 1000),
        ),
        (
            "adviser_a",
            str(case.person_id),
            "view",
            "work 20",
            case.pk,
            int(datetime(2024, 3, 20, 9, 30, tzinfo=UTC).timestamp() * 1000),
        ),
    ]
    assert set(lines[0]) == {
        "version",
        "deviceVendor",
        "deviceProduct",
        "deviceVersion",
        "deviceEventClassId",
        "name",
        "severity",
        "end",
        "suid",
        "duid",
        "act",
        "msg",
        "cn1Label",
        "cn1",
        "cs3Label",
        "cs3",
        "cs5Label",
        "cs5",
        "flexString1Label",
        "flexString1",
    }
    assert (lines[0]["deviceEventClassId"], lines[0]["flexString1"], lines[0]["severity"]) == (
        "audit:access",
        "Permit",
        "INFO",
    )
    assert case.person.national_id not in response.content.decode()


def test_report_of_a_strictly_confidential_person_hides_the_case_number_and_warns() -> None:
    world = make_world()
    strict = make_case("A-2", slug=DISTRICT_A, grading=STRICT, name="Charlie Skjult", serial=3)
    clear(world.staff("adviser_a"), strict, world.staff("administrator"))
    for case in (world.case_a, strict):
        case_for_read(world.staff("adviser_a"), case_pk=case.pk, purpose="case work")
    response = client_for(world.staff("administrator")).get(
        reverse("access:user_report"), {"username": "adviser_a", **WIDE, "format": "jsonl"}
    )
    lines = [json.loads(line) for line in response.content.decode().splitlines()]
    assert [(x["cs5"], x["severity"]) for x in lines] == [("A-1", "INFO"), ("", "WARN")]


def test_csv_export_of_the_report_is_safe_against_formula_injection() -> None:
    world = make_world()
    case_for_read(
        world.staff("adviser_a"), case_pk=world.case_a.pk, purpose='=HYPERLINK("http://evil")'
    )
    response = client_for(world.staff("administrator")).get(
        reverse("access:user_report"), {"username": "adviser_a", **WIDE, "format": "csv"}
    )
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text


def test_security_log_report_lists_refusals_as_cef_deny() -> None:
    world = make_world()
    client_for(world.staff("adviser_a")).get(
        reverse("workspace:case", kwargs={"pk": world.case_b.pk})
    )
    response = client_for(world.staff("administrator")).get(
        reverse("access:security_log"), {**WIDE, "format": "jsonl"}
    )
    lines = [json.loads(line) for line in response.content.decode().splitlines()]
    assert [(x["suid"], x["deviceEventClassId"], x["flexString1"], x["act"]) for x in lines] == [
        ("adviser_a", "audit:deny", "Deny", "denied_case_read")
    ]


def test_reports_are_refused_to_everyone_but_the_administrator() -> None:
    world = make_world()
    statuses = {
        name: client_for(user).get(reverse("access:reports")).status_code
        for name, user in world.users.items()
    }
    assert statuses == {
        name: 200 if name == "administrator" else 302 if name == "anonymous" else 403
        for name in world.users
    }


def test_report_period_end_before_start_is_a_form_error() -> None:
    world = make_world()
    response = client_for(world.staff("administrator")).get(
        reverse("access:user_report"),
        {"username": "adviser_a", "start": "2024-03-31", "end": "2024-03-01"},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["end"]
    assert response.context["rows"] is None


def test_access_report_command_prints_cef_lines_for_the_administrator(capsys) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import CommandError, call_command

    world = _history()["world"]
    call_command(
        "access_report",
        "--case",
        "A-1",
        "--as",
        "administrator",
        "--from",
        "2024-03-01",
        "--to",
        "2024-03-31",
    )
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(x["suid"], x["cs3"]) for x in lines] == [
        ("adviser_a", "work 1"),
        ("coordinator_a", "work 10"),
        ("adviser_a", "work 20"),
    ]
    with pytest.raises(CommandError, match="you may not read the access log"):
        call_command(
            "access_report",
            "--security",
            "--as",
            "coordinator_a",
            "--from",
            "2024-03-01",
            "--to",
            "2024-03-31",
        )
    assert world is not None
