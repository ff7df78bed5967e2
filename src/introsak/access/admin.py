"""Admin for audit grants, clearances and the security log (administrators only).

Grants and clearances are saved through the domain functions, so the 90-day rule, the
justification and the role checks apply and the security log is written. Grants are never
deleted (they document past access): end one early by moving its end date. The security log
is read-only; the access log is read through the reports (``/access/``), which log lookups.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from introsak.access.domain.grants import GrantTerms, audit_grant_save, grant_errors
from introsak.access.domain.protection import (
    clearance_errors,
    clearance_grant,
    clearance_revoke,
)
from introsak.access.models import AuditGrant, ProtectedPersonClearance, SecurityEvent
from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.accounts.requests import staff_user
from introsak.casefacts.parse import MAX_TEXT_CHARS
from introsak.cases.models import ProgrammeCase


def limit_text(form: forms.BaseForm, name: str) -> None:
    """A free text of an admin form: at most ``MAX_TEXT_CHARS`` characters."""
    field = form.fields[name]
    assert isinstance(field, forms.CharField)
    field.max_length = MAX_TEXT_CHARS
    field.validators.append(MaxLengthValidator(MAX_TEXT_CHARS))
    field.widget.attrs["maxlength"] = str(MAX_TEXT_CHARS)


class AuditGrantForm(forms.ModelForm[AuditGrant]):
    class Meta:
        model = AuditGrant
        fields = [
            "user",
            "districts",
            "justification",
            "starts_on",
            "ends_on",
            "cases_started_from",
            "cases_started_until",
            "show_identities",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user_field = self.fields["user"]
        assert isinstance(user_field, forms.ModelChoiceField)
        user_field.queryset = User.objects.filter(role=Role.AUDITOR, is_active=True)
        limit_text(self, "justification")

    def terms(self) -> GrantTerms:
        data = self.cleaned_data
        return GrantTerms(
            user=data.get("user"),
            districts=list(data.get("districts") or []),
            justification=data.get("justification") or "",
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            show_identities=bool(data.get("show_identities")),
            cases_started_from=data.get("cases_started_from"),
            cases_started_until=data.get("cases_started_until"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            errors = grant_errors(self.terms(), new=self.instance.pk is None)
            if errors:
                raise ValidationError(errors)
        return data


@admin.register(AuditGrant)
class AuditGrantAdmin(admin.ModelAdmin[AuditGrant]):
    form = AuditGrantForm
    list_display = ["user", "starts_on", "ends_on", "show_identities", "granted_by"]
    list_filter = ["show_identities"]
    filter_horizontal = ["districts"]
    readonly_fields = ["granted_by", "created_at"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: AuditGrant, form: Any, change: bool) -> None:
        saved = audit_grant_save(
            terms=form.terms(), granted_by=staff_user(request), grant=obj if change else None
        )
        obj.pk = saved.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Districts were saved by ``audit_grant_save``."""


class ClearanceForm(forms.ModelForm[ProtectedPersonClearance]):
    case_number = forms.CharField(label=_("Case number"), max_length=64)

    class Meta:
        model = ProtectedPersonClearance
        fields = ["user", "case_number", "justification"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_text(self, "justification")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        case = (
            ProgrammeCase.objects.select_related("person")
            .filter(case_id=(data.get("case_number") or "").strip())
            .first()
        )
        if case is None:
            raise ValidationError({"case_number": _("No case with that number.")})
        self.instance.person = case.person
        if data.get("user") is not None:
            errors = clearance_errors(
                user=data["user"], person=case.person, justification=data.get("justification") or ""
            )
            if errors:
                raise ValidationError(
                    {("case_number" if k == "person" else k): v for k, v in errors.items()}
                )
        return data


@admin.register(ProtectedPersonClearance)
class ClearanceAdmin(admin.ModelAdmin[ProtectedPersonClearance]):
    form = ClearanceForm
    list_display = ["user", "person_id", "granted_by", "created_at"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: ProtectedPersonClearance, form: Any, change: bool
    ) -> None:
        saved = clearance_grant(
            user=form.cleaned_data["user"],
            person=obj.person,
            justification=form.cleaned_data["justification"],
            granted_by=staff_user(request),
        )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: ProtectedPersonClearance) -> None:
        clearance_revoke(clearance=obj, revoked_by=staff_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for clearance in queryset:
            clearance_revoke(clearance=clearance, revoked_by=staff_user(request))


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin[SecurityEvent]):
    list_display = ["at", "event", "user", "path", "detail"]
    list_filter = ["event"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
