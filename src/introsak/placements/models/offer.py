from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from introsak.cases.enums import CefrLevel
from introsak.placements.enums import PlacementKind


class PlacementOffer(models.Model):
    """A place an employer offers: kind, tasks, occupation (ISCO-08 group), hours, period,
    capacity, and the Norwegian level required per skill (CEFR; blank: no requirement).
    ``requirement`` names an entry of the language-requirement catalogue
    (``domain.requirements``); the level required for a skill is the higher of the two."""

    employer = models.ForeignKey(
        "placements.Employer",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="offers",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PlacementKind.choices)
    title = models.CharField(_("title"), max_length=200)
    tasks = models.TextField(_("tasks"), blank=True)
    occupation = models.CharField(_("occupation (ISCO-08)"), max_length=2)
    district = models.ForeignKey(
        "core.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placement_offers",
    )
    hours_per_week = models.FloatField(_("hours per week"))
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(_("places"), default=1)
    req_oral = models.CharField(
        _("Norwegian required, oral"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    req_reading = models.CharField(
        _("Norwegian required, reading"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    req_listening = models.CharField(
        _("Norwegian required, listening"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    req_writing = models.CharField(
        _("Norwegian required, writing"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    requirement = models.CharField(_("language requirement"), max_length=60, blank=True)
    formal_competence_required = models.BooleanField(_("formal competence required"), default=False)
    open = models.BooleanField(_("open"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placement_offers",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("placement offer")
        verbose_name_plural = _("placement offers")
        indexes = [models.Index(fields=["open", "start"], name="offer_open_start")]
        constraints = [
            models.CheckConstraint(
                name="offer_end_after_start", condition=Q(end__isnull=True) | Q(end__gte=F("start"))
            ),
            models.CheckConstraint(
                name="offer_hours_range",
                condition=Q(hours_per_week__gt=0) & Q(hours_per_week__lte=60),
            ),
            models.CheckConstraint(name="offer_capacity_positive", condition=Q(capacity__gte=1)),
        ]

    def __str__(self) -> str:
        return self.title
