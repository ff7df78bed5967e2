"""Statistics tests need Oslo's districts, which the migrations load. Creating any that are
missing lets the tests also run with ``--nomigrations`` (faster on PostgreSQL)."""

from __future__ import annotations

import pytest

from introsak.casefacts.districts import DISTRICTS


@pytest.fixture(autouse=True)
def districts(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("django_db") is None:
        return
    from introsak.core.models import District

    for d in DISTRICTS:
        District.objects.get_or_create(
            slug=d.slug, defaults={"name": d.name, "nav_office": d.nav_office, "number": d.number}
        )
