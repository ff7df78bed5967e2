"""Early contact's operations (issue 17). Each is atomic and validates at the boundary:
``EarlyRejected`` names the field and the reason, and nothing is written."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from introsak.access.domain.gateway import log_opening
from introsak.access.domain.security_log import security_event
from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.cases.domain.importing import ImportRejected, case_facts_import
from introsak.cases.models import ProgrammeCase
from introsak.core import clock
from introsak.early.domain.tokens import client_key, new_token, token_hash
from introsak.early.languages import CODES
from introsak.early.models import (
    AcceptedMappingField,
    Attendance,
    EarlyAccessAction,
    EarlyAccessEntry,
    EarlyPerson,
    LinkAttempt,
    OwnViewLink,
    PreCourseGroup,
    PreCourseSession,
    QuestionnaireAnswers,
    QuestionnaireLink,
)
from introsak.early.participant import questionnaire as q
from introsak.identity import InvalidIdentityNumber, parse_identity_number, validate_duf_number

LINK_DAYS = 60  # a questionnaire link lasts this long unless revoked
OWN_VIEW_LINK_HOURS = 72  # a one-time own-view link must be used within this
# Throttling: this many failed link attempts from one client within the window lock it out.
THROTTLE_ATTEMPTS = 10
THROTTLE_WINDOW = timedelta(minutes=15)
GROUP_MAX = 10
# A person never settled (moved elsewhere, returned) is deleted this long after the expected
# settlement date: the settlement request is the purpose, and it has lapsed by then.
UNSETTLED_KEPT_MONTHS = 6
WEEKS_MIN, WEEKS_MAX = 4, 6
# Settlement workers and advisers work with the persons; coordinators see the list and the
# pre-course groups (never the answers).
_EARLY_ROLES = {Role.SETTLEMENT_WORKER.value, Role.PROGRAMME_ADVISER.value}
_LIST_ROLES = _EARLY_ROLES | {Role.TEAM_COORDINATOR.value}


class EarlyRejected(Exception):
    """Invalid input: ``errors`` maps each field to the reason."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {reason}" for field, reason in errors.items()))
        self.errors = errors


def _log(
    action: EarlyAccessAction,
    *,
    user: User | None = None,
    person: EarlyPerson | None = None,
    case_id: int | None = None,
) -> None:
    EarlyAccessEntry.objects.create(
        user=user,
        data_subject=user is None,
        early_person_id=person.pk if person else None,
        case_id=case_id if case_id is not None else (person.case_id if person else None),
        action=action,
    )


# --- Who may see what --------------------------------------------------------------------


def persons_in_scope(user: User) -> QuerySet[EarlyPerson]:
    """The persons before settlement a district's settlement worker, adviser or coordinator
    may list (own district; no answers): everyone else sees none."""
    if user.role not in _LIST_ROLES or not user.district_id or not user.is_active:
        return EarlyPerson.objects.none()
    return EarlyPerson.objects.filter(district_id=user.district_id)


def may_read_answers(user: User, person: EarlyPerson) -> bool:
    """Only the person's own settlement worker and programme adviser (before settlement the
    adviser named on the person, after it the case's adviser), in the person's district."""
    if user.role not in _EARLY_ROLES or user.district_id != person.district_id:
        return False
    advisers = {person.adviser_id}
    if person.case is not None:
        advisers.add(person.case.adviser_id)
    return user.pk == person.settlement_worker_id or user.pk in advisers - {None}


def answers_for_staff(*, user: User, person: EarlyPerson) -> dict[str, Any] | None:
    """The person's answers for the settlement worker or adviser, logged; ``None`` if none.

    Raises ``PermissionError`` for anyone else. Side effects: one access entry (and one
    access-log row on the case once the person is settled).
    """
    if not may_read_answers(user, person):
        raise PermissionError("not this person's settlement worker or adviser")
    _log(EarlyAccessAction.ANSWERS_VIEWED, user=user, person=person)
    if person.case is not None:
        log_opening(user, case=person.case, purpose="Early-contact questionnaire answers")
    record = QuestionnaireAnswers.objects.filter(person=person).first()
    return json.loads(record.answers) if record and record.answers else None


