"""Look-up in the Central Coordinating Register for Legal Entities (Enhetsregisteret,
Brønnøysundregistrene) when registering an employer: name, business address and
municipality, legal form and the NACE code, turned into suggestions for the employer form.

One module, over the register's open JSON API (``GET {base}/enheter/{orgnr}``) with the
standard library: the PyPI client ``brreg`` would bring httpx and pydantic for this one call
(docs/placements.md, "Register look-up"). Off by default (``INTROSAK_BRREG_ENABLED``); base
URL and timeout from the settings. Every failure is a ``LookupFailed`` with a message for the
user, and never stops a manual registration. Tests stub ``transport`` (the HTTP boundary)
with recorded responses; nothing here runs without the setting on.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from introsak.casefacts.enums import Ownership, Sector
from introsak.placements.domain.employers import clean_orgnr

# ``transport(url, timeout_seconds)`` → (HTTP status, body). Raises ``TimeoutError`` or
# ``OSError`` when the register does not answer.
Transport = Callable[[str, float], tuple[int, bytes]]


class LookupFailed(Exception):
    """The look-up gave nothing to pre-fill; ``message`` says why, for the user."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Entity:
    orgnr: str
    name: str
    address: str  # street, postcode and place; "" when the register has none
    municipality: str
    nace_code: str  # e.g. "88.911"; "" when the register has none
    nace_text: str
    sector: str  # a ``Sector`` value suggested by the NACE code; "" when none fits
    ownership: str  # an ``Ownership`` value suggested by the legal form; "" when none fits

    @property
    def address_line(self) -> str:
        """The business address with the municipality, for the employer's notes."""
        return " – ".join(x for x in (self.address, self.municipality) if x)

    def form_values(self) -> dict[str, str]:
        """The employer form's fields this entity pre-fills (only those it knows)."""
        values = {"orgnr": self.orgnr, "name": self.name}
        if self.sector:
            values["sector"] = self.sector
        if self.ownership:
            values["ownership"] = self.ownership
        return values


# NACE (SN2007) code prefixes → the employer's sector; the longest prefix wins.
NACE_SECTORS: dict[str, Sector] = {
    "88.91": Sector.KINDERGARTEN,
    "85.2": Sector.SCHOOL_AKS,
    "85.1": Sector.SCHOOL_AKS,
    "84": Sector.DISTRICT_ADMINISTRATION,
    "88.1": Sector.HOME_SERVICES,
    "87": Sector.NURSING_HOME,
    "47.11": Sector.GROCERY,
    "47.2": Sector.GROCERY,
    "47": Sector.SHOP,
    "81.2": Sector.CLEANING,
    "56.29": Sector.CANTEEN,
    "56": Sector.RESTAURANT,
    "55": Sector.HOTEL,
    "86": Sector.HEALTH,
    "41": Sector.CONSTRUCTION,
    "42": Sector.CONSTRUCTION,
    "43": Sector.CONSTRUCTION,
    **{f"{d}": Sector.TRANSPORT for d in range(49, 54)},
    **{f"{d}": Sector.MANUFACTURING for d in range(10, 34)},
    "62": Sector.OFFICE_IT,
    "63": Sector.OFFICE_IT,
    "69": Sector.OFFICE_IT,
    "70": Sector.OFFICE_IT,
    "82": Sector.OFFICE_IT,
    "94": Sector.VOLUNTARY,
}
# Legal forms (organisasjonsform) → ownership.
LEGAL_FORMS: dict[str, Ownership] = {
    "KOMM": Ownership.MUNICIPAL,
    "KF": Ownership.MUNICIPAL,
    "IKS": Ownership.MUNICIPAL,
    "FYLK": Ownership.MUNICIPAL,
    "STAT": Ownership.STATE,
    "ORGL": Ownership.STATE,
    "SF": Ownership.STATE,
    "FLI": Ownership.VOLUNTARY,
    "STI": Ownership.VOLUNTARY,
    "AS": Ownership.PRIVATE,
    "ASA": Ownership.PRIVATE,
    "ENK": Ownership.PRIVATE,
    "ANS": Ownership.PRIVATE,
    "DA": Ownership.PRIVATE,
    "SA": Ownership.PRIVATE,
    "NUF": Ownership.PRIVATE,
}


def enabled() -> bool:
    return bool(settings.INTROSAK_BRREG_ENABLED)


def lookup(raw_orgnr: str, *, transport: Transport | None = None) -> Entity:
    """The register's entry for an organisation number (validated first with
    ``clean_orgnr``). Raises ``LookupFailed`` with the reason for the user."""
    try:
        orgnr = clean_orgnr(raw_orgnr)
    except ValueError as exc:
        raise LookupFailed(
            _("Not a valid organisation number: %(reason)s.") % {"reason": exc}
        ) from exc
    if not enabled():
        raise LookupFailed(_("The register look-up is not configured; register by hand."))
    url = f"{settings.INTROSAK_BRREG_BASE_URL.rstrip('/')}/enheter/{orgnr}"
    try:
        status, body = (transport or _get)(url, float(settings.INTROSAK_BRREG_TIMEOUT))
    except TimeoutError as exc:
        raise LookupFailed(
            _("The register did not answer in time; register by hand or try again.")
        ) from exc
    except OSError as exc:
        raise LookupFailed(
            _("The register could not be reached; register by hand or try again.")
        ) from exc
    if status in (404, 410):
        raise LookupFailed(
            _("No entity with organisation number %(orgnr)s in the register.") % {"orgnr": orgnr}
        )
    if status != 200:
        raise LookupFailed(
            _("The register answered with an error (HTTP %(status)s); register by hand.")
            % {"status": status}
        )
    try:
        return entity_from(json.loads(body))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LookupFailed(_("The register's answer could not be read; register by hand.")) from exc


def entity_from(data: dict[str, Any]) -> Entity:
    """An ``Entity`` from the register's JSON for one ``enhet``."""
    address = data.get("forretningsadresse") or data.get("postadresse") or {}
    street = ", ".join(line for line in address.get("adresse") or () if line)
    place = " ".join(x for x in (address.get("postnummer"), address.get("poststed")) if x)
    nace = data.get("naeringskode1") or {}
    code = str(nace.get("kode") or "")
    form = str((data.get("organisasjonsform") or {}).get("kode") or "")
    return Entity(
        orgnr=str(data["organisasjonsnummer"]),
        name=str(data["navn"]),
        address=", ".join(x for x in (street, place) if x),
        municipality=str(address.get("kommune") or ""),
        nace_code=code,
        nace_text=str(nace.get("beskrivelse") or ""),
        sector=sector_for(code),
        ownership=LEGAL_FORMS.get(form, ""),
    )


def sector_for(nace_code: str) -> str:
    """The sector the NACE code suggests (longest matching prefix), or ""."""
    for length in range(len(nace_code), 1, -1):
        found = NACE_SECTORS.get(nace_code[:length])
        if found:
            return str(found)
    return ""


def _get(url: str, timeout: float) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return int(response.status), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise TimeoutError(str(exc.reason)) from exc
        raise
