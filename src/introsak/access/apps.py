from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "introsak.access"
    label = "access"
    verbose_name = _("Access control and logging")

    def ready(self) -> None:
        # Lower layers (core, accounts) report security events through core.security; the
        # security log here records them.
        from introsak.access.domain.security_log import security_event
        from introsak.core.security import connect_recorder

        connect_recorder(security_event)
