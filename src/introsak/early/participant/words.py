"""The own view's words in the participant's language (message context ``participant``):
the rules' deadlines in plain words, end goals, meeting and activity kinds."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

# What the municipality (or the participant with it) must do, by rule, in plain words.
DEADLINE_WORDS: dict[str, Promise] = {
    "START-01": pgettext_lazy(
        "participant", "Your introduction programme must start by this date."
    ),
    "MAP-01": pgettext_lazy(
        "participant", "Your skills, education and work experience must be mapped by this date."
    ),
    "NOR-01": pgettext_lazy("participant", "You must be offered Norwegian classes by this date."),
    "PLAN-01": pgettext_lazy(
        "participant", "You and your adviser must agree on your integration plan by this date."
    ),
    "GOAL-01": pgettext_lazy(
        "participant", "Your end goal (work or education) must be set by this date."
    ),
    "CONTRACT-01": pgettext_lazy(
        "participant", "Your integration contract must be signed by this date."
    ),
    "PLANREV-01": pgettext_lazy(
        "participant", "Your plan must be looked at again with you by this date."
    ),
    "END-01": pgettext_lazy("participant", "Your programme ends at the latest on this date."),
    "CERT-01": pgettext_lazy(
        "participant", "You must get your participant certificate by this date."
    ),
}

END_GOALS: dict[str, Promise] = {
    "work": pgettext_lazy("participant", "Work"),
    "education": pgettext_lazy("participant", "Education"),
    "upper_secondary_completion": pgettext_lazy("participant", "Completed upper secondary school"),
    "primary_education": pgettext_lazy("participant", "Primary school education"),
    "other": pgettext_lazy("participant", "Another goal"),
}

MEETING_KINDS: dict[str, Promise] = {
    "three_party": pgettext_lazy("participant", "Meeting with you, your adviser and your teacher"),
    "transfer": pgettext_lazy(
        "participant", "Meeting with your settlement worker and your adviser"
    ),
    "closing": pgettext_lazy("participant", "Closing meeting"),
    "resource_team": pgettext_lazy("participant", "Meeting with the resource team"),
}

ACTIVITY_KINDS: dict[str, Promise] = {
    "norwegian_training": pgettext_lazy("participant", "Norwegian classes"),
    "social_studies": pgettext_lazy("participant", "Social studies"),
    "life_skills_course": pgettext_lazy("participant", "Life skills course"),
    "parental_guidance": pgettext_lazy("participant", "Parental guidance"),
    "language_practice": pgettext_lazy("participant", "Language practice"),
    "work_practice": pgettext_lazy("participant", "Work practice"),
    "job_workshop": pgettext_lazy("participant", "Job workshop"),
    "labour_market_measure": pgettext_lazy("participant", "Labour market course"),
    "part_time_work": pgettext_lazy("participant", "Part-time work"),
    "vocational_course": pgettext_lazy("participant", "Vocational course"),
    "wage_subsidy_job": pgettext_lazy("participant", "Job with wage subsidy"),
    "job_fair": pgettext_lazy("participant", "Job fair"),
    "pre_course": pgettext_lazy("participant", "Pre-course"),
    "other": pgettext_lazy("participant", "Other activity"),
}


MEETING = pgettext_lazy("participant", "Meeting")
OTHER_ACTIVITY = ACTIVITY_KINDS["other"]

# The pages for a link that does not open, and for too many attempts (in every language).
NOT_FOUND = (
    pgettext_lazy("participant", "The link does not work"),
    pgettext_lazy(
        "participant",
        "The link may be wrong, too old or no longer in use. Contact the person who sent it "
        "to you to get a new one.",
    ),
)
TOO_MANY = (
    pgettext_lazy("participant", "Too many attempts"),
    pgettext_lazy("participant", "Please wait 15 minutes and try again."),
)
