"""What happens during a case: meetings, activities, leave and extensions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from introsak.cases.enums import ActivityKind, MeetingKind


def recorded_by_field() -> models.ForeignKey:  # type: ignore[type-arg]
    """Who recorded an event in Introsak (empty: imported); kept when the user is removed."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


class Meeting(models.Model):
    """A meeting with minutes. Only documented three-party meetings count for TRI-01; the
    three-party template's headings are the minutes fields."""

    case = models.ForeignKey(
        "cases.ProgrammeCase", on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    date = models.DateField(_("date"))
    documented = models.BooleanField(_("minutes written in the journal"), default=False)
    attendance = models.TextField(_("attendance"), blank=True)
    norwegian_progress = models.TextField(_("progress in Norwegian"), blank=True)
    wellbeing_and_effort = models.TextField(_("well-being and effort"), blank=True)
    language_practice = models.TextField(_("language practice"), blank=True)
    other_measures = models.TextField(_("other measures"), blank=True)
    further_plan = models.TextField(_("further plan"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = recorded_by_field()

    MINUTES_FIELDS = (
        "attendance",
        "norwegian_progress",
        "wellbeing_and_effort",
        "language_practice",
        "other_measures",
        "further_plan",
        "notes",
    )

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["case", "kind", "date"], name="meeting_case_kind_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"


class Activity(models.Model):
    """Programme content: courses, practice placements, work, measures."""

    case = models.ForeignKey(
        "cases.ProgrammeCase", on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    hours_per_week = models.FloatField(_("hours per week"))
    provider = models.CharField(_("provider or workplace"), max_length=200, blank=True)
    recorded_by = recorded_by_field()

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                name="activity_end_after_start",
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
            ),
            models.CheckConstraint(
                name="activity_hours_range",
                condition=Q(hours_per_week__gte=0) & Q(hours_per_week__lte=168),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start}"


class Leave(models.Model):
    """Leave from the programme; approved leave extends the programme (IL § 13)."""

    case = models.ForeignKey("cases.ProgrammeCase", on_delete=models.CASCADE, related_name="leaves")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    approved = models.BooleanField(_("approved"), default=True)
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = recorded_by_field()

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("leave")
        verbose_name_plural = _("leaves")
        constraints = [
            models.CheckConstraint(name="leave_end_after_start", condition=Q(end__gte=F("start")))
        ]

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"


class Extension(models.Model):
    """A decision extending the programme by some months (IL § 13)."""

    case = models.ForeignKey(
        "cases.ProgrammeCase", on_delete=models.CASCADE, related_name="extensions"
    )
    decided_on = models.DateField(_("decided on"))
    months = models.PositiveSmallIntegerField(_("months"))
    justification = models.TextField(_("justification"), blank=True)
    recorded_by = recorded_by_field()

    class Meta:
        ordering = ["decided_on", "id"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.CheckConstraint(name="extension_months_positive", condition=Q(months__gte=1))
        ]

    def __str__(self) -> str:
        return f"{self.decided_on}: +{self.months}"
