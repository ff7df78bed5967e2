"""The adult-education schools' intake calendar: schools, intakes (six a year) and the
classes of each intake by progression track, with their capacity."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from introsak.cases.enums import TrainingTrack


class School(models.Model):
    """An Oslo Voksenopplæring school (Helsfyr, Skullerud, Rosenhoff …)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Intake(models.Model):
    """One intake of a school: the classes start on ``starts_on``; the intake admits until
    ``ends_on``, the day before the school's next intake. A school's intakes never overlap."""

    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.CASCADE, related_name="intakes"
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["school", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["school", "starts_on"], name="intake_school_start"),
            models.CheckConstraint(
                name="intake_ends_after_start", condition=Q(ends_on__gte=F("starts_on"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school_id} {self.starts_on}"


class IntakeClass(models.Model):
    """The places of one progression track in one intake."""

    intake = models.ForeignKey(
        Intake, verbose_name=_("intake"), on_delete=models.CASCADE, related_name="classes"
    )
    track = models.CharField(_("progression track"), max_length=10, choices=TrainingTrack.choices)
    capacity = models.PositiveIntegerField(_("capacity"))

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        constraints = [
            models.UniqueConstraint(fields=["intake", "track"], name="intake_class_track"),
        ]

    def __str__(self) -> str:
        return f"{self.intake_id} {self.track}"
