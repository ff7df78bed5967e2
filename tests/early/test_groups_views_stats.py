"""Pre-course groups (at most 10, weekly for 4 to 6 weeks, attendance), the participant's
own view (one-time link, only their own case, logged as their own access) and the
early-contact statistics with the small-cell rule."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from introsak.cases.models import ProgrammeCase
from introsak.early.domain import operations as ops
from introsak.early.domain.stats import early_contact_table
from introsak.early.models import (
    Attendance,
    EarlyAccessEntry,
    EarlyPerson,
    OwnViewLink,
    PreCourseGroup,
    QuestionnaireAnswers,
)
from introsak.identity import make_synthetic_identity_number
from tests.early.world import BIRTH, World, client_for, make_world, person_input
from tests.factories import case_dict, import_cases

pytestmark = pytest.mark.django_db


def _more_persons(world: World, n: int) -> list[EarlyPerson]:
    return [
        ops.person_create(
            by=world.worker,
            data=person_input(
                name=f"Person {i}", national_id=make_synthetic_identity_number(BIRTH, 100 + i)
            ),
        )
        for i in range(n)
    ]


def test_a_group_has_weekly_sessions_for_4_to_6_weeks() -> None:
    world = make_world()
    group = ops.group_create(
        by=world.adviser,
        name="Forkurs september",
        language="uk",
        first_session=date(2024, 9, 23),
        weeks=5,
    )
    days = list(group.sessions.values_list("day", flat=True))
    assert days == [date(2024, 9, 23) + timedelta(weeks=n) for n in range(5)]
    for weeks in (3, 7, None):
        with pytest.raises(ops.EarlyRejected) as rejected:
            ops.group_create(
                by=world.adviser,
                name="x",
                language="uk",
                first_session=date(2024, 9, 23),
                weeks=weeks,
            )
        assert set(rejected.value.errors) == {"weeks"}
    assert PreCourseGroup.objects.count() == 1


def test_a_group_has_at_most_10_persons() -> None:
    world = make_world()
    group = ops.group_create(
        by=world.adviser, name="Forkurs", language="uk", first_session=date(2024, 9, 23), weeks=4
    )
    persons = [world.person, *_more_persons(world, 10)]
    for person in persons[:10]:
        ops.group_add(by=world.adviser, group=group, person=person)
    with pytest.raises(ops.EarlyRejected, match=r"^person: "):
        ops.group_add(by=world.adviser, group=group, person=persons[10])
    assert group.members.count() == 10


def test_attendance_is_recorded_per_session_for_every_member() -> None:
    world = make_world()
    group = ops.group_create(
        by=world.adviser, name="Forkurs", language="uk", first_session=date(2024, 9, 23), weeks=4
    )
    other = _more_persons(world, 1)[0]
    ops.group_add(by=world.adviser, group=group, person=world.person)
    ops.group_add(by=world.adviser, group=group, person=other)
    session = group.sessions.get(number=1)
    client = client_for(world.adviser)
    response = client.post(
        reverse("early:group", args=[group.pk]),
        {"session": session.pk, f"present-{world.person.pk}": "on"},
    )
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("person_id", "present")) == {
        world.person.pk: True,
        other.pk: False,
    }
    with pytest.raises(ops.EarlyRejected):
        ops.attendance_record(by=world.adviser, session=session, present={world.person.pk: True})
    page = client.get(reverse("early:group", args=[group.pk])).content.decode()
    assert (
        f'id="present-{session.pk}-{world.person.pk}" name="present-{world.person.pk}" checked'
        in page
    )
    assert (
        client_for(world.foreign_worker).get(reverse("early:group", args=[group.pk])).status_code
        == 404
    )


def _settle(world: World, person: EarlyPerson, on: date) -> ProgrammeCase:
    return ops.person_settle(
        by=world.worker,
        person=person,
        data=ops.SettlementInput(
            settlement_date=on,
            residence_basis="collective_protection",
            permit_date=on - timedelta(days=60),
            education_level="higher",
            settled_by_agreement=True,
            adviser=None,
        ),
    )


def test_the_own_view_shows_only_the_persons_own_case_and_is_logged() -> None:
    world = make_world()
    case = _settle(world, world.person, date(2024, 3, 1))
    import_cases([case_dict("OTHER-1", district="grunerlokka", person__name="Someone Else")])
    token = ops.own_view_link_issue(by=world.adviser, case=case, language="ru")
    assert OwnViewLink.objects.get().token_hash != token
    client = Client()
    assert client.get(reverse("early:own_open", args=[token])).status_code == 302
    page = client.get(reverse("early:own_view"))
    html = page.content.decode()
    assert page.status_code == 200 and 'lang="ru"' in html
    assert "Olena Kovalenko" in html and "Someone Else" not in html
    assert "Ваша вводная программа должна начаться до этой даты." in html
    client.get(reverse("early:own_view"))
    entries = EarlyAccessEntry.objects.filter(action="own_view")
    assert entries.count() == 2
    assert all(e.data_subject and e.user is None and e.case_id == case.pk for e in entries)
    # one time only; an expired link is refused the same way
    assert Client().get(reverse("early:own_open", args=[token])).status_code == 404
    late = ops.own_view_link_issue(by=world.adviser, case=case, language="ru")
    OwnViewLink.objects.filter(used_at__isnull=True).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert Client().get(reverse("early:own_open", args=[late])).status_code == 404
    # leaving ends it
    client.post(reverse("early:leave"))
    assert client.get(reverse("early:own_view")).status_code == 404


def test_own_view_links_only_for_cases_the_user_may_change() -> None:
    world = make_world()
    case = _settle(world, world.person, date(2024, 3, 1))
    response = client_for(world.foreign_worker).post(
        reverse("early:own_view_link", args=[case.pk]), {"language": "uk"}
    )
    assert response.status_code == 404
    assert not OwnViewLink.objects.exists()


def _reached(world: World, person: EarlyPerson, settled: date, *, before: bool) -> None:
    ops.answers_save(person=person, page_number=5, data={}, submit=True)
    sent = settled - timedelta(days=10) if before else settled + timedelta(days=3)
    QuestionnaireAnswers.objects.filter(person=person).update(
        submitted_at=timezone.make_aware(datetime(sent.year, sent.month, sent.day, 12))
    )


def test_statistics_count_persons_reached_before_settlement(settings: Any) -> None:
    world = make_world()
    persons = [world.person, *_more_persons(world, 9)]
    settled = date(2024, 3, 1)
    for n, person in enumerate(persons):
        if n < 6:
            _reached(world, person, settled, before=n < 5)
        case = _settle(world, person, settled)
        ProgrammeCase.objects.filter(pk=case.pk).update(
            start_date=settled + timedelta(days=30 if n < 5 else 90)
        )
    import_cases([case_dict(f"X-{n}", district="grunerlokka", start_date=None) for n in range(3)])
    rows = {row.district: row for row in early_contact_table(suppressed=False)}
    row = rows["Grünerløkka"]
    assert (row.settled, row.reached, row.share) == (13, 5, 38)
    assert (row.days_reached, row.days_not_reached) == (30, 90)
    assert rows["Oslo"].settled == 13
    # published: 13 settled, 5 reached, 8 not; no other district has anyone: nothing hidden
    shown = {row.district: row for row in early_contact_table()}
    assert (shown["Grünerløkka"].settled, shown["Grünerløkka"].reached) == (13, 5)
    # one district with 3 reached of 4: the small cells are hidden, totals that would give
    # them away too
    for n in range(4):
        extra = ops.person_create(
            by=world.foreign_worker,
            data=person_input(
                name=f"S {n}", national_id=make_synthetic_identity_number(BIRTH, 300 + n)
            ),
        )
        if n < 3:
            _reached(world, extra, settled, before=True)
        ops.person_settle(
            by=world.foreign_worker,
            person=extra,
            data=ops.SettlementInput(
                settlement_date=settled,
                residence_basis="collective_protection",
                permit_date=settled - timedelta(days=60),
                education_level="higher",
                settled_by_agreement=True,
                adviser=None,
            ),
        )
    protected = {row.district: row for row in early_contact_table()}
    assert protected["St. Hanshaugen"].reached is None
    assert protected["St. Hanshaugen"].settled is None
    assert protected["St. Hanshaugen"].share is None
    page = client_for(world.coordinator).get(reverse("early:stats"))
    assert page.status_code == 200 and "Grünerløkka" in page.content.decode()


def test_demo_data_for_early_contact() -> None:
    from django.core.management import call_command

    from introsak.accounts.enums import Role
    from tests.factories import user

    user("bosetter.grunerlokka.1", Role.SETTLEMENT_WORKER, "grunerlokka")
    user("radgiver.grunerlokka.1", Role.PROGRAMME_ADVISER, "grunerlokka")
    import_cases(
        [
            case_dict(
                f"G-{n}",
                district="grunerlokka",
                adviser="radgiver.grunerlokka.1",
                person__settlement_date="2023-10-02",
            )
            for n in range(20)
        ]
    )
    call_command("early_demo_data", "--seed", "7")
    assert EarlyPerson.objects.filter(case__isnull=False).count() == 20
    pending = EarlyPerson.objects.filter(case__isnull=True)
    assert pending.count() == 12
    answered = QuestionnaireAnswers.objects.filter(person__case__isnull=False).count()
    assert 16 <= answered <= 20  # about 19 in 20
    group = PreCourseGroup.objects.get()
    assert group.members.count() == 8 and group.sessions.count() == 5
    call_command("early_demo_data", "--if-empty")
    assert EarlyPerson.objects.count() == 32
    assert early_contact_table(suppressed=False)[1].reached == answered  # Grünerløkka


def test_a_participant_session_ends_after_30_idle_minutes() -> None:
    from introsak.early import views

    world = make_world()
    client = Client()
    client.get(reverse("early:open", args=[ops.link_issue(by=world.worker, person=world.person)]))
    assert client.get(reverse("early:questionnaire")).status_code == 200
    session = client.session
    session[views.SESSION_SEEN] = session[views.SESSION_SEEN] - views.PARTICIPANT_IDLE_SECONDS - 1
    session.save()
    assert client.get(reverse("early:questionnaire")).status_code == 404
    assert client.get(reverse("early:questionnaire")).status_code == 404  # ended, not renewed
