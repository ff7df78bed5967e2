"""Staff forms of early contact (the participant's questionnaire is rendered from
``questionnaire.PAGES`` and validated there)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.cases.enums import EducationLevel, ResidenceBasis
from introsak.early.languages import LANGUAGE_CHOICES

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _AdviserChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


def _advisers(district_id: int | None) -> Any:
    if district_id is None:
        return User.objects.none()
    return User.objects.filter(
        role=Role.PROGRAMME_ADVISER, district_id=district_id, is_active=True
    ).order_by("last_name", "first_name", "username")


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    birth_date = forms.DateField(label=_("Birth date"), widget=_DATE)
    national_id = forms.CharField(
        label=_("Identity number or D-number"),
        max_length=11,
        required=False,
        help_text=_("11 digits. Give this or the DUF number."),
    )
    duf_number = forms.CharField(
        label=_("DUF number"), max_length=12, required=False, help_text=_("12 digits.")
    )
    reception_centre = forms.CharField(label=_("Reception centre"), max_length=200)
    expected_settlement_date = forms.DateField(label=_("Expected settlement date"), widget=_DATE)
    household = forms.CharField(
        label=_("Household"),
        max_length=40,
        required=False,
        help_text=_("The settlement request's household reference; the same for each member."),
    )
    language = forms.ChoiceField(label=_("Questionnaire language"), choices=LANGUAGE_CHOICES)
    adviser = _AdviserChoice(
        label=_("Programme adviser"), queryset=User.objects.none(), required=False
    )
    consent_given_on = forms.DateField(
        label=_("Consent to early contact given on"),
        widget=_DATE,
        help_text=_("The person agreed to be contacted and to answer before settlement."),
    )

    def __init__(self, *args: Any, district_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = _advisers(district_id)  # type: ignore[attr-defined]


class SettleForm(forms.Form):
    settlement_date = forms.DateField(label=_("Settlement date"), widget=_DATE)
    residence_basis = forms.ChoiceField(label=_("Residence basis"), choices=ResidenceBasis.choices)
    permit_date = forms.DateField(label=_("Residence permit date"), widget=_DATE)
    education_level = forms.ChoiceField(
        label=_("Education at arrival"), choices=EducationLevel.choices
    )
    settled_by_agreement = forms.BooleanField(
        label=_("Settled by agreement with IMDi"), required=False, initial=True
    )
    adviser = _AdviserChoice(
        label=_("Programme adviser"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, district_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = _advisers(district_id)  # type: ignore[attr-defined]


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    first_session = forms.DateField(label=_("First session"), widget=_DATE)
    weeks = forms.IntegerField(
        label=_("Weeks"), min_value=1, max_value=52, help_text=_("From 4 to 6 weekly sessions.")
    )


class OwnViewLinkForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)


class SubjectExportForm(forms.Form):
    """The data-subject export of a person before settlement (JSON)."""

    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=200,
        help_text=_("For example: request for access received on 1 August 2024."),
    )
