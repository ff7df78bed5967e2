"""Job fairs: preparation sessions, invitations through the gateway, attendance and outcomes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from introsak.placements.domain.errors import Rejected
from introsak.placements.domain.fairs import Outcome, fair_create, invitation_record
from introsak.placements.models import JobFair, JobFairInvitation
from tests.factories import import_cases, user
from tests.placements.builders import participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as(db: Any) -> Client:
    client = Client()
    client.force_login(user("kari", "programme_adviser", "grunerlokka"))
    user("ola", "programme_adviser", "ostensjo")
    import_cases(
        [
            participant("F-1", "kari", "Amina Messe", district="grunerlokka"),
            participant("F-2", "ola", "Ola Annen", district="ostensjo"),
        ]
    )
    return client


def test_a_fair_with_preparation_invitations_and_outcomes(client_as: Client) -> None:
    response = client_as.post(
        "/placements/fairs/",
        {
            "name": "Jobbmesse Grünerløkka",
            "held_on": "2024-09-12",
            "district": "grunerlokka",
            "preparation_sessions": "6",
        },
    )
    fair = JobFair.objects.get()
    assert response.status_code == 302
    client_as.post(f"/placements/fairs/{fair.pk}/invite/", {"case_number": "F-1"})
    # A case of another district cannot be invited: the same answer as an unknown number.
    client_as.post(f"/placements/fairs/{fair.pk}/invite/", {"case_number": "F-2"})
    invitation = JobFairInvitation.objects.get()
    assert invitation.case.case_id == "F-1"
    prefix = f"i{invitation.pk}"
    client_as.post(
        f"/placements/fairs/{fair.pk}/invitations/{invitation.pk}/",
        {
            f"{prefix}-sessions_attended": "5",
            f"{prefix}-attended": "true",
            f"{prefix}-interviews": "2",
            f"{prefix}-offers": "1",
            f"{prefix}-hired": "on",
        },
    )
    body = client_as.get(f"/placements/fairs/{fair.pk}/").content.decode()
    assert "Amina Messe" in body and "Ola Annen" not in body
    found = JobFairInvitation.objects.get()
    shown = (found.sessions_attended, found.attended, found.interviews, found.offers)
    assert (*shown, found.hired) == (5, True, 2, 1, True)


def test_impossible_outcomes_are_refused_naming_the_field(client_as: Client) -> None:
    fair = fair_create(name="Messe", held_on=date(2024, 9, 1), district="", preparation_sessions=5)
    invitation = JobFairInvitation.objects.create(fair=fair, case=participant_case("F-1"))
    cases = [
        (Outcome(6, True, 0, 0, False), "sessions_attended"),
        (Outcome(2, False, 1, 0, False), "attended"),
        (Outcome(2, True, 1, 0, True), "offers"),
    ]
    for outcome, field in cases:
        with pytest.raises(Rejected) as refused:
            invitation_record(invitation=invitation, outcome=outcome)
        assert list(refused.value.errors) == [field]
    assert JobFairInvitation.objects.get().sessions_attended == 0
    with pytest.raises(Rejected) as refused:
        fair_create(name=" ", held_on=date(2024, 9, 1), district="bergen", preparation_sessions=30)
    assert sorted(refused.value.errors) == ["district", "name", "preparation_sessions"]


def participant_case(case_id: str) -> Any:
    from introsak.cases.models import ProgrammeCase

    return ProgrammeCase.objects.get(case_id=case_id)


def test_the_fair_page_takes_as_many_queries_for_many_invitations(client_as: Client) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fair = fair_create(name="Messe", held_on=date(2024, 9, 1), district="", preparation_sessions=5)
    JobFairInvitation.objects.create(fair=fair, case=participant_case("F-1"))

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client_as.get(f"/placements/fairs/{fair.pk}/").status_code == 200
        return len(captured)

    few = count()
    import_cases(
        [
            participant(f"F-{n}", "kari", f"Deltaker {n}", district="grunerlokka")
            for n in range(3, 13)
        ]
    )
    for n in range(3, 13):
        JobFairInvitation.objects.create(fair=fair, case=participant_case(f"F-{n}"))
    assert count() == few
