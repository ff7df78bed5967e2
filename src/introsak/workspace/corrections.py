"""Completing and correcting recorded events: for each kind of event, its form (the
recording form plus the required reason), how the form is filled from the event's row, and
its words. The operation is the same for every kind (``operations.event_correct``), as is the
view (``views.correct``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms as django_forms
from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from introsak.cases import models
from introsak.cases.enums import EventKind
from introsak.workspace.interfaces import forms

REASON_HELP = _("Kept in the event's history with your name and the time; it cannot be changed.")


def _reason_field() -> django_forms.CharField:
    return forms.text_field(_("Reason for the correction"), required=True, help_text=REASON_HELP)


class MeetingCorrectionForm(forms.MeetingForm):
    correction_reason = _reason_field()
    fieldsets: ClassVar[forms.Fieldsets] = [
        *forms.MeetingForm.fieldsets,
        (_("Correction"), ["correction_reason"]),
    ]


class ActivityCorrectionForm(forms.ActivityForm):
    correction_reason = _reason_field()


class LeaveCorrectionForm(forms.LeaveForm):
    correction_reason = _reason_field()


class ExtensionCorrectionForm(forms.ExtensionForm):
    correction_reason = _reason_field()


class RecognitionCorrectionForm(forms.RecognitionForm):
    correction_reason = _reason_field()
    fieldsets: ClassVar[forms.Fieldsets] = [
        *forms.RecognitionForm.fieldsets,
        (_("Correction"), ["correction_reason"]),
    ]


def _fields(*names: str) -> Callable[[Model], dict[str, Any]]:
    def initial(row: Model) -> dict[str, Any]:
        return {name: getattr(row, name) for name in names}

    return initial


@dataclass(frozen=True)
class CorrectionSpec:
    kind: EventKind
    model: type[Model]
    form: type[forms.StepForm]
    argument: str  # the key of ``form.operation_kwargs()`` that holds the event's facts
    initial: Callable[[Model], dict[str, Any]]  # the form's values from the event's row
    title: StrOrPromise
    anchor: str  # the case-page section the event is shown in


CORRECTIONS: dict[str, CorrectionSpec] = {
    s.kind.value: s
    for s in (
        CorrectionSpec(
            EventKind.MEETING,
            models.Meeting,
            MeetingCorrectionForm,
            "meeting",
            _fields("kind", "date", "documented", *models.Meeting.MINUTES_FIELDS),
            _("Correct or complete the meeting"),
            "meetings",
        ),
        CorrectionSpec(
            EventKind.ACTIVITY,
            models.Activity,
            ActivityCorrectionForm,
            "activity",
            _fields("kind", "provider", "start", "end", "hours_per_week"),
            _("Correct the activity"),
            "activities",
        ),
        CorrectionSpec(
            EventKind.LEAVE,
            models.Leave,
            LeaveCorrectionForm,
            "leave",
            _fields("start", "end", "approved", "reason"),
            _("Correct the leave"),
            "activities",
        ),
        CorrectionSpec(
            EventKind.EXTENSION,
            models.Extension,
            ExtensionCorrectionForm,
            "extension",
            _fields("decided_on", "months", "justification"),
            _("Correct the extension"),
            "activities",
        ),
        CorrectionSpec(
            EventKind.RECOGNITION,
            models.EducationRecognition,
            RecognitionCorrectionForm,
            "recognition",
            lambda row: {},  # the recognition form fills itself from the case
            _("Correct the recognition of education"),
            "recognition",
        ),
    )
}
