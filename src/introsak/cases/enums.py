"""Choices for the case models: the case-facts enumerations with translated labels.

The values are defined once, in ``introsak.casefacts.enums`` (the interchange format, pure
Python); each choices class here is built from that enumeration (same values, same order)
and adds only the translated label of every value. A value without a label, or a label for
no value, fails at import. Code that needs a value by name uses the case-facts enumeration
(``casefacts.enums.ProtectedAddress.NONE``); models and forms use the choices here.
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, cast

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from introsak.casefacts import enums as facts


def labelled(
    values: type[StrEnum], labels: Mapping[StrEnum, StrOrPromise]
) -> type[models.TextChoices]:
    """Model choices with the values of ``values``, in order, and a label for each."""
    unlabelled = [member.value for member in values if member not in labels]
    unknown = [str(key) for key in labels if key not in set(values)]
    if unlabelled or unknown:
        raise ValueError(f"{values.__name__}: no label for {unlabelled}, no value for {unknown}")
    members = [(member.name, (member.value, labels[member])) for member in values]
    functional_api: Any = models.TextChoices  # the stubs know only the class syntax
    return cast(
        "type[models.TextChoices]", functional_api(values.__name__, members, module=__name__)
    )


ResidenceBasis = labelled(
    facts.ResidenceBasis,
    {
        facts.ResidenceBasis.COLLECTIVE_PROTECTION: _("Collective protection (§ 34)"),
        facts.ResidenceBasis.REFUGEE: _("Refugee (§ 28)"),
        facts.ResidenceBasis.RESETTLEMENT_REFUGEE: _("Resettlement refugee (§ 35)"),
        facts.ResidenceBasis.HUMANITARIAN: _("Strong humanitarian grounds (§ 38)"),
        facts.ResidenceBasis.FAMILY_REUNIFICATION: _("Family reunification"),
        facts.ResidenceBasis.INDEPENDENT_PERMIT: _("Independent permit (§ 53)"),
        facts.ResidenceBasis.OTHER: _("Other basis"),
    },
)


Sex = labelled(
    facts.Sex,
    {
        facts.Sex.FEMALE: _("Female"),
        facts.Sex.MALE: _("Male"),
    },
)


EducationLevel = labelled(
    facts.EducationLevel,
    {
        facts.EducationLevel.NONE: _("No completed schooling"),
        facts.EducationLevel.PRIMARY: _("Primary and lower secondary"),
        facts.EducationLevel.UPPER_SECONDARY: _("Upper secondary"),
        facts.EducationLevel.VOCATIONAL_COLLEGE: _("Vocational college"),
        facts.EducationLevel.HIGHER: _("Higher education"),
    },
)


ProtectedAddress = labelled(
    facts.ProtectedAddress,
    {
        facts.ProtectedAddress.NONE: _("Not protected"),
        facts.ProtectedAddress.CONFIDENTIAL: _("Confidential address"),
        facts.ProtectedAddress.STRICTLY_CONFIDENTIAL: _("Strictly confidential address"),
    },
)


EndGoal = labelled(
    facts.EndGoal,
    {
        facts.EndGoal.WORK: _("Work"),
        facts.EndGoal.EDUCATION: _("Education"),
        facts.EndGoal.UPPER_SECONDARY_COMPLETION: _("Completed upper secondary"),
        facts.EndGoal.PRIMARY_EDUCATION: _("Primary education"),
        facts.EndGoal.OTHER: _("Other"),
    },
)


CefrLevel = labelled(
    facts.CefrLevel,
    {
        facts.CefrLevel.A1: "A1",
        facts.CefrLevel.A2: "A2",
        facts.CefrLevel.B1: "B1",
        facts.CefrLevel.B2: "B2",
        facts.CefrLevel.C1: "C1",
        facts.CefrLevel.C2: "C2",
    },
)


MeetingKind = labelled(
    facts.MeetingKind,
    {
        facts.MeetingKind.THREE_PARTY: _("Three-party meeting"),
        facts.MeetingKind.TRANSFER: _("Transfer meeting"),
        facts.MeetingKind.CLOSING: _("Closing meeting"),
        facts.MeetingKind.RESOURCE_TEAM: _("Resource team meeting"),
    },
)


ActivityKind = labelled(
    facts.ActivityKind,
    {
        facts.ActivityKind.NORWEGIAN_TRAINING: _("Norwegian training"),
        facts.ActivityKind.SOCIAL_STUDIES: _("Social studies"),
        facts.ActivityKind.LIFE_SKILLS_COURSE: _("Life-skills course"),
        facts.ActivityKind.PARENTAL_GUIDANCE: _("Parental guidance course"),
        facts.ActivityKind.LANGUAGE_PRACTICE: _("Language practice"),
        facts.ActivityKind.WORK_PRACTICE: _("Work practice"),
        facts.ActivityKind.JOB_WORKSHOP: _("Job workshop"),
        facts.ActivityKind.LABOUR_MARKET_MEASURE: _("Labour-market measure"),
        facts.ActivityKind.PART_TIME_WORK: _("Part-time work"),
        facts.ActivityKind.VOCATIONAL_COURSE: _("Vocational course"),
        facts.ActivityKind.WAGE_SUBSIDY_JOB: _("Job with wage subsidy"),
        facts.ActivityKind.JOB_FAIR: _("Job fair"),
        facts.ActivityKind.PRE_COURSE: _("Pre-course"),
        facts.ActivityKind.OTHER: _("Other activity"),
    },
)


SentBy = labelled(
    facts.SentBy,
    {
        facts.SentBy.NAV: _("NAV"),
        facts.SentBy.PARTICIPANT: _("The participant"),
    },
)


RecognitionOutcome = labelled(
    facts.RecognitionOutcome,
    {
        facts.RecognitionOutcome.PENDING: _("Pending"),
        facts.RecognitionOutcome.APPROVED: _("Approved"),
        facts.RecognitionOutcome.PARTIALLY_APPROVED: _("Partially approved"),
        facts.RecognitionOutcome.REFUSED: _("Refused"),
        facts.RecognitionOutcome.WITHDRAWN: _("Withdrawn"),
    },
)


TrainingTrack = labelled(
    facts.TrainingTrack,
    {
        facts.TrainingTrack.SLOW: _("Slow progression (A2 written, B1 oral)"),
        facts.TrainingTrack.MEDIUM: _("Medium progression (B1)"),
        facts.TrainingTrack.FAST: _("Fast progression (B1 written, B2 oral)"),
    },
)


OfferResponse = labelled(
    facts.OfferResponse,
    {
        facts.OfferResponse.ACCEPTED: _("Accepted"),
        facts.OfferResponse.DECLINED: _("Declined: waiting for the preferred school"),
    },
)


EndReason = labelled(
    facts.EndReason,
    {
        facts.EndReason.WORK: _("Work"),
        facts.EndReason.EDUCATION: _("Education"),
        facts.EndReason.LABOUR_MARKET_MEASURE: _("Labour-market measure"),
        facts.EndReason.QUALIFICATION_MEASURE: _("Qualifying measure"),
        facts.EndReason.OTHER: _("Other"),
        facts.EndReason.NOT_REGISTERED: _("Not registered"),
    },
)


Sector = labelled(
    facts.Sector,
    {
        facts.Sector.KINDERGARTEN: _("Kindergarten"),
        facts.Sector.SCHOOL_AKS: _("School and after-school programme (AKS)"),
        facts.Sector.DISTRICT_ADMINISTRATION: _("District administration"),
        facts.Sector.HOME_SERVICES: _("Home services"),
        facts.Sector.NURSING_HOME: _("Nursing home"),
        facts.Sector.SHOP: _("Shop"),
        facts.Sector.GROCERY: _("Grocery"),
        facts.Sector.CLEANING: _("Cleaning"),
        facts.Sector.CANTEEN: _("Canteen"),
        facts.Sector.RESTAURANT: _("Restaurant"),
        facts.Sector.HOTEL: _("Hotel"),
        facts.Sector.HEALTH: _("Health services"),
        facts.Sector.CONSTRUCTION: _("Construction"),
        facts.Sector.TRANSPORT: _("Transport and logistics"),
        facts.Sector.MANUFACTURING: _("Manufacturing"),
        facts.Sector.OFFICE_IT: _("Office and IT"),
        facts.Sector.LABOUR_MARKET_ENTERPRISE: _("Labour-market enterprise"),
        facts.Sector.VOLUNTARY: _("Voluntary organisation"),
        facts.Sector.OTHER: _("Other"),
    },
)


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
    CORRECTION = "correction", _("Correction of a recorded event")
    WORK_PROFILE = "work_profile", _("Work profile")
    TRAINING = "training", _("Way into Norwegian training")


class EventKind(models.TextChoices):
    """The recorded events that can be corrected afterwards (``domain.operations``)."""

    MEETING = "meeting", _("Meeting")
    ACTIVITY = "activity", _("Activity or practice placement")
    LEAVE = "leave", _("Leave")
    EXTENSION = "extension", _("Extension")
    RECOGNITION = "recognition", _("Recognition of education")
