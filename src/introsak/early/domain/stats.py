"""Early-contact statistics (issue 17 item 8): per district, the share of settled persons
reached before settlement, and the days from settlement to programme start with and without
early contact.

*Settled*: every case of the district. *Reached before settlement*: the case was created from
a person registered before settlement who sent the questionnaire on or before the settlement
date. The counts are one table (districts × reached / not reached, with the row totals
"settled" and an Oslo row) protected by the statistics' small-cell rule
(``introsak.suppression``, docs/statistics.md): counts from 1 to 4 are hidden, and so is every
cell from which a hidden one could be worked out. A median of days over fewer than 5 persons
is not shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from django.db.models import F
from django.utils.translation import gettext as _

from introsak.cases.models import ProgrammeCase
from introsak.core.models import District
from introsak.early.models import EarlyPerson
from introsak.suppression import SMALLEST_SHOWN, suppress


@dataclass(frozen=True)
class Row:
    district: str
    settled: int | None  # None: hidden
    reached: int | None
    share: int | None  # per cent, rounded; hidden with ``reached``
    days_reached: int | None  # median days from settlement to programme start
    days_not_reached: int | None


def _median(values: list[int]) -> int | None:
    return round(median(values)) if len(values) >= SMALLEST_SHOWN else None


def reached_case_ids() -> set[int]:
    """The cases whose person sent the questionnaire on or before the settlement date."""
    return set(
        EarlyPerson.objects.filter(
            case__isnull=False,
            answers__submitted_at__isnull=False,
            answers__submitted_at__date__lte=F("case__person__settlement_date"),
        ).values_list("case_id", flat=True)
    )


def early_contact_table(*, suppressed: bool = True) -> list[Row]:
    """One row per district, then the row for Oslo (the column totals)."""
    reached_cases = reached_case_ids()
    districts = list(District.objects.order_by("number"))
    index = {district.pk: n for n, district in enumerate(districts)}
    counts = [[0, 0] for _district in districts]
    days: list[tuple[list[int], list[int]]] = [([], []) for _district in districts]
    for pk, district_id, settled_on, started_on in ProgrammeCase.objects.values_list(
        "pk", "district_id", "person__settlement_date", "start_date"
    ).iterator(chunk_size=2000):
        n = index[district_id]
        was_reached = pk in reached_cases
        counts[n][0 if was_reached else 1] += 1
        if started_on is not None:
            days[n][0 if was_reached else 1].append((started_on - settled_on).days)
    hidden = suppress(counts) if suppressed else None
    rows = []
    labels = [district.name for district in districts] + [_("Oslo")]
    all_days = ([d for pair in days for d in pair[0]], [d for pair in days for d in pair[1]])
    for n, label in enumerate(labels):
        if n < len(districts):
            reached, not_reached = counts[n]
            reached_days, other_days = days[n]
            hide_reached = hidden is not None and hidden.cell(n, 0)
            hide_settled = hidden is not None and hidden.row_total(n)
        else:
            reached = sum(row[0] for row in counts)
            not_reached = sum(row[1] for row in counts)
            reached_days, other_days = all_days
            hide_reached = hidden is not None and hidden.column_total(0)
            hide_settled = hidden is not None and hidden.grand_total()
        settled = reached + not_reached
        rows.append(
            Row(
                district=label,
                settled=None if hide_settled else settled,
                reached=None if hide_reached else reached,
                share=None
                if hide_reached or hide_settled or not settled
                else round(100 * reached / settled),
                days_reached=_median(reached_days),
                days_not_reached=_median(other_days),
            )
        )
    return rows