def questionnaire_status(person: EarlyPerson) -> str:
    """Where the person is with the questionnaire (uses prefetched ``links``/``answers``)."""
    if person.consent_withdrawn_at is not None:
        return _("Consent withdrawn")
    try:
        record: QuestionnaireAnswers | None = person.answers
    except QuestionnaireAnswers.DoesNotExist:
        record = None
    if record is not None and record.submitted_at is not None:
        return _("Answered")
    if record is not None:
        return _("Started")
    links = list(person.links.all())
    if any(link.opened_count for link in links):
        return _("Opened")
    if links:
        return _("Letter sent")
    return _("No letter yet")


# --- Persons -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonInput:
    name: str
    birth_date: date | None
    national_id: str
    duf_number: str
    reception_centre: str
    expected_settlement_date: date | None
    household: str
    language: str
    consent_given_on: date | None
    adviser: User | None = None


def _check_person(data: PersonInput, by: User) -> dict[str, str]:
    errors: dict[str, str] = {}
    today = clock.today()
    if not data.name.strip():
        errors["name"] = _("Give the name.")
    if data.birth_date is None:
        errors["birth_date"] = _("Give the birth date.")
    elif data.birth_date > today:
        errors["birth_date"] = _("The birth date cannot be in the future.")
    if not data.national_id and not data.duf_number:
        errors["national_id"] = _("Give the identity number or the DUF number.")
    if data.national_id:
        try:
            parse_identity_number(
                data.national_id, allow_synthetic=settings.INTROSAK_ALLOW_SYNTHETIC_IDS
            )
        except InvalidIdentityNumber as error:
            errors["national_id"] = _("Not a valid identity number: %(reason)s.") % {
                "reason": error.reason
            }
    registered = EarlyPerson.objects.filter(national_id=data.national_id, case__isnull=True)
    if data.national_id and "national_id" not in errors and registered.exists():
        errors["national_id"] = _("A person with this number is already registered.")
    if data.duf_number:
        try:
            validate_duf_number(data.duf_number)
        except InvalidIdentityNumber as error:
            errors["duf_number"] = _("Not a valid DUF number: %(reason)s.") % {
                "reason": error.reason
            }
    if not data.reception_centre.strip():
        errors["reception_centre"] = _("Give the reception centre.")
    if data.expected_settlement_date is None:
        errors["expected_settlement_date"] = _("Give the expected settlement date.")
    if data.language not in CODES:
        errors["language"] = _("Choose one of the questionnaire's languages.")
    if data.consent_given_on is None:
        errors["consent_given_on"] = _(
            "Record the day the person consented to early contact; without consent the "
            "person cannot be registered."
        )
    elif data.consent_given_on > today:
        errors["consent_given_on"] = _("The consent cannot be given in the future.")
    if data.adviser is not None and (
        data.adviser.role != Role.PROGRAMME_ADVISER or data.adviser.district_id != by.district_id
    ):
        errors["adviser"] = _("Choose a programme adviser of your district.")
    return errors


@transaction.atomic
def person_create(*, by: User, data: PersonInput) -> EarlyPerson:
    """Register a person known from the settlement request, in the settlement worker's
    district, with the consent recorded. Raises ``EarlyRejected``."""
    if by.role != Role.SETTLEMENT_WORKER or not by.district_id:
        raise EarlyRejected({"user": _("Only a district's settlement worker registers persons.")})
    errors = _check_person(data, by)
    if errors:
        raise EarlyRejected(errors)
    assert data.birth_date and data.expected_settlement_date and data.consent_given_on
    return EarlyPerson.objects.create(
        district_id=by.district_id,
        settlement_worker=by,
        adviser=data.adviser,
        name=data.name.strip(),
        birth_date=data.birth_date,
        national_id=data.national_id or None,
        duf_number=data.duf_number or None,
        reception_centre=data.reception_centre.strip(),
        expected_settlement_date=data.expected_settlement_date,
        household=data.household.strip(),
        language=data.language,
        consent_given_on=data.consent_given_on,
    )


