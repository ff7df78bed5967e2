"""Small, frequently repeated pieces of the UI, rendered by code rather than by an included
template (an ``{% include %}`` in a loop costs more than the markup it writes)."""

from __future__ import annotations

import html
from datetime import date, datetime

from django import template
from django.utils.safestring import SafeData, SafeString

from introsak.core.formats import short_date, short_datetime

register = template.Library()


def escape_text(value: object) -> str:
    """The value as HTML text: escaped (quotes included) unless it is already safe markup.
    For markup written by code in loops, where ``format_html`` costs more than the markup."""
    if isinstance(value, SafeData):
        return str(value)
    return html.escape(str(value), quote=True)


def status_tag_html(colour: object, label: object, status: object) -> str:
    """A status as a Designsystemet tag: colour and text, never colour alone."""
    e = escape_text
    return (
        f'<span class="ds-tag app-status" data-color="{e(colour)}" data-status="{e(status)}">'
        f"{e(label)}</span>"
    )


@register.simple_tag
def status_tag(colour: object, label: object, status: object) -> SafeString:
    """A status as a Designsystemet tag: colour and text, never colour alone."""
    return SafeString(status_tag_html(colour, label, status))


@register.filter
def day(value: date | None) -> str:
    """A date as caseworkers read it: 07.08.2024 in bokmål, 7 Aug 2024 in English."""
    return short_date(value) if value is not None else ""


@register.filter
def moment(value: datetime | None) -> str:
    """A date and time: 07.08.2024 14:05 in bokmål, 7 Aug 2024 14:05 in English."""
    return short_datetime(value) if value is not None else ""
