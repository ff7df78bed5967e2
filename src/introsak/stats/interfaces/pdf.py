"""The whole dashboard as a tagged PDF (PDF/UA-1) with WeasyPrint.

The print template has the same tables as the page; each chart is embedded as an SVG data
URI with its alternative text. WeasyPrint fetches nothing else: any other URL is refused.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from introsak.core import clock
from introsak.core.pdf import tagged_pdf
from introsak.stats.interfaces.charts import chart_svg

PRINT_CSS = Path(__file__).resolve().parent.parent / "static" / "stats" / "print.css"


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def dashboard_pdf(request: HttpRequest, context: dict[str, Any]) -> bytes:
    """Render the dashboard's results (``context["sections"]``) as PDF bytes."""
    sections = [{**s, "chart": _data_uri(chart_svg(s["result"]))} for s in context["sections"]]
    html = render_to_string(
        "stats/print.html",
        {**context, "sections": sections, "today": clock.today()},
        request=request,
    )
    return tagged_pdf(html, stylesheets=[PRINT_CSS])