@transaction.atomic
def consent_withdraw(*, by: User, person: EarlyPerson) -> None:
    """The person withdrew consent: their answers, accepted mapping fields and links are
    deleted at once; the person stays registered (they will still be settled).

    Side effects: deletes answers, accepted mapping fields, questionnaire links; records the
    withdrawal; one access entry."""
    if by.pk != person.settlement_worker_id and not may_read_answers(by, person):
        raise PermissionError("not this person's settlement worker or adviser")
    QuestionnaireAnswers.objects.filter(person=person).delete()
    AcceptedMappingField.objects.filter(person=person).delete()
    QuestionnaireLink.objects.filter(person=person).delete()
    person.consent_withdrawn_at = timezone.now()
    person.save(update_fields=["consent_withdrawn_at", "updated_at"])
    _log(EarlyAccessAction.ANSWERS_DELETED, user=by, person=person)


# --- Questionnaire links -----------------------------------------------------------------


@transaction.atomic
def link_issue(*, by: User, person: EarlyPerson, days: int = LINK_DAYS) -> str:
    """A new questionnaire link; returns the token, which is never stored (only its hash)
    and so is shown once, in the letter made now. Earlier links stay valid until revoked."""
    if by.pk != person.settlement_worker_id and not may_read_answers(by, person):
        raise PermissionError("not this person's settlement worker or adviser")
    if person.consent_withdrawn_at is not None:
        raise EarlyRejected({"consent": _("The person has withdrawn consent.")})
    if not 1 <= days <= 180:
        raise EarlyRejected({"days": _("A link lasts from 1 to 180 days.")})
    token = new_token()
    QuestionnaireLink.objects.create(
        person=person,
        token_hash=token_hash(token),
        created_by=by,
        expires_at=timezone.now() + timedelta(days=days),
    )
    _log(EarlyAccessAction.LETTER_MADE, user=by, person=person)
    return token


@transaction.atomic
def link_revoke(*, by: User, link: QuestionnaireLink) -> None:
    if by.pk != link.person.settlement_worker_id and not may_read_answers(by, link.person):
        raise PermissionError("not this person's settlement worker or adviser")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


def throttled(address: str) -> bool:
    since = timezone.now() - THROTTLE_WINDOW
    recent = LinkAttempt.objects.filter(client=client_key(address), at__gte=since)
    return recent.count() >= THROTTLE_ATTEMPTS


def _failed(address: str) -> None:
    LinkAttempt.objects.create(client=client_key(address))


@transaction.atomic
def link_open(*, token: str, address: str) -> EarlyPerson | None:
    """The person a questionnaire token opens, or ``None`` for a wrong, expired or revoked
    token alike (the failure counts towards the client's throttle). The caller checks
    ``throttled`` first. Side effects: counts and logs the opening."""
    link = (
        QuestionnaireLink.objects.select_for_update()
        .select_related("person")
        .filter(token_hash=token_hash(token))
        .first()
    )
    now = timezone.now()
    if (
        link is None
        or link.revoked_at is not None
        or link.expires_at <= now
        or link.person.consent_withdrawn_at is not None
    ):
        _failed(address)
        return None
    link.opened_count += 1
    link.last_opened_at = now
    link.save(update_fields=["opened_count", "last_opened_at"])
    _log(EarlyAccessAction.LINK_OPENED, person=link.person)
    return link.person


# --- Answers -----------------------------------------------------------------------------


def answers_of(person: EarlyPerson) -> tuple[dict[str, Any], QuestionnaireAnswers | None]:
    """The person's own answers (for their questionnaire pages; no log row: the link
    opening was logged)."""
    record = QuestionnaireAnswers.objects.filter(person=person).first()
    if record is None or not record.answers:
        return {}, record
    return json.loads(record.answers), record


