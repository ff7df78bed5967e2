"""The charts' alternative texts: what each chart shows. The numbers themselves are in
the table beside it. (Kept apart from ``charts`` so that pages need not load Altair.)"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from introsak.stats.domain.catalogue import WORK_OR_EDUCATION_TARGET, ViewResult
from introsak.stats.interfaces.formatting import percent_text


def chart_alt(result: ViewResult) -> str:
    """The chart's alternative text: what it shows; the numbers are in the table beside it."""
    hidden = sum(t.suppressed_cells for t in result.main_tables)
    parts = [
        DESCRIPTIONS[result.name](result),
        _("The table below the chart has the same numbers."),
    ]
    if hidden and result.name == "compliance":
        parts.append(_("Hidden numbers are grey squares marked “–”."))
    elif hidden:
        parts.append(_("Hidden small numbers are left out of the chart."))
    return " ".join(parts)


def _work_share(result: ViewResult) -> str:
    """The work share of all chosen districts, if shown."""
    table = result.tables[0]
    total = table.column_totals[0] if table.column_totals else None
    if total is None or total.share is None:
        return ""
    return " " + _("In work, all chosen districts: %(share)s.") % {
        "share": percent_text(total.share)
    }


DESCRIPTIONS: dict[str, Callable[[ViewResult], str]] = {
    "end-reasons": lambda r: _(
        "Stacked bars: for each district, residence basis and year, the share of "
        "participants by end reason."
    ),
    "end-reasons-by-basis": lambda r: _(
        "Stacked bars: for each residence basis and year, the share of participants by end reason."
    ),
    "end-reasons-by-district": lambda r: (
        _(
            "Stacked bars: for each district and all districts together, the share of "
            "participants by end reason, work and education first; a dashed line marks the "
            "target of %(target)s in work or education."
        )
        % {"target": percent_text(WORK_OR_EDUCATION_TARGET)}
        + _work_share(r)
    ),
    "months-to-start": lambda r: _(
        "Grouped bars: average months from settlement to programme start for each district "
        "and all districts together, one bar per start year; a dashed line marks the legal "
        "limit of 3 months."
    ),
    "education": lambda r: _(
        "Stacked bars: for each year the programme ended, the share of participants by "
        "education at arrival."
    ),
    "end-reasons-by-education": lambda r: _(
        "Stacked bars: for each level of education at arrival, the share of participants by "
        "end reason."
    ),
    "collective-by-district": lambda r: _(
        "Stacked bars: the share of participants with collective protection by end reason, "
        "for each district, after two bars comparing all with another residence basis and all "
        "with collective protection."
    ),
    "caseload": lambda r: _(
        "Two bar charts side by side: participants in the programme per district, and "
        "participants per programme adviser per district."
    ),
    "compliance": lambda r: _(
        "Heat map: for each rule (rows) and district (columns), the share of assessed "
        "findings met on time, written in each square."
    ),
    "days-late": lambda r: _(
        "Stacked bars: for each rule, how the late findings are spread over the number of "
        "days late."
    ),
    "school-waiting": lambda r: _(
        "Grouped bars: average days from the mapping appointment at the service centre to the "
        "start of Norwegian training for each school, one bar per half-year of the start."
    ),
}
