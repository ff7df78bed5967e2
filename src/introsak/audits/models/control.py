from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from introsak.audits.enums import ASSESSMENT_OUTCOME, Assessment, Outcome
from introsak.cases.enums import FindingStatus


class ControlForm(models.Model):
    """The control form of one sampled case: what the rules engine says as of the audit's
    date, criterion by criterion, and what the auditor assessed. Filling it in never changes
    the case."""

    frame_case = models.OneToOneField(
        "audits.FrameCase", on_delete=models.CASCADE, related_name="control_form"
    )
    prefilled_at = models.DateTimeField(_("pre-filled"))

    class Meta:
        verbose_name = _("control form")
        verbose_name_plural = _("control forms")

    def __str__(self) -> str:
        return f"{self.frame_case}"


class ControlFormEntry(models.Model):
    """One criterion on one control form.

    The ``status`` … ``evidence`` fields are the engine's snapshot (rewritten by each
    pre-fill); ``assessment`` and ``comment`` are the auditor's (never touched by pre-fill).
    """

    form = models.ForeignKey(ControlForm, on_delete=models.CASCADE, related_name="entries")
    criterion = models.ForeignKey(
        "audits.AuditCriterion", on_delete=models.CASCADE, related_name="entries"
    )
    status = models.CharField(
        _("rule status"), max_length=20, choices=FindingStatus.choices, blank=True
    )
    computed_outcome = models.CharField(_("computed"), max_length=20, choices=Outcome.choices)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    satisfied_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    explanation_nb = models.TextField(blank=True)
    explanation_en = models.TextField(blank=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    assessment = models.CharField(
        _("assessment"), max_length=30, choices=Assessment.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assessed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["criterion__position"]
        verbose_name = _("control-form entry")
        verbose_name_plural = _("control-form entries")
        constraints = [
            models.UniqueConstraint(fields=["form", "criterion"], name="entry_per_criterion"),
            models.CheckConstraint(
                name="entry_assessment_has_assessor",
                condition=(Q(assessment="") & Q(comment=""))
                | (Q(assessed_by__isnull=False) & Q(assessed_at__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form} {self.criterion}"

    @property
    def assessed_outcome(self) -> Outcome:
        """The auditor's outcome where they assessed one, else the computed one."""
        if self.assessment:
            return ASSESSMENT_OUTCOME[self.assessment]
        return Outcome(self.computed_outcome)

    @property
    def overridden(self) -> bool:
        return self.assessed_outcome != self.computed_outcome

    def explanation(self, language: str) -> str:
        return self.explanation_en if language == "en" else self.explanation_nb
