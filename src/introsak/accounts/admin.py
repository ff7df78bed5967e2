"""User administration. Administrators create accounts (a new account has no role and so no
access), set role and district, and deactivate accounts (never delete: the logs refer to
them). An administrator cannot change their own role, district or active flag, and every
role or district change is written to the security log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from introsak.accounts.models import User
from introsak.core.security import SecurityEventKind, security_event

SELF_LOCKED_FIELDS = ("role", "district", "is_active")

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
        changed = change and {"role", "district"} & set(form.changed_data)
        super().save_model(request, obj, form, change)
        if changed or (not change and obj.role):
            security_event(
                event=SecurityEventKind.ROLE_CHANGED,
                user=request.user,
                path=request.path,
                detail=f"user {obj.pk} role={obj.role or '-'} district={obj.district_id or '-'}",
            )
