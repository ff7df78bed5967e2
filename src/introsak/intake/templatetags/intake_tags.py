"""Formatting for the forecast page: shares as percent, days as whole numbers."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(value: float) -> str:
    """0.7845 → "78 %" (bokmål) / "78 %" (English): whole percent, rounded."""
    return f"{number_format(round(value * 100))}\u00a0%"


@register.filter
def days(value: float) -> int:
    return round(value)


@register.filter
def signed(value: int) -> str:
    """A change with its sign: +12, −5, 0."""
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"\u2212{-value}"
    return "0"


@register.filter
def svgnum(value: float) -> str:
    """A coordinate with a dot as decimal mark, whatever the language (SVG needs it)."""
    return f"{value:.1f}"
