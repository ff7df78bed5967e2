"""Shared test configuration. Database tests use pytest-django's ``db`` fixture."""
