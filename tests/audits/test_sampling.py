"""Reproducible sampling: the same seed and frame give the same sample; exclusions and
stratification behave as documented."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from introsak.audits.domain.sampling import FrameEntry, draw, sample_verify
from introsak.audits.enums import ExclusionReason, ResidenceGroup
from introsak.audits.models import Audit, FrameCase
from introsak.cases.models import ProgrammeCase
from tests.audits.conftest import SEED, make_report_audit
from tests.audits.report_cases import AS_OF, report_case
from tests.factories import import_cases

COLLECTIVE = ResidenceGroup.COLLECTIVE_PROTECTION
OTHER = ResidenceGroup.OTHER


def _frame(n: int, *, other: frozenset[int] = frozenset(), district: str = "a") -> list[FrameEntry]:
    return [
        FrameEntry(f"{district}-{i:03d}", district, OTHER if i in other else COLLECTIVE)
        for i in range(n)
    ]


def _drawn(audit: Audit) -> list[str]:
    return sorted(
        FrameCase.objects.filter(sample__audit=audit, drawn=True).values_list(
            "case_number", flat=True
        )
    )


def test_same_seed_and_frame_give_the_same_draw() -> None:
    frame = _frame(40)
    assert draw(frame, seed=7, size=15, stratify=False) == draw(
        list(reversed(frame)), seed=7, size=15, stratify=False
    )


def test_another_seed_gives_another_order() -> None:
    frame = _frame(40)
    assert (
        draw(frame, seed=7, size=15, stratify=False).ranks
        != draw(frame, seed=8, size=15, stratify=False).ranks
    )


def test_districts_are_drawn_independently() -> None:
    alone = draw(_frame(30, district="a"), seed=3, size=5, stratify=False)
    together = draw(
        _frame(30, district="a") + _frame(30, district="b"), seed=3, size=5, stratify=False
    )
    assert {c for c in together.drawn if c.startswith("a-")} == alone.drawn


def test_excluded_cases_are_never_drawn_and_the_next_ones_come_in() -> None:
    frame = _frame(20)
    before = draw(frame, seed=11, size=5, stratify=False)
    first = min(before.drawn, key=lambda c: before.ranks[c])
    excluded = [
        FrameEntry(
            e.case_number,
            e.district,
            e.residence_group,
            ExclusionReason.HEALTH if e.case_number == first else "",
        )
        for e in frame
    ]
    after = draw(excluded, seed=11, size=5, stratify=False)
    sixth = sorted(before.ranks, key=before.ranks.__getitem__)[5]
    assert after.drawn == before.drawn - {first} | {sixth}


def test_stratification_brings_in_the_missing_group() -> None:
    frame = _frame(30, other=frozenset({29}))
    seed = next(
        s for s in range(1000) if "a-029" not in draw(frame, seed=s, size=5, stratify=False).drawn
    )
    plain = draw(frame, seed=seed, size=5, stratify=False)
    stratified = draw(frame, seed=seed, size=5, stratify=True)
    assert "a-029" in stratified.drawn
    assert len(stratified.drawn) == 5
    assert len(stratified.drawn - plain.drawn) == 1


@given(
    n=st.integers(0, 40),
    size=st.integers(1, 20),
    seed=st.integers(0, 2**40),
    excluded=st.sets(st.integers(0, 39)),
    other=st.sets(st.integers(0, 39)),
    stratify=st.booleans(),
)
def test_draw_invariants(
    n: int, size: int, seed: int, excluded: set[int], other: set[int], stratify: bool
) -> None:
    frame = [
        FrameEntry(
            f"a-{i:03d}",
            "a",
            OTHER if i in other else COLLECTIVE,
            ExclusionReason.END_GOAL if i in excluded else "",
        )
        for i in range(n)
    ]
    result = draw(frame, seed=seed, size=size, stratify=stratify)
    eligible = [e for e in frame if not e.exclusion]
    assert result == draw(frame, seed=seed, size=size, stratify=stratify)
    assert len(result.drawn) == min(size, len(eligible))
    assert result.drawn <= {e.case_number for e in eligible}
    assert sorted(result.ranks.values()) == list(range(1, n + 1))
    groups = {e.residence_group for e in eligible}
    drawn_groups = {e.residence_group for e in eligible if e.case_number in result.drawn}
    if stratify and size >= len(groups):
        assert drawn_groups == groups


def test_redraw_with_the_recorded_seed_reproduces_the_sample(report_data: None) -> None:
    audit = make_report_audit(sample_size=6)
    again = make_report_audit(sample_size=6)
    other_seed = make_report_audit(sample_size=6, seed=SEED + 1)
    assert _drawn(audit) == _drawn(again)
    assert _drawn(audit) != _drawn(other_seed)
    assert len(_drawn(audit)) == 12
    check = sample_verify(audit, cases=ProgrammeCase.objects.all())
    assert (check.stored_frame, check.current_frame, check.frame_changed) == (True, True, False)


def test_new_data_change_the_frame_not_the_recorded_sample(report_data: None) -> None:
    audit = make_report_audit(sample_size=6)
    stored = _drawn(audit)
    late = report_case("st_hanshaugen", 4)
    late["case_id"] = "SH-NEW"
    late["person"]["name"] = "Ny deltaker"
    import_cases([late], as_of=AS_OF)
    check = sample_verify(audit, cases=ProgrammeCase.objects.all())
    assert check.stored_frame is True
    assert check.frame_changed is True
    assert _drawn(audit) == stored


def test_stratified_audit_has_both_groups_per_district(report_data: None) -> None:
    audit = make_report_audit(sample_size=2, stratify=True)
    groups = set(
        FrameCase.objects.filter(sample__audit=audit, drawn=True).values_list(
            "district__slug", "residence_group"
        )
    )
    assert groups == {
        ("st_hanshaugen", COLLECTIVE),
        ("st_hanshaugen", OTHER),
        ("ostensjo", COLLECTIVE),
        ("ostensjo", OTHER),
    }


def test_frame_holds_only_starts_in_the_period_and_by_the_as_of_date(report_data: None) -> None:
    audit = make_report_audit()
    numbers = set(
        FrameCase.objects.filter(sample__audit=audit).values_list("case_number", flat=True)
    )
    assert "SH-X2" not in numbers  # started 2022-03-25, before the period
    assert {"SH-X1", "OS-X1"} <= numbers  # in the frame, excluded by end goal
    assert all(
        c.start_date is not None and date(2022, 7, 1) <= c.start_date <= AS_OF
        for c in ProgrammeCase.objects.filter(case_id__in=numbers)
    )
