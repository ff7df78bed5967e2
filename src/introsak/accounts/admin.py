"""User administration. Administrators create accounts (a new account has no role and so no
access), set role and district, and deactivate accounts (never delete: the logs refer to
them). An administrator cannot change their own role, district or active flag.

Every change an administrator makes to another account's access is written to the security
log: role, district or active flag (``role_changed``), a password set (``password_set``), a
two-factor device added, changed or removed (``otp_device_*``). In production an
administrator cannot add or change a two-factor device (that would let them log in as the
user) and never sees a device's secret; they can only remove a lost one, after which the user
enrols a new device themselves."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from introsak.accounts.models import User
from introsak.core.security import SecurityEventKind, security_event

SELF_LOCKED_FIELDS = ("role", "district", "is_active")
ACCESS_FIELDS = {"role", "district", "is_active"}

# Django groups and permissions play no part in Introsak's access rules (access.permissions).
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    list_display = ["username", "first_name", "last_name", "role", "district", "is_active"]
    list_filter = ["role", "district", "is_active"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Access"), {"fields": ("role", "district", "is_active")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        (_("Access"), {"fields": ("role", "district")}),
    )
    readonly_fields = ("last_login", "date_joined")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            return fields + SELF_LOCKED_FIELDS
        return fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        changed = change and ACCESS_FIELDS & set(form.changed_data)
        super().save_model(request, obj, form, change)
        if changed or (not change and obj.role):
            security_event(
                event=SecurityEventKind.ROLE_CHANGED,
                user=request.user,
                path=request.path,
                detail=f"user {obj.pk} role={obj.role or '-'} "
                f"district={obj.district_id or '-'} active={obj.is_active}",
            )
        if not change and obj.has_usable_password():
            _password_set(request, obj.pk)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """Django's "set password" page; a password it saves is written to the log."""
        with transaction.atomic():
            before = _password_hash(id)
            response = super().user_change_password(request, id, form_url)
            if before is not None and _password_hash(id) != before:
                _password_set(request, int(unquote(id)))
        return response


def _password_hash(user_pk: str) -> str | None:
    try:
        key = int(unquote(user_pk))
    except ValueError:
        return None
    return User.objects.filter(pk=key).values_list("password", flat=True).first()


def _password_set(request: HttpRequest, user_pk: int) -> None:
    security_event(
        event=SecurityEventKind.PASSWORD_SET,
        user=request.user,
        path=request.path,
        detail=f"user {user_pk}",
    )


if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TwoFactorDeviceAdmin(TOTPDeviceAdmin):  # type: ignore[misc]
    """django-otp's device admin, security-logged; in production only view and remove (the
    secret is hidden there by ``OTP_ADMIN_HIDE_SENSITIVE_DATA``)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not settings.PRODUCTION and bool(super().has_add_permission(request))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not settings.PRODUCTION and bool(super().has_change_permission(request, obj))

    def save_model(self, request: HttpRequest, obj: TOTPDevice, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        kinds = SecurityEventKind
        _device_event(request, kinds.OTP_DEVICE_CHANGED if change else kinds.OTP_DEVICE_ADDED, obj)

    def delete_model(self, request: HttpRequest, obj: TOTPDevice) -> None:
        _device_event(request, SecurityEventKind.OTP_DEVICE_REMOVED, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[TOTPDevice]) -> None:
        for device in queryset:
            _device_event(request, SecurityEventKind.OTP_DEVICE_REMOVED, device)
        super().delete_queryset(request, queryset)


def _device_event(request: HttpRequest, kind: SecurityEventKind, device: TOTPDevice) -> None:
    security_event(
        event=kind,
        user=request.user,
        path=request.path,
        detail=f"user {device.user_id} device {device.pk}",
    )
