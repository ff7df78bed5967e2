"""The planner's pages: the what-if forecast of the queue for Norwegian training."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from introsak.access.domain.gateway import require_permission
from introsak.access.enums import Permission
from introsak.intake.domain.baseline import baseline_scenario, forecast_cached
from introsak.intake.domain.forecast import smallest_capacity
from introsak.intake.interfaces.chart import wait_chart
from introsak.intake.interfaces.forms import WhatIfForm
from introsak.intake.interfaces.tables import comparison_rows, month_rows

# Runs per forecast on the page: enough for stable medians in about a second; the command
# line's default is 200 (docs/benchmarks/intake.md).
PAGE_RUNS = 40
PAGE_SEED = 1
SEARCH_RUNS = 10  # per step of the capacity search (a bisection of about nine steps)


@login_required
@require_GET
def forecast_page(request: HttpRequest) -> HttpResponse:
    """The baseline forecast and, when the form is sent, the planner's changed scenario."""
    require_permission(request.user, Permission.FORECAST_VIEW, path=request.path)
    baseline = baseline_scenario()
    form = WhatIfForm(request.GET or None, scenario=baseline)
    changed_scenario = baseline
    status = 200
    need = None
    if form.is_bound:
        if form.is_valid():
            changed_scenario = form.changed_scenario()
            target = form.cleaned_data.get("target_percent")
            if target:
                need = smallest_capacity(
                    changed_scenario, target=target / 100, runs=SEARCH_RUNS, seed=PAGE_SEED
                )
        else:
            status = 400
    before = forecast_cached(baseline, runs=PAGE_RUNS, seed=PAGE_SEED)
    after = forecast_cached(changed_scenario, runs=PAGE_RUNS, seed=PAGE_SEED)
    names = {s.code: s.name for s in baseline.schools}
    context = {
        "form": form,
        "changed": form.is_bound and form.is_valid(),
        "before": before,
        "after": after,
        "rows": comparison_rows(before, after, names),
        "months": month_rows(after, names),
        "chart": wait_chart(before, after, names),
        "need": need,
        "need_rows": [
            (names.get(code, code), places) for code, places in need.places_per_intake.items()
        ]
        if need is not None
        else [],
        "runs": PAGE_RUNS,
        "seed": PAGE_SEED,
    }
    return render(request, "intake/forecast.html", context, status=status)
