"""Charts as SVG, drawn on the server from a ``ViewResult`` (Altair → Vega-Lite → vl-convert).

No chart JavaScript reaches the browser: the page shows the SVG as an image with an alt
text (``alt_texts``), next to a table with the same numbers. Hidden (suppressed) numbers
are left out of the charts, so a bar of shares can end short of 100 %; the alt text says so.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import vl_convert as vlc
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from introsak.stats.domain.catalogue import (
    LEGAL_START_MONTHS,
    WORK_OR_EDUCATION_TARGET,
    ViewResult,
)
from introsak.stats.domain.tables import Cell, StatTable
from introsak.stats.interfaces.formatting import HIDDEN_MARK, percent_text
from introsak.stats.phrases import SUPPRESSED

WIDTH = 560
BAR_HEIGHT = 22
FONT = "DejaVu Sans, Verdana, sans-serif"

# Colour-blind-safe (Okabe–Ito); each is at least 3:1 against white except the light
# ones, whose segments are also told apart by their order and the table beside the chart.
END_REASON_COLOURS = ["#0072B2", "#56B4E9", "#E69F00", "#D55E00", "#7F7F7F", "#CC79A7"]
EDUCATION_COLOURS = ["#C6DBEF", "#9ECAE1", "#4292C6", "#2171B5", "#08306B"]
SEQUENCE_COLOURS = ["#FDD0A2", "#FDAE6B", "#FD8D3C", "#E6550D", "#A63603", "#7F2704"]
YEAR_COLOURS = ["#9ECAE1", "#4292C6", "#08306B", "#6BAED6", "#2171B5", "#08519C"]

NB_NUMBERS = {
    "decimal": ",",
    "thousands": "\u00a0",
    "grouping": [3],
    "currency": ["", "\u00a0kr"],
    "percent": "\u00a0%",
}


Spec = dict[str, Any]


def chart_svg(result: ViewResult) -> str:
    """The view's chart as an SVG document, numbers formatted for the active language."""
    norwegian = (get_language() or "nb").startswith("nb")
    spec = json.dumps(CHARTS[result.name](result), sort_keys=True, ensure_ascii=False)
    return _render_svg(spec, norwegian)


@functools.lru_cache(maxsize=128)
def _render_svg(spec: str, norwegian: bool) -> str:
    """Vega's layout in vl-convert is the slow part of a chart (0.1–0.5 s for the larger
    ones). The spec holds every number the chart shows, so the same spec always draws the
    same SVG: it is rendered once per process and reused until the numbers change. At most
    128 charts (a few MB) are kept."""
    locale: Any = NB_NUMBERS if norwegian else "en-US"
    return str(vlc.vegalite_to_svg(json.loads(spec), format_locale=locale))


# --- building blocks -----------------------------------------------------------------------


def _data(values: list[dict[str, Any]]) -> Any:
    """Inline data for a chart (Altair's ``Data`` has no type hints)."""
    return alt.Data(values=values)  # type: ignore[no-untyped-call]


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    segments: list[tuple[str, Cell]]  # (segment label, cell with a share)


def _config(chart: alt.TopLevelMixin) -> Spec:
    spec: Spec = (
        chart.configure(font=FONT, background="white")
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelLimit=400)
        .configure_legend(
            labelFontSize=12, titleFontSize=12, orient="bottom", columns=3, labelLimit=240
        )
        .to_dict(validate=False)
    )
    return spec


