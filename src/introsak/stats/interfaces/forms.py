"""The statistics filters, from the dashboard's URL or the command line's options."""

from __future__ import annotations

from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django import forms
from django.utils.translation import gettext_lazy as _

from introsak.casefacts.districts import DISTRICTS
from introsak.stats import phrases
from introsak.stats.domain.filters import EARLIEST, LONGEST_YEARS, BasisGroup, Filters
from introsak.stats.interfaces.formatting import day_text


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class FilterForm(forms.Form):
    """Period, districts, residence basis and education. Every field may be left empty.

    The period is bounded: no day before ``EARLIEST`` (1 January 2000), no end after
    ``today`` (empty means today), and at most ``LONGEST_YEARS`` (10) years long.
    """

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

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
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
        if "from" in self.errors or "to" in self.errors:
            return cleaned
        first, last = cleaned.get("from"), cleaned.get("to") or self.today
        earliest = {"day": day_text(EARLIEST)}
        if first is not None and first < EARLIEST:
            self.add_error("from", _("Periods cannot start before %(day)s.") % earliest)
        elif last < EARLIEST:
            self.add_error("to", _("Periods cannot end before %(day)s.") % earliest)
        elif last > self.today or (first is not None and first > self.today):
            today = {"day": day_text(self.today)}
            field = "to" if last > self.today else "from"
            self.add_error(field, _("The period cannot be after today, %(day)s.") % today)
        elif first is not None and first > last:
            self.add_error("to", _("The end of the period must be on or after its start."))
        elif first is not None and first + relativedelta(years=LONGEST_YEARS) <= last:
            self.add_error(
                "from",
                _("The period can be at most %(years)s years long.") % {"years": LONGEST_YEARS},
            )
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
