"""Statistics pages: the dashboard, one page per view, its chart, its downloads and a PDF.

Each request reads the filters from the URL (``FilterForm``), decides whose cases are
counted and whether small cells are hidden (``stats.scope.scope_for``), runs the views
(``domain.catalogue``) and hands the results to a template, a chart or an export.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from introsak.access.domain.gateway import require_permission
from introsak.access.enums import Permission
from introsak.accounts.models import User
from introsak.casefacts.districts import DISTRICTS_BY_SLUG
from introsak.core import clock
from introsak.stats.domain.catalogue import VIEWS, ViewResult, compute_view
from introsak.stats.domain.filters import Filters
from introsak.stats.domain.queries import Scope
from introsak.stats.interfaces import exports
from introsak.stats.interfaces.alt_texts import chart_alt
from introsak.stats.interfaces.forms import FilterForm
from introsak.stats.phrases import EVERY_DISTRICT, SUPPRESSION_RULE, WHOLE_MONTHS
from introsak.stats.scope import scope_for, scope_note

DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", exports.to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exports.to_xlsx),
    "json": ("application/json", exports.to_json),
}


class _Request:
    """What every statistics request needs: the user, the form, the filters and scope."""

    def __init__(self, request: HttpRequest) -> None:
        user = request.user
        assert isinstance(user, User)
        require_permission(user, Permission.STATS_VIEW, path=request.path)
        self.user = user
        today = clock.today()
        self.form = FilterForm(request.GET, today=today)
        self.valid = self.form.is_valid()
        self.filters: Filters | None = self.form.filters(today) if self.valid else None
        self.scope: Scope | None = scope_for(user, self.filters) if self.filters else None
        self.query = urlencode(self.filters.as_query(), doseq=True) if self.filters else ""

    def results(self, names: Iterable[str]) -> list[ViewResult]:
        assert self.filters is not None and self.scope is not None
        return [compute_view(name, self.scope, self.filters) for name in names]

    def context(self, results: list[ViewResult]) -> dict[str, object]:
        return {
            "form": self.form,
            "query": self.query,
            "sections": [{"result": r, "alt": chart_alt(r)} for r in results],
            "scope_note": scope_note(self.user, self.scope) if self.scope else "",
            "suppressed": bool(self.scope and self.scope.suppress),
            "suppression_rule": SUPPRESSION_RULE,
            "whole_months": bool(self.scope and self.scope.whole_months),
            "whole_months_note": WHOLE_MONTHS,
            "every_district_note": EVERY_DISTRICT,
            "district_names": [
                DISTRICTS_BY_SLUG[slug].name
                for slug in (self.filters.districts if self.filters else ())
            ],
        }


def _spec_name(name: str) -> str:
    if name not in VIEWS:
        raise Http404
    return name


def _invalid(request: HttpRequest, stats: _Request, template: str) -> HttpResponse:
    return render(request, template, stats.context([]), status=400)


def _invalid_view(request: HttpRequest, stats: _Request, name: str) -> HttpResponse:
    """The view's page with the form's errors (400): what a chart or download with invalid
    filters answers, so that whoever opens its address reads why."""
    return render(
        request, "stats/view.html", {**stats.context([]), "spec": VIEWS[name]}, status=400
    )


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    stats = _Request(request)
    if not stats.valid:
        return _invalid(request, stats, "stats/dashboard.html")
    return render(request, "stats/dashboard.html", stats.context(stats.results(VIEWS)))


@login_required
@require_GET
def view(request: HttpRequest, name: str) -> HttpResponse:
    stats = _Request(request)
    spec = VIEWS[_spec_name(name)]
    if not stats.valid:
        return _invalid_view(request, stats, name)
    context = stats.context(stats.results([name]))
    return render(request, "stats/view.html", {**context, "spec": spec})


@login_required
@require_GET
def chart(request: HttpRequest, name: str) -> HttpResponse:
    stats = _Request(request)
    name = _spec_name(name)
    if not stats.valid:
        return _invalid_view(request, stats, name)
    from introsak.stats.interfaces.charts import chart_svg  # Altair loads only for charts

    svg = chart_svg(stats.results([name])[0])
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@login_required
@require_GET
def download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    stats = _Request(request)
    name = _spec_name(name)
    if fmt not in DOWNLOADS:
        raise Http404
    if not stats.valid:
        return _invalid_view(request, stats, name)
    result = stats.results([name])[0]
    content_type, write = DOWNLOADS[fmt]
    response = HttpResponse(write(result), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(result, fmt)}"'
    return response


@login_required
@require_GET
def pdf(request: HttpRequest) -> HttpResponse:
    stats = _Request(request)
    if not stats.valid:
        return _invalid(request, stats, "stats/dashboard.html")
    from introsak.stats.interfaces.pdf import dashboard_pdf  # WeasyPrint loads only for PDFs

    context = stats.context(stats.results(VIEWS))
    response = HttpResponse(dashboard_pdf(request, context), content_type="application/pdf")
    day = clock.today().isoformat()
    response["Content-Disposition"] = f'attachment; filename="introsak-statistics-{day}.pdf"'
    return response


def _file_name(result: ViewResult, extension: str) -> str:
    period = f"{result.period.first.isoformat()}_{result.period.last.isoformat()}"
    return f"introsak-{result.name}-{period}.{extension}"
