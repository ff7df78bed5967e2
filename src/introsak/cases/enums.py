"""Choices for the case models: the case-facts enumerations with translated labels.

The values are exactly those of ``introsak.casefacts.enums`` (a test checks they agree), so
a model field holds the same string as the interchange format.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResidenceBasis(models.TextChoices):
    COLLECTIVE_PROTECTION = "collective_protection", _("Collective protection (§ 34)")
    REFUGEE = "refugee", _("Refugee (§ 28)")
    RESETTLEMENT_REFUGEE = "resettlement_refugee", _("Resettlement refugee (§ 35)")
    HUMANITARIAN = "humanitarian", _("Strong humanitarian grounds (§ 38)")
    FAMILY_REUNIFICATION = "family_reunification", _("Family reunification")
    INDEPENDENT_PERMIT = "independent_permit", _("Independent permit (§ 53)")
    OTHER = "other", _("Other basis")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class EducationLevel(models.TextChoices):
    NONE = "none", _("No completed schooling")
    PRIMARY = "primary", _("Primary and lower secondary")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary")
    VOCATIONAL_COLLEGE = "vocational_college", _("Vocational college")
    HIGHER = "higher", _("Higher education")


class ProtectedAddress(models.TextChoices):
    NONE = "none", _("Not protected")
    CONFIDENTIAL = "confidential", _("Confidential address")
    STRICTLY_CONFIDENTIAL = "strictly_confidential", _("Strictly confidential address")


class EndGoal(models.TextChoices):
    WORK = "work", _("Work")
    EDUCATION = "education", _("Education")
    UPPER_SECONDARY_COMPLETION = "upper_secondary_completion", _("Completed upper secondary")
    PRIMARY_EDUCATION = "primary_education", _("Primary education")
    OTHER = "other", _("Other")


class CefrLevel(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class MeetingKind(models.TextChoices):
    THREE_PARTY = "three_party", _("Three-party meeting")
    TRANSFER = "transfer", _("Transfer meeting")
    CLOSING = "closing", _("Closing meeting")
    RESOURCE_TEAM = "resource_team", _("Resource team meeting")


class ActivityKind(models.TextChoices):
    NORWEGIAN_TRAINING = "norwegian_training", _("Norwegian training")
    SOCIAL_STUDIES = "social_studies", _("Social studies")
    LIFE_SKILLS_COURSE = "life_skills_course", _("Life-skills course")
    PARENTAL_GUIDANCE = "parental_guidance", _("Parental guidance course")
    LANGUAGE_PRACTICE = "language_practice", _("Language practice")
    WORK_PRACTICE = "work_practice", _("Work practice")
    JOB_WORKSHOP = "job_workshop", _("Job workshop")
    LABOUR_MARKET_MEASURE = "labour_market_measure", _("Labour-market measure")
    PART_TIME_WORK = "part_time_work", _("Part-time work")
    VOCATIONAL_COURSE = "vocational_course", _("Vocational course")
    WAGE_SUBSIDY_JOB = "wage_subsidy_job", _("Job with wage subsidy")
    JOB_FAIR = "job_fair", _("Job fair")
    PRE_COURSE = "pre_course", _("Pre-course")
    OTHER = "other", _("Other activity")


class SentBy(models.TextChoices):
    NAV = "nav", _("NAV")
    PARTICIPANT = "participant", _("The participant")


class RecognitionOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    PARTIALLY_APPROVED = "partially_approved", _("Partially approved")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EndReason(models.TextChoices):
    WORK = "work", _("Work")
    EDUCATION = "education", _("Education")
    LABOUR_MARKET_MEASURE = "labour_market_measure", _("Labour-market measure")
    QUALIFICATION_MEASURE = "qualification_measure", _("Qualifying measure")
    OTHER = "other", _("Other")
    NOT_REGISTERED = "not_registered", _("Not registered")


class Stage(models.TextChoices):
    """Where a case is on the path; derived from its facts (``cases.domain.stage``)."""

    SETTLED = "settled", _("Settled")
    MAPPED = "mapped", _("Competence mapped")
    DECIDED = "decided", _("Programme decided")
    IN_PROGRAMME = "in_programme", _("In programme")
    ENDED = "ended", _("Ended")
    CERTIFIED = "certified", _("Ended, certificate issued")


class FindingStatus(models.TextChoices):
    MET = "met", _("Met")
    MET_LATE = "met_late", _("Met late")
    PENDING = "pending", _("Pending")
    OVERDUE = "overdue", _("Overdue")
    BREACH = "breach", _("Breach")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    UNKNOWN = "unknown", _("Unknown")


OPEN_STATUSES = (FindingStatus.PENDING, FindingStatus.OVERDUE)


class Step(models.TextChoices):
    """The recording steps of a case, one per operation (``domain.operations``)."""

    MAPPING = "mapping", _("Competence mapping")
    GUIDANCE = "guidance", _("Career guidance")
    DECISION = "decision", _("Programme decision and first plan")
    PLAN = "plan", _("Plan revision")
    CONTRACT = "contract", _("Integration contract")
    START = "start", _("Programme start")
    MEETING = "meeting", _("Meeting")
    ACTIVITY = "activity", _("Activity or practice placement")
    LEAVE = "leave", _("Leave")
    EXTENSION = "extension", _("Extension")
    RECOGNITION = "recognition", _("Recognition of education")
    JOBSEEKER = "jobseeker", _("Job-seeker registration")
    END = "end", _("Programme end")
    CERTIFICATE = "certificate", _("Participant certificate")
    JOURNAL = "journal", _("Journal note")
    REASSIGN = "reassign", _("Change of programme adviser")
