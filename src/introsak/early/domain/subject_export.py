"""The data-subject export for a person known before settlement (GDPR art. 15).

The case export (``access.domain.subject_export``) collects rows through the case; a person
not yet settled has no case, so this export collects their early-contact rows directly:
the person record, the answers (decrypted: the person gets what we hold, not ciphertext),
the questionnaire links' metadata (never the token's hash), the accepted mapping fields,
the pre-course attendance and the early-contact access log about them, with each field's
purpose and retention class from the classification registry. JSON, values as stored.

Who: a user with the export permission (``CASE_EXPORT``, the team coordinator) in the
person's district, as for a case. Every export writes one ``EarlyAccessEntry``
(``SUBJECT_EXPORT``) with the purpose given.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from introsak.access.classification import REGISTRY, model_fields
from introsak.access.domain.gateway import has_permission
from introsak.access.enums import Permission
from introsak.accounts.models import User
from introsak.core import clock
from introsak.early.models import (
    AcceptedMappingField,
    Attendance,
    EarlyAccessAction,
    EarlyAccessEntry,
    EarlyPerson,
    QuestionnaireAnswers,
    QuestionnaireLink,
)

# Never exported: a secret's derivative, of no use to the person and a risk if leaked.
_LEFT_OUT = frozenset({"token_hash"})


def _raw(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value
    if isinstance(value, date):
        return value.isoformat()
    return value


def _rows(model: type[models.Model], objects: list[Any]) -> list[dict[str, Any]]:
    fields = [f for f in model_fields(model) if f.name not in _LEFT_OUT]
    return [{f.name: _raw(getattr(obj, f.attname)) for f in fields} for obj in objects]


def person_subject_data(person: EarlyPerson) -> dict[str, Any]:
    """Everything early contact holds about one person, with the purposes of each field."""
    data: dict[str, Any] = {"early.EarlyPerson": _rows(EarlyPerson, [person])}
    links = list(QuestionnaireLink.objects.filter(person=person).order_by("pk"))
    answers = list(QuestionnaireAnswers.objects.filter(person=person).order_by("pk"))
    accepted = list(AcceptedMappingField.objects.filter(person=person).order_by("pk"))
    attendance = list(
        Attendance.objects.filter(person=person)
        .select_related("session__group")
        .order_by("session__day", "pk")
    )
    log = list(EarlyAccessEntry.objects.filter(early_person_id=person.pk).order_by("at", "pk"))
    for label, model, objects in (
        ("early.QuestionnaireLink", QuestionnaireLink, links),
        ("early.QuestionnaireAnswers", QuestionnaireAnswers, answers),
        ("early.AcceptedMappingField", AcceptedMappingField, accepted),
        ("early.Attendance", Attendance, attendance),
        ("early.EarlyAccessEntry", EarlyAccessEntry, log),
    ):
        if objects:
            data[label] = _rows(model, objects)
    for row in data.get("early.QuestionnaireAnswers", []):
        row["answers"] = json.loads(row["answers"]) if row["answers"] else {}
    for row, obj in zip(data.get("early.Attendance", []), attendance, strict=True):
        row["session_day"] = obj.session.day.isoformat()
        row["group"] = obj.session.group.name
    purposes = {
        label: {
            name: {
                "purpose": fc.purpose,
                "retention": fc.retention.value,
                "category": fc.category.value,
            }
            for name, fc in REGISTRY[label].fields.items()
            if name not in _LEFT_OUT
        }
        for label in data
    }
    return {
        "format": "introsak-early-subject-export/1",
        "created": timezone.localtime().isoformat(),
        "as_of": clock.today().isoformat(),
        "early_person_id": person.pk,
        "case_id": person.case_id,
        "data": data,
        "purposes": purposes,
    }


def may_export(user: User, person: EarlyPerson) -> bool:
    return (
        user.is_active
        and has_permission(user, Permission.CASE_EXPORT)
        and user.district_id is not None
        and user.district_id == person.district_id
    )


@transaction.atomic
def person_subject_export(*, user: User, person: EarlyPerson, purpose: str) -> bytes:
    """The export as JSON for an authorised user. Raises ``PermissionError`` (nothing logged
    but the refusal, by the view) or ``ValueError`` naming ``purpose`` when it is empty.
    Side effects: one ``EarlyAccessEntry`` (``SUBJECT_EXPORT``, with the purpose)."""
    if not may_export(user, person):
        raise PermissionError("no export permission for this person")
    purpose = purpose.strip()
    if not purpose or len(purpose) > 200:
        raise ValueError("purpose")
    content = json.dumps(person_subject_data(person), ensure_ascii=False, indent=2)
    EarlyAccessEntry.objects.create(
        user=user,
        data_subject=False,
        early_person_id=person.pk,
        case_id=person.case_id,
        action=EarlyAccessAction.SUBJECT_EXPORT,
        purpose=purpose,
    )
    return content.encode("utf-8")
