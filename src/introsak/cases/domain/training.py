"""Recording the way into Norwegian training (issue 16): from the case page, and from the
schools' systems through the intake import.

Both validate the case as it would be through the import validator (``parse_case``), so the
order of events (no start before the offer, no offer before the mapping appointment …) is
checked once, in ``casefacts.parse``, and errors name the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace

from django.db import transaction

from introsak.accounts.models import User
from introsak.casefacts import model as casefacts
from introsak.cases import models
from introsak.cases.domain.deadlines import case_recompute
from introsak.cases.domain.facts import training_values
from introsak.cases.domain.operations import _Checks, _finish, _open, _validate
from introsak.cases.enums import Step
from introsak.cases.models import CaseChange

TRAINING_FIELDS = tuple(spec.name for spec in fields(casefacts.Training))
_DATES = tuple(
    name for name in TRAINING_FIELDS if name.endswith("_on") or name == "attendance_as_of"
)


def _write(case: models.ProgrammeCase, training: casefacts.Training) -> models.TrainingPath:
    models.TrainingPath.objects.filter(case=case).delete()
    return models.TrainingPath.objects.create(case=case, **training_values(training))


@transaction.atomic
def training_record(
    *,
    case: models.ProgrammeCase,
    by: User,
    expected_version: int,
    training: casefacts.Training,
) -> models.TrainingPath:
    """Record the person's way into Norwegian training, replacing what was recorded.

    Side effects: creates or replaces the case's ``TrainingPath``, bumps the version,
    records a ``CaseChange`` and recomputes the case's findings (NOR-01 reads the start).
    """
    edit = _open(case, by, expected_version)
    checks = _Checks()
    for name in _DATES:
        checks.has_happened(name, getattr(training, name))
    checks.done()
    _validate(
        replace(edit.facts, training=training),
        {f"training.{name}": name for name in TRAINING_FIELDS},
    )
    row = _write(edit.case, training)
    _finish(edit, Step.TRAINING)
    return row


def training_import_write(*, updates: Mapping[int, casefacts.Training]) -> int:
    """Write checked training records by case primary key (inside the caller's transaction).

    Side effects: replaces each case's ``TrainingPath``, bumps its version, records a
    ``CaseChange`` without a user (an import) and recomputes its findings.
    """
    cases = models.ProgrammeCase.objects.select_for_update().in_bulk(list(updates))
    for pk, training in updates.items():
        case = cases[pk]
        _write(case, training)
        case.version += 1
        case.save(update_fields=["version", "updated_at"])
        CaseChange.objects.create(case=case, version=case.version, step=Step.TRAINING, user=None)
        case_recompute(case=case)
    return len(updates)
