from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from introsak.cases.enums import CefrLevel, EndGoal


class IntegrationPlan(models.Model):
    """One version of the integration plan. Making or significantly changing the plan is an
    individual administrative decision (IL § 15, § 46), so each version is kept, dated and
    justified; the latest version in force is the one with the latest ``decided_on``."""

    case = models.ForeignKey("cases.ProgrammeCase", on_delete=models.CASCADE, related_name="plans")
    decided_on = models.DateField(_("decided on"))
    end_goal = models.CharField(_("end goal"), max_length=40, choices=EndGoal.choices, blank=True)
    goal_oral = models.CharField(
        _("Norwegian goal, oral"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    goal_reading = models.CharField(
        _("Norwegian goal, reading"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    goal_listening = models.CharField(
        _("Norwegian goal, listening"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    goal_writing = models.CharField(
        _("Norwegian goal, writing"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    duration_months = models.PositiveSmallIntegerField(_("base duration (months)"))
    justification = models.TextField(_("justification"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_on", "id"]
        verbose_name = _("integration plan")
        verbose_name_plural = _("integration plans")
        constraints = [
            models.CheckConstraint(
                name="plan_duration_positive", condition=Q(duration_months__gte=1)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.decided_on}"


class PlanItem(models.Model):
    """An element (programme content) or a sub-goal of a plan, in the plan's own order."""

    class Kind(models.TextChoices):
        ELEMENT = "element", _("Element")
        SUB_GOAL = "sub_goal", _("Sub-goal")

    plan = models.ForeignKey(IntegrationPlan, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("text"), max_length=500)

    class Meta:
        ordering = ["kind", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "position"], name="plan_item_position")
        ]

    def __str__(self) -> str:
        return self.text
