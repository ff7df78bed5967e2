"""Enumerations of the case-facts format (``shared/spec/case-facts.md``).

Each enumeration is a ``StrEnum`` whose values are the exact strings of the format. Django
models use them as ``choices`` (with translated labels in ``introsak.cases.enums``).
"""

from enum import StrEnum


class ResidenceBasis(StrEnum):
    COLLECTIVE_PROTECTION = "collective_protection"  # utlendingsloven § 34
    REFUGEE = "refugee"  # § 28
    RESETTLEMENT_REFUGEE = "resettlement_refugee"  # § 35
    HUMANITARIAN = "humanitarian"  # § 38
    FAMILY_REUNIFICATION = "family_reunification"  # ch. 6
    INDEPENDENT_PERMIT = "independent_permit"  # § 53
    OTHER = "other"  # no § 9 basis


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"


class EducationLevel(StrEnum):
    NONE = "none"
    PRIMARY = "primary"
    UPPER_SECONDARY = "upper_secondary"
    VOCATIONAL_COLLEGE = "vocational_college"
    HIGHER = "higher"


class ProtectedAddress(StrEnum):
    NONE = "none"
    CONFIDENTIAL = "confidential"  # fortrolig (formerly "kode 7")
    STRICTLY_CONFIDENTIAL = "strictly_confidential"  # strengt fortrolig (formerly "kode 6")


class EndGoal(StrEnum):
    WORK = "work"
    EDUCATION = "education"
    UPPER_SECONDARY_COMPLETION = "upper_secondary_completion"
    PRIMARY_EDUCATION = "primary_education"
    OTHER = "other"


class MeetingKind(StrEnum):
    THREE_PARTY = "three_party"
    TRANSFER = "transfer"
    CLOSING = "closing"
    RESOURCE_TEAM = "resource_team"


class ActivityKind(StrEnum):
    NORWEGIAN_TRAINING = "norwegian_training"
    SOCIAL_STUDIES = "social_studies"
    LIFE_SKILLS_COURSE = "life_skills_course"
    PARENTAL_GUIDANCE = "parental_guidance"
    LANGUAGE_PRACTICE = "language_practice"
    WORK_PRACTICE = "work_practice"
    JOB_WORKSHOP = "job_workshop"
    LABOUR_MARKET_MEASURE = "labour_market_measure"
    PART_TIME_WORK = "part_time_work"
    VOCATIONAL_COURSE = "vocational_course"
    WAGE_SUBSIDY_JOB = "wage_subsidy_job"
    JOB_FAIR = "job_fair"
    PRE_COURSE = "pre_course"
    OTHER = "other"


class SentBy(StrEnum):
    NAV = "nav"
    PARTICIPANT = "participant"


class EndReason(StrEnum):
    WORK = "work"
    EDUCATION = "education"
    LABOUR_MARKET_MEASURE = "labour_market_measure"
    QUALIFICATION_MEASURE = "qualification_measure"
    OTHER = "other"
    NOT_REGISTERED = "not_registered"


# --- Introsak extension enumerations (optional fields, see docs/case-facts.md) -------------


class CefrLevel(StrEnum):
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"


class LanguageSkill(StrEnum):
    ORAL = "oral"
    READING = "reading"
    LISTENING = "listening"
    WRITING = "writing"


class RecognitionOutcome(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    PARTIALLY_APPROVED = "partially_approved"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class TrainingTrack(StrEnum):
    """The progression track the service centre places a learner in (report, language class
    placement): slow (A2 written / B1 oral), medium (B1), fast (B1 written / B2 oral)."""

    SLOW = "slow"
    MEDIUM = "medium"
    FAST = "fast"


class OfferResponse(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"  # waiting for a place at the preferred school


PRACTICE_PLACEMENT_KINDS = frozenset({ActivityKind.LANGUAGE_PRACTICE, ActivityKind.WORK_PRACTICE})


class Sector(StrEnum):
    """Where a workplace belongs (issue 15). The first twelve cover the audit report's
    Figure 9 (the practice places the districts named; kindergartens split municipal and
    private by the employer's ownership); the rest are common places beyond it."""

    KINDERGARTEN = "kindergarten"
    SCHOOL_AKS = "school_aks"  # school and after-school programme (AKS)
    DISTRICT_ADMINISTRATION = "district_administration"
    HOME_SERVICES = "home_services"
    NURSING_HOME = "nursing_home"
    SHOP = "shop"
    GROCERY = "grocery"
    CLEANING = "cleaning"
    CANTEEN = "canteen"
    RESTAURANT = "restaurant"
    HOTEL = "hotel"
    HEALTH = "health"
    CONSTRUCTION = "construction"
    TRANSPORT = "transport"
    MANUFACTURING = "manufacturing"
    OFFICE_IT = "office_it"
    LABOUR_MARKET_ENTERPRISE = "labour_market_enterprise"
    VOLUNTARY = "voluntary"
    OTHER = "other"


# --- placements (issue 15): the ``placements`` extension (docs/case-facts.md) ------------------


class Ownership(StrEnum):
    """Who owns an employer; Figure 9 splits kindergartens by it (municipal or private)."""

    MUNICIPAL = "municipal"
    PRIVATE = "private"
    STATE = "state"
    VOLUNTARY = "voluntary"


class PlacementKind(StrEnum):
    LANGUAGE_PRACTICE = "language_practice"
    WORK_PRACTICE = "work_practice"
    WAGE_SUBSIDY_JOB = "wage_subsidy_job"
    PART_TIME_JOB = "part_time_job"
    APPRENTICESHIP = "apprenticeship"
    JOB_TRIAL = "job_trial"


class PlacementStatus(StrEnum):
    """Where a placement is in the pipeline (``placements.domain.pipeline``)."""

    PROPOSED = "proposed"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    STARTED = "started"
    ENDED = "ended"


class DeclineReason(StrEnum):
    NOT_RELEVANT = "not_relevant"
    HOURS = "hours"
    TRAVEL = "travel"
    CHILDCARE = "childcare"
    HEALTH = "health"
    LANGUAGE = "language"
    OTHER_OFFER = "other_offer"
    EMPLOYER = "employer"
    OTHER = "other"


class Outcome(StrEnum):
    """How an ended placement ended."""

    HIRED = "hired"
    WAGE_SUBSIDY = "wage_subsidy"
    NOT_HIRED = "not_hired"


# The case activity a started placement becomes (what WORK-15H-01 counts). An apprenticeship
# is paid work with training; a job trial (arbeidsutprøving) is a NAV labour-market measure.
ACTIVITY_OF_PLACEMENT_KIND: dict[PlacementKind, ActivityKind] = {
    PlacementKind.LANGUAGE_PRACTICE: ActivityKind.LANGUAGE_PRACTICE,
    PlacementKind.WORK_PRACTICE: ActivityKind.WORK_PRACTICE,
    PlacementKind.WAGE_SUBSIDY_JOB: ActivityKind.WAGE_SUBSIDY_JOB,
    PlacementKind.PART_TIME_JOB: ActivityKind.PART_TIME_WORK,
    PlacementKind.APPRENTICESHIP: ActivityKind.PART_TIME_WORK,
    PlacementKind.JOB_TRIAL: ActivityKind.LABOUR_MARKET_MEASURE,
}
