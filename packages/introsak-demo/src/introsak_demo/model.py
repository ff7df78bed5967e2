"""What the demo generator returns: cases, and the staff who work on them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from introsak.casefacts.model import CaseFacts

DEFAULT_AS_OF = date(2024, 8, 7)
"""The end date of Velferdsetaten's statistics in the audit report (Table 1, Figures 2-6, 13,
14): the demo is a snapshot of Oslo on that day."""


class StaffRole(StrEnum):
    """The staff roles (the same strings as ``introsak.accounts.enums.Role``)."""

    SETTLEMENT_WORKER = "settlement_worker"
    PROGRAMME_ADVISER = "programme_adviser"
    TEAM_COORDINATOR = "team_coordinator"
    CITY_ANALYST = "city_analyst"
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"
    PLANNER = "planner"  # issue 16: the city's planner of Norwegian-training capacity


DISTRICT_ROLES = frozenset(
    {StaffRole.SETTLEMENT_WORKER, StaffRole.PROGRAMME_ADVISER, StaffRole.TEAM_COORDINATOR}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class StaffMember:
    username: str
    full_name: str  # "First Last": exactly one space, so it splits into first and last name
    role: StaffRole
    district: str | None  # a district slug for district roles, else None
    email: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoLogin:
    """One log-in to show in the README and the setup output (the password is not ours)."""

    username: str
    role: StaffRole
    district: str | None
    description: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoData:
    as_of: date
    seed: int
    cases: list[CaseFacts]
    staff: list[StaffMember]
