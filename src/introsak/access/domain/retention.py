"""Retention: anonymise cases whose programme ended longer ago than the retention period.

What is erased follows the classification registry (``access.classification``): every field
classed ``ERASE`` in a model about a participant is emptied (``NULL``, an empty string, or
``anon-<id>`` for the unique case number) and every ``GENERALISE`` date keeps only its year.
Everything classed ``STATISTICS`` stays, so statistics and audits of past years still count
the case. Access-log rows refer to persons and cases by id and are untouched.

The period is a dated parameter (``access/parameters/case_retention_years.yaml``, same format
as the rules' parameters) and may be overridden per run. The job is idempotent: each case is
anonymised once and recorded in ``Anonymisation``; a second run finds nothing to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Cast, Concat, TruncYear

from introsak.access.classification import REGISTRY, Retention
from introsak.access.domain.security_log import security_event
from introsak.access.models import Anonymisation
from introsak.accounts.models import User
from introsak.cases.models import ProgrammeCase
from introsak.core import clock
from introsak.core.security import SecurityEventKind

PARAMETER_FILE = Path(__file__).resolve().parent.parent / "parameters" / "case_retention_years.yaml"
ANONYMOUS_PREFIX = "anon-"
_BATCH = 500


class RetentionError(ValueError):
    """The retention parameter is missing or malformed, or a field cannot be erased."""


@dataclass(frozen=True)
class RetentionReport:
    anonymised: int
    cutoff: date
    years: int


def retention_years(on: date | None = None, *, path: Path = PARAMETER_FILE) -> int:
    """The retention period in force on a day, from the dated parameter file."""
    day = on or clock.today()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not data.get("reference") or "values" not in data:
        raise RetentionError(f"{path.name}: needs values and a reference")
    in_force = [(since, value) for since, value in data["values"].items() if since <= day]
    if not in_force:
        raise RetentionError(f"{path.name}: no value in force on {day}")
    value = max(in_force)[1]
    if not isinstance(value, int) or value < 1:
        raise RetentionError(f"{path.name}: the period must be a whole number of years >= 1")
    return value


def due_cases(*, years: int, today: date | None = None) -> models.QuerySet[ProgrammeCase]:
    """Cases that ended before the cutoff and are not anonymised yet."""
    cutoff = (today or clock.today()) - relativedelta(years=years)
    return ProgrammeCase.objects.filter(end_date__lt=cutoff).exclude(
        pk__in=Anonymisation.objects.values("case_pk")
    )


def erased_value(model: type[models.Model], name: str, retention: Retention) -> Any:
    """The value (or database expression) a field gets at anonymisation."""
    field = model._meta.get_field(name)
    if retention == Retention.GENERALISE:
        if isinstance(field, models.DateField):
            return TruncYear(name, output_field=models.DateField())
        raise RetentionError(f"{model._meta.label}.{name}: only dates can be generalised")
    if isinstance(field, models.CharField | models.TextField) and field.unique:
        return Concat(Value(ANONYMOUS_PREFIX), Cast("pk", models.CharField()))
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField):
        return ""
    raise RetentionError(f"{model._meta.label}.{name}: cannot be erased (not null, not text)")


def erasure_plan() -> list[tuple[type[models.Model], str, dict[str, Any]]]:
    """(model, lookup to the case pk, field → erased value) for every model with something
    to erase, from the classification registry."""
    plan = []
    for label, entry in REGISTRY.items():
        if not entry.subject:
            continue
        model = apps.get_model(label)
        updates = {
            name: erased_value(model, name, fc.retention)
            for name, fc in entry.fields.items()
            if fc.retention in (Retention.ERASE, Retention.GENERALISE)
        }
        if updates:
            plan.append((model, entry.subject, updates))
    return plan


def retention_apply(
    *, years: int | None = None, today: date | None = None, run_by: User | None = None
) -> RetentionReport:
    """Anonymise every case due; return how many were anonymised.

    Side effects: erases and generalises the registry's fields of each due case and every row
    about it, in batches of one transaction each; records each case in ``Anonymisation``;
    writes one security-log row when anything was anonymised.
    """
    day = today or clock.today()
    period = years if years is not None else retention_years(day)
    plan = erasure_plan()
    total = 0
    while True:
        batch = list(
            due_cases(years=period, today=day).values_list("pk", "person_id", "end_date")[:_BATCH]
        )
        if not batch:
            break
        _anonymise(batch, plan, period)
        total += len(batch)
    if total:
        security_event(
            event=SecurityEventKind.RETENTION_RUN,
            user=run_by,
            detail=f"{total} case(s) anonymised, period {period} years",
        )
    return RetentionReport(anonymised=total, cutoff=day - relativedelta(years=period), years=period)


@transaction.atomic
def _anonymise(
    batch: list[tuple[int, int, date | None]],
    plan: list[tuple[type[models.Model], str, dict[str, Any]]],
    years: int,
) -> None:
    pks = [pk for pk, _, _ in batch]
    for model, subject, updates in plan:
        model._default_manager.filter(**{f"{subject}__in": pks}).update(**updates)
    Anonymisation.objects.bulk_create(
        [
            Anonymisation(case_pk=pk, person_pk=person_pk, ended_on=ended, retention_years=years)
            for pk, person_pk, ended in batch
            if ended is not None  # always: due cases have an end date
        ]
    )
