"""Render form widgets with Designsystemet classes and server-side ARIA wiring."""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()

_CHECK_WIDGETS = (forms.CheckboxInput,)
_CHOICE_LIST_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, _CHECK_WIDGETS)


@register.filter
def is_choice_list(field: BoundField) -> bool:
    """Radio buttons or a list of checkboxes: rendered as a fieldset with a legend."""
    return isinstance(field.field.widget, _CHOICE_LIST_WIDGETS)


def widget_attrs(field: BoundField, autocomplete: str | None = None) -> dict[str, str | bool]:
    """The attributes that make a field accessible: description and error ids, invalid
    state and the design-system class."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-help")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    attrs: dict[str, str | bool] = {}
    widget = field.field.widget
    if isinstance(widget, _CHECK_WIDGETS) or not isinstance(widget, _CHOICE_LIST_WIDGETS):
        attrs["class"] = "ds-input"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    return attrs


# ``SafeString``: the type of Django's own widget rendering (``BoundField.as_widget``).
@register.simple_tag
def render_widget(field: BoundField, autocomplete: str | None = None) -> SafeString:
    return field.as_widget(attrs=widget_attrs(field, autocomplete))
