from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from introsak.cases.enums import CefrLevel, OfferResponse, TrainingTrack


def _level(label: StrOrPromise) -> models.CharField[str, str]:
    return models.CharField(label, max_length=2, choices=CefrLevel.choices, blank=True)


class TrainingPath(models.Model):
    """The person's way into Norwegian training: registered address, the service centre's
    mapping appointment (where the report's school waiting time starts), placement test and
    track, the school's offer and the answer, the start, attendance and tests taken.

    Schools are referred to by code (``intake.School.code``): the case domain sits below the
    intake app, which owns the schools and checks the codes it receives (docs/intake.md).
    """

    case = models.OneToOneField(
        "cases.ProgrammeCase", on_delete=models.CASCADE, related_name="training"
    )
    address_registered_on = models.DateField(_("registered address"), null=True, blank=True)
    mapping_appointment_on = models.DateField(
        _("mapping appointment at the service centre"), null=True, blank=True
    )
    placement_tested_on = models.DateField(_("placement test"), null=True, blank=True)
    placement_oral = _level(_("placement level, oral"))
    placement_reading = _level(_("placement level, reading"))
    placement_listening = _level(_("placement level, listening"))
    placement_writing = _level(_("placement level, writing"))
    track = models.CharField(
        _("progression track"), max_length=10, choices=TrainingTrack.choices, blank=True
    )
    offered_on = models.DateField(_("school place offered"), null=True, blank=True)
    offered_school = models.CharField(_("school offered"), max_length=40, blank=True)
    offered_start_on = models.DateField(_("offered start"), null=True, blank=True)
    offer_response = models.CharField(
        _("answer to the offer"), max_length=10, choices=OfferResponse.choices, blank=True
    )
    preferred_school = models.CharField(_("preferred school"), max_length=40, blank=True)
    started_on = models.DateField(_("training started"), null=True, blank=True)
    school = models.CharField(_("school"), max_length=40, blank=True)
    attendance_percent = models.PositiveSmallIntegerField(
        _("attendance (%)"), null=True, blank=True
    )
    attendance_as_of = models.DateField(_("attendance as of"), null=True, blank=True)
    test_taken_on = models.DateField(_("Norwegian test taken"), null=True, blank=True)
    test_oral = _level(_("test result, oral"))
    test_reading = _level(_("test result, reading"))
    test_listening = _level(_("test result, listening"))
    test_writing = _level(_("test result, writing"))
    social_studies_test_on = models.DateField(_("social-studies test"), null=True, blank=True)
    social_studies_passed = models.BooleanField(
        _("social-studies test passed"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("way into Norwegian training")
        verbose_name_plural = _("ways into Norwegian training")
        indexes = [
            models.Index(fields=["school", "started_on"], name="training_school_start"),
        ]
        constraints = [
            models.CheckConstraint(
                name="training_attendance_0_100",
                condition=models.Q(attendance_percent__isnull=True)
                | models.Q(attendance_percent__lte=100),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}"
