"""Choices of the placements app (issue 15: work first).

The values are defined once, in ``introsak.casefacts.enums`` (the ``placements`` extension of
the case-facts format carries them); each choices class here is built from that enumeration
with ``cases.enums.labelled`` and adds only the translated labels, as ``cases.enums`` does.
Code that needs a value by name uses the case-facts enumeration
(``casefacts.enums.PlacementStatus.STARTED``); models and forms use the choices here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from introsak.casefacts import enums as facts
from introsak.casefacts.enums import ActivityKind
from introsak.cases.enums import labelled

Ownership = labelled(
    facts.Ownership,
    {
        facts.Ownership.MUNICIPAL: _("Municipal"),
        facts.Ownership.PRIVATE: _("Private"),
        facts.Ownership.STATE: _("State"),
        facts.Ownership.VOLUNTARY: _("Voluntary or non-profit"),
    },
)


PlacementKind = labelled(
    facts.PlacementKind,
    {
        facts.PlacementKind.LANGUAGE_PRACTICE: _("Language practice"),
        facts.PlacementKind.WORK_PRACTICE: _("Work practice"),
        facts.PlacementKind.WAGE_SUBSIDY_JOB: _("Wage-subsidised job"),
        facts.PlacementKind.PART_TIME_JOB: _("Part-time job"),
        facts.PlacementKind.APPRENTICESHIP: _("Apprenticeship"),
        facts.PlacementKind.JOB_TRIAL: _("Job trial"),
    },
)


# The case activity a started placement becomes (``casefacts.enums``, where import reads it).
ACTIVITY_OF_KIND: dict[str, ActivityKind] = {
    kind.value: activity for kind, activity in facts.ACTIVITY_OF_PLACEMENT_KIND.items()
}
PRACTICE_KINDS = frozenset(
    {facts.PlacementKind.LANGUAGE_PRACTICE, facts.PlacementKind.WORK_PRACTICE}
)


PlacementStatus = labelled(
    facts.PlacementStatus,
    {
        facts.PlacementStatus.PROPOSED: _("Proposed"),
        facts.PlacementStatus.OFFERED: _("Offered"),
        facts.PlacementStatus.ACCEPTED: _("Accepted"),
        facts.PlacementStatus.DECLINED: _("Declined"),
        facts.PlacementStatus.STARTED: _("Started"),
        facts.PlacementStatus.ENDED: _("Ended"),
    },
)

S = facts.PlacementStatus
# The pipeline: from each status, the statuses a placement may move to.
NEXT_STATUSES: dict[str, frozenset[str]] = {
    S.PROPOSED: frozenset({S.OFFERED, S.DECLINED}),
    S.OFFERED: frozenset({S.ACCEPTED, S.DECLINED}),
    S.ACCEPTED: frozenset({S.STARTED, S.DECLINED}),
    S.DECLINED: frozenset(),
    S.STARTED: frozenset({S.ENDED}),
    S.ENDED: frozenset(),
}
# Places taken from an offer's capacity.
HOLDING_STATUSES = frozenset({S.OFFERED, S.ACCEPTED, S.STARTED})


DeclineReason = labelled(
    facts.DeclineReason,
    {
        facts.DeclineReason.NOT_RELEVANT: _("Not relevant to my job goal"),
        facts.DeclineReason.HOURS: _("The hours do not fit"),
        facts.DeclineReason.TRAVEL: _("Too far to travel"),
        facts.DeclineReason.CHILDCARE: _("Childcare or family"),
        facts.DeclineReason.HEALTH: _("Health"),
        facts.DeclineReason.LANGUAGE: _("Norwegian level too low for the tasks"),
        facts.DeclineReason.OTHER_OFFER: _("Took another offer"),
        facts.DeclineReason.EMPLOYER: _("The employer said no"),
        facts.DeclineReason.OTHER: _("Other"),
    },
)


Outcome = labelled(
    facts.Outcome,
    {
        facts.Outcome.HIRED: _("Hired"),
        facts.Outcome.WAGE_SUBSIDY: _("Wage subsidy"),
        facts.Outcome.NOT_HIRED: _("Not hired"),
    },
)
