from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "introsak.accounts"
    label = "accounts"
    verbose_name = _("Users")

    def ready(self) -> None:
        from introsak.accounts import checks, signals  # noqa: F401 - registers receivers
