"""The placements pages: what they show, who may post, and query counts that do not grow
with the data (offers, placements, participants, employers, needs)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from introsak.access.models import AccessLogEntry
from introsak.accounts.models import User
from introsak.cases.models import ProgrammeCase
from introsak.placements.domain import pipeline
from introsak.placements.models import MarketNeed, Placement
from tests.factories import import_cases, user
from tests.placements.builders import ORGNRS, employer, offer, participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser(db: Any) -> User:
    return user("kari", "programme_adviser", "st_hanshaugen")


@pytest.fixture
def client_as(adviser: User) -> Client:
    client = Client()
    client.force_login(adviser)
    return client


def _case(case_id: str = "G-1") -> ProgrammeCase:
    return ProgrammeCase.objects.select_related("person", "district").get(case_id=case_id)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _more_offers(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        offer(title=f"Tilbud {i}", occupation="91" if i % 2 else "52")


def test_the_work_page_shows_profile_ranked_offers_and_pipeline(
    client_as: Client, adviser: User
) -> None:
    import_cases([participant("G-1", "kari", "Olena Side")])
    the_offer = offer()
    pipeline.placement_propose(case=_case(), offer_pk=the_offer.pk, by=adviser)
    before = AccessLogEntry.objects.count()
    body = client_as.get(f"/placements/case/{_case().pk}/").content.decode()
    assert AccessLogEntry.objects.count() == before + 1
    assert 'data-status="proposed"' in body
    assert 'data-offer="' in body
    assert "Ingen krav til norsk" in body  # the reasons, in bokmål


def test_query_counts_do_not_grow_with_offers_and_placements(
    client_as: Client, adviser: User
) -> None:
    import_cases([participant("G-1", "kari", "Olena Side")])
    url = f"/placements/case/{_case().pk}/"
    _more_offers(1)
    few = _queries(client_as, url)
    _more_offers(30, start=1)
    for placement_offer in list(offer().employer.offers.all())[:5]:
        pipeline.placement_propose(case=_case(), offer_pk=placement_offer.pk, by=adviser)
    assert _queries(client_as, url) == few


def test_the_offer_page_ranks_participants_in_a_constant_number_of_queries(
    client_as: Client,
) -> None:
    import_cases([participant("G-1", "kari", "Olena Side")])
    url = f"/placements/offers/{offer().pk}/"
    few = _queries(client_as, url)
    import_cases([participant(f"H-{i}", "kari", f"Deltaker {i}") for i in range(30)])
    body = client_as.get(url).content.decode()
    assert _queries(client_as, url) == few
    assert body.count('class="app-match"') == 10


def test_board_and_employers_pages_in_a_constant_number_of_queries(
    client_as: Client, adviser: User
) -> None:
    _more_offers(1)

    def counts() -> tuple[int, int]:
        return _queries(client_as, "/placements/"), _queries(client_as, "/placements/employers/")

    few = counts()
    for i, orgnr in enumerate(ORGNRS[1:]):
        employer(orgnr=orgnr, name=f"Arbeidsgiver {i}", sector="shop", ownership="private")
    _more_offers(20, start=1)
    for i in range(10):
        MarketNeed.objects.create(sector="kindergarten", places=5, level="B1",
                                  description=f"Behov {i}", posted_on=date(2024, 8, 1))  # fmt: skip
    assert counts() == few


def _board(client: Client) -> str:
    return client.get("/placements/").content.decode()


def test_posting_a_need_and_registering_an_employer(client_as: Client) -> None:
    response = client_as.post(
        "/placements/",
        {
            "district": "gamle_oslo",
            "sector": "kindergarten",
            "places": "5",
            "level": "B1",
            "description": "5 barnehageplasser for B1 i Gamle Oslo",
        },
    )
    assert response.status_code == 302
    # The board shows the user's district and city-wide needs.
    assert "5 barnehageplasser for B1 i Gamle Oslo" not in _board(client_as)
    client_as.post(
        "/placements/",
        {"district": "", "sector": "cleaning", "places": "3", "description": "Renhold, byen"},
    )
    assert "Renhold, byen" in _board(client_as)
    assert MarketNeed.objects.count() == 2
    bad = client_as.post(
        "/placements/employers/",
        {"orgnr": "974760674", "name": "Feil AS", "sector": "shop", "ownership": "private"},
    )
    assert bad.status_code == 400
    assert "Ikke et gyldig organisasjonsnummer" in bad.content.decode()


def test_proposing_from_the_page_and_declining_needs_a_reason(
    client_as: Client, adviser: User
) -> None:
    import_cases([participant("G-1", "kari", "Olena Side")])
    case = _case()
    the_offer = offer()
    response = client_as.post(f"/placements/case/{case.pk}/propose/", {"offer": the_offer.pk})
    assert response.status_code == 302
    placement = Placement.objects.get(case=case)
    url = f"/placements/case/{case.pk}/placement/{placement.pk}/decline/"
    refused = client_as.post(url, {"on": "2024-08-07"})
    assert refused.status_code == 400
    assert Placement.objects.get(pk=placement.pk).status == "proposed"
    client_as.post(url, {"on": "2024-08-07", "reason": "not_relevant"})
    assert Placement.objects.get(pk=placement.pk).decline_reason == "not_relevant"
