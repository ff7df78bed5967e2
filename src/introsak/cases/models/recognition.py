from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from introsak.cases.enums import RecognitionOutcome, SentBy
from introsak.cases.models.events import recorded_by_field


class EducationRecognition(models.Model):
    """Recognition of foreign education by HK-dir. Oslostandarden says NAV sends the
    application; the audit found participants mostly sent it themselves, so the sender is
    recorded."""

    case = models.OneToOneField(
        "cases.ProgrammeCase", on_delete=models.CASCADE, related_name="education_recognition"
    )
    relevant = models.BooleanField(_("recognition relevant"))
    documents_available = models.BooleanField(_("documents available"), null=True, blank=True)
    sent_date = models.DateField(_("application sent"), null=True, blank=True)
    sent_by = models.CharField(_("sent by"), max_length=20, choices=SentBy.choices, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=30, choices=RecognitionOutcome.choices, blank=True
    )
    outcome_date = models.DateField(_("outcome date"), null=True, blank=True)
    recorded_by = recorded_by_field()

    class Meta:
        verbose_name = _("recognition of education")
        verbose_name_plural = _("recognitions of education")

    def __str__(self) -> str:
        return f"{self.case_id}"
