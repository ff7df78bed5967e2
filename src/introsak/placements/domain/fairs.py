"""Job fairs (issue 15, item 6): preparation sessions, invitations, attendance and outcomes.

Grünerløkka, the district the report holds up, prepared participants for job fairs in 5–6
sessions. A fair is the district's (or city-wide); participants are invited by case, and
what came of it is recorded per invitation: sessions attended, attendance, interviews,
offers and hires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from introsak.accounts.models import User
from introsak.cases.models import ProgrammeCase
from introsak.core.models import District
from introsak.placements.domain.errors import Errors, Rejected
from introsak.placements.models import JobFair, JobFairInvitation

MAX_SESSIONS = 20


def fairs_for(user: User) -> QuerySet[JobFair]:
    """The user's district's fairs and the city-wide ones, newest first."""
    mine = Q(district_id=user.district_id) if user.district_id else Q(pk__isnull=True)
    return JobFair.objects.filter(mine | Q(district__isnull=True)).select_related("district")


@transaction.atomic
def fair_create(*, name: str, held_on: date, district: str, preparation_sessions: int) -> JobFair:
    """Side effects: creates one ``JobFair``. Raises ``Rejected`` per field."""
    errors: Errors = {}
    if not name.strip():
        errors["name"] = [_("Give the fair a name.")]
    if not 0 <= preparation_sessions <= MAX_SESSIONS:
        errors["preparation_sessions"] = [_("From 0 to %(max)s sessions.") % {"max": MAX_SESSIONS}]
    where = District.objects.filter(slug=district).first() if district else None
    if district and where is None:
        errors["district"] = [_("Unknown district %(value)s.") % {"value": district}]
    if errors:
        raise Rejected(errors)
    return JobFair.objects.create(
        name=name.strip(),
        held_on=held_on,
        district=where,
        preparation_sessions=preparation_sessions,
    )


@transaction.atomic
def fair_invite(*, fair: JobFair, case: ProgrammeCase) -> JobFairInvitation:
    """Invite a participant (a case the gateway gave for writing). Side effects: creates one
    ``JobFairInvitation``; inviting again changes nothing."""
    invitation, _created = JobFairInvitation.objects.get_or_create(fair=fair, case=case)
    return invitation


@dataclass(frozen=True)
class Outcome:
    sessions_attended: int
    attended: bool | None
    interviews: int
    offers: int
    hired: bool


@transaction.atomic
def invitation_record(*, invitation: JobFairInvitation, outcome: Outcome) -> JobFairInvitation:
    """Record preparation, attendance and what came of the fair. Raises ``Rejected``: more
    sessions than the fair had, offers or a hire without attending, a hire without an
    offer. Side effects: updates the ``JobFairInvitation``."""
    errors: Errors = {}
    if outcome.sessions_attended > invitation.fair.preparation_sessions:
        errors["sessions_attended"] = [
            _("The fair had %(n)s preparation sessions.")
            % {"n": invitation.fair.preparation_sessions}
        ]
    if not outcome.attended and (outcome.interviews or outcome.offers or outcome.hired):
        errors["attended"] = [_("Interviews, offers and hires need attendance.")]
    if outcome.hired and not outcome.offers:
        errors["offers"] = [_("A hire needs an offer.")]
    if errors:
        raise Rejected(errors)
    for name in ("sessions_attended", "attended", "interviews", "offers", "hired"):
        setattr(invitation, name, getattr(outcome, name))
    invitation.save()
    return invitation


def fair_totals(invitations: QuerySet[JobFairInvitation]) -> dict[str, int]:
    """Invited, attended, interviews, offers and hires (one query)."""
    found = invitations.aggregate(
        invited=Count("pk"),
        attended=Count("pk", filter=Q(attended=True)),
        interviews=Sum("interviews", default=0),
        offers=Sum("offers", default=0),
        hired=Count("pk", filter=Q(hired=True)),
    )
    return {key: int(value or 0) for key, value in found.items()}
