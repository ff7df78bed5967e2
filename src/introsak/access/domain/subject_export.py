"""The data-subject export: everything Introsak holds about one person (GDPR art. 15).

Which rows belong to a person follows the classification registry: every model with a
``subject`` lookup contributes its rows about the person's case, with every field, so a new
model is included as soon as it is classified. The export also lists each field's purpose
and retention class. It is produced as JSON (machine-readable, values as stored) and as a
tagged PDF/UA (WeasyPrint) for the person, and only through ``subject_export`` which goes
through the gateway: the export permission, district and protected-address rules apply and
one access-log row (``SUBJECT_EXPORT``) is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation

from introsak.access.classification import model_fields, subject_models
from introsak.access.domain.gateway import case_for_read
from introsak.access.enums import AccessAction
from introsak.accounts.models import User
from introsak.cases.models import ProgrammeCase
from introsak.core import clock
from introsak.core.pdf import tagged_pdf

FORMATS = ("json", "pdf")


@dataclass(frozen=True)
class Section:
    """One model's rows about the person, for the PDF: each row as (field label, value)."""

    label: str
    title: str
    rows: list[list[tuple[str, str]]]


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str


def _raw(obj: models.Model, field: Any) -> Any:
    if field.many_to_many:
        return sorted(getattr(obj, field.name).values_list("pk", flat=True))
    value = getattr(obj, field.attname)
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _display(obj: models.Model, field: Any) -> str:
    if field.many_to_many:
        return ", ".join(str(x) for x in getattr(obj, field.name).all())
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if field.is_relation:
        related = getattr(obj, field.name)
        if related is None:
            return ""
        return related.display_name() if hasattr(related, "display_name") else str(related)
    value = getattr(obj, field.name)
    if isinstance(value, bool):
        return str(translation.gettext("yes") if value else translation.gettext("no"))
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return "" if value is None else str(value)


def _rows(
    label: str, subject: str, case: ProgrammeCase
) -> tuple[type[models.Model], list[models.Model]]:
    model = apps.get_model(label)
    return model, list(model._default_manager.filter(**{subject: case.pk}).order_by("pk"))


def subject_data(case: ProgrammeCase) -> dict[str, Any]:
    """Everything about the case's person, as stored, with the purposes of each field."""
    data: dict[str, Any] = {}
    purposes: dict[str, Any] = {}
    for label, entry in subject_models().items():
        model, objects = _rows(label, entry.subject or "", case)
        if not objects:
            continue
        fields = model_fields(model)
        data[label] = [{f.name: _raw(obj, f) for f in fields} for obj in objects]
        purposes[label] = {
            name: {
                "purpose": fc.purpose,
                "retention": fc.retention.value,
                "category": fc.category.value,
            }
            for name, fc in entry.fields.items()
        }
    return {
        "format": "introsak-subject-export/1",
        "created": timezone.localtime().isoformat(),
        "as_of": clock.today().isoformat(),
        "person_id": case.person_id,
        "case_id": case.pk,
        "data": data,
        "purposes": purposes,
    }


def subject_sections(case: ProgrammeCase) -> list[Section]:
    sections = []
    for label, entry in subject_models().items():
        model, objects = _rows(label, entry.subject or "", case)
        if not objects:
            continue
        fields = model_fields(model)
        sections.append(
            Section(
                label=label,
                title=str(model._meta.verbose_name_plural).capitalize(),
                rows=[
                    [(str(f.verbose_name).capitalize(), _display(obj, f)) for f in fields]
                    for obj in objects
                ],
            )
        )
    return sections


def subject_json(case: ProgrammeCase) -> bytes:
    return json.dumps(subject_data(case), ensure_ascii=False, indent=2).encode("utf-8")


def subject_pdf(case: ProgrammeCase) -> bytes:
    """A tagged PDF/UA-1 document (WeasyPrint) in the current language."""
    html = render_to_string(
        "access/subject_export_pdf.html",
        {
            "case": case,
            "person": case.person,
            "sections": subject_sections(case),
            "created": timezone.localtime(),
            "language": translation.get_language() or "nb",
        },
    )
    return tagged_pdf(html)


def subject_export(
    *, user: User, case_pk: int, fmt: str, purpose: str, path: str = ""
) -> ExportFile:
    """All data about the person of one case, as JSON or PDF, for an authorised user.

    Raises ``Http404`` (and writes the security log) unless the user may export the case.
    Side effects: one access-log row (``SUBJECT_EXPORT``).
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    case = case_for_read(
        user, case_pk=case_pk, action=AccessAction.SUBJECT_EXPORT, purpose=purpose, path=path
    )
    stem = f"introsak-person-{case.person_id}-{clock.today().isoformat()}"
    if fmt == "json":
        return ExportFile(subject_json(case), "application/json", f"{stem}.json")
    return ExportFile(subject_pdf(case), "application/pdf", f"{stem}.pdf")
