"""The draft competence mapping, pre-filled from the questionnaire answers.

Each field of the draft is proposed from one or more answers (below); the adviser reviews it
and accepts it field by field, as proposed or corrected (``operations.mapping_accept``).
Accepted fields are stored encrypted like the answers (``AcceptedMappingField``) and shown on
the person's early-contact page.

The participant profile used by matching (issue 15, built in ``cases`` by the placements
work) is not filled here; docs/early-contact.md, "From answers to the profile", lists which
answer is meant to pre-fill which profile field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from introsak.early.participant import questionnaire as q


@dataclass(frozen=True)
class DraftField:
    key: str
    label: str | Promise
    proposed: str  # from the answers ("" if the person did not answer)
    accepted: str | None  # the accepted value, None while not accepted


MAPPING_FIELDS: tuple[tuple[str, Promise, tuple[str, ...]], ...] = (
    ("occupation", _("Work experience"), ("occupation",)),
    ("years_experience", _("Years of work experience"), ("years",)),
    ("education", _("Education"), ("education", "education_field")),
    ("languages", _("Languages"), ("languages",)),
    ("wished_work", _("Work wished for"), ("wished_work", "job_in_six_months")),
    ("obstacles", _("Obstacles"), ("obstacles", "obstacles_details")),
    ("nav_help", _("What NAV can help with"), ("nav_help",)),
    ("digital", _("MinID and nav.no"), ("has_minid", "registered_nav")),
)
MAPPING_KEYS = frozenset(key for key, _label, _sources in MAPPING_FIELDS)


def _proposal(answers: dict[str, Any], sources: tuple[str, ...]) -> str:
    parts = []
    for source in sources:
        question = q.QUESTIONS[source]
        shown = q.display_value(question, answers.get(source))
        if not shown:
            continue
        if len(sources) > 1:
            parts.append(f"{question.label}: {shown}")
        else:
            parts.append(shown)
    return "\n".join(parts)


def draft(answers: dict[str, Any], accepted: dict[str, str]) -> list[DraftField]:
    """The draft mapping (labels and proposals in the active language, the staff's)."""
    return [
        DraftField(
            key=key,
            label=label,
            proposed=_proposal(answers, sources),
            accepted=accepted.get(key),
        )
        for key, label, sources in MAPPING_FIELDS
    ]
