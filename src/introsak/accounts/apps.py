from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "introsak.accounts"
    label = "accounts"
    verbose_name = _("Users")

    def ready(self) -> None:
        from introsak.accounts import checks, signals  # noqa: F401 - registers receivers


class IntrosakAdminConfig(admin_apps.AdminConfig):
    """Django's admin with Introsak's site: for administrators only (``admin_site``)."""

    default = False
    default_site = "introsak.accounts.admin_site.IntrosakAdminSite"
