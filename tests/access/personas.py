"""The persona matrix's named users and the protected-address gradings.

Every access test reads against these: the same people, the same districts, the same rules
written out by hand (``may_read``/``may_write``/``may_export``), independent of the gateway
they check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.test import Client

from introsak.access.enums import Permission
from introsak.access.models import AuditGrant, ProtectedPersonClearance
from introsak.access.permissions import permissions_of
from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.cases.models import ProgrammeCase
from introsak.core import clock
from tests.factories import case, case_dict, district, import_cases, with_national_id

DISTRICT_A = "st_hanshaugen"
DISTRICT_B = "ostensjo"

ANONYMOUS = "anonymous"
PERSONAS = (
    ANONYMOUS,
    "no_role",
    "adviser_a",
    "adviser_b",
    "settlement_a",
    "coordinator_a",
    "analyst",
    "auditor_valid",
    "auditor_expired",
    "auditor_none",
    "administrator",
    "planner",
)
_ROLES: dict[str, tuple[str, str | None]] = {
    "no_role": ("", None),
    "adviser_a": (Role.PROGRAMME_ADVISER, DISTRICT_A),
    "adviser_b": (Role.PROGRAMME_ADVISER, DISTRICT_B),
    "settlement_a": (Role.SETTLEMENT_WORKER, DISTRICT_A),
    "coordinator_a": (Role.TEAM_COORDINATOR, DISTRICT_A),
    "analyst": (Role.CITY_ANALYST, None),
    "auditor_valid": (Role.AUDITOR, None),
    "auditor_expired": (Role.AUDITOR, None),
    "auditor_none": (Role.AUDITOR, None),
    "administrator": (Role.ADMINISTRATOR, None),
    "planner": (Role.PLANNER, None),
}
DISTRICT_A_ROLES = ("adviser_a", "settlement_a", "coordinator_a")

NONE, CONFIDENTIAL, STRICT, STRICT_CLEARED = (
    "none",
    "confidential",
    "strictly_confidential",
    "strictly_confidential_cleared",
)
GRADINGS = (NONE, CONFIDENTIAL, STRICT, STRICT_CLEARED)
CLEARED_PERSONA = "adviser_a"  # the one user cleared in STRICT_CLEARED

NAME_A = "Alfa Vernetesen"
NAME_B = "Bravo Andresen"

# Free texts written about case A, each a marker a page can be searched for: a page showing
# any of them shows case content (one access-log row), and pseudonymised views show none.
FREE_TEXTS = {
    "journal": "Journalnotat-merke om familien",
    "minutes": "Referat-merke fra trepartsmøtet",
    "sub_goal": "Delmål-merke førerkort",
    "plan_justification": "Planbegrunnelse-merke helse",
    "provider": "Arbeidsgiver-merke AS",
    "leave_reason": "Permisjon-merke sykdom i familien",
    "extension_justification": "Forlengelse-merke trenger mer norsk",
}
ADVISER_A_NAME = ("Kari", "Veiledersen")  # the adviser of case A, a staff name


def _case_a_content() -> dict[str, Any]:
    """Case A's facts with every kind of free text and an adviser and journal author."""
    plan = {
        "decided_on": "2024-01-10",
        "end_goal": "work",
        "norwegian_goal": "B1",
        "duration_months": 6,
        "elements": ["Norskopplæring"],
        "sub_goals": [FREE_TEXTS["sub_goal"]],
        "justification": FREE_TEXTS["plan_justification"],
    }
    return {
        "adviser": "adviser_a",
        "plans": [plan],
        "meetings": [
            {
                "kind": "three_party",
                "date": "2024-03-01",
                "documented": True,
                "minutes": {"attendance": FREE_TEXTS["minutes"]},
            }
        ],
        "activities": [
            {
                "kind": "work_practice",
                "start": "2024-02-01",
                "hours_per_week": 10,
                "provider": FREE_TEXTS["provider"],
            }
        ],
        "leaves": [
            {
                "start": "2024-04-01",
                "end": "2024-04-05",
                "approved": True,
                "reason": FREE_TEXTS["leave_reason"],
            }
        ],
        "extensions": [
            {
                "decided_on": "2024-06-01",
                "months": 3,
                "justification": FREE_TEXTS["extension_justification"],
            }
        ],
        "journal_notes": [
            {"written_on": "2024-02-02", "text": FREE_TEXTS["journal"], "author": "adviser_a"}
        ],
    }


