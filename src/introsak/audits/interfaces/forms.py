"""Forms of the audit workbench: a new audit, an assessment, an exclusion."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.audits.domain.control_forms import assessment_errors
from introsak.audits.domain.criteria import REPORT_CRITERIA, criterion_choices
from introsak.audits.domain.sampling import SEED_LIMIT
from introsak.audits.enums import Assessment
from introsak.casefacts.parse import MAX_TEXT_CHARS
from introsak.core import clock
from introsak.core.models import District

_CHECKBOX = {"class": "ds-input"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class AuditForm(forms.Form):
    """A new audit. ``districts`` offers only the districts the user may audit today."""

    name = forms.CharField(label=_("Name"), max_length=200)
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts"),
        queryset=District.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs=_CHECKBOX),
    )
    started_from = forms.DateField(label=_("Programme started from"), widget=DateInput())
    started_to = forms.DateField(label=_("Programme started until"), widget=DateInput())
    as_of = forms.DateField(
        label=_("As of"),
        widget=DateInput(),
        help_text=_("The rules are evaluated as of this date; later facts are ignored."),
    )
    sample_size = forms.IntegerField(
        label=_("Cases per district"), min_value=1, max_value=1000, initial=15
    )
    stratify = forms.BooleanField(
        label=_("Guarantee both residence-basis groups in each district"),
        required=False,
        widget=forms.CheckboxInput(attrs=_CHECKBOX),
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        min_value=0,
        max_value=SEED_LIMIT - 1,
        help_text=_(
            "Leave empty for a new random seed. The same seed and the same data "
            "give the same sample."
        ),
    )
    criteria = forms.MultipleChoiceField(
        label=_("Criteria from the rule catalogue"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=_CHECKBOX),
        initial=list(REPORT_CRITERIA),
    )
    manual_criteria = forms.CharField(
        label=_("Criteria you assess by hand"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One criterion per line."),
    )
    auditors = forms.ModelMultipleChoiceField(
        label=_("Other auditors"),
        required=False,
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs=_CHECKBOX),
        help_text=_("Each auditor needs a valid audit grant for the districts."),
    )

    def __init__(self, *args: Any, user: User, scope: QuerySet[District], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["districts"].queryset = scope
        fields["criteria"].choices = criterion_choices()
        fields["as_of"].initial = clock.today()
        if user.role == Role.AUDITOR:
            fields["auditors"].queryset = (
                User.objects.filter(role=Role.AUDITOR, is_active=True)
                .exclude(pk=user.pk)
                .order_by("username")
            )
        else:
            del fields["auditors"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("started_from"), data.get("started_to")
        if start and end and end < start:
            self.add_error("started_to", _("The period ends before it starts."))
        if start and data.get("as_of") and data["as_of"] < start:
            self.add_error("as_of", _("The as-of date is before the period starts."))
        if not data.get("criteria") and not self.manual_lines():
            self.add_error("criteria", _("Choose at least one criterion."))
        return data

    def manual_lines(self) -> list[str]:
        text = self.cleaned_data.get("manual_criteria") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class AssessmentForm(forms.Form):
    """The auditor's assessment of one criterion on one control form, whose computed
    outcome is ``computed``: an assessment that differs from it needs a comment."""

    assessment = forms.ChoiceField(
        label=_("Your assessment"),
        required=False,
        choices=[("", _("As computed")), *Assessment.choices],
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, computed: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.computed = computed

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        errors = assessment_errors(
            computed=self.computed,
            assessment=data.get("assessment", ""),
            comment=data.get("comment", ""),
        )
        for field, messages in errors.items():
            for message in messages:
                self.add_error(field, message)
        return data


class ExclusionForm(forms.Form):
    """Exclude a drawn case: the participant cannot take part for health reasons."""

    note = forms.CharField(
        label=_("Why the participant cannot take part"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Recorded with the exclusion. The next case in the random order is drawn instead."
        ),
    )
