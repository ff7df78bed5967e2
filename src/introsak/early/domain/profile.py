"""The draft work profile (issue 15's ``cases.WorkProfile``, read by placement matching),
pre-filled from the questionnaire answers once the person is settled.

Each field is proposed from answers (docs/early-contact.md, "From answers to the competence
mapping and to the work profile"); the programme adviser reviews it and accepts it field by
field, as proposed or corrected (``operations.profile_accept``), which writes the case's work
profile through ``cases.domain.operations.work_profile_record`` (atomic, version-checked,
recorded as a case change). Occupations are ISCO-08 groups the adviser picks: the answers are
free text, so the proposal shows the person's words next to the code field.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from introsak.casefacts import model as casefacts
from introsak.early.participant import questionnaire as q


@dataclass(frozen=True)
class ProfileDraftField:
    key: str
    label: str | Promise
    proposed: str  # the answers as text ("" if the person did not answer)
    value: str  # what the form is pre-filled with (the proposal, or the code field's hint)
    years: str  # only for "experience": the years proposed from the answers
    current: str  # what the case's work profile holds now ("" if nothing)


PROFILE_FIELDS: tuple[tuple[str, Promise, tuple[str, ...]], ...] = (
    ("experience", _("Work experience (ISCO-08 group and years)"), ("occupation", "years")),
    ("education", _("Education"), ("education", "education_field")),
    ("wished_occupations", _("Wished occupations (ISCO-08 groups)"), ("wished_work",)),
    ("job_goal", _("Job goal"), ("wished_work", "expectations")),
)
PROFILE_KEYS = frozenset(key for key, _label, _sources in PROFILE_FIELDS)
# Fields whose form value is ISCO-08 codes typed by the adviser (the answer is shown only).
CODE_FIELDS = frozenset({"experience", "wished_occupations"})


def _proposal(answers: dict[str, Any], sources: tuple[str, ...]) -> str:
    parts = []
    for source in sources:
        question = q.QUESTIONS[source]
        shown = q.display_value(question, answers.get(source))
        if shown:
            parts.append(f"{question.label}: {shown}" if len(sources) > 1 else shown)
    return "\n".join(parts)


def _current(profile: casefacts.WorkProfile | None, key: str) -> str:
    if profile is None:
        return ""
    if key == "experience":
        return ", ".join(f"{e.occupation} ({e.years:g})" for e in profile.experience)
    if key == "wished_occupations":
        return ", ".join(profile.wished_occupations)
    return str(getattr(profile, key) or "")


def draft(
    answers: dict[str, Any], profile: casefacts.WorkProfile | None
) -> list[ProfileDraftField]:
    """The draft profile (labels in the active language, the staff's)."""
    years = answers.get("years")
    return [
        ProfileDraftField(
            key=key,
            label=label,
            proposed=_proposal(answers, sources),
            value=(_current(profile, key) if key in CODE_FIELDS else _proposal(answers, sources)),
            years="" if key != "experience" or years in (None, "") else str(years),
            current=_current(profile, key),
        )
        for key, label, sources in PROFILE_FIELDS
    ]


def _codes(value: str) -> tuple[str, ...]:
    return tuple(code for code in (part.strip() for part in value.split(",")) if code)


def accepted_profile(
    profile: casefacts.WorkProfile | None, *, key: str, value: str, years: str = ""
) -> casefacts.WorkProfile:
    """The profile with one field accepted. ``experience`` adds (or replaces) the entry for
    one occupation; ``wished_occupations`` takes comma-separated codes. Raises ``ValueError``
    naming the field when years is not a number (codes are checked by the case's parser)."""
    base = profile or casefacts.WorkProfile()
    if key == "experience":
        occupation = value.strip()
        try:
            number = float(years.replace(",", "."))
        except ValueError as error:
            raise ValueError("years") from error
        others = tuple(e for e in base.experience if e.occupation != occupation)
        entry = casefacts.WorkExperience(occupation=occupation, years=number)
        return replace(base, experience=(*others, entry))
    if key == "wished_occupations":
        return replace(base, wished_occupations=_codes(value))
    if key == "education":
        return replace(base, education=value.strip() or None)
    if key == "job_goal":
        return replace(base, job_goal=value.strip() or None)
    raise KeyError(key)
