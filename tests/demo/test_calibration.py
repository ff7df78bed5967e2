"""The demo reproduces every figure of the audit report it is calibrated to (targets.yaml)."""

from __future__ import annotations

from datetime import date

import pytest

from introsak.casefacts.enums import EndReason
from introsak_demo.calibration import Result, months_between
from introsak_demo.design import TABLE_1_OTHER_BY_YEAR
from introsak_demo.targets import load_targets, table_1_counts

CHECKED = [t.id for t in load_targets().targets if t.check]


@pytest.mark.parametrize("target_id", CHECKED)
def test_target_met(target_id: str, results: dict[str, Result]) -> None:
    r = results[target_id]
    assert r.ok, f"{target_id}: expected {r.expected}, achieved {r.shown} (lines {r.target.lines})"


def test_every_target_cites_report_lines() -> None:
    assert all(t.lines for t in load_targets().targets)


def test_target_ids_are_unique() -> None:
    ids = [t.id for t in load_targets().targets]
    assert len(ids) == len(set(ids))


def test_table_1_is_expanded_to_every_cell_and_sum() -> None:
    table = [t for t in load_targets().targets if t.id.startswith("table1.")]
    assert len(table) == 6 * (6 + 1)


def test_table_1_other_basis_split_by_year_adds_up_to_the_report() -> None:
    report = table_1_counts()
    for district, by_year in TABLE_1_OTHER_BY_YEAR.items():
        column = report[(district, "other", "ended_2023_2024")]
        for reason in EndReason:
            assert sum(year[reason] for year in by_year.values()) == column[reason]


def test_months_between_is_days_over_mean_gregorian_month() -> None:
    assert months_between(date(2023, 1, 1), date(2024, 1, 1)) == 365 / 30.4375
    assert months_between(date(2024, 1, 1), date(2024, 1, 1)) == 0.0


def test_reference_and_conflicting_figures_are_reported_not_checked(
    results: dict[str, Result],
) -> None:
    info = {tid for tid, r in results.items() if r.ok is None}
    assert info == {
        "fig14.st_hanshaugen.qualification_measure",
        "fig6.collective.higher",
        "interview.ostensjo.per_adviser",
    }
