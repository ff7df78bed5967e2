"""The market board: needs and open offers per district and city-wide (issue 15, item 6)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from introsak.accounts.models import User
from introsak.casefacts.enums import Sector
from introsak.core import clock
from introsak.core.models import District
from introsak.placements.domain.errors import Errors, Rejected
from introsak.placements.domain.matching import open_offers
from introsak.placements.models import MarketNeed

BOARD_ROWS = 50


def board_context(user: User, today: date) -> dict[str, Any]:
    """The open needs and offers of the user's district and city-wide (two queries)."""
    mine = Q(district_id=user.district_id) if user.district_id else Q(pk__isnull=True)
    city = Q(district__isnull=True)
    needs = MarketNeed.objects.filter(open=True).filter(mine | city).select_related("district")
    offers = (
        open_offers(today)
        .filter(mine | city)
        .annotate(places_left=F("capacity") - F("held"))
        .select_related("employer", "district")
        .order_by("start", "pk")
    )
    return {"needs": list(needs[:BOARD_ROWS]), "offers": list(offers[:BOARD_ROWS])}


@transaction.atomic
def need_post(*, data: dict[str, Any], by: User) -> MarketNeed:
    """Put a need on the board. Raises ``Rejected`` per field; nothing is written then.

    Side effects: creates one ``MarketNeed``.
    """
    errors: Errors = {}
    district = None
    if data.get("district"):
        district = District.objects.filter(slug=data["district"]).first()
        if district is None:
            errors["district"] = [_("Unknown district %(value)s.") % {"value": data["district"]}]
    if data.get("sector") not in Sector._value2member_map_:
        errors["sector"] = [_("Choose a sector.")]
    if errors:
        raise Rejected(errors)
    return MarketNeed.objects.create(
        district=district,
        sector=data["sector"],
        places=data["places"],
        level=data.get("level") or "",
        description=data["description"].strip(),
        posted_on=clock.today(),
        posted_by=by,
    )
