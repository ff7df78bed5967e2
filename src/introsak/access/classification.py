"""The data-classification registry: every field of every model, with purpose and retention.

Each model is listed by its label (``app_label.ModelName``) with

* ``subject``: the lookup from the model to the ``ProgrammeCase`` primary key when its rows
  are about one participant (``"case"``, ``"plan__case"``, ``"pk"`` …), else ``None``. The
  data-subject export collects, and the retention job anonymises, every model with a subject;
* one ``FieldClass`` per field (concrete fields and many-to-many fields): its category (is it
  personal data, does it identify, may it hold sensitive details), its purpose and its
  retention class.

Retention classes (``Retention``) say what happens to a value and when:

* ``ERASE``: participant identity, contact details and free text. Erased when the case is
  anonymised (``apply-retention``: the retention period after the programme ended);
* ``GENERALISE``: kept coarsened at anonymisation (a birth date becomes its year);
* ``STATISTICS``: facts without identity that statistics and audits need (dates, district,
  residence basis, end reason). Kept after anonymisation;
* ``STAFF``: staff accounts; kept while the account exists (accounts are deactivated, never
  deleted, because the logs refer to them);
* ``LOG``: the access and security logs; append-only, kept for the log period (see
  ``docs/security.md``), never changed by the application;
* ``SECURITY``: authentication secrets and throttling records; removed with the device, by
  the cool-off, or when the account is closed;
* ``SESSION``: expires with the session (12 hours at most; ``clearsessions`` runs nightly);
* ``REFERENCE`` and ``TECHNICAL``: no personal data (reference data, keys, timestamps,
  derived columns).

``tests/access/test_classification.py`` enumerates every model in the app registry and fails
for a model or field missing here, and checks that every ``ERASE``/``GENERALISE`` field can be
erased. **A new model or field needs an entry here in the same change** (docs/security.md,
"Adding a model").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Category(StrEnum):
    NONE = "none"  # not personal data
    PERSONAL = "personal"  # about an identifiable person, does not identify by itself
    IDENTIFYING = "identifying"  # identifies a person directly (name, identity number …)
    SENSITIVE = "sensitive"  # free text or facts that may reveal health, family, beliefs …


class Retention(StrEnum):
    ERASE = "erase"
    GENERALISE = "generalise"
    STATISTICS = "statistics"
    STAFF = "staff"
    LOG = "log"
    SECURITY = "security"
    SESSION = "session"
    REFERENCE = "reference"
    TECHNICAL = "technical"


ERASED_AT_ANONYMISATION = frozenset({Retention.ERASE, Retention.GENERALISE})


@dataclass(frozen=True)
class FieldClass:
    category: Category
    retention: Retention
    purpose: str


@dataclass(frozen=True)
class ModelClass:
    subject: str | None
    fields: dict[str, FieldClass] = field(default_factory=dict)


C, R = Category, Retention


def _f(category: Category, retention: Retention, purpose: str) -> FieldClass:
    return FieldClass(category, retention, purpose)


def identity(purpose: str) -> FieldClass:
    return _f(C.IDENTIFYING, R.ERASE, purpose)


def free_text(purpose: str) -> FieldClass:
    return _f(C.SENSITIVE, R.ERASE, purpose)


def fact(purpose: str) -> FieldClass:
    """A fact about the participant kept for statistics after anonymisation."""
    return _f(C.PERSONAL, R.STATISTICS, purpose)


def technical(purpose: str) -> FieldClass:
    return _f(C.NONE, R.TECHNICAL, purpose)


def staff(purpose: str, category: Category = C.PERSONAL) -> FieldClass:
    return _f(category, R.STAFF, purpose)


def log(purpose: str, category: Category = C.PERSONAL) -> FieldClass:
    return _f(category, R.LOG, purpose)


def secret(purpose: str, category: Category = C.PERSONAL) -> FieldClass:
    return _f(category, R.SECURITY, purpose)


PK = technical("Primary key")
CASE = technical("The case the row belongs to")
CREATED = technical("When the row was created")
UPDATED = technical("When the row was last changed")
MINUTES = free_text(
    "Meeting minutes (three-party template heading); may hold health and family details"
)

_CASES: dict[str, ModelClass] = {
    "cases.Person": ModelClass(
        "programme_case",
        {
            "id": PK,
            "national_id": identity(
                "Identify the participant towards the National Registry, NAV "
                "and the immigration authorities"
            ),
            "duf_number": identity(
                "The immigration authorities' case number, for contact with UDI and IMDi"
            ),
            "name": identity("Address the participant and recognise them"),
            "birth_date": _f(
                C.PERSONAL,
                R.GENERALISE,
                "Age rules (target group, under 25); kept as the birth year after anonymisation",
            ),
            "sex": fact("Recorded as given; gender statistics"),
            "residence_basis": fact("Decides right and duty and which rules apply (IL §§ 8, 9)"),
            "permit_date": fact("Start of the deadlines that run from the permit"),
            "settlement_date": fact("Start of the programme-start deadline (IL § 12)"),
            "settled_by_agreement": fact(
                "Whether the person is in the target group by settlement agreement"
            ),
            "education_level": fact("Duration frames and statistics by education at arrival"),
            "has_children_under_18": _f(
                C.SENSITIVE, R.STATISTICS, "Family situation: parental guidance duty; statistics"
            ),
            "expecting_child": _f(
                C.SENSITIVE, R.STATISTICS, "Family situation: leave planning; statistics"
            ),
            "protected_address": fact("Protected-address grading: who may see the person"),
            "address": identity("Postal address (never stored for strictly confidential persons)"),
            "created_at": CREATED,
            "updated_at": UPDATED,
        },
    ),
    "cases.ProgrammeCase": ModelClass(
        "pk",
        {
            "id": PK,
            "case_id": _f(
                C.IDENTIFYING,
                R.ERASE,
                "The case number shared with the municipal "
                "archive; replaced by anon-<id> at anonymisation",
            ),
            "person": technical("The participant"),
            "district": fact("The district whose NAV office runs the programme"),
            "adviser": staff("The participant's programme adviser"),
            "claim_date": fact("Deadline: claim for the programme"),
            "mapping_date": fact("Deadline: competence mapping"),
            "career_guidance_date": fact("Deadline: career guidance"),
            "decision_date": fact("Deadline: programme decision"),
            "start_date": fact("Deadline and statistics: programme start"),
            "part_time_percent": fact("Programme share; work-oriented hours rules"),
            "contract_date": fact("Deadline: integration contract"),
            "jobseeker_registered_date": fact("Deadline: registration as a job seeker"),
            "end_date": fact("Statistics and the start of the retention period"),
            "end_reason": fact("Outcome statistics"),
            "certificate_issued_date": fact("Deadline: participant certificate"),
            "version": technical("Optimistic concurrency"),
            "stage": technical("Derived: where the case is on the path"),
            "next_deadline_rule": technical("Derived: nearest open deadline"),
            "next_deadline_date": technical("Derived: nearest open deadline"),
            "next_deadline_status": technical("Derived: nearest open deadline"),
            "findings_as_of": technical("Derived: when the findings were computed"),
            "flag_not_started_from": technical("Derived: worklist flag"),
            "flag_no_mapping_from": technical("Derived: worklist flag"),
            "flag_no_three_party_from": technical("Derived: worklist flag"),
            "flag_no_contract_from": technical("Derived: worklist flag"),
            "flag_time_running_out_from": technical("Derived: worklist flag"),
            "flag_no_recognition_from": technical("Derived: worklist flag"),
            "flag_no_jobseeker_from": technical("Derived: worklist flag"),
            "flag_work_hours_from": technical("Derived: worklist flag"),
            "flag_no_certificate_from": technical("Derived: worklist flag"),
            "flag_u25_goal_from": technical("Derived: worklist flag"),
            "flag_plan_review_from": technical("Derived: worklist flag"),
            "flag_no_norwegian_from": technical("Derived: worklist flag"),
            "flag_no_work_activity_from": technical("Derived: worklist flag (issue 15)"),
            "placement_ends_on": technical("Derived: worklist filter, placement ending"),
            "flag_school_wait_from": technical("Derived: worklist flag (issue 16)"),
            "flag_no_placement_test_from": technical("Derived: worklist flag (issue 16)"),
            "flag_no_address_from": technical("Derived: worklist flag (issue 16)"),
            "declined_offers": technical("Derived: worklist filter, declined offers"),
            "created_at": CREATED,
            "updated_at": UPDATED,
        },
    ),
    "cases.IntegrationPlan": ModelClass(
        "case",
        {
            "id": PK,
            "case": CASE,
            "decided_on": fact("The plan decision (IL § 15)"),
            "end_goal": fact("End goal; outcome statistics"),
            "goal_oral": fact("Norwegian goal"),
            "goal_reading": fact("Norwegian goal"),
            "goal_listening": fact("Norwegian goal"),
            "goal_writing": fact("Norwegian goal"),
            "duration_months": fact("Programme duration frame"),
            "justification": free_text("Justification of the decision"),
            "created_at": CREATED,
        },
    ),
    "cases.PlanItem": ModelClass(
        "plan__case",
        {
            "id": PK,
            "plan": technical("The plan"),
            "kind": fact("Element or sub-goal"),
            "position": technical("Order in the plan"),
            "text": free_text("The element or sub-goal as written in the plan"),
        },
    ),
    "cases.Meeting": ModelClass(
        "case",
        {
            "id": PK,
            "case": CASE,
            "kind": fact("Meeting kind (three-party, transfer …)"),
            "date": fact("Deadline: meetings"),
            "documented": fact("Deadline: documented minutes"),
            "attendance": MINUTES,
            "norwegian_progress": MINUTES,
            "wellbeing_and_effort": MINUTES,
            "language_practice": MINUTES,
            "other_measures": MINUTES,
            "further_plan": MINUTES,
            "notes": MINUTES,
            "recorded_by": staff("Who recorded the event (shown with it on the case page)"),
        },
    ),
    "cases.Activity": ModelClass(
        "case",
        {
            "id": PK,
            "case": CASE,
            "kind": fact("Programme content; work-oriented hours rules"),
            "start": fact("Programme content period"),
            "end": fact("Programme content period"),
            "hours_per_week": fact("Work-oriented hours rules"),
            "provider": free_text("Provider or workplace (can identify the participant)"),
            "recorded_by": staff("Who recorded the event (shown with it on the case page)"),
        },
    ),
    "cases.Leave": ModelClass(
        "case",
        {
            "id": PK,
            "case": CASE,
            "start": fact("Leave extends the programme (IL § 13)"),
            "end": fact("Leave period"),
            "approved": fact("Only approved leave extends the programme"),
            "reason": free_text("Reason for leave; may hold health details"),
            "recorded_by": staff("Who recorded the event (shown with it on the case page)"),
        },
    ),
    "cases.Extension": ModelClass(
        "case",
        {
            "id": PK,
            "case": CASE,
            "decided_on": fact("Extension decision (IL § 13)"),
            "months": fact("Extension length"),
            "justification": free_text("Justification of the extension"),
            "recorded_by": staff("Who recorded the event (shown with it on the case page)"),
        },
    ),
    "cases.EducationRecognition": ModelClass(
        "case",
        {
            "id": PK,
            "case": CASE,
            "relevant": fact("Recognition of education (Oslostandarden)"),
            "documents_available": fact("Recognition of education"),
            "sent_date": fact("Deadline: recognition application"),
            "sent_by": fact("Who sent the application"),
            "outcome": fact("Recognition outcome"),
            "outcome_date": fact("Recognition outcome"),
            "recorded_by": staff("Who recorded the event (shown with it on the case page)"),
        },
    ),
    "cases.JournalNote": ModelClass(
        "case",
        {
            "id": PK,
            "case": CASE,
            "written_on": fact("Date of the note"),
            "text": free_text("The journal note; may hold health and family details"),
            "author": staff("Who wrote the note"),
            "created_at": CREATED,
        },
    ),
    "cases.CaseFinding": ModelClass(
        "case",
        {
            "id": PK,
            "case": CASE,
            "rule": fact("Stored rule result: which rule"),
            "status": fact("Stored rule result: status"),
            "deadline": fact("Stored rule result: deadline"),
            "satisfied_on": fact("Stored rule result: fulfilled on"),
            "severity": technical("Rule severity (from the catalogue)"),
            "category": technical("Rule category (from the catalogue)"),
        },
    ),
}

_STAFF: dict[str, ModelClass] = {
    "accounts.User": ModelClass(
        None,
        {
            "id": PK,
            "password": secret("Argon2 hash of the password"),
            "last_login": staff("Security follow-up"),
            "is_superuser": staff("Django flag; grants nothing in Introsak's own rules"),
            "username": staff("Log-in name; names the user in the logs", C.IDENTIFYING),
            "first_name": staff("Shown to colleagues and in the access log", C.IDENTIFYING),
            "last_name": staff("Shown to colleagues and in the access log", C.IDENTIFYING),
            "email": staff("Contact", C.IDENTIFYING),
            "is_staff": staff("Django flag; the admin checks the role instead"),
            "is_active": staff("Deactivated accounts cannot log in"),
            "date_joined": staff("Account history"),
            "role": staff("What the user may do (access.permissions)"),
            "district": staff("Which district's cases the user works on"),
            "groups": staff("Django groups (unused by Introsak's rules)"),
            "user_permissions": staff("Django permissions (unused by Introsak's rules)"),
        },
    ),
    "core.District": ModelClass(
        None,
        {
            "id": PK,
            "slug": _f(C.NONE, R.REFERENCE, "District key in files and URLs"),
            "name": _f(C.NONE, R.REFERENCE, "District name"),
            "nav_office": _f(C.NONE, R.REFERENCE, "The district's NAV office"),
            "number": _f(C.NONE, R.REFERENCE, "Oslo's district number"),
        },
    ),
}

_ACCESS: dict[str, ModelClass] = {
    "access.AccessLogEntry": ModelClass(
        "case_id",
        {
            "id": PK,
            "at": log("When the case was opened"),
            "user": log("Who opened it"),
            "person_id": log("Whose case (person id, never an identity number)"),
            "case_id": log("Which case (case id)"),
            "action": log("What was done (page, export, API …)"),
            "purpose": log("Why"),
        },
    ),
    "access.SecurityEvent": ModelClass(
        None,
        {
            "id": PK,
            "at": log("When"),
            "user": log("Whose request (if logged in)"),
            "event": log("What was refused or happened", C.NONE),
            "path": log("Which address (identity numbers masked)"),
            "detail": log("Ids involved (identity numbers masked)"),
        },
    ),
    "access.AuditGrant": ModelClass(
        None,
        {
            "id": PK,
            "user": staff("The auditor"),
            "districts": staff("Which districts"),
            "justification": staff("Why the auditor needs access"),
            "starts_on": staff("Validity"),
            "ends_on": staff("Validity (at most 90 days ahead)"),
            "cases_started_from": staff("Audited period of programme starts"),
            "cases_started_until": staff("Audited period of programme starts"),
            "show_identities": staff("Whether names and identity numbers are shown"),
            "granted_by": staff("Who granted it"),
            "created_at": CREATED,
        },
    ),
    "access.ProtectedPersonClearance": ModelClass(
        "person__programme_case",
        {
            "id": PK,
            "user": staff("The cleared user"),
            "person": _f(C.PERSONAL, R.STAFF, "The strictly confidential person"),
            "justification": staff("Why the user needs to see the person"),
            "granted_by": staff("Who cleared the user"),
            "created_at": CREATED,
        },
    ),
    "access.Anonymisation": ModelClass(
        "case_pk",
        {
            "id": PK,
            "case_pk": log("Which case was anonymised"),
            "person_pk": log("Which person was anonymised"),
            "ended_on": log("When the programme ended"),
            "retention_years": log("The retention period applied", C.NONE),
            "at": log("When"),
        },
    ),
}

_WORKSPACE_AUDITS: dict[str, ModelClass] = {
    "cases.CaseChange": ModelClass(
        "case",
        {
            "id": PK,
            "case": CASE,
            "version": technical("The case's version after the change"),
            "step": fact("Which recording step"),
            "user": staff("Who changed the case"),
            "at": log("When"),
        },
    ),
    "workspace.SavedFilter": ModelClass(
        None,
        {
            "id": PK,
            "user": staff("Whose saved worklist view it is"),
            "name": staff("The name the user gave the view", C.NONE),
            "query": staff(
                "The worklist's filters, sort and scope (never the search text)", C.NONE
            ),
            "created_at": CREATED,
        },
    ),
    "cases.EventCorrection": ModelClass(
        "case",
        {
            "id": PK,
            "case": CASE,
            "version": technical("The case's version after the correction"),
            "event": fact("Which kind of recorded event was corrected"),
            "event_id": technical("Which recorded event was corrected"),
            "changes": free_text(
                "The corrected fields with old and new values (minutes may hold health and "
                "family details); append-only history"
            ),
            "reason": free_text("Why the event was corrected; append-only history"),
            "user": staff("Who corrected the event"),
            "at": log("When"),
        },
    ),
    "audits.Audit": ModelClass(
        None,
        {
            "id": PK,
            "name": technical("The audit's name"),
            "kind": technical("Internal or external"),
            "districts": technical("Audited districts"),
            "started_from": technical("Audited period"),
            "started_to": technical("Audited period"),
            "as_of": technical("Evaluation date"),
            "sample_size": technical("Cases per district"),
            "stratify": technical("Sampling option"),
            "auditors": staff("Who audits"),
            "created_by": staff("Who created the audit"),
            "created_at": CREATED,
        },
    ),
    "audits.AuditCriterion": ModelClass(
        None,
        {
            "id": PK,
            "audit": technical("The audit"),
            "position": technical("Order"),
            "kind": technical("Criterion kind"),
            "code": technical("Rule code"),
            "text": technical("Criterion text"),
        },
    ),
    "audits.AuditSample": ModelClass(
        None,
        {
            "id": PK,
            "audit": technical("The audit"),
            "seed": technical("Random seed"),
            "drawn_at": CREATED,
            "drawn_by": staff("Who drew the sample"),
        },
    ),
    "audits.FrameCase": ModelClass(
        "case",
        {
            "id": PK,
            "sample": technical("The sample"),
            "case": CASE,
            "district": fact("District at sampling"),
            "case_number": _f(C.IDENTIFYING, R.ERASE, "Case number at sampling"),
            "pseudonym": fact("The case's pseudonym in the audit"),
            "residence_group": fact("Stratum at sampling"),
            "end_goal": fact("End goal at sampling"),
            "rank": technical("Random order"),
            "drawn": technical("In the sample"),
            "exclusion": fact("Why the case may not be drawn"),
            "exclusion_note": free_text("Note on the exclusion"),
            "excluded_by": staff("Who excluded it"),
            "excluded_at": technical("When"),
        },
    ),
    "audits.ControlForm": ModelClass(
        "frame_case__case",
        {
            "id": PK,
            "frame_case": technical("The sampled case"),
            "prefilled_at": technical("When the engine pre-filled it"),
        },
    ),
    "audits.ControlFormEntry": ModelClass(
        "form__frame_case__case",
        {
            "id": PK,
            "form": technical("The control form"),
            "criterion": technical("The criterion"),
            "status": fact("Engine result"),
            "computed_outcome": fact("Engine result"),
            "deadline": fact("Engine result"),
            "satisfied_on": fact("Engine result"),
            "explanation_nb": fact("Engine explanation (dates and rules, no free text)"),
            "explanation_en": fact("Engine explanation (dates and rules, no free text)"),
            "evidence": fact("Engine evidence (dates and rule facts)"),
            "assessment": fact("The auditor's assessment"),
            "comment": free_text("The auditor's comment"),
            "assessed_by": staff("Who assessed"),
            "assessed_at": technical("When"),
        },
    ),
}

_FRAMEWORK: dict[str, ModelClass] = {
    "admin.LogEntry": ModelClass(
        None,
        {
            "id": PK,
            "action_time": log("When an administrator changed something"),
            "user": log("Which administrator"),
            "content_type": log("Which kind of object", C.NONE),
            "object_id": log("Which object"),
            "object_repr": log("The object's label (no case content: the case admin is read-only)"),
            "action_flag": log("Added, changed or deleted", C.NONE),
            "change_message": log("Which fields changed"),
        },
    ),
    "auth.Permission": ModelClass(
        None,
        {
            "id": PK,
            "name": technical("Django permission"),
            "content_type": technical("Django permission"),
            "codename": technical("Django permission"),
        },
    ),
    "auth.Group": ModelClass(
        None,
        {
            "id": PK,
            "name": technical("Django group"),
            "permissions": technical("Django group"),
        },
    ),
    "contenttypes.ContentType": ModelClass(
        None,
        {
            "id": PK,
            "app_label": technical("Model registry"),
            "model": technical("Model registry"),
        },
    ),
    "sessions.Session": ModelClass(
        None,
        {
            "session_key": _f(C.PERSONAL, R.SESSION, "Session identifier"),
            "session_data": _f(C.PERSONAL, R.SESSION, "Log-in state and timestamps (no case data)"),
            "expire_date": _f(C.NONE, R.SESSION, "Expiry"),
        },
    ),
    "otp_totp.TOTPDevice": ModelClass(
        None,
        {
            "id": PK,
            "user": secret("Whose authenticator"),
            "name": secret("Device label"),
            "confirmed": secret("Enrolment finished"),
            "throttling_failure_timestamp": secret("Throttling of wrong codes"),
            "throttling_failure_count": secret("Throttling of wrong codes"),
            "created_at": secret("Enrolment time"),
            "last_used_at": secret("Last use"),
            "key": secret("The shared TOTP secret", C.SENSITIVE),
            "step": technical("TOTP parameter"),
            "t0": technical("TOTP parameter"),
            "digits": technical("TOTP parameter"),
            "tolerance": technical("TOTP parameter"),
            "drift": technical("TOTP parameter"),
            "last_t": secret("Replay protection"),
        },
    ),
}

_AXES_FIELDS = {
    "id": PK,
    "user_agent": secret("Browser of a log-in attempt"),
    "ip_address": secret("Address of a log-in attempt"),
    "username": secret("User name tried (masked in logs)", C.IDENTIFYING),
    "http_accept": secret("Request header of a log-in attempt", C.NONE),
    "path_info": secret("Log-in address", C.NONE),
    "attempt_time": secret("When"),
}
_FRAMEWORK |= {
    "axes.AccessAttempt": ModelClass(
        None,
        _AXES_FIELDS
        | {
            "get_data": secret("Query of the failed attempt (passwords removed by axes)"),
            "post_data": secret("Form of the failed attempt (passwords removed by axes)"),
            "failures_since_start": secret("Failure count for the lockout"),
        },
    ),
    "axes.AccessAttemptExpiration": ModelClass(
        None,
        {
            "access_attempt": secret("The attempt"),
            "expires_at": secret("Cool-off end"),
        },
    ),
    "axes.AccessLog": ModelClass(
        None,
        _AXES_FIELDS
        | {
            "logout_time": secret("When the user logged out"),
            "session_hash": secret("Hash of the session key"),
        },
    ),
    "axes.AccessFailureLog": ModelClass(
        None,
        _AXES_FIELDS
        | {
            "locked_out": secret("Whether the attempt was locked out"),
        },
    ),
}

# Early contact before settlement (issue 17; docs/early-contact.md). A person known before
# settlement has no case until settled; then ``case`` links every row here to it.
_EARLY: dict[str, ModelClass] = {
    "early.EarlyPerson": ModelClass(
        "case",
        {
            "id": PK,
            "district": fact("The district that will settle the person"),
            "settlement_worker": staff("The settlement worker responsible before settlement"),
            "adviser": staff("The programme adviser who may read the answers"),
            "name": identity("Address the person in the letter and recognise them"),
            "birth_date": _f(
                C.PERSONAL, R.GENERALISE, "Carried into the case at settlement; birth year kept"
            ),
            "national_id": identity("Carried into the case at settlement"),
            "duf_number": identity("Carried into the case at settlement; contact with UDI/IMDi"),
            "reception_centre": _f(
                C.PERSONAL, R.ERASE, "Where to reach the person before settlement"
            ),
            "expected_settlement_date": fact("Plan the early contact and the pre-course"),
            "household": _f(C.PERSONAL, R.ERASE, "The settlement request's household reference"),
            "language": fact("The language of the letter, questionnaire and own view"),
            "consent_given_on": fact("Consent to early contact (legal basis of the answers)"),
            "consent_withdrawn_at": fact("Withdrawal of consent (the answers were deleted)"),
            "case": CASE,
            "settled_on": fact("Statistics: reached before settlement"),
            "created_at": CREATED,
            "updated_at": UPDATED,
        },
    ),
    "early.QuestionnaireLink": ModelClass(
        "person__case",
        {
            "id": PK,
            "person": technical("Whose link"),
            "token_hash": secret("SHA-256 of the link's token (the token is never stored)"),
            "created_at": CREATED,
            "created_by": staff("Who made the letter"),
            "expires_at": technical("Expiry"),
            "revoked_at": technical("Revocation"),
            "opened_count": log("How often the link was opened"),
            "last_opened_at": log("When the link was last opened"),
        },
    ),
    "early.QuestionnaireAnswers": ModelClass(
        "person__case",
        {
            "id": PK,
            "person": technical("Whose answers"),
            "answers": free_text(
                "The questionnaire's answers (work, education, wishes, obstacles incl. health "
                "and childcare), encrypted; deleted when consent is withdrawn"
            ),
            "last_page": technical("Save and continue"),
            "submitted_at": fact("Statistics: reached before settlement"),
            "updated_at": UPDATED,
        },
    ),
    "early.AcceptedMappingField": ModelClass(
        "person__case",
        {
            "id": PK,
            "person": technical("Whose mapping"),
            "key": technical("Which field of the mapping"),
            "value": free_text("The accepted competence-mapping value, encrypted"),
            "accepted_by": staff("Who accepted it"),
            "accepted_at": technical("When"),
        },
    ),
    "early.LinkAttempt": ModelClass(
        None,
        {
            "id": PK,
            "client": secret("Keyed hash of the address of a failed link attempt (throttling)"),
            "at": secret("When (rows older than the throttling window are not used)"),
        },
    ),
    "early.EarlyAccessEntry": ModelClass(
        "case_id",
        {
            "id": PK,
            "at": log("When"),
            "user": log("Which staff member (empty: the person themself)"),
            "data_subject": log("The person's own access"),
            "early_person_id": log("Which person before settlement (id)"),
            "case_id": log("Which case (id)"),
            "action": log("What was done"),
            "purpose": log("Why (a data-subject export's stated purpose)"),
        },
    ),
    "early.PreCourseGroup": ModelClass(
        None,
        {
            "id": PK,
            "district": technical("The group's district"),
            "name": technical("The group's name"),
            "language": technical("The group's language"),
            "first_session": technical("Schedule"),
            "weeks": technical("Schedule"),
            "members": _f(C.PERSONAL, R.STATISTICS, "Who takes part in the pre-course"),
            "created_by": staff("Who created the group"),
            "created_at": CREATED,
        },
    ),
    "early.PreCourseSession": ModelClass(
        None,
        {
            "id": PK,
            "group": technical("The group"),
            "number": technical("Schedule"),
            "day": technical("Schedule"),
        },
    ),
    "early.Attendance": ModelClass(
        "person__case",
        {
            "id": PK,
            "session": technical("Which session"),
            "person": technical("Who"),
            "present": fact("Pre-course attendance"),
        },
    ),
    "early.OwnViewLink": ModelClass(
        "case",
        {
            "id": PK,
            "case": CASE,
            "language": fact("The own view's language"),
            "token_hash": secret("SHA-256 of the one-time token (the token is never stored)"),
            "created_at": CREATED,
            "created_by": staff("Who made the link"),
            "expires_at": technical("Expiry"),
            "used_at": log("When the link was used"),
        },
    ),
}

# Issue 16: the way into Norwegian training (a case fact) and the intake calendar (reference
# data without persons).
_LEVEL = "Norwegian level (CEFR) per skill: track, goal and test results"
_INTAKE: dict[str, ModelClass] = {
    "cases.TrainingPath": ModelClass(
        "case",
        {
            "id": PK,
            "case": CASE,
            "address_registered_on": fact("Mapping needs a registered address (report L798)"),
            "mapping_appointment_on": fact("Start of the school waiting time"),
            "placement_tested_on": fact("Placement test"),
            "placement_oral": fact(_LEVEL),
            "placement_reading": fact(_LEVEL),
            "placement_listening": fact(_LEVEL),
            "placement_writing": fact(_LEVEL),
            "track": fact("Progression track: class and forecast"),
            "offered_on": fact("School offer: waiting time"),
            "offered_school": fact("School offer: waiting time per school"),
            "offered_start_on": fact("School offer: waiting time"),
            "offer_response": fact("Declined offers: waiting for the preferred school"),
            "preferred_school": fact("Declined offers: school preferences in the forecast"),
            "started_on": fact("End of the school waiting time; NOR-01"),
            "school": fact("Waiting time per school"),
            "attendance_percent": fact("Attendance summary for the three-party meeting"),
            "attendance_as_of": fact("Attendance summary for the three-party meeting"),
            "test_taken_on": fact("Norwegian test taken"),
            "test_oral": fact(_LEVEL),
            "test_reading": fact(_LEVEL),
            "test_listening": fact(_LEVEL),
            "test_writing": fact(_LEVEL),
            "social_studies_test_on": fact("Social-studies test taken"),
            "social_studies_passed": fact("Social-studies test result"),
        },
    ),
    "intake.School": ModelClass(
        None,
        {
            "id": PK,
            "code": _f(C.NONE, R.REFERENCE, "School key in files and case facts"),
            "name": _f(C.NONE, R.REFERENCE, "School name"),
        },
    ),
    "intake.Intake": ModelClass(
        None,
        {
            "id": PK,
            "school": _f(C.NONE, R.REFERENCE, "The school of the intake"),
            "starts_on": _f(C.NONE, R.REFERENCE, "First day of the intake's classes"),
            "ends_on": _f(C.NONE, R.REFERENCE, "Last day before the school's next intake"),
        },
    ),
    "intake.IntakeClass": ModelClass(
        None,
        {
            "id": PK,
            "intake": _f(C.NONE, R.REFERENCE, "The intake of the class"),
            "track": _f(C.NONE, R.REFERENCE, "Progression track of the class"),
            "capacity": _f(C.NONE, R.REFERENCE, "Places in the class: the forecast's capacity"),
        },
    ),
}

REGISTRY: dict[str, ModelClass] = (
    _CASES | _STAFF | _ACCESS | _WORKSPACE_AUDITS | _FRAMEWORK | _EARLY | _INTAKE
)


def model_fields(model: Any) -> list[Any]:
    """The fields a model stores: concrete fields (keys included) and many-to-many fields."""
    return [*model._meta.concrete_fields, *model._meta.many_to_many]


def subject_models() -> dict[str, ModelClass]:
    """Models whose rows are about one participant (collected by the data-subject export)."""
    return {label: entry for label, entry in REGISTRY.items() if entry.subject}


# Issue 15 (work first): the work profile (a case fact) and the placements app. Employers,
# offers, the market board and job fairs are reference data about workplaces (the contact
# person is a staff-like business contact, kept while the employer is registered).
_WORK_FIRST: dict[str, ModelClass] = {
    "cases.WorkProfile": ModelClass(
        "case",
        {
            "id": PK,
            "case": CASE,
            "experience": fact("Matching: occupation codes and years of work experience"),
            "education": free_text("Matching: the participant's education in words"),
            "wished_occupations": fact("Matching: wished occupations (ISCO-08)"),
            "wished_sectors": fact("Matching: wished sectors"),
            "wished_districts": fact("Matching: wished districts"),
            "norwegian_oral": fact("Matching: Norwegian test level, oral"),
            "norwegian_reading": fact("Matching: Norwegian test level, reading"),
            "norwegian_listening": fact("Matching: Norwegian test level, listening"),
            "norwegian_writing": fact("Matching: Norwegian test level, writing"),
            "driving_licence": fact("Matching: driving licence"),
            "available_hours_per_week": fact("Matching: hours available for work"),
            "available_percent": fact("Matching: share of full time available"),
            "job_goal": free_text("The participant's own job goal in words"),
        },
    ),
    "placements.Employer": ModelClass(
        None,
        {
            "id": PK,
            "orgnr": _f(C.NONE, R.REFERENCE, "Organisation number (register key)"),
            "name": _f(C.NONE, R.REFERENCE, "Employer name"),
            "sector": _f(C.NONE, R.REFERENCE, "Sector (Figure 9 statistics, matching)"),
            "ownership": _f(C.NONE, R.REFERENCE, "Municipal or private"),
            "district": _f(C.NONE, R.REFERENCE, "District of the workplace"),
            "contact_name": staff("Employer's contact person"),
            "contact_email": staff("Employer's contact e-mail"),
            "contact_phone": staff("Employer's contact phone"),
            "notes": _f(C.NONE, R.REFERENCE, "Notes about the employer (no participant data)"),
            "created_at": CREATED,
            "updated_at": UPDATED,
        },
    ),
    "placements.PlacementOffer": ModelClass(
        None,
        {
            "id": PK,
            "employer": _f(C.NONE, R.REFERENCE, "The offering employer"),
            "kind": _f(C.NONE, R.REFERENCE, "Kind of placement"),
            "title": _f(C.NONE, R.REFERENCE, "Offer title"),
            "tasks": _f(C.NONE, R.REFERENCE, "Tasks of the place"),
            "occupation": _f(C.NONE, R.REFERENCE, "Occupation (ISCO-08)"),
            "district": _f(C.NONE, R.REFERENCE, "District of the place"),
            "hours_per_week": _f(C.NONE, R.REFERENCE, "Hours of the place"),
            "start": _f(C.NONE, R.REFERENCE, "Period of the offer"),
            "end": _f(C.NONE, R.REFERENCE, "Period of the offer"),
            "capacity": _f(C.NONE, R.REFERENCE, "Number of places"),
            "req_oral": _f(C.NONE, R.REFERENCE, "Norwegian required, oral"),
            "req_reading": _f(C.NONE, R.REFERENCE, "Norwegian required, reading"),
            "req_listening": _f(C.NONE, R.REFERENCE, "Norwegian required, listening"),
            "req_writing": _f(C.NONE, R.REFERENCE, "Norwegian required, writing"),
            "requirement": _f(C.NONE, R.REFERENCE, "Catalogue language requirement"),
            "formal_competence_required": _f(C.NONE, R.REFERENCE, "Formal competence needed"),
            "open": _f(C.NONE, R.REFERENCE, "Whether the offer takes proposals"),
            "created_by": staff("Who registered the offer"),
            "created_at": CREATED,
        },
    ),
    "placements.Placement": ModelClass(
        "case",
        {
            "id": PK,
            "case": CASE,
            "offer": technical("The offer"),
            "status": fact("Pipeline status (practice statistics)"),
            "proposed_on": fact("Pipeline dates"),
            "offered_on": fact("Pipeline dates"),
            "answered_on": fact("Pipeline dates"),
            "decline_reason": fact("Decline reasons (statistics)"),
            "decline_note": free_text("About the reason for declining"),
            "start": fact("Placement period"),
            "end": fact("Placement period"),
            "hours_per_week": fact("Placement hours"),
            "activity": technical("The case activity created at the start"),
            "ended_on": fact("Placement end"),
            "evaluation_on": fact("Evaluation talk"),
            "evaluation": free_text("The evaluation talk; may hold health details"),
            "outcome": fact("Hired at the placement (statistics)"),
            "created_by": staff("Who proposed the placement"),
            "created_at": CREATED,
            "updated_at": UPDATED,
        },
    ),
    "placements.MarketNeed": ModelClass(
        None,
        {
            "id": PK,
            "district": _f(C.NONE, R.REFERENCE, "District of the need (none: city-wide)"),
            "sector": _f(C.NONE, R.REFERENCE, "Sector of the need"),
            "places": _f(C.NONE, R.REFERENCE, "Places needed"),
            "level": _f(C.NONE, R.REFERENCE, "Norwegian level asked for"),
            "description": _f(C.NONE, R.REFERENCE, "The need in words"),
            "posted_on": _f(C.NONE, R.REFERENCE, "When it was posted"),
            "open": _f(C.NONE, R.REFERENCE, "Whether the need is open"),
            "posted_by": staff("Who posted the need"),
        },
    ),
    "placements.JobFair": ModelClass(
        None,
        {
            "id": PK,
            "name": _f(C.NONE, R.REFERENCE, "Job fair name"),
            "held_on": _f(C.NONE, R.REFERENCE, "Job fair date"),
            "district": _f(C.NONE, R.REFERENCE, "Organising district (none: city-wide)"),
            "preparation_sessions": _f(C.NONE, R.REFERENCE, "Preparation sessions offered"),
        },
    ),
    "placements.JobFairInvitation": ModelClass(
        "case",
        {
            "id": PK,
            "fair": technical("The job fair"),
            "case": CASE,
            "sessions_attended": fact("Preparation sessions attended"),
            "attended": fact("Attended the fair"),
            "interviews": fact("Interviews at the fair"),
            "offers": fact("Offers from the fair"),
            "hired": fact("Hired from the fair"),
        },
    ),
}
REGISTRY |= _WORK_FIRST
