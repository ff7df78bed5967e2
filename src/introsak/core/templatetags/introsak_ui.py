"""Small, frequently repeated pieces of the UI, written with ``format_html`` rather than by an
included template (an ``{% include %}`` in a loop costs more than the markup it writes)."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils.html import format_html

from introsak.core.formats import short_date, short_datetime

register = template.Library()


@register.simple_tag
def status_tag(colour: object, label: object, status: object) -> str:
    """A status as a Designsystemet tag: colour and text, never colour alone
    (``format_html`` escapes every value)."""
    return format_html(
        '<span class="ds-tag app-status" data-color="{}" data-status="{}">{}</span>',
        colour,
        status,
        label,
    )


@register.filter
def day(value: date | None) -> str:
    """A date as caseworkers read it: 07.08.2024 in bokmål, 7 Aug 2024 in English."""
    return short_date(value) if value is not None else ""


@register.filter
def moment(value: datetime | None) -> str:
    """A date and time: 07.08.2024 14:05 in bokmål, 7 Aug 2024 14:05 in English."""
    return short_datetime(value) if value is not None else ""
