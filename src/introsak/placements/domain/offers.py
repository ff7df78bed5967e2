"""Placement offers: creating them, validated per field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from introsak.accounts.models import User
from introsak.casefacts.enums import CefrLevel
from introsak.casefacts.occupations import is_known
from introsak.core.models import District
from introsak.placements.domain.errors import Errors, Rejected
from introsak.placements.domain.requirements import catalogue
from introsak.placements.enums import PlacementKind
from introsak.placements.models import Employer, PlacementOffer

MAX_OFFER_HOURS = 60


@dataclass(frozen=True)
class OfferInput:
    employer_id: int
    kind: str
    title: str
    occupation: str
    hours_per_week: float
    start: date
    end: date | None = None
    capacity: int = 1
    tasks: str = ""
    district: str = ""  # slug; blank: the employer's district
    req_oral: str = ""
    req_reading: str = ""
    req_listening: str = ""
    req_writing: str = ""
    requirement: str = ""
    formal_competence_required: bool = False


LEVEL_FIELDS = ("req_oral", "req_reading", "req_listening", "req_writing")


def _check(data: OfferInput, errors: Errors) -> None:
    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if data.kind not in PlacementKind.values:
        add("kind", _("Unknown kind %(value)s.") % {"value": data.kind})
    if not data.title.strip():
        add("title", _("Give the offer a title."))
    if not is_known(data.occupation):
        add(
            "occupation",
            _("Unknown ISCO-08 occupation group %(value)s.") % {"value": data.occupation},
        )
    if not 0 < data.hours_per_week <= MAX_OFFER_HOURS:
        add("hours_per_week", _("Between 0 and %(max)s hours a week.") % {"max": MAX_OFFER_HOURS})
    if data.end is not None and data.end < data.start:
        add("end", _("The end cannot be before the start."))
    if data.capacity < 1:
        add("capacity", _("At least one place."))
    for field in LEVEL_FIELDS:
        level = getattr(data, field)
        if level and level not in CefrLevel._value2member_map_:
            add(field, _("%(value)s is not a CEFR level (A1–C2).") % {"value": level})
    if data.requirement and data.requirement not in catalogue():
        add(
            "requirement",
            _("Unknown language requirement %(value)s.") % {"value": data.requirement},
        )


@transaction.atomic
def offer_create(*, data: OfferInput, by: User | None) -> PlacementOffer:
    """Create an offer. Raises ``Rejected`` (per field) on bad input, writing nothing.

    Side effects: creates one ``PlacementOffer``.
    """
    errors: Errors = {}
    _check(data, errors)
    employer = Employer.objects.select_related("district").filter(pk=data.employer_id).first()
    if employer is None:
        errors.setdefault("employer", []).append(_("Choose a registered employer."))
    district = employer.district if employer else None
    if data.district:
        district = District.objects.filter(slug=data.district).first()
        if district is None:
            errors.setdefault("district", []).append(
                _("Unknown district %(value)s.") % {"value": data.district}
            )
    if errors or employer is None:
        raise Rejected(errors)
    return PlacementOffer.objects.create(
        employer=employer,
        kind=data.kind,
        title=data.title.strip(),
        tasks=data.tasks.strip(),
        occupation=data.occupation,
        district=district,
        hours_per_week=data.hours_per_week,
        start=data.start,
        end=data.end,
        capacity=data.capacity,
        requirement=data.requirement,
        formal_competence_required=data.formal_competence_required,
        created_by=by,
        **{field: getattr(data, field) for field in LEVEL_FIELDS},
    )
