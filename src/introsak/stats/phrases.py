"""Translated words the statistics use, in one place.

The categories carry a message context ("end reason", "education", …) so that a short word
such as "Other" can be translated differently in the statistics than elsewhere.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

END_REASONS: dict[str, Promise] = {
    "work": pgettext_lazy("end reason", "Work"),
    "education": pgettext_lazy("end reason", "Education"),
    "labour_market_measure": pgettext_lazy("end reason", "Labour-market measure"),
    "qualification_measure": pgettext_lazy("end reason", "Qualifying measure"),
    "other": pgettext_lazy("end reason", "Other"),
    "not_registered": pgettext_lazy("end reason", "Not registered"),
}

BASIS_GROUPS: dict[str, Promise] = {
    "collective": pgettext_lazy("residence basis", "Collective protection"),
    "other": pgettext_lazy("residence basis", "Other residence basis"),
}

EDUCATION_LEVELS: dict[str, Promise] = {
    "none": pgettext_lazy("education", "No completed schooling"),
    "primary": pgettext_lazy("education", "Primary and lower secondary"),
    "upper_secondary": pgettext_lazy("education", "Upper secondary"),
    "vocational_college": pgettext_lazy("education", "Vocational college"),
    "higher": pgettext_lazy("education", "Higher education"),
}

COMPLIANCE_STATUSES: dict[str, Promise] = {
    "met": pgettext_lazy("finding", "Met on time"),
    "met_late": pgettext_lazy("finding", "Met late"),
    "overdue": pgettext_lazy("finding", "Overdue"),
    "breach": pgettext_lazy("finding", "Breach"),
}

TOTAL = _("Total")
OSLO = _("Oslo")
SELECTED_DISTRICTS = _("Selected districts")
DISTRICT = _("District")
ALL_YEARS = _("All years")
END_REASON = _("End reason")
EDUCATION_AT_ARRIVAL = _("Education at arrival")
RULE = _("Rule")
SUPPRESSED = _("Hidden to protect privacy")
SUPPRESSION_RULE = _(
    "Counts from 1 to 4 are hidden and shown as “–” (0 is shown). So many other numbers are "
    "hidden as well that no hidden number can be worked out from the totals or the other "
    "numbers. Shares and averages of hidden counts are hidden too."
)
HIDDEN_IN_SHEET = _(
    "Empty grey cells are hidden to protect privacy: counts from 1 to 4, and other numbers "
    "that would reveal them."
)
EVERY_DISTRICT = _(
    "This table is not by district and counts every district: where small numbers are "
    "hidden, choosing districts applies only to tables by district, so that two choices "
    "cannot be subtracted from each other."
)
WHOLE_MONTHS = _(
    "Periods are counted in whole calendar months (the current month up to today), so that "
    "moving a date by a day cannot reveal a single person."
)

# The rule engine's titles are English; these are the same titles, translatable.
RULE_TITLES: dict[str, Promise] = {
    "START-01": pgettext_lazy("rule", "Programme start within 3 months"),
    "MAP-01": pgettext_lazy("rule", "Competence mapping before the decision"),
    "GUIDE-01": pgettext_lazy("rule", "Career guidance before the decision"),
    "PLAN-01": pgettext_lazy("rule", "Integration plan made with the decision"),
    "CONTRACT-01": pgettext_lazy("rule", "Integration contract with the plan"),
    "GOAL-01": pgettext_lazy("rule", "End goal set"),
    "DURATION-01": pgettext_lazy("rule", "Duration within the legal frame"),
    "END-01": pgettext_lazy("rule", "Programme ends on time"),
    "WORK-15H-01": pgettext_lazy("rule", "Work-oriented content from month 4"),
    "TRI-01": pgettext_lazy("rule", "Three-party meetings"),
    "EDU-01": pgettext_lazy("rule", "Recognition of education applied for early"),
    "JOBSEEK-01": pgettext_lazy("rule", "Registered as job seeker"),
    "PARENT-01": pgettext_lazy("rule", "Parental guidance course"),
    "LIFE-01": pgettext_lazy("rule", "Life-skills course"),
    "CERT-01": pgettext_lazy("rule", "Participant certificate"),
    "U25-01": pgettext_lazy("rule", "Under 25: completed upper secondary as the end goal"),
    "FULLTIME-01": pgettext_lazy("rule", "Full-time, all-year programme"),
    "WORK-MIN-01": pgettext_lazy("rule", "Work-oriented minimum for the end goal work"),
    "PLANREV-01": pgettext_lazy("rule", "Integration plan reviewed regularly"),
    "NOR-01": pgettext_lazy("rule", "Norwegian training offered"),
    "SOC-01": pgettext_lazy("rule", "Social studies completed"),
}
