"""End reasons: how many of each district's enders went to work, education, measures …

The report gives end-reason shares at three levels that overlap: per district over all
enders 2022 - 7 Aug 2024 (Figure 3), per district for collective protection 2023 - 7 Aug 2024
(Figure 14), and for all of Oslo by basis and year (Figure 2); Table 1 gives exact counts for
the two audited districts. The generator first knows how many people ended in each
*row* (district × stratum, a stratum being basis group and end year: ``c22`` … ``o24``), and
then needs whole numbers per row and reason that meet all those shares at once.

That is a table with fixed row totals and many partial marginals, solved by iterative
proportional fitting: start from a plausible profile per stratum, repeatedly rescale the
cells a constraint covers to meet it, and round each row to whole numbers (largest
remainder) at the end, followed by a repair pass on the rounded sums. Rows that the report
fixes (Table 1) stay untouched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from introsak.casefacts.enums import EndReason
from introsak_demo.design import (
    OSLO_COLLECTIVE_WORK_SHARE,
    OSLO_EDUCATION_SHARE,
    OSLO_STRATUM_SHARES,
    OSLO_WORK_SHARE,
    Choice,
    DistrictDesign,
    Value,
)
from introsak_demo.quotas import largest_remainder

REASONS: tuple[EndReason, ...] = tuple(EndReason)
STRATA = ("c22", "c23", "c24", "o22", "o23", "o24")
COLLECTIVE_RECENT = ("c23", "c24")
FIGURE_3_REASONS = (
    EndReason.WORK,
    EndReason.EDUCATION,
    EndReason.LABOUR_MARKET_MEASURE,
    EndReason.QUALIFICATION_MEASURE,
)

# A plausible starting profile per stratum (work, education, labour-market measure,
# qualifying measure, other, not registered); the fitting moves it to the targets.
PRIORS: Mapping[str, tuple[float, ...]] = {
    "c22": (0.35, 0.03, 0.2, 0.25, 0.1, 0.07),
    "c23": (0.41, 0.04, 0.2, 0.23, 0.07, 0.05),
    "c24": (0.41, 0.01, 0.21, 0.24, 0.07, 0.06),
    "o22": (0.35, 0.35, 0.1, 0.1, 0.05, 0.05),
    "o23": (0.3, 0.35, 0.12, 0.13, 0.06, 0.04),
    "o24": (0.3, 0.2, 0.17, 0.2, 0.08, 0.05),
}

# Bounds that keep a shifted choice inside what the report says of the other districts
# ("highest", "lowest" …), by reason: (lowest allowed, highest allowed), percent.
CHOICE_BOUNDS: Mapping[str, tuple[float, float]] = {
    "work": (26.5, 43.5),  # between Alna/Frogner (24-25) and Stovner/Ullern/V. Aker (45-50)
    "education": (4.0, 18.5),  # below Grünerløkka/Bjerke/Nordre Aker (20-22)
    "collective_work": (24.5, 75.5),  # between Grorud/St. Hanshaugen and Grünerløkka/Stovner
}

Row = tuple[str, str]  # (district, stratum)


@dataclass(frozen=True, slots=True)
class Constraint:
    rows: tuple[Row, ...]
    reasons: tuple[EndReason, ...]
    share: float  # 0-1
    label: str


@dataclass(slots=True)
class Table:
    sizes: dict[Row, int]
    fixed: dict[Row, dict[EndReason, int]]
    cells: dict[Row, list[float]]

    def total(self, rows: Sequence[Row], reasons: Sequence[EndReason]) -> float:
        idx = [REASONS.index(r) for r in reasons]
        return sum(self.cells[row][i] for row in rows for i in idx)


def solve(
    sizes: Mapping[Row, int],
    fixed: Mapping[Row, Mapping[EndReason, int]],
    designs: Sequence[DistrictDesign],
) -> dict[Row, dict[EndReason, int]]:
    """Whole numbers of enders per row and end reason meeting the report's shares."""
    table = Table(
        sizes=dict(sizes),
        fixed={row: dict(counts) for row, counts in fixed.items()},
        cells={},
    )
    for row, size in sizes.items():
        if row in fixed:
            table.cells[row] = [float(fixed[row].get(r, 0)) for r in REASONS]
        else:
            table.cells[row] = [size * p for p in PRIORS[row[1]]]
    constraints = build_constraints(table, designs)
    _fit(table, constraints)
    counts = _round(table)
    _repair(table, counts, constraints)
    return counts


