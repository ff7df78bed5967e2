"""Template helpers of the workspace: dates as caseworkers read them."""

from __future__ import annotations

from datetime import date

from django import template

from introsak.workspace.phrases import short_date

register = template.Library()


@register.filter
def day(value: date | None) -> str:
    """A date in tables and lists: 07.08.2024 in bokmål, 7 Aug 2024 in English."""
    return short_date(value) if value is not None else ""


@register.filter
def iso(value: date | None) -> str:
    """The machine-readable date for ``<time datetime>``."""
    return value.isoformat() if value is not None else ""


@register.filter
def lookup(mapping: dict[str, object], key: str) -> object:
    """``mapping[key]``, or None."""
    return mapping.get(key) if mapping else None
