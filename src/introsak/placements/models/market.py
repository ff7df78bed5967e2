"""The market board and job fairs (issue 15, item 6)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from introsak.cases.enums import CefrLevel, Sector


class MarketNeed(models.Model):
    """A need on the market board: "5 kindergarten places for B1 speakers in Gamle Oslo".
    No district: city-wide."""

    district = models.ForeignKey(
        "core.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="market_needs",
    )
    sector = models.CharField(_("sector"), max_length=40, choices=Sector.choices)
    places = models.PositiveSmallIntegerField(_("places"))
    level = models.CharField(
        _("Norwegian level"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    description = models.CharField(_("description"), max_length=300)
    posted_on = models.DateField(_("posted on"))
    open = models.BooleanField(_("open"), default=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-posted_on", "-id"]
        verbose_name = _("market need")
        verbose_name_plural = _("market needs")
        constraints = [
            models.CheckConstraint(name="need_places_positive", condition=Q(places__gte=1))
        ]

    def __str__(self) -> str:
        return self.description


class JobFair(models.Model):
    """A job fair with its preparation sessions (Grünerløkka prepared participants in 5–6)."""

    name = models.CharField(_("name"), max_length=200)
    held_on = models.DateField(_("date"))
    district = models.ForeignKey(
        "core.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="job_fairs",
    )
    preparation_sessions = models.PositiveSmallIntegerField(_("preparation sessions"), default=0)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("job fair")
        verbose_name_plural = _("job fairs")

    def __str__(self) -> str:
        return self.name


class JobFairInvitation(models.Model):
    """One participant invited to a job fair: preparation, attendance and outcomes."""

    fair = models.ForeignKey(JobFair, on_delete=models.CASCADE, related_name="invitations")
    case = models.ForeignKey(
        "cases.ProgrammeCase", on_delete=models.CASCADE, related_name="job_fair_invitations"
    )
    sessions_attended = models.PositiveSmallIntegerField(
        _("preparation sessions attended"), default=0
    )
    attended = models.BooleanField(_("attended the fair"), null=True, blank=True)
    interviews = models.PositiveSmallIntegerField(_("interviews"), default=0)
    offers = models.PositiveSmallIntegerField(_("offers"), default=0)
    hired = models.BooleanField(_("hired"), default=False)

    class Meta:
        verbose_name = _("job-fair invitation")
        verbose_name_plural = _("job-fair invitations")
        constraints = [
            models.UniqueConstraint(fields=["fair", "case"], name="invitation_fair_case")
        ]

    def __str__(self) -> str:
        return f"{self.fair_id}: {self.case_id}"
