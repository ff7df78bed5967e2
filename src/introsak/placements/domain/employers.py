"""The employers registry: organisation numbers, creating and importing employers."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from introsak.casefacts.enums import Ownership, Sector
from introsak.core.models import District
from introsak.identity import clean_orgnr as clean_orgnr  # the one validator, re-exported
from introsak.placements.domain.errors import Errors, Rejected
from introsak.placements.models import Employer


@dataclass(frozen=True)
class EmployerInput:
    orgnr: str
    name: str
    sector: str
    ownership: str
    district: str = ""  # slug; blank: city-wide
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    notes: str = ""


def validate_employer(
    data: EmployerInput, districts: dict[str, District]
) -> tuple[dict[str, object], Errors]:
    """The model values of an employer and the problems per field (none: valid)."""
    errors: Errors = {}
    values: dict[str, object] = {}
    try:
        values["orgnr"] = clean_orgnr(data.orgnr)
    except ValueError as exc:
        errors["orgnr"] = [_("Not a valid organisation number: %(reason)s.") % {"reason": exc}]
    name = data.name.strip()
    if not name:
        errors["name"] = [_("Give the employer's name.")]
    elif len(name) > 200:
        errors["name"] = [_("At most 200 characters.")]
    values["name"] = name
    if data.sector not in Sector._value2member_map_:
        errors["sector"] = [_("Unknown sector %(value)s.") % {"value": data.sector}]
    values["sector"] = data.sector
    if data.ownership not in Ownership._value2member_map_:
        errors["ownership"] = [_("Unknown ownership %(value)s.") % {"value": data.ownership}]
    values["ownership"] = data.ownership
    values["district"] = None
    if data.district:
        if data.district not in districts:
            errors["district"] = [_("Unknown district %(value)s.") % {"value": data.district}]
        else:
            values["district"] = districts[data.district]
    for name_ in ("contact_name", "contact_email", "contact_phone", "notes"):
        values[name_] = getattr(data, name_).strip()
    return values, errors


def _districts() -> dict[str, District]:
    return {d.slug: d for d in District.objects.all()}


@transaction.atomic
def employer_save(*, data: EmployerInput) -> Employer:
    """Create the employer, or update the one with the same organisation number.

    Side effects: creates or updates one ``Employer``. Raises ``Rejected`` (per field) on bad
    input, writing nothing.
    """
    values, errors = validate_employer(data, _districts())
    if errors:
        raise Rejected(errors)
    orgnr = str(values.pop("orgnr"))
    employer, _created = Employer.objects.update_or_create(orgnr=orgnr, defaults=values)
    return employer