def make_user(username: str, role: str = "", district_slug: str | None = None) -> User:
    """A user without a password (tests log in with ``force_login``: no argon2 cost)."""
    account = User(
        username=username, role=role, district=district(district_slug) if district_slug else None
    )
    account.set_unusable_password()
    account.save()
    return account


def make_personas() -> dict[str, User | None]:
    """Every persona; the valid auditor's grant covers district A, the expired one ended
    yesterday. The administrator grants them."""
    staff = {name: make_user(name, role, slug) for name, (role, slug) in _ROLES.items()}
    adviser = staff["adviser_a"]
    adviser.first_name, adviser.last_name = ADVISER_A_NAME
    adviser.save(update_fields=["first_name", "last_name"])
    today = clock.today()
    admin = staff["administrator"]
    for name, start, end in (
        ("auditor_valid", today - timedelta(days=10), today + timedelta(days=30)),
        ("auditor_expired", today - timedelta(days=60), today - timedelta(days=1)),
    ):
        grant = AuditGrant.objects.create(
            user=staff[name],
            justification="Forvaltningsrevisjon av introduksjonsprogrammet",
            starts_on=start,
            ends_on=end,
            granted_by=admin,
        )
        grant.districts.set([district(DISTRICT_A)])
    return {ANONYMOUS: None, **staff}


def grading_value(grading: str) -> str:
    return STRICT if grading == STRICT_CLEARED else grading


def make_case(
    case_id: str,
    *,
    slug: str,
    grading: str = NONE,
    name: str = NAME_A,
    serial: int = 1,
    **overrides: Any,
) -> ProgrammeCase:
    """One imported case in a district with a grading (no address if strictly confidential)."""
    value = grading_value(grading)
    data = with_national_id(
        case_dict(
            case_id, district=slug, person__name=name, person__protected_address=value, **overrides
        ),
        serial,
    )
    if value != STRICT:
        data["person"]["address"] = "Storgata 1, 0155 Oslo"
    import_cases([data])
    return case(case_id)


def clear(user: User, programme_case: ProgrammeCase, granted_by: User) -> None:
    ProtectedPersonClearance.objects.create(
        user=user,
        person=programme_case.person,
        granted_by=granted_by,
        justification="Saken behandles av denne rådgiveren etter avtale med leder.",
    )


@dataclass
class World:
    users: dict[str, User | None]
    case_a: ProgrammeCase  # district A, with the grading under test
    case_b: ProgrammeCase  # district B, not protected
    grading: str

    def staff(self, name: str) -> User:
        """A persona that is a user: every persona but the anonymous visitor."""
        user = self.users[name]
        assert user is not None, name
        return user


def make_world(grading: str = NONE) -> World:
    users = make_personas()
    case_a = make_case(
        "A-1", slug=DISTRICT_A, grading=grading, name=NAME_A, serial=1, **_case_a_content()
    )
    case_b = make_case("B-1", slug=DISTRICT_B, name=NAME_B, serial=2)
    world = World(users=users, case_a=case_a, case_b=case_b, grading=grading)
    if grading == STRICT_CLEARED:
        clear(world.staff(CLEARED_PERSONA), case_a, world.staff("administrator"))
    return world


def client_for(user: User | None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


# --- The rules, written out by hand -----------------------------------------------------


def _in_scope(persona: str, grading: str, district_slug: str) -> bool:
    strict = grading in (STRICT, STRICT_CLEARED)
    if strict:
        return grading == STRICT_CLEARED and persona == CLEARED_PERSONA
    if persona in DISTRICT_A_ROLES:
        return district_slug == DISTRICT_A
    if persona == "adviser_b":
        return district_slug == DISTRICT_B
    if persona == "auditor_valid":
        return district_slug == DISTRICT_A
    return False


def has(persona: str, permission: Permission) -> bool:
    role = _ROLES.get(persona, ("", None))[0]
    return permission in permissions_of(role)


def may_read(persona: str, grading: str, district_slug: str = DISTRICT_A) -> bool:
    return has(persona, Permission.CASE_READ) and _in_scope(persona, grading, district_slug)


def may_write(persona: str, grading: str, district_slug: str = DISTRICT_A) -> bool:
    return has(persona, Permission.CASE_WRITE) and _in_scope(persona, grading, district_slug)


def may_export(persona: str, grading: str, district_slug: str = DISTRICT_A) -> bool:
    return has(persona, Permission.CASE_EXPORT) and _in_scope(persona, grading, district_slug)
