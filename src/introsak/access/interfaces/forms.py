"""Forms of the access-log reports and the data-subject export.

Identity numbers are only ever sent in a POST body (never in an address), so the "who looked
at this person" form posts; the other reports are plain GET forms.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from introsak.access.domain.reports import Period
from introsak.core import clock
from introsak.identity import InvalidIdentityNumber, parse_identity_number

DEFAULT_DAYS = 30
FORMAT_CHOICES = [("html", _("Show")), ("jsonl", _("JSON Lines (CEF)")), ("csv", _("CSV"))]


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    format = forms.ChoiceField(
        label=_("Format"), choices=FORMAT_CHOICES, initial="html", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = clock.today()
        self.fields["start"].initial = today - timedelta(days=DEFAULT_DAYS)
        self.fields["end"].initial = today

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: date | None = data.get("start")
        end: date | None = data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date cannot be before the start date."))
        data["format"] = data.get("format") or "html"
        return data

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])


class PersonReportForm(PeriodForm):
    case_number = forms.CharField(label=_("Case number"), max_length=64, required=False)
    national_id = forms.CharField(
        label=_("National identity number or D-number"),
        max_length=11,
        required=False,
        help_text=_("Give either the case number or the identity number."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    field_order = ["case_number", "national_id", "start", "end", "format"]

    def clean_national_id(self) -> str:
        value: str = self.cleaned_data.get("national_id", "").strip()
        if value:
            try:
                parse_identity_number(value, allow_synthetic=True)
            except InvalidIdentityNumber as exc:
                raise forms.ValidationError(_("Not a valid identity number.")) from exc
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("case_number", "").strip()) == bool(data.get("national_id")):
            raise forms.ValidationError(_("Give either the case number or the identity number."))
        return data


class UserReportForm(PeriodForm):
    username = forms.CharField(label=_("User name"), max_length=150)
    field_order = ["username", "start", "end", "format"]


class SubjectExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("pdf", "PDF"), ("json", "JSON")],
        widget=forms.RadioSelect,
        initial="pdf",
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=200,
        help_text=_("For example: request for access received on 1 August 2024."),
    )