@transaction.atomic
def answers_save(
    *, person: EarlyPerson, page_number: int, data: Any, submit: bool = False
) -> QuestionnaireAnswers:
    """Save one page of the person's answers (the other pages are kept); ``submit`` marks
    the questionnaire as sent. Raises ``questionnaire.AnswerErrors`` (nothing written)."""
    if person.consent_withdrawn_at is not None:
        raise PermissionError("consent withdrawn")
    if not 1 <= page_number <= len(q.PAGES):
        raise EarlyRejected({"page": _("No such page.")})
    cleaned = q.clean_page(q.PAGES[page_number - 1], data)
    record, _created = QuestionnaireAnswers.objects.select_for_update().get_or_create(person=person)
    answers = json.loads(record.answers) if record.answers else {}
    answers.update(cleaned)
    record.answers = json.dumps(answers, ensure_ascii=False, sort_keys=True)
    record.last_page = max(record.last_page, page_number)
    if submit and record.submitted_at is None:
        record.submitted_at = timezone.now()
    record.save()
    _log(EarlyAccessAction.ANSWERS_SAVED, person=person)
    return record


# --- Settlement --------------------------------------------------------------------------


@dataclass(frozen=True)
class SettlementInput:
    settlement_date: date | None
    residence_basis: str
    permit_date: date | None
    education_level: str
    settled_by_agreement: bool
    adviser: User | None


@transaction.atomic
def person_settle(*, by: User, person: EarlyPerson, data: SettlementInput) -> ProgrammeCase:
    """The person is settled: their case is created from this record (name, birth date,
    identity number, DUF number, district, adviser) plus the settlement's own facts, through
    the case-facts import, so the case is validated and evaluated like every other.
    Raises ``EarlyRejected`` naming the field (nothing written)."""
    if by.pk != person.settlement_worker_id:
        raise PermissionError("not this person's settlement worker")
    if person.case_id is not None:
        raise EarlyRejected({"settlement_date": _("The person is already settled.")})
    errors: dict[str, str] = {}
    if data.settlement_date is None:
        errors["settlement_date"] = _("Give the settlement date.")
    if data.permit_date is None:
        errors["permit_date"] = _("Give the residence permit date.")
    adviser = data.adviser or person.adviser
    if adviser is not None and (
        adviser.role != Role.PROGRAMME_ADVISER or adviser.district_id != person.district_id
    ):
        errors["adviser"] = _("Choose a programme adviser of the person's district.")
    if errors:
        raise EarlyRejected(errors)
    assert data.settlement_date and data.permit_date
    case_id = f"EK-{person.pk}"
    record: dict[str, Any] = {
        "case_id": case_id,
        "district": person.district.slug,
        "person": {
            "name": person.name,
            "birth_date": person.birth_date.isoformat(),
            "residence_basis": data.residence_basis,
            "permit_date": data.permit_date.isoformat(),
            "settlement_date": data.settlement_date.isoformat(),
            "settled_by_agreement": data.settled_by_agreement,
            "education_level": data.education_level,
        },
        "plans": [],
        "meetings": [],
        "activities": [],
        "leaves": [],
        "extensions": [],
    }
    if person.national_id:
        record["person"]["national_id"] = person.national_id
    if person.duf_number:
        record["person"]["duf_number"] = person.duf_number
    if adviser is not None:
        record["adviser"] = adviser.username
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode()
    try:
        case_facts_import(stream=io.BytesIO(line))
    except ImportRejected as rejected:
        raise EarlyRejected(
            {
                error.field.rsplit(".", 1)[-1] or "settlement_date": error.reason
                for error in rejected.errors
            }
        ) from rejected
    case = ProgrammeCase.objects.select_related("person").get(case_id=case_id)
    person.case = case
    person.settled_on = data.settlement_date
    if adviser is not None:
        person.adviser = adviser
    person.save(update_fields=["case", "settled_on", "adviser", "updated_at"])
    return case


