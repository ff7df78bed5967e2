"""Protected persons and what a user is shown of a person.

Gradings (``casefacts.enums.ProtectedAddress``): *strictly confidential* persons are visible only
to users explicitly cleared for them (``clearance_grant``) and no address is ever stored for
them; *confidential* persons are visible in scope but flagged. The gateway applies the
visibility rules; this module owns the grading change, clearances, and the display helpers
every page and export uses for names, identity numbers and addresses:

* district-role users see names; identity numbers masked in lists (``010190*****``) and in
  full only where a single case is opened;
* auditors see a stable pseudonym (``P-…``, the first characters of the pseudonymised
  export's case pseudonym) and no identity number or address, unless a valid grant covering
  the case says ``show_identities``. Such a pseudonymised view shows what the pseudonymised
  export holds (``shows_identity`` false): no case number, the year of birth only, the
  adviser as a pseudonym (``A-…``), no staff names and no free text;
* nobody sees the address of a strictly confidential person (there is none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from introsak.access.domain.grants import MIN_JUSTIFICATION_CHARS, covers, grants_valid
from introsak.access.domain.security_log import security_event
from introsak.access.models import AuditGrant, ProtectedPersonClearance
from introsak.accounts.enums import DISTRICT_ROLES, Role
from introsak.accounts.models import User, Visitor
from introsak.casefacts.enums import ProtectedAddress
from introsak.casefacts.serialize import adviser_pseudonym as export_adviser_pseudonym
from introsak.casefacts.serialize import case_pseudonym as export_case_pseudonym
from introsak.cases.models import Person, ProgrammeCase
from introsak.core.security import SecurityEventKind
from introsak.identity import mask_identity_number

PSEUDONYM_DISPLAY_CHARS = 8
_POLICY_ATTR = "_introsak_identity_policy"


# --- What a user is shown ------------------------------------------------------------------


@dataclass
class IdentityPolicy:
    """Whether a user sees participants' identities, computed once per user object (one
    request): district roles do; auditors only for cases a ``show_identities`` grant covers."""

    role: Role | None
    identity_grants: list[AuditGrant] = field(default_factory=list)

    def shows_identity(self, case: ProgrammeCase) -> bool:
        if self.role in DISTRICT_ROLES:
            return True
        if self.role == Role.AUDITOR:
            return any(
                covers(g, district_id=case.district_id, start_date=case.start_date)
                for g in self.identity_grants
            )
        return False


def identity_policy(user: Visitor) -> IdentityPolicy:
    cached: IdentityPolicy | None = getattr(user, _POLICY_ATTR, None)
    if cached is not None:
        return cached
    nobody = IdentityPolicy(role=None, identity_grants=[])
    policy = _policy_of(user) if isinstance(user, User) else nobody
    setattr(user, _POLICY_ATTR, policy)
    return policy


def _policy_of(user: User) -> IdentityPolicy:
    role = Role(user.role) if user.role else None
    grants: list[AuditGrant] = []
    if role == Role.AUDITOR:
        grants = list(grants_valid(user).filter(show_identities=True).prefetch_related("districts"))
    return IdentityPolicy(role=role, identity_grants=grants)


def case_pseudonym(case: ProgrammeCase) -> str:
    """``P-`` and the first characters of the keyed pseudonym the pseudonymised export uses
    for this case's number (``casefacts.serialize.pseudonymise``), so both can be matched."""
    full = export_case_pseudonym(case.case_id, key=settings.INTROSAK_PSEUDONYM_KEY.encode())
    return full[: len("P-") + PSEUDONYM_DISPLAY_CHARS]


# A pseudonym search: "P-" and at least four of its hex digits (the screen shows eight, the
# pseudonymised export twenty; either, or the start of either, finds the case).
_PSEUDONYM_SEARCH = re.compile(r"p-[0-9a-f]{4,20}")


def pseudonym_matches(cases: QuerySet[ProgrammeCase], text: str) -> list[int]:
    """The primary keys of the cases among ``cases`` whose pseudonym starts with ``text``
    (case-insensitive); none if ``text`` is not the start of a pseudonym.

    Pseudonyms are keyed hashes, not stored, so they are computed here for the cases in
    view (one query for their numbers; about a microsecond per case).
    """
    needle = text.strip().lower()
    if not _PSEUDONYM_SEARCH.fullmatch(needle):
        return []
    key = settings.INTROSAK_PSEUDONYM_KEY.encode()
    return [
        pk
        for pk, case_id in cases.values_list("pk", "case_id")
        if export_case_pseudonym(case_id, key=key).lower().startswith(needle)
    ]


