"""Choices of the audit workbench."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditKind(models.TextChoices):
    EXTERNAL = "external", _("Audit")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")


class CriterionKind(models.TextChoices):
    RULE = "rule", _("Rule from the catalogue")
    DERIVED = "derived", _("Derived from the case data")
    MANUAL = "manual", _("Assessed by hand")


class Outcome(models.TextChoices):
    """What a control-form entry says about one criterion for one case.

    ``yes``: the criterion is fulfilled; ``no``: it is not; ``not_applicable``: it does not
    apply to the case (left out of the count); ``open``: not determined (not yet due, a fact
    missing, or a criterion only a person can assess).
    """

    YES = "yes", _("Met")
    NO = "no", _("Not met")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    OPEN = "open", _("Not determined")


class Assessment(models.TextChoices):
    """The auditor's own assessment of one criterion for one case."""

    MET = "met", _("Met")
    DOCUMENTED_ELSEWHERE = "documented_elsewhere", _("Done, documented elsewhere")
    HELD_NOT_DOCUMENTED = "held_not_documented", _("Held but not documented")
    NOT_MET = "not_met", _("Not met")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


# What each assessment counts as. "Held but not documented" is not met: the criteria ask
# for documentation in the journal, which is what the audit could verify.
ASSESSMENT_OUTCOME: dict[str, Outcome] = {
    Assessment.MET: Outcome.YES,
    Assessment.DOCUMENTED_ELSEWHERE: Outcome.YES,
    Assessment.HELD_NOT_DOCUMENTED: Outcome.NO,
    Assessment.NOT_MET: Outcome.NO,
    Assessment.NOT_APPLICABLE: Outcome.NOT_APPLICABLE,
}


class ExclusionReason(models.TextChoices):
    """Why a case in the sampling frame may not be drawn (the report's two exclusions)."""

    END_GOAL = "end_goal", _("End goal is neither work nor education")
    HEALTH = "health", _("Cannot take part for health reasons")


class ResidenceGroup(models.TextChoices):
    """The two groups stratified sampling guarantees in each district."""

    COLLECTIVE_PROTECTION = "collective_protection", _("Collective protection")
    OTHER = "other", _("Other residence basis")
