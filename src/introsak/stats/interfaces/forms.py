"""The statistics filters, from the dashboard's URL or the command line's options."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from introsak.casefacts.districts import DISTRICTS
from introsak.stats import phrases
from introsak.stats.domain.filters import BasisGroup, Filters


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class FilterForm(forms.Form):
    """Period, districts, residence basis and education. Every field may be left empty."""

    district = forms.MultipleChoiceField(
        label=_("Districts"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(d.slug, d.name) for d in DISTRICTS],
        help_text=_("None chosen: every district."),
    )
    basis = forms.ChoiceField(
        label=_("Residence basis"),
        required=False,
        choices=[("", _("Both")), *((b.value, phrases.BASIS_GROUPS[b.value]) for b in BasisGroup)],
    )
    education = forms.ChoiceField(
        label=phrases.EDUCATION_AT_ARRIVAL,
        required=False,
        choices=[("", _("All levels")), *phrases.EDUCATION_LEVELS.items()],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so these two are added here rather than declared.
        self.fields["from"] = forms.DateField(
            label=_("From"),
            required=False,
            widget=DateInput(),
            help_text=_("Empty: each view's own default (see its definitions)."),
        )
        self.fields["to"] = forms.DateField(
            label=_("To"),
            required=False,
            widget=DateInput(),
            help_text=_("Empty: today."),
        )
        self.order_fields(["from", "to", "district", "basis", "education"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("from"), cleaned.get("to")
        if first and last and first > last:
            self.add_error("to", _("The end of the period must be on or after its start."))
        return cleaned

    def filters(self, as_of: date) -> Filters:
        """The valid form's filters (call after ``is_valid()``)."""
        data = self.cleaned_data
        return Filters(
            as_of=as_of,
            start=data.get("from"),
            end=data.get("to"),
            districts=tuple(d.slug for d in DISTRICTS if d.slug in set(data.get("district", ()))),
            basis=BasisGroup(data["basis"]) if data.get("basis") else None,
            education=data.get("education") or None,
        )
