"""Every table every view publishes keeps the small-cell promises (issue 12.2).

The brute-force and cycle checks of ``tests/stats/completions.py`` run over the tables the
views really return, for the whole city and for chosen districts: every table with totals
in either direction (Table 1's row sums, the column totals of the caseload, both for the
others, and the totals of a choice of districts). The compliance summary is not a count
table of its own: its numbers are the detail tables' row totals, checked there.
"""

from __future__ import annotations

from datetime import date

import pytest

from introsak.stats.domain.catalogue import VIEWS, compute_view
from introsak.stats.domain.filters import BasisGroup, Filters
from introsak.stats.domain.queries import Scope
from tests.stats.builders import import_with_staff, sample_cases
from tests.stats.completions import assert_nothing_derivable, brute_force_values, table_grid

pytestmark = pytest.mark.django_db

AS_OF = date(2024, 8, 7)
SUPPRESSED = Scope(suppress=True, whole_months=True)
WHOLE = Scope(suppress=False, whole_months=True)
REQUESTS = {
    "city": Filters(as_of=AS_OF),
    "two districts": Filters(as_of=AS_OF, districts=("grunerlokka", "stovner")),
    "one district, other basis": Filters(
        as_of=AS_OF, districts=("ostensjo",), basis=BasisGroup.OTHER
    ),
    "2024, higher education": Filters(as_of=AS_OF, start=date(2024, 1, 1), education="higher"),
}


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker) -> object:  # type: ignore[no-untyped-def]
    """A small data set with many small counts (shared by the module's tests)."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            import_with_staff(sample_cases(seed=3, count=160), as_of=AS_OF)
            yield
            transaction.set_rollback(True)


@pytest.mark.parametrize("request_name", list(REQUESTS))
@pytest.mark.parametrize("view", list(VIEWS))
def test_nothing_hidden_can_be_worked_out(data: object, view: str, request_name: str) -> None:
    filters = REQUESTS[request_name]
    published = compute_view(view, SUPPRESSED, filters)
    truth = compute_view(view, WHOLE, filters)
    everywhere = compute_view(view, WHOLE, filters.without_districts())
    assert published.period == truth.period
    checked = 0
    for shown, true, true_everywhere in zip(
        published.tables, truth.tables, everywhere.tables, strict=True
    ):
        if shown.key == "compliance":
            continue
        if shown.every_district:  # counted over every district: so is its truth
            true = true_everywhere
        grid, states = table_grid(shown, true)
        assert_nothing_derivable(grid, states, (view, request_name, shown.key))
        if len(grid) * len(grid[0]) <= 16:
            for position, values in brute_force_values(grid, states).items():
                assert len(values) >= 2, (view, shown.key, position)
        checked += 1
    assert checked >= 1
    if request_name == "city" and view != "caseload":  # (no small district on its day)
        assert sum(t.suppressed_cells for t in published.tables) > 0, view
