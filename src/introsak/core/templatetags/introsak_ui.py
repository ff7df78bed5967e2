"""Small, frequently repeated pieces of the UI, rendered by code rather than by an included
template (an ``{% include %}`` in a loop costs more than the markup it writes)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def status_tag(colour: object, label: object, status: object) -> SafeString:
    """A status as a Designsystemet tag: colour and text, never colour alone."""
    return format_html(
        '<span class="ds-tag app-status" data-color="{}" data-status="{}">{}</span>',
        colour,
        status,
        label,
    )
