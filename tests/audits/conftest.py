"""Fixtures for the audit workbench: the report's 30 reviewed cases, an audit over them and
auditors with grants."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from introsak.access.models import AuditGrant
from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.audits.domain.audits import audit_create
from introsak.audits.domain.criteria import REPORT_CRITERIA
from introsak.audits.domain.sampling import sample_draw
from introsak.audits.models import Audit
from introsak.cases.models import ProgrammeCase
from introsak.core.models import District
from tests.audits.report_cases import AS_OF, STARTED_FROM, STARTED_TO, report_cases
from tests.factories import import_cases, user

SEED = 20240507
GRANT_START = date(2024, 10, 1)
GRANT_END = date(2024, 12, 31)
TODAY = date(2024, 10, 15)  # the application's clock in these tests: inside the grant
BOTH = ("st_hanshaugen", "ostensjo")


@pytest.fixture
def report_data(db: None) -> None:
    import_cases(report_cases(), as_of=AS_OF)


@pytest.fixture
def report_audit(report_data: None) -> Audit:
    return make_report_audit()


@pytest.fixture
def today(settings: Any) -> date:
    settings.INTROSAK_AS_OF = TODAY
    return TODAY


def make_report_audit(
    *,
    seed: int = SEED,
    sample_size: int = 15,
    stratify: bool = False,
    manual: tuple[str, ...] = (),
    created_by: User | None = None,
) -> Audit:
    """The report's audit (both districts, its five criteria), drawn with ``seed``."""
    audit = audit_create(
        name="Arbeidsintegrering av flyktninger",
        districts=list(District.objects.filter(slug__in=BOTH)),
        started_from=STARTED_FROM,
        started_to=STARTED_TO,
        as_of=AS_OF,
        criteria=REPORT_CRITERIA,
        manual_criteria=manual,
        sample_size=sample_size,
        stratify=stratify,
        created_by=created_by,
    )
    sample_draw(audit=audit, cases=ProgrammeCase.objects.all(), by=created_by, seed=seed)
    return audit


def auditor(
    username: str = "revisor",
    *,
    districts: tuple[str, ...] = BOTH,
    starts_on: date = GRANT_START,
    ends_on: date = GRANT_END,
    show_identities: bool = False,
) -> User:
    """An auditor with one audit grant, written directly (the grant rules themselves are
    tested by the access app)."""
    account = user(username, Role.AUDITOR)
    admin = User.objects.filter(username="admin.grants").first() or user(
        "admin.grants", Role.ADMINISTRATOR
    )
    grant = AuditGrant.objects.create(
        user=account,
        justification="Forvaltningsrevisjon av arbeidsintegrering",
        starts_on=starts_on,
        ends_on=ends_on,
        show_identities=show_identities,
        granted_by=admin,
    )
    grant.districts.set(District.objects.filter(slug__in=districts))
    return account
