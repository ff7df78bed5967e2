"""The participant's work profile (issue 15): what placement matching reads about a person.

One row per case at most. Lists are JSON arrays: ``experience`` holds
``{"occupation": "<ISCO-08 group>", "years": <number>}`` objects; the wishes hold ISCO-08
codes, sector values (``casefacts.enums.Sector``) and district slugs. Every value is checked
at the boundary (the case-facts parser, through ``operations.work_profile_record``), so the
columns hold only valid values.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from introsak.cases.enums import CefrLevel


class WorkProfile(models.Model):
    """Work experience, education, wishes, Norwegian levels, licence and availability."""

    case = models.OneToOneField(
        "cases.ProgrammeCase", on_delete=models.CASCADE, related_name="work_profile"
    )
    experience = models.JSONField(_("work experience"), default=list, blank=True)
    education = models.TextField(_("education"), blank=True)
    wished_occupations = models.JSONField(_("wished occupations"), default=list, blank=True)
    wished_sectors = models.JSONField(_("wished sectors"), default=list, blank=True)
    wished_districts = models.JSONField(_("wished districts"), default=list, blank=True)
    norwegian_oral = models.CharField(
        _("Norwegian, oral"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    norwegian_reading = models.CharField(
        _("Norwegian, reading"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    norwegian_listening = models.CharField(
        _("Norwegian, listening"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    norwegian_writing = models.CharField(
        _("Norwegian, writing"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    driving_licence = models.BooleanField(_("driving licence"), default=False)
    available_hours_per_week = models.FloatField(
        _("available hours per week"), null=True, blank=True
    )
    available_percent = models.PositiveSmallIntegerField(
        _("available share of full time (%)"), null=True, blank=True
    )
    job_goal = models.TextField(_("job goal"), blank=True)

    class Meta:
        verbose_name = _("work profile")
        verbose_name_plural = _("work profiles")
        constraints = [
            models.CheckConstraint(
                name="work_profile_hours_range",
                condition=Q(available_hours_per_week__isnull=True)
                | (Q(available_hours_per_week__gte=0) & Q(available_hours_per_week__lte=168)),
            ),
            models.CheckConstraint(
                name="work_profile_percent_range",
                condition=Q(available_percent__isnull=True)
                | (Q(available_percent__gte=1) & Q(available_percent__lte=100)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}"