# --- Competence mapping draft ------------------------------------------------------------


@transaction.atomic
def mapping_accept(*, by: User, person: EarlyPerson, key: str, value: str) -> None:
    """The adviser accepts one field of the draft competence mapping (as proposed from the
    answers, or corrected). Raises ``EarlyRejected``/``PermissionError``."""
    from introsak.early.domain.mapping import MAPPING_KEYS

    if not may_read_answers(by, person) or by.role != Role.PROGRAMME_ADVISER:
        raise PermissionError("not this person's programme adviser")
    if key not in MAPPING_KEYS:
        raise EarlyRejected({"key": _("Unknown mapping field.")})
    if len(value) > q.TEXT_MAX * 2:
        raise EarlyRejected({key: _("At most 2000 characters.")})
    AcceptedMappingField.objects.update_or_create(
        person=person, key=key, defaults={"value": value.strip(), "accepted_by": by}
    )


@transaction.atomic
def profile_accept(
    *,
    by: User,
    person: EarlyPerson,
    case: ProgrammeCase,
    expected_version: int,
    key: str,
    value: str,
    years: str = "",
) -> None:
    """The adviser accepts one field of the draft work profile (pre-filled from the answers,
    as proposed or corrected) into the settled person's case, through
    ``work_profile_record`` (version-checked, recorded as a case change). Raises
    ``PermissionError``, ``EarlyRejected`` (naming the field) or ``StaleCase``."""
    from introsak.cases.domain.facts import work_profile_to_facts
    from introsak.cases.domain.operations import StepRejected, work_profile_record
    from introsak.cases.models import WorkProfile
    from introsak.early.domain.profile import PROFILE_KEYS, accepted_profile

    if not may_read_answers(by, person) or by.role != Role.PROGRAMME_ADVISER:
        raise PermissionError("not this person's programme adviser")
    if person.case_id is None or person.case_id != case.pk:
        raise PermissionError("the person is not settled in this case")
    if key not in PROFILE_KEYS:
        raise EarlyRejected({"key": _("Unknown profile field.")})
    if len(value) > q.TEXT_MAX * 2:
        raise EarlyRejected({key: _("At most 2000 characters.")})
    current = work_profile_to_facts(WorkProfile.objects.filter(case=case).first())
    try:
        profile = accepted_profile(current, key=key, value=value, years=years)
    except ValueError:
        raise EarlyRejected({"years": _("Years: give a number, such as 4 or 2.5.")}) from None
    try:
        work_profile_record(case=case, by=by, expected_version=expected_version, profile=profile)
    except StepRejected as rejected:
        reasons = " ".join(" ".join(str(m) for m in found) for found in rejected.errors.values())
        raise EarlyRejected({key: reasons}) from rejected


# --- Pre-course --------------------------------------------------------------------------


@transaction.atomic
def group_create(
    *, by: User, name: str, language: str, first_session: date | None, weeks: int | None
) -> PreCourseGroup:
    """A pre-course group in the user's district with one session a week."""
    errors: dict[str, str] = {}
    if by.role not in _LIST_ROLES or not by.district_id:
        raise PermissionError("district staff only")
    if not name.strip():
        errors["name"] = _("Give the group a name.")
    if language not in CODES:
        errors["language"] = _("Choose one of the questionnaire's languages.")
    if first_session is None:
        errors["first_session"] = _("Give the date of the first session.")
    if weeks is None or not WEEKS_MIN <= weeks <= WEEKS_MAX:
        errors["weeks"] = _("A pre-course runs for 4 to 6 weeks.")
    if errors:
        raise EarlyRejected(errors)
    assert first_session is not None and weeks is not None
    group = PreCourseGroup.objects.create(
        district_id=by.district_id,
        name=name.strip(),
        language=language,
        first_session=first_session,
        weeks=weeks,
        created_by=by,
    )
    PreCourseSession.objects.bulk_create(
        PreCourseSession(group=group, number=n + 1, day=first_session + timedelta(weeks=n))
        for n in range(weeks)
    )
    return group


