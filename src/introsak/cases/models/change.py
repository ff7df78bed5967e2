"""Who changed a case, when, and with which step.

``ProgrammeCase.version`` says *that* a case changed; ``CaseChange`` says who changed it, so a
refused stale save can name the colleague ("changed by Kari Nordmann at 10:42") and the case
page can show its recent history. One row per successful recording operation, written in the
same transaction as the change itself (``introsak.cases.domain.operations``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from introsak.cases.enums import Step


class CaseChange(models.Model):
    """One recorded step: the case's version after it, the step and the user."""

    case = models.ForeignKey(
        "cases.ProgrammeCase", on_delete=models.CASCADE, related_name="changes"
    )
    version = models.PositiveIntegerField(_("version"))
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="case_changes",
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-version", "-id"]
        verbose_name = _("case change")
        verbose_name_plural = _("case changes")
        indexes = [models.Index(fields=["case", "-version"], name="casechange_case_version")]

    def __str__(self) -> str:
        return f"{self.case_id} v{self.version}: {self.step}"
