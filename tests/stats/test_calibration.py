"""On the demo data, the statistics give the figures the generator was calibrated to.

The demo (fixed seed) is imported through the ordinary import; every target of
``demo/targets.yaml`` that a statistics view shows is then read *from the views* (the same
code as the dashboard) and judged by the calibration's own expectations and tolerances.
Targets about settlement and the case review are not statistics views and are left to the
demo's tests.

The generator calibrates over everyone, but statistics count nobody strictly confidential
(``tests/stats/test_differencing.py``): the demo's few such persons are imported here as
confidential, so that the views count the same persons as the calibration. (In the demo
itself a count can be below its target by the strictly confidential persons in it, e.g.
Sagene's 138 participants in the survey of Figure 7 show as 137.)
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import pytest

from introsak.casefacts.districts import DISTRICTS
from introsak.casefacts.enums import ProtectedAddress
from introsak.casefacts.model import CaseFacts
from introsak.casefacts.serialize import dumps_case
from introsak.cases.domain.importing import case_facts_import
from introsak.stats.domain.catalogue import compute_view
from introsak.stats.domain.filters import BasisGroup, Filters
from introsak.stats.domain.queries import Scope
from introsak.stats.domain.tables import StatTable
from introsak_demo import calibration
from introsak_demo.generator import DEFAULT_SEED, generate
from introsak_demo.targets import Target, Targets

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

AS_OF = date(2024, 8, 7)
SLUGS = [d.slug for d in DISTRICTS]
WHOLE = Scope(suppress=False)


@dataclass
class Views:
    """The statistics views, computed once per (view, period, basis)."""

    targets: Targets
    computed: dict[tuple[str, str, str | None], StatTable] = field(default_factory=dict)

    def table(self, view: str, period_key: str, basis: str | None = None) -> StatTable:
        key = (view, period_key, basis)
        if key not in self.computed:
            period = self.targets.period(period_key, AS_OF)
            filters = Filters(
                as_of=AS_OF,
                start=period.first,
                end=period.last,
                basis=BasisGroup(basis) if basis else None,
            )
            self.computed[key] = compute_view(view, WHOLE, filters).tables[0]
        return self.computed[key]


def _share(table: StatTable, reasons: list[str], district: str | None) -> float:
    keys = [c.key for c in table.columns]
    if district is None:
        counts = [c.count or 0 for c in table.column_totals or ()]
        whole = table.grand_total.count if table.grand_total else 0
    else:
        row = [r.key for r in table.rows].index(district)
        counts = [c.count or 0 for c in table.cells[row]]
        whole = (table.row_totals or ())[row].count or 0
    part = sum(n for key, n in zip(keys, counts, strict=True) if key in reasons)
    return 100.0 * part / whole if whole else 0.0


def end_reason_share(
    v: Views, where: Mapping[str, str], params: Mapping[str, Any], district: str | None
) -> float:
    table = v.table("end-reasons-by-district", where["period"], where.get("basis"))
    return _share(table, list(params["reasons"]), district)


def end_reason_count(
    v: Views, where: Mapping[str, str], params: Mapping[str, Any], district: str | None
) -> float:
    table = v.table("end-reasons-by-district", where["period"], where.get("basis"))
    row = [r.key for r in table.rows].index(district or "")
    reasons = set(params["reasons"])
    return float(
        sum(
            c.count or 0
            for h, c in zip(table.columns, table.cells[row], strict=True)
            if h.key in reasons
        )
    )


def months_to_start(
    v: Views,
    where: Mapping[str, str],
    params: Mapping[str, Any],
    district: str | None,
    period: str | None = None,
) -> float:
    table = v.table("months-to-start", period or where["period"])
    if district is None:
        cell = table.grand_total
    else:
        cell = (table.row_totals or ())[[r.key for r in table.rows].index(district)]
    assert cell is not None and cell.value is not None
    return cell.value


def education_share(
    v: Views, where: Mapping[str, str], params: Mapping[str, Any], district: str | None
) -> float:
    table = v.table("education", where["period"], where.get("basis"))
    assert table.row_totals is not None and table.grand_total is not None
    part = sum(
        c.count or 0
        for r, c in zip(table.rows, table.row_totals, strict=True)
        if r.key in params["levels"]
    )
    return 100.0 * part / (table.grand_total.count or 1)


def _caseload(v: Views, district: str) -> tuple[int, float]:
    table = v.table("caseload", "ended_2022_2024")  # a snapshot on the as-of date
    cells = table.cells[[r.key for r in table.rows].index(district)]
    return cells[0].count or 0, cells[2].value or float("inf")


def running(
    v: Views, where: Mapping[str, str], params: Mapping[str, Any], district: str | None
) -> float:
    return float(_caseload(v, district or "")[0])


def adviser_load(
    v: Views, where: Mapping[str, str], params: Mapping[str, Any], district: str | None
) -> float:
    return _caseload(v, district or "")[1]


def adviser_load_categories(
    v: Views, where: Mapping[str, str], params: Mapping[str, Any], district: str | None
) -> float:
    loads = [_caseload(v, slug)[1] for slug in SLUGS]
    return float(sum(1 for load in loads if calibration.load_category(load) == params["category"]))


def districts_running_at_least(
    v: Views, where: Mapping[str, str], params: Mapping[str, Any], district: str | None
) -> float:
    return float(sum(1 for slug in SLUGS if _caseload(v, slug)[0] >= params["threshold"]))


Metric = Callable[[Views, Mapping[str, str], Mapping[str, Any], str | None], float]
METRICS: dict[str, Metric] = {
    "end_reason_share": end_reason_share,
    "end_reason_count": end_reason_count,
    "months_to_start": months_to_start,
    "education_share": education_share,
    "running": running,
    "adviser_load": adviser_load,
    "adviser_load_categories": adviser_load_categories,
    "districts_running_at_least": districts_running_at_least,
}


def measure(v: Views, target: Target) -> float | dict[str, float]:
    metric = METRICS[target.metric]
    district = target.where.get("district")
    if "periods" in target.params:
        return {
            key: months_to_start(v, target.where, target.params, district, key)
            for key in target.params["periods"]
        }
    if district == "*":
        return {slug: metric(v, target.where, target.params, slug) for slug in SLUGS}
    return metric(v, target.where, target.params, district)


def counted(case: CaseFacts) -> CaseFacts:
    """The case with a strictly confidential person graded confidential instead."""
    if case.person.protected_address is not ProtectedAddress.STRICTLY_CONFIDENTIAL:
        return case
    return replace(
        case, person=replace(case.person, protected_address=ProtectedAddress.CONFIDENTIAL)
    )


def test_demo_statistics_match_the_calibration_targets() -> None:
    data = generate(seed=DEFAULT_SEED, as_of=AS_OF, include_children=False)
    stream = io.StringIO("".join(dumps_case(counted(c)) + "\n" for c in data.cases))
    case_facts_import(stream=stream, as_of=AS_OF, missing_users="create")

    targets = calibration.load_targets()
    views = Views(targets)
    shown = [t for t in targets.targets if t.metric in METRICS]
    achieved = {t.id: measure(views, t) for t in shown}
    # The calibration's own judgement (expectation, tolerance and slack per metric).
    results = [calibration._judge(t, achieved[t.id], achieved) for t in shown]
    failed = [
        f"{r.target.id}: expected {r.expected}, got {r.shown}" for r in results if r.ok is False
    ]
    assert failed == []
    assert len([r for r in results if r.ok]) >= 90  # Table 1's 42 cells, Figures 2–7, 14