def shows_identity(user: Visitor, case: ProgrammeCase) -> bool:
    """Whether the user sees the case's identities, staff names and free text; otherwise a
    pseudonymised view (what the pseudonymised export holds)."""
    return identity_policy(user).shows_identity(case)


def display_adviser(user: Visitor, case: ProgrammeCase) -> str:
    """The case's programme adviser: the name, or in a pseudonymised view the adviser's
    pseudonym (``A-`` and the first characters of the pseudonymised export's)."""
    adviser = case.adviser
    if adviser is None:
        return ""
    if shows_identity(user, case):
        return adviser.identified_name()
    full = export_adviser_pseudonym(adviser.username, key=settings.INTROSAK_PSEUDONYM_KEY.encode())
    return full[: len("A-") + PSEUDONYM_DISPLAY_CHARS]


def _case_of(person: Person) -> ProgrammeCase:
    return person.programme_case


def display_name(user: Visitor, person: Person) -> str:
    """The person's name, or a pseudonym for a user who may not see identities."""
    case = _case_of(person)
    if identity_policy(user).shows_identity(case):
        return person.name or _("(no name)")
    return _("Participant %(pseudonym)s") % {"pseudonym": case_pseudonym(case)}


def display_national_id(user: Visitor, person: Person, *, masked: bool = True) -> str:
    """The identity number, masked (lists) or in full (an opened case); empty for users who
    may not see identities and for persons without one."""
    if not person.national_id or not identity_policy(user).shows_identity(_case_of(person)):
        return ""
    return mask_identity_number(person.national_id) if masked else person.national_id


def display_address(user: Visitor, person: Person) -> str:
    """The address for users who see identities; never one for strictly confidential."""
    if person.protected_address == ProtectedAddress.STRICTLY_CONFIDENTIAL:
        return ""
    return person.address if identity_policy(user).shows_identity(_case_of(person)) else ""


def protection_label(person: Person) -> str:
    """The flag shown next to a protected person (empty when not protected)."""
    if person.protected_address == ProtectedAddress.NONE:
        return ""
    return str(person.get_protected_address_display())


# --- Grading and clearances ----------------------------------------------------------------


@transaction.atomic
def person_grading_set(*, person: Person, grading: str, changed_by: User | None) -> Person:
    """Change a person's protected-address grading; it applies from the next request.

    Side effects: saves the person; a strictly confidential person's address is erased;
    writes a security-log row.
    """
    grading = ProtectedAddress(grading)
    person.protected_address = grading
    fields = ["protected_address", "updated_at"]
    if grading == ProtectedAddress.STRICTLY_CONFIDENTIAL:
        person.address = ""
        fields.append("address")
    person.save(update_fields=fields)
    security_event(
        event=SecurityEventKind.GRADING_CHANGED, user=changed_by, detail=f"person {person.pk}"
    )
    return person


def clearance_errors(*, user: User, person: Person, justification: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if getattr(user, "role", "") not in {r.value for r in DISTRICT_ROLES} or not user.is_active:
        errors["user"] = [
            _(
                "Only active settlement workers, programme advisers and team "
                "coordinators can be cleared for a protected person."
            )
        ]
    if person.protected_address != ProtectedAddress.STRICTLY_CONFIDENTIAL:
        errors["person"] = [_("Clearances are only needed for strictly confidential persons.")]
    if len(justification.strip()) < MIN_JUSTIFICATION_CHARS:
        errors["justification"] = [
            _("Give a justification of at least %(n)d characters.") % {"n": MIN_JUSTIFICATION_CHARS}
        ]
    return errors


@transaction.atomic
def clearance_grant(
    *, user: User, person: Person, justification: str, granted_by: User
) -> ProtectedPersonClearance:
    """Clear one user to see one strictly confidential person (in any district).

    Raises ``ValidationError`` if the user cannot be cleared or the person is not strictly
    confidential. Side effects: creates the clearance; writes a security-log row.
    """
    errors = clearance_errors(user=user, person=person, justification=justification)
    if errors:
        raise ValidationError(errors)
    clearance, _created = ProtectedPersonClearance.objects.get_or_create(
        user=user,
        person=person,
        defaults={"justification": justification.strip(), "granted_by": granted_by},
    )
    security_event(
        event=SecurityEventKind.CLEARANCE_GRANTED,
        user=granted_by,
        detail=f"user {user.pk} person {person.pk}",
    )
    return clearance


@transaction.atomic
def clearance_revoke(*, clearance: ProtectedPersonClearance, revoked_by: User) -> None:
    """Remove a clearance; it applies from the next request.

    Side effects: deletes the clearance; writes a security-log row.
    """
    detail = f"user {clearance.user_id} person {clearance.person_id}"
    clearance.delete()
    security_event(event=SecurityEventKind.CLEARANCE_REVOKED, user=revoked_by, detail=detail)
