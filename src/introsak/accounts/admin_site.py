from __future__ import annotations

from django.contrib.admin import AdminSite
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from introsak.accounts.enums import Role


class IntrosakAdminSite(AdminSite):
    """The admin is for administrators only (role ``administrator``), whatever Django's
    ``is_staff`` flag says."""

    site_header = _("Introsak administration")
    site_title = _("Introsak administration")
    index_title = _("Administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active
            and user.is_authenticated
            and getattr(user, "role", "") == Role.ADMINISTRATOR
        )
