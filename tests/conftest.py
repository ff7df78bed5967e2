"""Shared test configuration.

Database tests use pytest-django's ``db`` (or ``transactional_db``) fixture. Transactional
tests (live server, browser) run against a database that is emptied after each test, which
also removes the districts that migrations load; ``_reference_data`` puts them back.
"""

from __future__ import annotations

import pytest


def _is_transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    if not _is_transactional(request):
        return
    request.getfixturevalue("transactional_db")
    from introsak.core.domain.districts import districts_ensure

    districts_ensure()
