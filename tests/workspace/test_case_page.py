"""The case page: findings with explanation and source, the timeline, the plan history, the
journal; one access-log row per opening; a fixed number of queries."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from introsak.access.models import AccessLogEntry, SecurityEvent
from introsak.cases import models
from tests.factories import with_national_id
from tests.workspace.builders import Staff, ended_without_meeting, load, running, undecided

pytestmark = pytest.mark.django_db


def _url(case_id: str) -> str:
    return reverse("workspace:case", args=[models.ProgrammeCase.objects.get(case_id=case_id).pk])


def _finding_status(html: str, rule: str) -> str:
    found = re.search(rf'<tr id="finding-{rule}" data-rule="{rule}" data-status="(\w+)">', html)
    assert found, rule
    return found.group(1)


def test_opening_the_case_writes_exactly_one_access_log_row(client: Client, people: Staff) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    assert client.get(_url("C-1")).status_code == 200
    entries = list(
        AccessLogEntry.objects.values_list("user__username", "case_id", "action", "purpose")
    )
    case = models.ProgrammeCase.objects.get(case_id="C-1")
    assert entries == [("radgiver.sth", case.pk, "view", "case_page")]


def test_every_finding_is_shown_with_explanation_and_source(client: Client, people: Staff) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    html = client.get(_url("C-1"), headers={"Accept-Language": "nb"}).content.decode()
    rules = re.findall(r'<tr id="finding-([A-Z0-9-]+)"', html)
    assert sorted(rules) == sorted(
        [
            "START-01",
            "MAP-01",
            "GUIDE-01",
            "PLAN-01",
            "CONTRACT-01",
            "GOAL-01",
            "DURATION-01",
            "END-01",
            "WORK-15H-01",
            "TRI-01",
            "EDU-01",
            "JOBSEEK-01",
            "PARENT-01",
            "LIFE-01",
            "CERT-01",
            "U25-01",
            "FULLTIME-01",
            "WORK-MIN-01",
            "PLANREV-01",
            "NOR-01",
            "SOC-01",
        ]
    )
    # Overdue first: NOR-01 (no Norwegian training recorded, due 3 months after settlement)
    # and then TRI-01.
    assert rules[:2] == ["NOR-01", "TRI-01"]
    assert _finding_status(html, "TRI-01") == "overdue"
    assert (
        "Første trekantsamtale forfalt 15.02.2024, 1 måned etter programstart 15.01.2024 "
        "(kort program), og er ikke dokumentert"
    ) in html
    assert (
        '<a class="ds-link" href="https://lovdata.no/lov/2020-11-06-127/§12" '
        'rel="noopener">IL § 12</a>'
    ) in html


def test_page_in_english_shows_the_english_explanation(client: Client, people: Staff) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    client.cookies["django_language"] = "en"
    html = client.get(_url("C-1")).content.decode()
    assert '<html lang="en"' in html
    assert "The first three-party meeting was due on 2024-02-15" in html


def test_timeline_has_the_path_in_order_with_states(client: Client, people: Staff) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    html = client.get(_url("C-1")).content.decode()
    steps = re.findall(r'<li class="app-timeline__step" data-state="(\w+)" id="step-(\w+)">', html)
    assert steps == [
        ("done", "settlement"),
        ("done", "mapping"),
        ("not_applicable", "guidance"),
        ("done", "decision"),
        ("not_applicable", "contract"),
        ("late", "start"),
        ("not_applicable", "recognition"),
        ("done", "jobseeker"),
        ("overdue", "meetings"),
        ("none", "activities"),
        ("none", "leave"),
        ("done", "end"),
        ("open", "certificate"),
    ]


def test_plan_history_lists_every_version_newest_first(client: Client, people: Staff) -> None:
    load(
        [
            running(
                "C-1",
                "radgiver.sth",
                plans=[
                    {
                        "decided_on": "2024-05-02",
                        "end_goal": "work",
                        "norwegian_goal": "B1",
                        "duration_months": 12,
                        "elements": ["Norskopplæring"],
                    },
                    {
                        "decided_on": "2024-07-01",
                        "end_goal": "education",
                        "norwegian_goal": "B1",
                        "duration_months": 12,
                        "justification": "Vil studere",
                    },
                ],
            )
        ]
    )
    client.force_login(people.adviser)
    html = client.get(_url("C-1")).content.decode()
    plan_ids = [int(x) for x in re.findall(r'<li class="ds-card app-plan" id="plan-(\d+)">', html)]
    assert plan_ids == sorted(plan_ids, reverse=True) and len(plan_ids) == 2
    assert "Vil studere" in html


def test_confidential_person_is_flagged_and_full_identity_shown_only_here(
    client: Client, people: Staff
) -> None:
    case = with_national_id(
        running("C-1", "radgiver.sth", person__protected_address="confidential")
    )
    load([case])
    client.force_login(people.adviser)
    html = client.get(_url("C-1")).content.decode()
    assert 'id="confidential-alert"' in html
    assert html.count(case["person"]["national_id"]) == 1


def test_case_in_another_district_is_not_found_and_logged_as_refused(
    client: Client, people: Staff
) -> None:
    load([running("O-1", "radgiver.ost", district="ostensjo")])
    client.force_login(people.adviser)
    assert client.get(_url("O-1")).status_code == 404
    assert AccessLogEntry.objects.count() == 0
    assert SecurityEvent.objects.filter(user=people.adviser).count() == 1


def _events(n: int) -> dict[str, Any]:
    return {
        "meetings": [
            {
                "kind": "three_party",
                "date": f"2024-{5 + i % 3:02d}-{10 + i % 15:02d}",
                "documented": True,
            }
            for i in range(n)
        ],
        "activities": [
            {"kind": "norwegian_training", "start": "2024-05-06", "hours_per_week": 15}
            for _ in range(n)
        ],
        "journal_notes": [{"written_on": "2024-06-01", "text": f"Notat {i}"} for i in range(n)],
        "leaves": [
            {"start": "2024-06-10", "end": "2024-06-11", "approved": True} for _ in range(n)
        ],
    }


def test_query_count_does_not_grow_with_events(
    client: Client, people: Staff, django_assert_num_queries: Any
) -> None:
    load(
        [
            running("FEW", "radgiver.sth", **_events(3)),
            running("MANY", "radgiver.sth", **_events(30)),
        ]
    )
    client.force_login(people.adviser)
    few_url, many_url = _url("FEW"), _url("MANY")
    client.get(few_url)  # warm the session
    # Session, user, the case with its lists, recent changes and the events' history (one
    # query on both databases: cases.domain.single), the access-log row.
    with django_assert_num_queries(4):
        few = client.get(few_url)
    with django_assert_num_queries(4):
        many = client.get(many_url)
    assert (
        few.content.decode().count('class="app-journal__note"'),
        many.content.decode().count('class="app-journal__note"'),
    ) == (3, 30)


def test_stored_status_is_shown_where_the_worklist_is_behind(
    client: Client, people: Staff, settings: Any
) -> None:
    """Stored on 7 August, the planned start of 20 August had not happened; on 10 September,
    before the nightly recompute, the page evaluates afresh and says what the worklist
    still believes."""
    load(
        [
            undecided(
                "C-1",
                "radgiver.sth",
                decision_date="2024-08-01",
                start_date="2024-08-20",
                plans=[
                    {
                        "decided_on": "2024-08-01",
                        "end_goal": "work",
                        "norwegian_goal": "B1",
                        "duration_months": 24,
                    }
                ],
            )
        ]
    )
    client.force_login(people.adviser)
    client.cookies["django_language"] = "en"
    html = client.get(_url("C-1")).content.decode()
    assert _finding_status(html, "START-01") == "overdue"
    assert "Worklist:" not in html
    settings.INTROSAK_AS_OF = date(2024, 9, 10)
    html = client.get(_url("C-1")).content.decode()
    assert _finding_status(html, "START-01") == "met_late"
    assert "Worklist: overdue (as of 7 Aug 2024)" in html


def test_text_written_by_users_is_escaped_everywhere_on_the_page(
    client: Client, people: Staff
) -> None:
    """The timeline and the findings table are Jinja2 partials (``workspace_tags``), the
    rest Django templates: with either engine's autoescaping, markup typed into a provider,
    the minutes or a plan comes out as text (Jinja2 writes a quote as ``&#34;``, Django as
    ``&quot;``)."""
    evil = '<img src=x onerror="alert(1)">'
    load(
        [
            running(
                "C-1",
                "radgiver.sth",
                activities=[
                    {
                        "kind": "language_practice",
                        "start": "2024-07-01",
                        "hours_per_week": 16,
                        "provider": evil,
                    }
                ],
                meetings=[
                    {
                        "kind": "three_party",
                        "date": "2024-06-03",
                        "documented": True,
                        "minutes": {"further_plan": evil},
                    }
                ],
            )
        ]
    )
    client.force_login(people.adviser)
    html = client.get(_url("C-1")).content.decode()
    assert "<img" not in html
    timeline = html[html.index('id="step-activities"') : html.index('id="step-leave"')]
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in timeline
    meetings = html[html.index('id="meetings"') : html.index('id="activities"')]
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in meetings
