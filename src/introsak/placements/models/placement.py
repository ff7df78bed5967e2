from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from introsak.casefacts import enums as facts
from introsak.placements.enums import DeclineReason, Outcome, PlacementStatus


class Placement(models.Model):
    """One participant and one offer through the pipeline: proposed → offered → accepted or
    declined (with a reason) → started (the case gets the matching activity) → ended with an
    evaluation talk → outcome. ``activity`` is the case activity created at the start."""

    case = models.ForeignKey(
        "cases.ProgrammeCase", on_delete=models.CASCADE, related_name="placements"
    )
    offer = models.ForeignKey(
        "placements.PlacementOffer",
        verbose_name=_("offer"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PlacementStatus.choices,
        default=facts.PlacementStatus.PROPOSED.value,
    )
    proposed_on = models.DateField(_("proposed on"))
    offered_on = models.DateField(_("offered on"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    decline_reason = models.CharField(
        _("reason for declining"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    decline_note = models.TextField(_("about the reason"), blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("planned end"), null=True, blank=True)
    hours_per_week = models.FloatField(_("hours per week"), null=True, blank=True)
    activity = models.ForeignKey(
        "cases.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    evaluation_on = models.DateField(_("evaluation talk on"), null=True, blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-proposed_on", "-id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [
            models.Index(fields=["case", "status"], name="placement_case_status"),
            models.Index(fields=["offer", "status"], name="placement_offer_status"),
        ]
        constraints = [
            models.CheckConstraint(
                name="placement_declined_has_reason",
                condition=~Q(status=facts.PlacementStatus.DECLINED.value) | ~Q(decline_reason=""),
            ),
            models.CheckConstraint(
                name="placement_end_after_start",
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.offer_id} ({self.status})"
