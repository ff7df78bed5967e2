"""Template helpers of the workspace: dates as caseworkers read them.

The long lists (the case page's timeline, findings and "to follow up", the worklist's rows)
are templates in ``templates/workspace/rows/``, one loop each, with Django's autoescaping."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django import template
from django.db.models import Model
from django.utils.html import format_html

from introsak.core.formats import short_date
from introsak.workspace.domain.history import MODELS as HISTORY_MODELS
from introsak.workspace.domain.history import event_key

register = template.Library()


@register.filter
def day(value: date | None) -> str:
    """A date in tables and lists: 07.08.2024 in bokmål, 7 Aug 2024 in English."""
    return short_date(value) if value is not None else ""


@register.filter
def time_tag(value: date | None) -> str:
    """``<time datetime="2024-08-07">07.08.2024</time>``: the date as ``day`` writes it,
    machine-readable too (``format_html`` escapes both). One filter instead of two
    variables: a case page has some fifty; empty for no date."""
    if value is None:
        return ""
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), short_date(value))


@register.filter
def lookup(mapping: dict[str, object], key: str) -> object:
    """``mapping[key]``, or None."""
    return mapping.get(key) if mapping else None


@register.filter
def history_of(history: Mapping[str, object], row: Model) -> object:
    """The ``EventHistory`` of a recorded event's row (``CasePage.history``), or None."""
    kind = next((k for k, model in HISTORY_MODELS.items() if isinstance(row, model)), None)
    return history.get(event_key(kind, row.pk)) if history and kind else None
