"""Reference data: Oslo's districts."""

from __future__ import annotations

from introsak.casefacts.districts import DISTRICTS
from introsak.core.models import District


def districts_ensure() -> int:
    """Create or update the 15 districts (idempotent); return how many were created.

    Migration ``core.0002`` loads them in every database; tests that empty the database
    between tests (live-server tests) call this to put them back.
    """
    existing = set(District.objects.values_list("slug", flat=True))
    missing = [
        District(slug=d.slug, name=d.name, nav_office=d.nav_office, number=d.number)
        for d in DISTRICTS
        if d.slug not in existing
    ]
    District.objects.bulk_create(missing)
    return len(missing)
