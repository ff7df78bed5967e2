"""Early contact before settlement (issue 17): persons known from the settlement request, their
questionnaire links and encrypted answers, pre-course groups, the participant's own-view
links, and the log of what the participant and the staff opened here.

A person known before settlement (``EarlyPerson``) has no ``ProgrammeCase`` yet; at settlement
one is created from this record (``domain.operations.person_settle``) and linked in ``case``,
so that the retention job and the data-subject export reach every row here through it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from introsak.access.models.log import AppendOnlyModel
from introsak.early.crypto import EncryptedTextField
from introsak.early.languages import LANGUAGE_CHOICES


class EarlyPerson(models.Model):
    """A refugee the district will settle, known from IMDi's settlement request."""

    district = models.ForeignKey(
        "core.District", verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    settlement_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("settlement worker"),
        on_delete=models.PROTECT,
        related_name="early_persons",
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("programme adviser"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="early_advised",
    )
    name = models.CharField(_("name"), max_length=200)
    birth_date = models.DateField(_("birth date"))
    national_id = models.CharField(  # noqa: DJ001
        _("national identity number or D-number"), max_length=11, null=True, blank=True
    )
    duf_number = models.CharField(  # noqa: DJ001
        _("DUF number"), max_length=12, null=True, blank=True
    )
    reception_centre = models.CharField(_("reception centre"), max_length=200)
    expected_settlement_date = models.DateField(_("expected settlement date"))
    household = models.CharField(
        _("household"),
        max_length=40,
        blank=True,
        help_text=_("The settlement request's household reference; the same for each member."),
    )
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    consent_given_on = models.DateField(_("consent given"))
    consent_withdrawn_at = models.DateTimeField(_("consent withdrawn"), null=True, blank=True)
    case = models.OneToOneField(
        "cases.ProgrammeCase",
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="early_person",
    )
    settled_on = models.DateField(_("settled"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["expected_settlement_date", "pk"]
        verbose_name = _("person before settlement")
        verbose_name_plural = _("persons before settlement")
        # "An identity number or a DUF number" is checked by ``person_create``, not by a
        # database constraint: retention erases both (access.domain.retention).

    def __str__(self) -> str:
        return f"Early person {self.pk}"


class QuestionnaireLink(models.Model):
    """A link to the questionnaire. Only the SHA-256 of its token is stored."""

    person = models.ForeignKey(EarlyPerson, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    opened_count = models.PositiveIntegerField(_("times opened"), default=0)
    last_opened_at = models.DateTimeField(_("last opened"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("questionnaire link")
        verbose_name_plural = _("questionnaire links")

    def __str__(self) -> str:
        return f"Questionnaire link {self.pk}"


class QuestionnaireAnswers(models.Model):
    """One person's answers: a JSON object, encrypted at rest (``crypto``)."""

    person = models.OneToOneField(EarlyPerson, on_delete=models.CASCADE, related_name="answers")
    answers = EncryptedTextField(_("answers"), blank=True)
    last_page = models.PositiveSmallIntegerField(_("last page saved"), default=0)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("questionnaire answers")
        verbose_name_plural = _("questionnaire answers")

    def __str__(self) -> str:
        return f"Answers {self.pk}"


class AcceptedMappingField(models.Model):
    """One field of the competence mapping, accepted by the adviser from the draft."""

    person = models.ForeignKey(
        EarlyPerson, on_delete=models.CASCADE, related_name="accepted_mapping"
    )
    key = models.CharField(_("field"), max_length=40)
    value = EncryptedTextField(_("value"), blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("accepted mapping field")
        verbose_name_plural = _("accepted mapping fields")
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="early_mapping_one_per_key")
        ]

    def __str__(self) -> str:
        return f"Mapping field {self.key}"


class LinkAttempt(models.Model):
    """A failed attempt to open a link, for throttling (the client as a keyed hash)."""

    client = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["client", "at"], name="early_attempt_client_at")]

    def __str__(self) -> str:
        return f"Attempt {self.pk}"


class EarlyAccessAction(models.TextChoices):
    LINK_OPENED = "link_opened", _("Opened the questionnaire link")
    ANSWERS_SAVED = "answers_saved", _("Saved questionnaire answers")
    ANSWERS_VIEWED = "answers_viewed", _("Read the questionnaire answers")
    ANSWERS_DELETED = "answers_deleted", _("Deleted the answers (consent withdrawn)")
    LETTER_MADE = "letter_made", _("Made a questionnaire letter")
    OWN_VIEW = "own_view", _("The participant opened their own view")
    SUBJECT_EXPORT = "subject_export", _("Data-subject export")


class EarlyAccessEntry(AppendOnlyModel):
    """Who opened what of a person known before settlement, or of their own view.

    ``user`` is empty when the person themself acted (``data_subject``): through the
    questionnaire link or their own view. Append-only like the access log.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    data_subject = models.BooleanField(_("the person themself"), default=False)
    early_person_id = models.BigIntegerField(_("person before settlement"), null=True)
    case_id = models.BigIntegerField(_("case"), null=True)
    action = models.CharField(_("action"), max_length=20, choices=EarlyAccessAction.choices)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("early-contact access entry")
        verbose_name_plural = _("early-contact access log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class PreCourseGroup(models.Model):
    """A pre-course group: at most 10 persons, one session a week for 4 to 6 weeks."""

    district = models.ForeignKey(
        "core.District", verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    first_session = models.DateField(_("first session"))
    weeks = models.PositiveSmallIntegerField(_("weeks"))
    members = models.ManyToManyField(EarlyPerson, related_name="pre_course_groups", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["first_session", "pk"]
        verbose_name = _("pre-course group")
        verbose_name_plural = _("pre-course groups")

    def __str__(self) -> str:
        return self.name


class PreCourseSession(models.Model):
    group = models.ForeignKey(PreCourseGroup, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("session"))
    day = models.DateField(_("date"))

    class Meta:
        ordering = ["group", "number"]
        verbose_name = _("pre-course session")
        verbose_name_plural = _("pre-course sessions")
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="early_session_number")
        ]

    def __str__(self) -> str:
        return f"Session {self.number}"


class Attendance(models.Model):
    session = models.ForeignKey(
        PreCourseSession, on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(EarlyPerson, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="early_attendance_once")
        ]

    def __str__(self) -> str:
        return f"Attendance {self.pk}"


class OwnViewLink(models.Model):
    """A one-time log-in link to the participant's own view (no account, no password)."""

    case = models.ForeignKey(
        "cases.ProgrammeCase", on_delete=models.CASCADE, related_name="own_view_links"
    )
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("own-view link")
        verbose_name_plural = _("own-view links")

    def __str__(self) -> str:
        return f"Own-view link {self.pk}"
