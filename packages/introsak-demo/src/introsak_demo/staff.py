"""The demo's staff: who logs in, in which role and district.

Usernames are readable and the same for every seed: ``radgiver.st_hanshaugen.1`` (programme
adviser), ``bosetter.<district>.<n>`` (settlement worker), ``koordinator.<district>`` (team
coordinator), ``analytiker.<n>`` (city analyst), ``revisor.<n>`` (auditor) and ``admin``.
Each district has one team coordinator, one to three settlement workers by how many it
settles, and the programme advisers of its design (``design.DistrictDesign.advisers``), so
that participants per adviser fall in the survey's categories: 20-30 in ten districts, 30-40
in four, under 20 in Gamle Oslo.
"""

from __future__ import annotations

from collections.abc import Sequence

from introsak_demo.design import DISTRICT_DESIGNS, DistrictDesign
from introsak_demo.model import DemoLogin, StaffMember, StaffRole
from introsak_demo.names import Names

EMAIL_DOMAIN = "introsak.example"  # .example is reserved (RFC 2606): no mail can go out
CITY_ANALYSTS = 2
AUDITORS = 2
PLANNER = "planlegger.1"


def adviser_username(district: str, number: int) -> str:
    return f"radgiver.{district}.{number}"


def settlement_worker_username(district: str, number: int) -> str:
    return f"bosetter.{district}.{number}"


def coordinator_username(district: str) -> str:
    return f"koordinator.{district}"


def advisers_of(design: DistrictDesign) -> list[str]:
    return [adviser_username(design.slug, n) for n in range(1, design.advisers + 1)]


def settlement_workers_of(design: DistrictDesign) -> list[str]:
    return [
        settlement_worker_username(design.slug, n) for n in range(1, design.settlement_workers + 1)
    ]


def build_staff(
    names: Names, designs: Sequence[DistrictDesign] = DISTRICT_DESIGNS
) -> list[StaffMember]:
    out: list[StaffMember] = []

    def add(username: str, role: StaffRole, district: str | None) -> None:
        out.append(
            StaffMember(
                username=username,
                full_name=names.staff(),
                role=role,
                district=district,
                email=f"{username}@{EMAIL_DOMAIN}",
            )
        )

    for design in designs:
        add(coordinator_username(design.slug), StaffRole.TEAM_COORDINATOR, design.slug)
        for username in settlement_workers_of(design):
            add(username, StaffRole.SETTLEMENT_WORKER, design.slug)
        for username in advisers_of(design):
            add(username, StaffRole.PROGRAMME_ADVISER, design.slug)
    for n in range(1, CITY_ANALYSTS + 1):
        add(f"analytiker.{n}", StaffRole.CITY_ANALYST, None)
    for n in range(1, AUDITORS + 1):
        add(f"revisor.{n}", StaffRole.AUDITOR, None)
    add("admin", StaffRole.ADMINISTRATOR, None)
    # Issue 16. A fixed name: a draw from ``names`` here would change every later name.
    out.append(
        StaffMember(
            username=PLANNER,
            full_name="Ingrid Planlegger",
            role=StaffRole.PLANNER,
            district=None,
            email=f"{PLANNER}@{EMAIL_DOMAIN}",
        )
    )
    return out


def demo_logins() -> list[DemoLogin]:
    """One log-in per role, in the audited district St. Hanshaugen where a district applies."""
    district = "st_hanshaugen"
    return [
        DemoLogin(
            username=adviser_username(district, 1),
            role=StaffRole.PROGRAMME_ADVISER,
            district=district,
            description="programme adviser: own participants, worklist, case pages",
        ),
        DemoLogin(
            username=settlement_worker_username(district, 1),
            role=StaffRole.SETTLEMENT_WORKER,
            district=district,
            description="settlement worker: newly settled persons until the programme starts",
        ),
        DemoLogin(
            username=coordinator_username(district),
            role=StaffRole.TEAM_COORDINATOR,
            district=district,
            description="team coordinator: the whole district, statistics",
        ),
        DemoLogin(
            username="analytiker.1",
            role=StaffRole.CITY_ANALYST,
            district=None,
            description="city analyst: statistics for all districts",
        ),
        DemoLogin(
            username="revisor.1",
            role=StaffRole.AUDITOR,
            district=None,
            description="auditor: audit samples and control forms",
        ),
        DemoLogin(
            username="admin",
            role=StaffRole.ADMINISTRATOR,
            district=None,
            description="administrator: users and settings",
        ),
        DemoLogin(
            username=PLANNER,
            role=StaffRole.PLANNER,
            district=None,
            description="planner: the Norwegian-training capacity forecast, statistics",
        ),
    ]
