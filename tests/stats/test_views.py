"""Each statistics view on small data sets with known answers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import translation

from introsak.access.enums import Permission
from introsak.accounts.enums import Role
from introsak.stats import scope
from introsak.stats.domain.catalogue import compute_view
from introsak.stats.domain.filters import BasisGroup, Filters
from introsak.stats.domain.queries import DAYS_PER_MONTH, Scope
from introsak.stats.domain.tables import StatTable
from tests.factories import import_cases, user
from tests.stats.builders import (
    COLLECTIVE,
    OTHER,
    ended_case,
    import_with_staff,
    started_case,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2024, 8, 7)
WHOLE = Scope(suppress=False)


def table(
    name: str, filters: Filters | None = None, scope: Scope = WHOLE, index: int = 0
) -> StatTable:
    return compute_view(name, scope, filters or Filters(as_of=AS_OF)).tables[index]


# --- months from settlement to start --------------------------------------------------------


def test_months_to_start_is_the_mean_of_days_over_30_4375() -> None:
    import_cases(
        [
            started_case(
                "a",
                district="st_hanshaugen",
                settled=date(2023, 1, 2),
                start=date(2023, 1, 2) + timedelta(days=90),
            ),
            started_case(
                "b",
                district="st_hanshaugen",
                settled=date(2023, 1, 2),
                start=date(2023, 1, 2) + timedelta(days=120),
            ),
            started_case(
                "c",
                district="ostensjo",
                settled=date(2024, 1, 2),
                start=date(2024, 1, 2) + timedelta(days=150),
            ),
            started_case(
                "before", district="ostensjo", settled=date(2021, 1, 4), start=date(2021, 3, 1)
            ),  # started before the period
        ],
        as_of=AS_OF,
    )
    months = table("months-to-start", Filters(as_of=AS_OF, districts=("st_hanshaugen", "ostensjo")))
    assert [c.key for c in months.columns] == ["2022", "2023", "2024"]
    sh = months.cell("st_hanshaugen", "2023")
    assert (sh.count, sh.value) == (2, 105 / DAYS_PER_MONTH)
    assert months.cell("st_hanshaugen", "2024").count == 0
    assert months.cell("st_hanshaugen", "2024").value is None
    assert months.cell("ostensjo", "2024").value == 150 / DAYS_PER_MONTH
    assert months.grand_total is not None
    assert months.grand_total.value == 360 / 3 / DAYS_PER_MONTH
    assert months.column_total("2023").value == 105 / DAYS_PER_MONTH
    assert months.emphasis == "value"


# --- participants and advisers ---------------------------------------------------------------


def test_caseload_counts_participants_running_on_the_last_day() -> None:
    cases = [
        started_case(
            f"run-{i}",
            district="stovner",
            settled=date(2024, 1, 2),
            start=date(2024, 3, 1),
            adviser=f"adviser-{i % 2}",
        )
        for i in range(8)
    ]
    ended_today = ended_case(
        "ended-today", district="stovner", basis=COLLECTIVE, end=AS_OF, reason="work"
    )
    future = started_case(
        "not-started", district="stovner", settled=date(2024, 7, 1), start=date(2024, 8, 20)
    )  # starts after the reference day
    future["decision_date"] = "2024-08-01"
    future["plans"][0]["decided_on"] = "2024-08-01"
    import_with_staff([*cases, ended_today, future], as_of=date(2024, 8, 20))
    caseload = table("caseload")
    row = caseload.cells[[r.key for r in caseload.rows].index("stovner")]
    assert [row[0].count, row[1].count, row[2].value] == [8, 2, 4.0]
    assert caseload.column_totals is not None
    assert [c.count for c in caseload.column_totals[:2]] == [8, 2]
    earlier = table("caseload", Filters(as_of=AS_OF, end=date(2024, 2, 1)))
    assert earlier.cells[[r.key for r in earlier.rows].index("stovner")][0].count == 0


# --- end reasons by basis, education, collective protection ----------------------------------


@pytest.fixture
def endings() -> None:
    cases = []
    for i in range(10):
        cases.append(
            ended_case(
                f"c23-{i}",
                district="sagene",
                basis=COLLECTIVE,
                end=date(2023, 3, 1),
                reason="work" if i < 6 else "other",
                education="higher",
            )
        )
    for i in range(6):
        cases.append(
            ended_case(
                f"o24-{i}",
                district="alna",
                basis=OTHER,
                end=date(2024, 2, 1),
                reason="education" if i < 5 else None,
                education="primary",
            )
        )
    import_cases(cases, as_of=AS_OF)


def test_end_reasons_by_basis_splits_years_and_bases(endings: None) -> None:
    result = table("end-reasons-by-basis")
    assert [c.key for c in result.columns] == [
        "collective:2022",
        "collective:2023",
        "collective:2024",
        "other:2022",
        "other:2023",
        "other:2024",
    ]
    assert result.cell("work", "collective:2023").count == 6
    assert result.cell("work", "collective:2023").share == 0.6
    assert result.cell("education", "other:2024").share == 5 / 6
    assert result.cell("not_registered", "other:2024").count == 1  # no reason recorded
    assert result.row_total("work").count == 6


def test_basis_filter_keeps_only_that_basis(endings: None) -> None:
    result = table("end-reasons-by-basis", Filters(as_of=AS_OF, basis=BasisGroup.OTHER))
    assert [c.key for c in result.columns] == ["other:2022", "other:2023", "other:2024"]


def test_education_views_count_by_level(endings: None) -> None:
    by_year = table("education")
    assert by_year.cell("higher", "2023").count == 10
    assert by_year.cell("primary", "2024").share == 1.0
    assert by_year.row_total("higher").share == 10 / 16
    by_reason = table("end-reasons-by-education")
    assert by_reason.cell("higher", "work").share == 0.6
    assert by_reason.cell("primary", "education").count == 5
    only_primary = table("end-reasons-by-education", Filters(as_of=AS_OF, education="primary"))
    assert only_primary.row_total("higher").count == 0


def test_collective_by_district_compares_with_other_basis(endings: None) -> None:
    districts, other = compute_view(
        "collective-by-district", WHOLE, Filters(as_of=AS_OF, basis=BasisGroup.OTHER)
    ).tables
    assert districts.row_total("sagene").count == 10  # the basis filter does not apply
    assert districts.row_total("alna").count == 0
    assert districts.column_total("work").share == 0.6
    assert other.cell("other", "education").count == 5
    assert other.row_total("other").count == 6


def test_end_reasons_by_district_uses_the_end_date_for_the_period(endings: None) -> None:
    only_2024 = table("end-reasons-by-district", Filters(as_of=AS_OF, start=date(2024, 1, 1)))
    assert only_2024.row_total("sagene").count == 0
    assert only_2024.row_total("alna").count == 6
    chosen = table("end-reasons-by-district", Filters(as_of=AS_OF, districts=("alna",)))
    assert [r.key for r in chosen.rows] == ["alna"]
    with translation.override("en"):
        assert str(only_2024.total_label) == "Oslo"
        assert str(chosen.total_label) == "Selected districts"


# --- compliance and days late ------------------------------------------------------------------


@pytest.fixture
def starts() -> None:
    """St. Hanshaugen: 5 starts within 3 months of settlement, 1 started 43 days late; 1 case
    never started whose finding was stored as pending before its deadline passed."""
    settled = date(2023, 1, 2)  # START-01 deadline: 2023-04-02
    cases = [
        started_case(
            f"on-time-{i}", district="st_hanshaugen", settled=settled, start=date(2023, 3, 1)
        )
        for i in range(5)
    ]
    cases.append(
        started_case("late", district="st_hanshaugen", settled=settled, start=date(2023, 5, 15))
    )
    import_cases(cases, as_of=AS_OF)
    waiting = started_case(
        "waiting", district="st_hanshaugen", settled=settled, start=date(2023, 5, 15), basis=OTHER
    )  # right and duty
    for key in ("start_date", "decision_date", "plans", "mapping_date", "contract_date"):
        waiting.pop(key)
    import_cases([waiting], as_of=date(2023, 2, 1))  # stored as pending, deadline 2023-04-02


def test_compliance_shares_met_on_time_per_rule_and_district(starts: None) -> None:
    result = compute_view("compliance", WHOLE, Filters(as_of=AS_OF, start=date(2023, 1, 1)))
    summary, details = result.tables[0], {t.key: t for t in result.tables[1:]}
    start = details["compliance-START-01"]
    assert [
        start.cell("st_hanshaugen", s).count for s in ("met", "met_late", "overdue", "breach")
    ] == [5, 1, 1, 0]
    cell = summary.cell("START-01", "st_hanshaugen")
    assert (cell.count, cell.share) == (7, 5 / 7)
    assert summary.row_total("START-01").count == 7
    assert summary.emphasis == "share"
    assert all(t.detail for t in details.values())


def test_days_late_bins_met_late_and_still_overdue(starts: None) -> None:
    late = table("days-late", Filters(as_of=AS_OF, start=date(2023, 1, 1)))
    # Met late: 2023-04-02 → 2023-05-15 is 43 days. Overdue: to 2024-08-07 is 493 days.
    assert late.cell("START-01", "31-90").count == 1
    assert late.cell("START-01", "366+").count == 1
    assert late.row_total("START-01").count == 2
    assert [c.key for c in late.columns] == ["1-7", "8-30", "31-90", "91-180", "181-365", "366+"]


# --- who sees what -----------------------------------------------------------------------------


def test_analyst_sees_suppressed_numbers_over_every_case() -> None:
    analyst = user("analyst", Role.CITY_ANALYST)
    assert scope.scope_for(analyst, Filters(as_of=AS_OF)) == scope.EVERY_CASE_SUPPRESSED
    own = Filters(as_of=AS_OF, districts=("stovner",))
    assert scope.scope_for(analyst, own) == scope.EVERY_CASE_SUPPRESSED


def test_district_staff_see_only_their_own_district_unsuppressed() -> None:
    coordinator = user("coordinator", Role.TEAM_COORDINATOR, "stovner")
    own = scope.scope_for(coordinator, Filters(as_of=AS_OF, districts=("stovner",)))
    assert own == scope.OWN_DISTRICT
    assert (own.suppress, own.whole_months) == (False, True)
    both = Filters(as_of=AS_OF, districts=("stovner", "alna"))
    assert scope.scope_for(coordinator, both) == scope.EVERY_CASE_SUPPRESSED
    assert scope.scope_for(coordinator, Filters(as_of=AS_OF)) == scope.EVERY_CASE_SUPPRESSED


def test_strictly_confidential_cases_are_left_out_of_own_district_numbers() -> None:
    hidden = ended_case(
        "protected", district="stovner", basis=COLLECTIVE, end=date(2024, 3, 1), reason="work"
    )
    hidden["person"]["protected_address"] = "strictly_confidential"
    import_cases(
        [
            hidden,
            ended_case(
                "open", district="stovner", basis=COLLECTIVE, end=date(2024, 3, 1), reason="work"
            ),
        ],
        as_of=AS_OF,
    )
    coordinator = user("coordinator", Role.TEAM_COORDINATOR, "stovner")
    filters = Filters(as_of=AS_OF, districts=("stovner",))
    own = table("end-reasons-by-district", filters, scope.scope_for(coordinator, filters))
    assert own.row_total("stovner").count == 1


def test_statistics_without_suppression_by_permission(monkeypatch: pytest.MonkeyPatch) -> None:
    analyst = user("analyst", Role.CITY_ANALYST)
    granted = {Permission.STATS_VIEW, Permission.STATS_UNSUPPRESSED}
    monkeypatch.setattr(scope, "has_permission", lambda u, p: p in granted)
    assert scope.scope_for(analyst, Filters(as_of=AS_OF)) == scope.EVERY_CASE_UNSUPPRESSED


# --- charts -----------------------------------------------------------------------------------


def test_chart_is_rendered_once_per_set_of_numbers(endings: None) -> None:
    from introsak.stats.interfaces.charts import _render_svg, chart_svg

    _render_svg.cache_clear()
    result = compute_view("end-reasons-by-district", WHOLE, Filters(as_of=AS_OF))
    with translation.override("nb"):
        first = chart_svg(result)
        again = chart_svg(result)
    assert first == again
    assert first.startswith("<svg")
    assert (_render_svg.cache_info().hits, _render_svg.cache_info().misses) == (1, 1)
    fewer = compute_view(
        "end-reasons-by-district", WHOLE, Filters(as_of=AS_OF, start=date(2024, 1, 1))
    )
    with translation.override("nb"):
        assert chart_svg(fewer) != first
    with translation.override("en"):
        chart_svg(result)
    assert _render_svg.cache_info().misses == 3
