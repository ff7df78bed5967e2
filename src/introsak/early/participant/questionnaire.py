"""The early-contact questionnaire: its pages, questions and answer validation.

The topics are Grünerløkka's (``process.md``, "Questions in Grünerløkka's digital
questionnaire"; issue 17 item 3): work experience, education, languages, the work wished
for, where a job could be found within 6 months, expectations, obstacles (health, childcare,
transport), what NAV can help with, and guidance on MinID/BankID and nav.no. Every text
shown to the participant has the message context ``participant``, so that the test of
complete translations (``tests/early/test_translations.py``) finds them all.

Answers are a flat JSON object ``{question key: value}``; a page is saved on its own (save
and continue later), and only the answers of the page sent are replaced.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

TEXT_MAX = 1000
YEARS_MAX = 70


@dataclass(frozen=True)
class Question:
    key: str
    label: Promise
    kind: str  # "text", "long_text", "years", "choice", "multi"
    choices: tuple[tuple[str, Promise], ...] = ()
    hint: Promise | None = None


@dataclass(frozen=True)
class Page:
    slug: str
    title: Promise
    questions: tuple[Question, ...]
    guidance: tuple[Promise, ...] = field(default=())


YES_NO = (
    ("yes", pgettext_lazy("participant", "Yes")),
    ("no", pgettext_lazy("participant", "No")),
    ("not_sure", pgettext_lazy("participant", "I am not sure")),
)

PAGES: tuple[Page, ...] = (
    Page(
        "work",
        pgettext_lazy("participant", "Work experience"),
        (
            Question(
                "occupation",
                pgettext_lazy("participant", "What work have you done in your home country?"),
                "long_text",
                hint=pgettext_lazy(
                    "participant", "For example: nurse, welder, accountant, shop assistant."
                ),
            ),
            Question(
                "years",
                pgettext_lazy("participant", "How many years of work experience do you have?"),
                "years",
            ),
        ),
    ),
    Page(
        "education",
        pgettext_lazy("participant", "Education and languages"),
        (
            Question(
                "education",
                pgettext_lazy("participant", "What is your highest completed education?"),
                "choice",
                choices=(
                    ("none", pgettext_lazy("participant", "No schooling")),
                    ("primary", pgettext_lazy("participant", "Primary school")),
                    ("secondary", pgettext_lazy("participant", "Secondary school")),
                    ("vocational", pgettext_lazy("participant", "Vocational training")),
                    ("higher", pgettext_lazy("participant", "University or college")),
                ),
            ),
            Question(
                "education_field", pgettext_lazy("participant", "What did you study?"), "text"
            ),
            Question(
                "languages", pgettext_lazy("participant", "Which languages do you speak?"), "text"
            ),
        ),
    ),
    Page(
        "wishes",
        pgettext_lazy("participant", "Work in Norway"),
        (
            Question(
                "wished_work",
                pgettext_lazy("participant", "What would you like to work with in Norway?"),
                "long_text",
            ),
            Question(
                "job_in_six_months",
                pgettext_lazy(
                    "participant", "Where do you think you could get a job within 6 months?"
                ),
                "long_text",
            ),
            Question(
                "expectations",
                pgettext_lazy("participant", "What do you expect from working in Norway?"),
                "long_text",
            ),
        ),
    ),
    Page(
        "obstacles",
        pgettext_lazy("participant", "Obstacles and help"),
        (
            Question(
                "obstacles",
                pgettext_lazy(
                    "participant", "Is there anything that could make it hard for you to work?"
                ),
                "multi",
                choices=(
                    ("health", pgettext_lazy("participant", "Health")),
                    ("childcare", pgettext_lazy("participant", "Childcare")),
                    ("transport", pgettext_lazy("participant", "Transport")),
                    ("other", pgettext_lazy("participant", "Something else")),
                ),
            ),
            Question(
                "obstacles_details",
                pgettext_lazy("participant", "Tell us more if you wish"),
                "long_text",
            ),
            Question(
                "nav_help",
                pgettext_lazy(
                    "participant",
                    "What is the most important thing NAV can help you with to get a job?",
                ),
                "long_text",
            ),
        ),
    ),
    Page(
        "digital",
        pgettext_lazy("participant", "MinID, BankID and nav.no"),
        (
            Question(
                "has_minid",
                pgettext_lazy("participant", "Do you have MinID?"),
                "choice",
                choices=YES_NO,
            ),
            Question(
                "registered_nav",
                pgettext_lazy("participant", "Have you registered as a job seeker on nav.no?"),
                "choice",
                choices=YES_NO,
            ),
        ),
        guidance=(
            pgettext_lazy(
                "participant",
                "MinID is a personal log-in for public services in Norway. You can create it "
                "at minid.no with your identity number and a mobile phone.",
            ),
            pgettext_lazy(
                "participant",
                "BankID is given by your bank when you open an account. With MinID or "
                "BankID you can register as a job seeker and upload your CV on nav.no.",
            ),
            pgettext_lazy(
                "participant", "If you cannot do this now, we will help you after you arrive."
            ),
        ),
    ),
)

QUESTIONS: dict[str, Question] = {q.key: q for page in PAGES for q in page.questions}


class AnswerErrors(ValueError):
    """Answers that do not fit their questions; ``errors`` maps question key → message."""

    def __init__(self, errors: dict[str, Promise | str]) -> None:
        super().__init__(", ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = errors


def clean_page(page: Page, data: Mapping[str, Any]) -> dict[str, Any]:
    """The page's answers from form data (``QueryDict`` or dict of lists), validated.

    Every question may be left empty (the participant may skip it). Raises
    ``AnswerErrors`` naming each question whose answer is not valid.
    """
    cleaned: dict[str, Any] = {}
    errors: dict[str, Promise | str] = {}
    for question in page.questions:
        values = _values(data, question.key)
        try:
            cleaned[question.key] = _clean(question, values)
        except ValueError as error:
            errors[question.key] = str(error.args[0]) if error.args else ""
    if errors:
        raise AnswerErrors(errors)
    return cleaned


def _values(data: Mapping[str, Any], key: str) -> list[str]:
    getlist = getattr(data, "getlist", None)
    if getlist is not None:
        return [str(v) for v in getlist(key)]
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


def _clean(question: Question, values: list[str]) -> Any:
    first = values[0].strip() if values else ""
    if question.kind in ("text", "long_text"):
        if len(first) > TEXT_MAX:
            raise ValueError(pgettext_lazy("participant", "Please write at most 1000 characters."))
        return first
    if question.kind == "years":
        if not first:
            return None
        if not first.isdigit() or int(first) > YEARS_MAX:
            raise ValueError(
                pgettext_lazy("participant", "Please write a whole number from 0 to 70.")
            )
        return int(first)
    allowed = {key for key, _label in question.choices}
    if question.kind == "choice":
        if first and first not in allowed:
            raise ValueError(pgettext_lazy("participant", "Please choose one of the options."))
        return first
    chosen = [v for v in values if v]
    if any(v not in allowed for v in chosen):
        raise ValueError(pgettext_lazy("participant", "Please choose one of the options."))
    return sorted(set(chosen), key=[key for key, _label in question.choices].index)


def display_value(question: Question, value: Any) -> str:
    """An answer as text for the staff (labels in the active language)."""
    if value in (None, "", []):
        return ""
    labels = {key: str(label) for key, label in question.choices}
    if question.kind == "choice":
        return labels.get(str(value), str(value))
    if question.kind == "multi":
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    return str(value)