# --- constraints -----------------------------------------------------------------------------


def build_constraints(table: Table, designs: Sequence[DistrictDesign]) -> list[Constraint]:
    out: list[Constraint] = []
    work, education, collective_work = consistent_district_targets(table, designs)
    for design in designs:
        rows = tuple(r for r in table.sizes if r[0] == design.slug)
        values = (work[design.slug], education[design.slug], *_values(design.outcomes[2:]))
        for reason, share in zip(FIGURE_3_REASONS, values, strict=True):
            out.append(Constraint(rows, (reason,), share / 100, f"fig3 {design.slug} {reason}"))
        recent = tuple(r for r in rows if r[1] in COLLECTIVE_RECENT)
        if recent and not all(r in table.fixed for r in recent):
            fig14 = (collective_work.get(design.slug), _value(design.outcomes_collective[1]))
            for reason, wanted in zip(
                (EndReason.WORK, EndReason.QUALIFICATION_MEASURE), fig14, strict=True
            ):
                if wanted is not None:
                    out.append(Constraint(recent, (reason,), wanted / 100, f"fig14 {design.slug}"))
    for (strata, reasons), share in OSLO_STRATUM_SHARES.items():
        rows = tuple(r for r in table.sizes if r[1] in strata)
        out.append(Constraint(rows, reasons, share / 100, f"oslo {strata} {reasons}"))
    return out


def _value(value: Value | None) -> float | None:
    return None if value is None else value.value


def _values(values: Sequence[Value]) -> list[float]:
    return [v.value for v in values]


def consistent_district_targets(
    table: Table, designs: Sequence[DistrictDesign]
) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """The districts' Figure 3 work and education shares and Figure 14 work shares, with the
    choices shifted together so that the enders-weighted Oslo figure is the report's."""
    ended = {d.slug: sum(n for r, n in table.sizes.items() if r[0] == d.slug) for d in designs}
    work = _shift({d.slug: d.outcomes[0] for d in designs}, ended, OSLO_WORK_SHARE, "work")
    education = _shift(
        {d.slug: d.outcomes[1] for d in designs}, ended, OSLO_EDUCATION_SHARE, "education"
    )
    recent = {
        d.slug: sum(
            n for r, n in table.sizes.items() if r[0] == d.slug and r[1] in COLLECTIVE_RECENT
        )
        for d in designs
    }
    fixed_rows = [r for r in table.fixed if r[1] in COLLECTIVE_RECENT]
    fixed_slugs = {r[0] for r in fixed_rows}
    fixed_size = sum(table.sizes[r] for r in fixed_rows)
    fixed_work = sum(table.fixed[r].get(EndReason.WORK, 0) for r in fixed_rows)
    free: dict[str, Value] = {
        d.slug: d.outcomes_collective[0]
        for d in designs
        if d.outcomes_collective[0] is not None and d.slug not in fixed_slugs
    }
    free_size = {slug: recent[slug] for slug in free}
    # The districts without a stated or chosen share (none at present) count at Oslo's.
    weight = sum(free_size.values())
    goal = OSLO_COLLECTIVE_WORK_SHARE * (fixed_size + weight) - 100 * fixed_work
    collective_work = _shift(free, free_size, goal / weight if weight else 0.0, "collective_work")
    return work, education, collective_work


def _shift(
    values: Mapping[str, Value], weights: Mapping[str, int], goal: float, kind: str
) -> dict[str, float]:
    """Add one common amount to the ``Choice`` values (within their bounds) so that the
    weighted mean is ``goal``."""
    out = {slug: v.value for slug, v in values.items()}
    free = {slug for slug, v in values.items() if isinstance(v, Choice)}
    low, high = CHOICE_BOUNDS[kind]
    for _ in range(20):
        total = sum(weights[s] for s in out)
        gap = goal * total - sum(weights[s] * out[s] for s in out)
        movable = [s for s in free if (gap > 0 and out[s] < high) or (gap < 0 and out[s] > low)]
        weight = sum(weights[s] for s in movable)
        if abs(gap) < 1e-6 or not weight:
            break
        for s in movable:
            out[s] = min(high, max(low, out[s] + gap / weight))
    return out


