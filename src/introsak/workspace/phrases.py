"""Reusable translated words of the workspace: rule titles, statuses and their colours,
the person's category. Kept in one place so the worklist, the case page and the forms say
the same thing the same way."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from introsak.cases.enums import FindingStatus


def choice_labels(choices: type[models.TextChoices]) -> Mapping[str, str]:
    """Value → label in the active language (the model's ``get_FOO_display`` rebuilds and
    hashes the choices on every call). Computed once per language and process: the
    translation catalogues do not change while the process runs."""
    return _choice_labels(choices, get_language() or "")


@lru_cache(maxsize=256)
def _choice_labels(choices: type[models.TextChoices], language: str) -> Mapping[str, str]:
    return MappingProxyType({value: str(label) for value, label in choices.choices})


# A short title per rule of the catalogue (shared/spec/rules.md), as caseworkers say it.
RULE_TITLES: dict[str, StrOrPromise] = {
    "START-01": _("Programme start within 3 months"),
    "MAP-01": _("Competence mapping before the decision"),
    "GUIDE-01": _("Career guidance before the decision"),
    "PLAN-01": _("Integration plan with the decision"),
    "CONTRACT-01": _("Integration contract with the plan"),
    "GOAL-01": _("End goal set"),
    "DURATION-01": _("Duration within the legal frame"),
    "END-01": _("Programme ends on time"),
    "WORK-15H-01": _("15 hours of work-oriented content from month 4"),
    "TRI-01": _("Three-party meetings"),
    "EDU-01": _("Recognition of education applied for"),
    "JOBSEEK-01": _("Registered as job seeker"),
    "PARENT-01": _("Parental guidance course"),
    "LIFE-01": _("Life-skills course"),
    "CERT-01": _("Participant certificate"),
    "U25-01": _("Under 25: completed upper secondary as the end goal"),
    "FULLTIME-01": _("Full-time, all-year programme"),
    "WORK-MIN-01": _("Work-oriented minimum for the end goal work"),
    "PLANREV-01": _("Integration plan reviewed regularly"),
    "NOR-01": _("Norwegian training offered"),
    "SOC-01": _("Social studies completed"),
}


def rule_title(rule: str) -> StrOrPromise:
    return RULE_TITLES.get(rule, rule)


# Designsystemet colour per finding status; the status is always written out as well.
STATUS_COLOURS: dict[str, str] = {
    FindingStatus.MET: "success",
    FindingStatus.MET_LATE: "warning",
    FindingStatus.PENDING: "info",
    FindingStatus.OVERDUE: "danger",
    FindingStatus.BREACH: "danger",
    FindingStatus.NOT_APPLICABLE: "neutral",
    FindingStatus.UNKNOWN: "warning",
}

# Shown instead of the plain "Pending" when a pending deadline is close.
DUE_SOON = _("Due soon")

CATEGORY_LABELS: dict[str, StrOrPromise] = {
    "right_and_duty": _("Right and duty"),
    "right_only": _("Right, no duty"),
    "may_offer": _("May be offered the programme"),
    "none": _("Outside the target group"),
}

SEVERITY_LABELS: dict[str, StrOrPromise] = {
    "shall": _("Shall (legal duty)"),
    "should": _("Should (norm)"),
}


def status_label(status: str) -> StrOrPromise:
    try:
        return FindingStatus(status).label
    except ValueError:
        return status


# The state of a step on the case page's timeline: (label, colour).
TIMELINE_STATES: dict[str, tuple[StrOrPromise, str]] = {
    "done": (_("Done"), "success"),
    "late": (_("Done late"), "warning"),
    # The finding status's own word ("Pending" / "Åpen"): one word per status and language.
    "open": (FindingStatus.PENDING.label, "info"),
    "overdue": (_("Overdue"), "danger"),
    "breach": (_("Breach"), "danger"),
    "not_applicable": (_("Does not apply"), "neutral"),
    "unknown": (_("Facts missing"), "warning"),
    "missing": (_("Not recorded"), "neutral"),
    "none": (_("None recorded"), "neutral"),
    "recorded": (_("Recorded"), "success"),
}
