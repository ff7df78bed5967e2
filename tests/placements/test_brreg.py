"""Look-up in the Central Coordinating Register for Legal Entities when registering an
employer (issue 15): off by default, the HTTP transport stubbed with a response in the
register's format (``fixtures/brreg_enhet.json``), never the network. A failure says why and
never stops a manual registration."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from introsak.placements import brreg
from introsak.placements.models import Employer
from tests.factories import user
from tests.placements.builders import ORGNRS

RECORDED = (Path(__file__).parent / "fixtures" / "brreg_enhet.json").read_bytes()
ORGNR = ORGNRS[1]  # the fixture's organisation number


class Transport:
    """The HTTP boundary: answers with one recorded response (or raises) and remembers the
    addresses asked for."""

    def __init__(self, status: int = 200, body: bytes = RECORDED, error: Exception | None = None):
        self.status, self.body, self.error = status, body, error
        self.urls: list[str] = []

    def __call__(self, url: str, timeout: float) -> tuple[int, bytes]:
        self.urls.append(url)
        if self.error is not None:
            raise self.error
        return self.status, self.body


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    # The messages in English here; the pages below are asked for in their default bokmål.
    with translation.override("en"):
        yield


@pytest.fixture
def enabled(settings: Any) -> None:
    settings.INTROSAK_BRREG_ENABLED = True
    settings.INTROSAK_BRREG_BASE_URL = "https://register.invalid/api/"
    settings.INTROSAK_BRREG_TIMEOUT = 3


def test_the_look_up_is_off_by_default() -> None:
    from django.conf import settings

    assert settings.INTROSAK_BRREG_ENABLED is False


@pytest.mark.usefixtures("enabled")
def test_a_recorded_entity_gives_name_address_and_suggestions() -> None:
    transport = Transport()

    found = brreg.lookup("923 609 016", transport=transport)

    assert transport.urls == ["https://register.invalid/api/enheter/923609016"]
    assert found.name == "BARNEHAGEN EKSEMPEL AS"
    assert found.address_line == "Ullevålsveien 1, 0170 OSLO – OSLO"
    assert (found.nace_code, found.nace_text) == ("88.911", "Barnehager")
    assert found.form_values() == {
        "orgnr": ORGNR,
        "name": "BARNEHAGEN EKSEMPEL AS",
        "sector": "kindergarten",
        "ownership": "private",
    }


@pytest.mark.parametrize(
    ("nace", "sector"),
    [("88.911", "kindergarten"), ("47.111", "grocery"), ("47.710", "shop"), ("56.290", "canteen"),
     ("56.101", "restaurant"), ("87.102", "nursing_home"), ("49.410", "transport"),
     ("01.110", ""), ("", "")],
)  # fmt: skip
def test_the_nace_code_suggests_a_sector(nace: str, sector: str) -> None:
    assert brreg.sector_for(nace) == sector


@pytest.mark.usefixtures("enabled")
@pytest.mark.parametrize(
    ("transport", "message"),
    [
        (Transport(status=404, body=b""), "No entity with organisation number 923609016"),
        (Transport(status=410, body=b""), "No entity with organisation number 923609016"),
        (Transport(error=TimeoutError("timed out")), "did not answer in time"),
        (Transport(error=OSError("no route")), "could not be reached"),
        (Transport(status=500, body=b""), "HTTP 500"),
        (Transport(body=b"<html>"), "could not be read"),
    ],
)
def test_a_failed_look_up_says_why(transport: Transport, message: str) -> None:
    with pytest.raises(brreg.LookupFailed) as failed:
        brreg.lookup(ORGNR, transport=transport)
    assert message in str(failed.value.message)


@pytest.mark.usefixtures("enabled")
def test_an_invalid_organisation_number_is_refused_before_any_request() -> None:
    transport = Transport()
    with pytest.raises(brreg.LookupFailed) as failed:
        brreg.lookup("923609017", transport=transport)
    assert str(failed.value.message).startswith("Not a valid organisation number: ")
    assert transport.urls == []


def test_disabled_the_register_is_never_asked() -> None:
    transport = Transport()
    with pytest.raises(brreg.LookupFailed) as failed:
        brreg.lookup(ORGNR, transport=transport)
    assert "not configured" in str(failed.value.message)
    assert transport.urls == []


# The employers page


@pytest.fixture
def adviser(client: Client, db: Any) -> Client:
    client.force_login(user("kari", "programme_adviser", "st_hanshaugen"))
    return client


def _stub(monkeypatch: pytest.MonkeyPatch, transport: Transport) -> None:
    monkeypatch.setattr(brreg, "_get", transport)


def test_disabled_the_page_has_no_look_up_button(adviser: Client) -> None:
    page = adviser.get("/placements/employers/").content.decode()
    assert 'id="employer-form"' in page
    assert 'id="employer-lookup"' not in page


@pytest.mark.usefixtures("enabled")
def test_the_look_up_fills_in_the_form_and_saves_nothing(
    adviser: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stub(monkeypatch, Transport())
    page = adviser.get("/placements/employers/").content.decode()
    assert 'id="employer-lookup"' in page

    response = adviser.post(
        "/placements/employers/", {"orgnr": ORGNR, "contact_name": "Per", "lookup": "1"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="lookup-found"' in page
    assert 'value="BARNEHAGEN EKSEMPEL AS"' in page
    assert '<option value="kindergarten" selected>' in page
    assert '<option value="private" selected>' in page
    assert 'value="Per"' in page  # what was typed stays
    assert "Ullevålsveien 1, 0170 OSLO – OSLO</textarea>" in page
    assert not Employer.objects.exists()


@pytest.mark.usefixtures("enabled")
def test_a_failed_look_up_keeps_the_form_and_registration_by_hand_works(
    adviser: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stub(monkeypatch, Transport(error=TimeoutError("timed out")))

    response = adviser.post(
        "/placements/employers/", {"orgnr": ORGNR, "name": "Kafé Sentrum", "lookup": "1"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="lookup-failed"' in page
    assert "Registeret svarte ikke i tide; registrer for hånd eller prøv igjen." in page
    assert 'value="Kafé Sentrum"' in page
    saved = adviser.post(
        "/placements/employers/",
        {"orgnr": ORGNR, "name": "Kafé Sentrum", "sector": "canteen", "ownership": "private"},
    )
    assert saved.status_code == 302
    assert Employer.objects.get(orgnr=ORGNR).name == "Kafé Sentrum"
