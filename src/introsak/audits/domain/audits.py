"""Creating an audit (who may create which audit is checked by the caller: see views)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from introsak.accounts.models import User
from introsak.audits.domain.criteria import CRITERIA
from introsak.audits.enums import AuditKind, CriterionKind
from introsak.audits.models import Audit, AuditCriterion
from introsak.core.models import District


@transaction.atomic
def audit_create(
    *,
    name: str,
    districts: Sequence[District],
    started_from: date,
    started_to: date,
    as_of: date,
    criteria: Sequence[str],
    manual_criteria: Sequence[str] = (),
    kind: str = AuditKind.EXTERNAL,
    sample_size: int = 15,
    stratify: bool = False,
    auditors: Sequence[User] = (),
    created_by: User | None = None,
) -> Audit:
    """Create an audit with its criteria: catalogue rules and derived criteria by code (in
    the order given), then the free-text criteria.

    Side effects: creates the ``Audit`` and its ``AuditCriterion`` rows; the creator is one
    of the auditors. Raises ``ValidationError`` for an unknown criterion, no criterion, no
    district, a period that ends before it starts, or a self-assessment of more than one
    district.
    """
    _validate(
        districts=districts,
        started_from=started_from,
        started_to=started_to,
        as_of=as_of,
        criteria=criteria,
        manual=manual_criteria,
        kind=kind,
    )
    audit = Audit.objects.create(
        name=name.strip(),
        kind=kind,
        started_from=started_from,
        started_to=started_to,
        as_of=as_of,
        sample_size=sample_size,
        stratify=stratify,
        created_by=created_by,
    )
    audit.districts.set(districts)
    audit.auditors.set({*auditors, *([created_by] if created_by else [])})
    AuditCriterion.objects.bulk_create(_criterion_rows(audit, criteria, manual_criteria))
    return audit


def _criterion_rows(
    audit: Audit, criteria: Sequence[str], manual_criteria: Sequence[str]
) -> list[AuditCriterion]:
    """The audit's criteria in order: catalogue criteria by code (each once), then the
    non-blank free-text criteria."""
    codes = dict.fromkeys(criteria)
    texts = [text.strip() for text in manual_criteria if text.strip()]
    return [
        *(
            AuditCriterion(audit=audit, position=i, kind=CRITERIA[code].kind, code=code)
            for i, code in enumerate(codes)
        ),
        *(
            AuditCriterion(
                audit=audit, position=len(codes) + i, kind=CriterionKind.MANUAL, text=text
            )
            for i, text in enumerate(texts)
        ),
    ]


def _validate(
    *,
    districts: Sequence[District],
    started_from: date,
    started_to: date,
    as_of: date,
    criteria: Sequence[str],
    manual: Sequence[str],
    kind: str,
) -> None:
    errors: list[str] = []
    unknown = [code for code in criteria if code not in CRITERIA]
    if unknown:
        errors.append(_("Unknown criteria: %(codes)s") % {"codes": ", ".join(unknown)})
    if not criteria and not any(t.strip() for t in manual):
        errors.append(_("Choose at least one criterion."))
    if not districts:
        errors.append(_("Choose at least one district."))
    if kind == AuditKind.SELF_ASSESSMENT and len(districts) != 1:
        errors.append(_("A self-assessment covers exactly one district."))
    if started_to < started_from:
        errors.append(_("The period ends before it starts."))
    if as_of < started_from:
        errors.append(_("The as-of date is before the period starts."))
    if errors:
        raise ValidationError(errors)