@transaction.atomic
def group_add(*, by: User, group: PreCourseGroup, person: EarlyPerson) -> None:
    if by.district_id != group.district_id or person.district_id != group.district_id:
        raise PermissionError("other district")
    locked = PreCourseGroup.objects.select_for_update().get(pk=group.pk)
    if locked.members.filter(pk=person.pk).exists():
        return
    if locked.members.count() >= GROUP_MAX:
        raise EarlyRejected({"person": _("A pre-course group has at most 10 persons.")})
    locked.members.add(person)


@transaction.atomic
def attendance_record(*, by: User, session: PreCourseSession, present: dict[int, bool]) -> None:
    """Attendance of one session: person pk → present (every member must be given)."""
    group = session.group
    if by.district_id != group.district_id or by.role not in _LIST_ROLES:
        raise PermissionError("other district")
    members = set(group.members.values_list("pk", flat=True))
    if set(present) != members:
        raise EarlyRejected({"present": _("Give the attendance of every member.")})
    for person_id, here in present.items():
        Attendance.objects.update_or_create(
            session=session, person_id=person_id, defaults={"present": here}
        )


# --- Own view ----------------------------------------------------------------------------


@transaction.atomic
def own_view_link_issue(*, by: User, case: ProgrammeCase, language: str) -> str:
    """A one-time log-in link to the participant's own view; returns the token (shown once)."""
    if language not in CODES:
        raise EarlyRejected({"language": _("Choose one of the questionnaire's languages.")})
    token = new_token()
    OwnViewLink.objects.create(
        case=case,
        language=language,
        token_hash=token_hash(token),
        created_by=by,
        expires_at=timezone.now() + timedelta(hours=OWN_VIEW_LINK_HOURS),
    )
    return token


@transaction.atomic
def own_view_open(*, token: str, address: str) -> OwnViewLink | None:
    """The link a one-time token opens (then used up), or ``None`` (wrong, expired, used)."""
    link = (
        OwnViewLink.objects.select_for_update()
        .filter(token_hash=token_hash(token), used_at__isnull=True)
        .first()
    )
    if link is None or link.expires_at <= timezone.now():
        _failed(address)
        return None
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    return link


def own_view_logged(case: ProgrammeCase) -> None:
    """Each view of the own view is logged as the data subject's own access."""
    _log(EarlyAccessAction.OWN_VIEW, case_id=case.pk, person=_early_of(case))


def _early_of(case: ProgrammeCase) -> EarlyPerson | None:
    return EarlyPerson.objects.filter(case=case).first()


# --- Retention before settlement ---------------------------------------------------------


@transaction.atomic
def unsettled_purge(*, today: date | None = None, months: int = UNSETTLED_KEPT_MONTHS) -> int:
    """Delete every person never settled whose expected settlement date is more than
    ``months`` ago, with their answers, links, accepted fields and attendance. Returns the
    number deleted. Side effects: one security-log row when any was deleted."""
    if months < 1:
        raise EarlyRejected({"months": _("At least 1 month.")})
    cutoff = (today or clock.today()) - relativedelta(months=months)
    due = EarlyPerson.objects.filter(case__isnull=True, expected_settlement_date__lt=cutoff)
    count = due.count()
    if count:
        due.delete()
        security_event(
            event="early_unsettled_purged",
            detail=f"{count} person(s) never settled deleted, {months} months after the "
            "expected settlement date",
        )
    return count


def attempts_purge() -> int:
    """Delete the failed-attempt rows older than the throttling window (they count for
    nothing any more). Returns the number deleted."""
    deleted, _by_model = LinkAttempt.objects.filter(
        at__lt=timezone.now() - THROTTLE_WINDOW
    ).delete()
    return deleted
