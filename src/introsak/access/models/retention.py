from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Anonymisation(models.Model):
    """A record that a case was anonymised by the retention job (no personal data).

    It makes the job idempotent (a case is anonymised once) and answers "what happened to
    case N": its identity, names, address and free text were erased on ``at`` because its
    programme ended on ``ended_on``, longer ago than the retention period in force.
    """

    case_pk = models.BigIntegerField(_("case"), unique=True)
    person_pk = models.BigIntegerField(_("person"))
    ended_on = models.DateField(_("programme ended"))
    retention_years = models.PositiveSmallIntegerField(_("retention period (years)"))
    at = models.DateTimeField(_("anonymised at"), auto_now_add=True)

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")

    def __str__(self) -> str:
        return f"case {self.case_pk} anonymised {self.at:%Y-%m-%d}"
