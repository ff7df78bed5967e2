"""Early-contact statistics (issue 17 item 8): per district, the share of settled persons
reached before settlement, and the days from settlement to programme start with and without
early contact.

*Settled*: every case of the district. *Reached before settlement*: the case was created from
a person registered before settlement who sent the questionnaire on or before the settlement
date. Small cells are protected the way docs/statistics.md describes for published counts:
a count from 1 to 4 is hidden, and so is any count from which a hidden one could be worked
out (here: the reached count when the not-reached remainder, settled minus reached, is
from 1 to 4); a median over fewer than 5 persons is not shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from django.db.models import F

from introsak.cases.models import ProgrammeCase
from introsak.core.models import District
from introsak.early.models import EarlyPerson

SMALLEST_SHOWN = 5


@dataclass(frozen=True)
class Row:
    district: str
    settled: int | None
    reached: int | None
    share: int | None  # per cent, rounded
    days_reached: int | None  # median days from settlement to programme start
    days_not_reached: int | None


def _small(count: int) -> bool:
    return 0 < count < SMALLEST_SHOWN


def _median(values: list[int]) -> int | None:
    return round(median(values)) if len(values) >= SMALLEST_SHOWN else None


def early_contact_table() -> list[Row]:
    reached_cases = set(
        EarlyPerson.objects.filter(
            case__isnull=False,
            answers__submitted_at__isnull=False,
            answers__submitted_at__date__lte=F("case__person__settlement_date"),
        ).values_list("case_id", flat=True)
    )
    per_district: dict[int, dict[str, list[int]]] = {}
    counts: dict[int, list[int]] = {}
    for pk, district_id, settled_on, started_on in ProgrammeCase.objects.values_list(
        "pk", "district_id", "person__settlement_date", "start_date"
    ):
        was_reached = pk in reached_cases
        tally = counts.setdefault(district_id, [0, 0])
        tally[0] += 1
        tally[1] += 1 if was_reached else 0
        if started_on is not None:
            days = per_district.setdefault(district_id, {"reached": [], "not": []})
            days["reached" if was_reached else "not"].append((started_on - settled_on).days)
    rows = []
    for district in District.objects.order_by("number"):
        settled, reached = counts.get(district.pk, [0, 0])
        not_reached = settled - reached
        hide_reached = _small(reached) or _small(not_reached)
        hide_settled = _small(settled)
        days = per_district.get(district.pk, {"reached": [], "not": []})
        rows.append(
            Row(
                district=district.name,
                settled=None if hide_settled else settled,
                reached=None if hide_reached else reached,
                share=None if hide_reached or not settled else round(100 * reached / settled),
                days_reached=_median(days["reached"]),
                days_not_reached=_median(days["not"]),
            )
        )
    return rows
