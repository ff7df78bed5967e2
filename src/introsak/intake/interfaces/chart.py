"""The what-if chart as geometry for an SVG template: predicted wait per school, the
baseline and the changed scenario side by side, each bar the median of the runs with a line
from the 10th to the 90th percentile. Drawn by ``intake/_wait_chart.html`` (no JavaScript,
no inline style), always next to a table with the same numbers."""

from __future__ import annotations

from dataclasses import dataclass

from introsak.intake.domain.forecast import Band, Forecast

WIDTH = 640
LABEL_WIDTH = 120
RIGHT_MARGIN = 24
BAR_HEIGHT = 16
GAP = 4
GROUP_GAP = 18
TOP = 12
AXIS_HEIGHT = 28
TICK_STEP_DAYS = 30
BASELINE_COLOUR = "#7F7F7F"  # grey, 4.5:1 on white
WHATIF_COLOUR = "#0062A3"  # blue, 6:1 on white


@dataclass(frozen=True, slots=True)
class ChartBar:
    y: int
    width: float
    whisker_from: float
    whisker_to: float
    colour: str
    value: int


@dataclass(frozen=True, slots=True)
class ChartGroup:
    label: str
    label_y: int
    bars: tuple[ChartBar, ...]


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    days: int


@dataclass(frozen=True, slots=True)
class WaitChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    axis_y: int
    groups: tuple[ChartGroup, ...]
    ticks: tuple[Tick, ...]
    bar_height: int = BAR_HEIGHT
    baseline_colour: str = BASELINE_COLOUR
    whatif_colour: str = WHATIF_COLOUR


def wait_chart(baseline: Forecast, changed: Forecast, names: dict[str, str]) -> WaitChart:
    schools = [s for s in baseline.schools if s in changed.wait_by_school]
    bands = [baseline.wait_by_school[s] for s in schools] + [
        changed.wait_by_school[s] for s in schools
    ]
    top = max([b.p90 for b in bands] + [TICK_STEP_DAYS])
    limit = (int(top) // TICK_STEP_DAYS + 1) * TICK_STEP_DAYS
    plot = WIDTH - LABEL_WIDTH - RIGHT_MARGIN

    def x(days: float) -> float:
        return round(LABEL_WIDTH + plot * max(days, 0.0) / limit, 1)

    def bar(band: Band, y: int, colour: str) -> ChartBar:
        return ChartBar(
            y=y,
            width=round(x(band.p50) - LABEL_WIDTH, 1),
            whisker_from=x(band.p10),
            whisker_to=x(band.p90),
            colour=colour,
            value=round(band.p50),
        )

    groups: list[ChartGroup] = []
    y = TOP
    for school in schools:
        first = bar(baseline.wait_by_school[school], y, BASELINE_COLOUR)
        second = bar(changed.wait_by_school[school], y + BAR_HEIGHT + GAP, WHATIF_COLOUR)
        groups.append(
            ChartGroup(
                label=names.get(school, school),
                label_y=y + BAR_HEIGHT + GAP // 2 + 4,
                bars=(first, second),
            )
        )
        y += 2 * BAR_HEIGHT + GAP + GROUP_GAP
    axis_y = y - GROUP_GAP + 8
    ticks = tuple(Tick(x(d), d) for d in range(0, limit + 1, TICK_STEP_DAYS))
    return WaitChart(
        width=WIDTH,
        height=axis_y + AXIS_HEIGHT,
        plot_left=LABEL_WIDTH,
        plot_right=WIDTH - RIGHT_MARGIN,
        axis_y=axis_y,
        groups=tuple(groups),
        ticks=ticks,
    )