def _stacked_shares(
    bars: Sequence[Bar],
    segments: Sequence[str],
    colours: Sequence[str],
    *,
    legend: str,
    target: tuple[float, str] | None = None,
) -> Spec:
    rows = [
        {"bar": bar.label, "segment": label, "share": cell.share, "order": i}
        for bar in bars
        for i, (label, cell) in enumerate(bar.segments)
        if cell.share is not None and not cell.suppressed
    ]
    order = [bar.label for bar in bars]
    base = (
        alt.Chart(_data(rows))
        .mark_bar()
        .encode(
            x=alt.X(
                "share:Q",
                title=_("Share"),
                axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            y=alt.Y("bar:N", title=None, sort=order),
            color=alt.Color(
                "segment:N",
                title=legend,
                scale=alt.Scale(domain=list(segments), range=list(colours)),
            ),
            order=alt.Order("order:Q"),
        )
    )
    layers: list[alt.Chart] = [base]
    if target is not None:
        value, text = target
        marker = alt.Chart(_data([{"x": value, "text": text}]))
        layers.append(
            marker.mark_rule(color="#1A1A1A", strokeDash=[6, 4], strokeWidth=2).encode(x="x:Q")
        )
        layers.append(
            marker.mark_text(align="left", dx=4, dy=-6, fontSize=12, color="#1A1A1A").encode(
                x="x:Q", y=alt.value(0), text="text:N"
            )
        )
    chart = alt.layer(*layers).properties(width=WIDTH, height=BAR_HEIGHT * max(len(bars), 1))
    return _config(chart)


def _bars_from_rows(table: StatTable, *, with_total: bool = True) -> list[Bar]:
    """One bar per row (shares of the row total), the total row last."""
    labels = [str(c.label) for c in table.columns]
    bars = [
        Bar(str(r.label), list(zip(labels, cells, strict=True)))
        for r, cells in zip(table.rows, table.cells, strict=True)
    ]
    if with_total and table.column_totals is not None:
        bars.append(
            Bar(str(table.total_label), list(zip(labels, table.column_totals, strict=True)))
        )
    return bars


def _bars_from_columns(table: StatTable) -> list[Bar]:
    """One bar per column (shares of the column total), labelled with its group."""
    labels = [str(r.label) for r in table.rows]
    return [
        Bar(title, [(labels[r], table.cells[r][c]) for r in range(len(labels))])
        for c, title in enumerate(table.column_titles)
    ]


def _segments(table: StatTable, axis: str) -> list[str]:
    headers = table.columns if axis == "columns" else table.rows
    return [str(h.label) for h in headers]


# --- one chart per view --------------------------------------------------------------------


def _end_reasons(result: ViewResult) -> Spec:
    """One bar per row (a district and year, or an education level), split by end reason."""
    table = result.tables[0]
    return _stacked_shares(
        _bars_from_rows(table),
        _segments(table, "columns"),
        END_REASON_COLOURS,
        legend=_("End reason"),
    )


def _end_reasons_by_basis(result: ViewResult) -> Spec:
    table = result.tables[0]
    return _stacked_shares(
        _bars_from_columns(table),
        _segments(table, "rows"),
        END_REASON_COLOURS,
        legend=_("End reason"),
    )


def _end_reasons_by_district(result: ViewResult) -> Spec:
    table = result.tables[0]
    target = (
        WORK_OR_EDUCATION_TARGET,
        _("Target: %(target)s work or education")
        % {"target": percent_text(WORK_OR_EDUCATION_TARGET)},
    )
    return _stacked_shares(
        _bars_from_rows(table),
        _segments(table, "columns"),
        END_REASON_COLOURS,
        legend=_("End reason"),
        target=target,
    )


def _collective_by_district(result: ViewResult) -> Spec:
    districts, other = result.tables[:2]
    bars = _bars_from_rows(other, with_total=False)
    bars.append(_bars_from_rows(districts)[-1])  # all with collective protection
    bars.extend(_bars_from_rows(districts, with_total=False))
    return _stacked_shares(
        bars, _segments(districts, "columns"), END_REASON_COLOURS, legend=_("End reason")
    )


def _education(result: ViewResult) -> Spec:
    table = result.tables[0]
    bars = _bars_from_columns(table)
    if table.row_totals is not None:
        labels = [str(r.label) for r in table.rows]
        bars.append(
            Bar(str(table.row_total_label), list(zip(labels, table.row_totals, strict=True)))
        )
    return _stacked_shares(
        bars, _segments(table, "rows"), EDUCATION_COLOURS, legend=_("Education at arrival")
    )


def _days_late(result: ViewResult) -> Spec:
    table = result.tables[0]
    return _stacked_shares(
        _bars_from_rows(table), _segments(table, "columns"), SEQUENCE_COLOURS, legend=_("Days late")
    )


def _months_to_start(result: ViewResult) -> Spec:
    table = result.tables[0]
    rows = [(str(r.label), cells) for r, cells in zip(table.rows, table.cells, strict=True)]
    if table.column_totals is not None:
        rows.append((str(table.total_label), table.column_totals))
    data = [
        {"district": label, "year": str(column.label), "months": cell.value}
        for label, cells in rows
        for column, cell in zip(table.columns, cells, strict=True)
        if cell.value is not None and not cell.suppressed
    ]
    years = [str(c.label) for c in table.columns]
    bars = (
        alt.Chart(_data(data))
        .mark_bar()
        .encode(
            x=alt.X("months:Q", title=_("Average months from settlement to start")),
            y=alt.Y("district:N", title=None, sort=[label for label, _cells in rows]),
            yOffset=alt.YOffset("year:N", sort=years),
            color=alt.Color(
                "year:N",
                title=_("Year the programme started"),
                scale=alt.Scale(domain=years, range=YEAR_COLOURS[: len(years)]),
            ),
        )
    )
    marker = alt.Chart(_data([{"x": LEGAL_START_MONTHS, "text": _("Legal limit: 3 months")}]))
    chart = alt.layer(
        bars,
        marker.mark_rule(color="#1A1A1A", strokeDash=[6, 4], strokeWidth=2).encode(x="x:Q"),
        marker.mark_text(align="left", dx=4, dy=-6, fontSize=12, color="#1A1A1A").encode(
            x="x:Q", y=alt.value(0), text="text:N"
        ),
    ).properties(width=WIDTH, height=int(BAR_HEIGHT * 0.6 * len(years) * max(len(rows), 1)))
    return _config(chart)


def _caseload(result: ViewResult) -> Spec:
    table = result.tables[0]
    data = [
        {"district": str(r.label), "participants": cells[0].count, "per_adviser": cells[2].value}
        for r, cells in zip(table.rows, table.cells, strict=True)
    ]
    order = [str(r.label) for r in table.rows]
    base = alt.Chart(_data(data)).encode(y=alt.Y("district:N", title=None, sort=order))
    height = BAR_HEIGHT * max(len(order), 1)
    chart = alt.hconcat(
        base.mark_bar(color="#0072B2")
        .encode(x=alt.X("participants:Q", title=_("Participants")))
        .transform_filter("datum.participants != null")
        .properties(width=WIDTH // 2 - 40, height=height),
        base.mark_bar(color="#E69F00")
        .encode(
            x=alt.X("per_adviser:Q", title=_("Participants per adviser")),
            y=alt.Y("district:N", title=None, sort=order, axis=None),
        )
        .transform_filter("datum.per_adviser != null")
        .properties(width=WIDTH // 2 - 40, height=height),
    )
    return _config(chart)


HIDDEN_FILL = "#D9D9D9"


def _compliance(result: ViewResult) -> Spec:
    """A heat map of the share met on time. A hidden cell is a grey square marked "–", with
    its own legend entry, so that it cannot be mistaken for a rule with no findings."""
    table = result.tables[0]
    data = [
        {
            "rule": str(r.key),
            "district": str(c.label),
            "share": cell.share,
            "label": percent_text(cell.share) if cell.share is not None else "",
        }
        for r, cells in zip(table.rows, table.cells, strict=True)
        for c, cell in zip(table.columns, cells, strict=True)
        if cell.share is not None and not cell.suppressed
    ]
    hidden_label = str(SUPPRESSED)
    hidden = [
        {"rule": str(r.key), "district": str(c.label), "hidden": hidden_label, "mark": HIDDEN_MARK}
        for r, cells in zip(table.rows, table.cells, strict=True)
        for c, cell in zip(table.columns, cells, strict=True)
        if cell.suppressed
    ]
    districts = [str(c.label) for c in table.columns]
    rules = [str(r.key) for r in table.rows]
    x = alt.X("district:N", title=None, sort=districts, axis=alt.Axis(labelAngle=-40))
    y = alt.Y("rule:N", title=None, sort=rules)
    base = alt.Chart(_data(data)).encode(x=x, y=y)
    layers: list[alt.Chart] = [
        base.mark_rect().encode(
            color=alt.Color(
                "share:Q",
                title=_("Met on time"),
                legend=alt.Legend(format=".0%"),
                scale=alt.Scale(domain=[0, 1], range=["#D55E00", "#F0F0F0", "#0072B2"]),
            )
        ),
        base.mark_text(fontSize=10).encode(
            text="label:N",
            color=alt.condition(
                "datum.share > 0.8 || datum.share < 0.2", alt.value("white"), alt.value("#1A1A1A")
            ),
        ),
    ]
    if hidden:
        marked = alt.Chart(_data(hidden)).encode(x=x, y=y)
        layers.append(
            marked.mark_rect(stroke="#767676", strokeWidth=1).encode(
                fill=alt.Fill(
                    "hidden:N",
                    title=None,
                    scale=alt.Scale(domain=[hidden_label], range=[HIDDEN_FILL]),
                    legend=alt.Legend(symbolType="square", symbolStrokeColor="#767676"),
                )
            )
        )
        layers.append(marked.mark_text(fontSize=12, color="#1A1A1A").encode(text="mark:N"))
    chart = (
        alt.layer(*layers)
        .resolve_scale(color="independent", fill="independent")
        .properties(width=max(40 * len(districts), 120), height=24 * len(rules))
    )
    return _config(chart)


def _school_waiting(result: ViewResult) -> Spec:
    """Issue 16: average days waited per school, one bar per half-year of the start."""
    table = result.tables[0]
    rows = [(str(r.label), cells) for r, cells in zip(table.rows, table.cells, strict=True)]
    data = [
        {"school": label, "half": str(column.label), "days": cell.value}
        for label, cells in rows
        for column, cell in zip(table.columns, cells, strict=True)
        if cell.value is not None and not cell.suppressed
    ]
    halves = [str(c.label) for c in table.columns]
    chart = (
        alt.Chart(_data(data))
        .mark_bar()
        .encode(
            x=alt.X("days:Q", title=_("Average days from the mapping appointment to the start")),
            y=alt.Y("school:N", title=None, sort=[label for label, _cells in rows]),
            yOffset=alt.YOffset("half:N", sort=halves),
            color=alt.Color(
                "half:N",
                title=_("Half-year the training started"),
                scale=alt.Scale(domain=halves, range=(YEAR_COLOURS * 2)[: len(halves)]),
            ),
        )
        .properties(
            width=WIDTH, height=int(BAR_HEIGHT * 0.6 * max(len(halves), 1) * max(len(rows), 1))
        )
    )
    return _config(chart)


CHARTS: dict[str, Callable[[ViewResult], Spec]] = {
    "end-reasons": _end_reasons,
    "end-reasons-by-basis": _end_reasons_by_basis,
    "end-reasons-by-district": _end_reasons_by_district,
    "months-to-start": _months_to_start,
    "education": _education,
    "end-reasons-by-education": _end_reasons,
    "collective-by-district": _collective_by_district,
    "caseload": _caseload,
    "compliance": _compliance,
    "days-late": _days_late,
    "school-waiting": _school_waiting,
}
