"""Django model permissions for the admin site, derived from the role.

Introsak's own rules (``access.permissions``) decide everything about case data; Django's
permission tables are not used. The admin site, however, asks ``user.has_perm`` for each
model: this backend answers yes for administrators on the models they manage (users,
districts, audit grants, clearances, authenticator devices, log-in attempts) and view-only on
the structural case admin and the security log, and no for everyone else.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend

from introsak.accounts.enums import Role
from introsak.accounts.models import Visitor

MANAGED_APPS = frozenset({"accounts", "core", "access", "otp_totp", "axes"})
VIEW_ONLY_APPS = frozenset({"cases", "admin"})


class RolePermissionBackend(BaseBackend):
    def _is_administrator(self, user: Visitor) -> bool:
        return bool(user.is_active and getattr(user, "role", "") == Role.ADMINISTRATOR)

    def has_perm(self, user_obj: Visitor, perm: str, obj: Any = None) -> bool:
        if not self._is_administrator(user_obj):
            return False
        app_label, _, codename = perm.partition(".")
        if app_label in MANAGED_APPS:
            return True
        return app_label in VIEW_ONLY_APPS and codename.startswith("view_")

    def has_module_perms(self, user_obj: Visitor, app_label: str) -> bool:
        return self._is_administrator(user_obj) and app_label in MANAGED_APPS | VIEW_ONLY_APPS