# --- fitting ---------------------------------------------------------------------------------


def _fit(table: Table, constraints: Sequence[Constraint], sweeps: int = 300) -> None:
    """Sweep until every constraint is met to 0.01 of a person, or no sweep helps."""
    previous = float("inf")
    for _ in range(sweeps):
        worst = max(_apply(table, c) for c in constraints)
        if worst < 0.01 or previous - worst < 1e-4:
            return
        previous = worst


def _apply(table: Table, c: Constraint) -> float:
    """Rescale the free rows' cells of ``c`` towards its target; return the miss before."""
    size = sum(table.sizes[r] for r in c.rows)
    free = [r for r in c.rows if r not in table.fixed and table.sizes[r] > 0]
    want = c.share * size - table.total([r for r in c.rows if r in table.fixed], c.reasons)
    have = table.total(free, c.reasons)
    miss = abs(want - have)
    if not free or have <= 0 or miss < 1e-9:
        return miss if free else 0.0
    factor = max(0.0, want) / have
    idx = [REASONS.index(r) for r in c.reasons]
    for row in free:
        cells = table.cells[row]
        inside = sum(cells[i] for i in idx)
        n = table.sizes[row]
        new_inside = min(n * 0.98, inside * factor)
        rest = n - inside
        scale_in = new_inside / inside if inside > 0 else 0.0
        scale_out = (n - new_inside) / rest if rest > 0 else 0.0
        for i in range(len(cells)):
            cells[i] *= scale_in if i in idx else scale_out
    return miss


def _round(table: Table) -> dict[Row, dict[EndReason, int]]:
    out: dict[Row, dict[EndReason, int]] = {}
    for row, cells in table.cells.items():
        if row in table.fixed:
            out[row] = {r: table.fixed[row].get(r, 0) for r in REASONS}
        else:
            parts = largest_remainder(table.sizes[row], cells)
            out[row] = dict(zip(REASONS, parts, strict=True))
    return out


def _repair(
    table: Table, counts: dict[Row, dict[EndReason, int]], constraints: Sequence[Constraint]
) -> None:
    """Move single enders between reasons while that lowers the total squared miss (in
    percentage points) over all constraints: rounding each row on its own can leave a
    small district a point or two off."""
    index = [_Index.of(c, table) for c in constraints]
    by_row: dict[Row, list[int]] = defaultdict(list)
    for i, ix in enumerate(index):
        for row in ix.rows:
            by_row[row].append(i)
    have = [ix.have(counts) for ix in index]
    free = [row for row in table.sizes if row not in table.fixed and table.sizes[row] > 0]
    for _ in range(500):
        best: tuple[float, Row, EndReason, EndReason] | None = None
        for row in free:
            for src in REASONS:
                if counts[row][src] == 0:
                    continue
                for dst in REASONS:
                    if dst is src:
                        continue
                    gain = sum(index[i].gain(have[i], src, dst) for i in by_row[row])
                    if gain > 1e-9 and (best is None or gain > best[0]):
                        best = (gain, row, src, dst)
        if best is None:
            return
        _, row, src, dst = best
        counts[row][src] -= 1
        counts[row][dst] += 1
        for i in by_row[row]:
            have[i] += index[i].step(src, dst)


@dataclass(frozen=True, slots=True)
class _Index:
    rows: frozenset[Row]
    reasons: frozenset[EndReason]
    target: float
    size: int

    @classmethod
    def of(cls, c: Constraint, table: Table) -> _Index:
        size = sum(table.sizes[r] for r in c.rows)
        return cls(frozenset(c.rows), frozenset(c.reasons), c.share * size, size)

    def have(self, counts: Mapping[Row, Mapping[EndReason, int]]) -> int:
        return sum(counts[r][reason] for r in self.rows for reason in self.reasons)

    def step(self, src: EndReason, dst: EndReason) -> int:
        return (dst in self.reasons) - (src in self.reasons)

    def miss(self, have: int) -> float:
        return (100.0 * (have - self.target) / self.size) ** 2 if self.size else 0.0

    def gain(self, have: int, src: EndReason, dst: EndReason) -> float:
        step = self.step(src, dst)
        return self.miss(have) - self.miss(have + step) if step else 0.0
