from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a staff user does; access rules (introsak.access) are derived from it."""

    SETTLEMENT_WORKER = "settlement_worker", _("Settlement worker")
    PROGRAMME_ADVISER = "programme_adviser", _("Programme adviser")
    TEAM_COORDINATOR = "team_coordinator", _("Team coordinator")
    CITY_ANALYST = "city_analyst", _("City analyst")
    AUDITOR = "auditor", _("Auditor")
    ADMINISTRATOR = "administrator", _("Administrator")
    PLANNER = "planner", _("Planner (city level)")


DISTRICT_ROLES = frozenset({Role.SETTLEMENT_WORKER, Role.PROGRAMME_ADVISER, Role.TEAM_COORDINATOR})
