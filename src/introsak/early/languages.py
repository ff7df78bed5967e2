"""The participant languages: which exist, which are right to left, and how each text was made.

The participant pages (questionnaire, letter, own view) are offered in these languages. The
staff pages stay in bokmål and English (``settings.STAFF_LANGUAGES``).

Dari has no language code of its own in Django; it is ``fa-af`` (Persian as written in
Afghanistan, locale directory ``fa_AF``), so Django's Persian texts are its fallback and
Django treats it as right to left (``LANGUAGES_BIDI`` holds ``fa``). docs/early-contact.md,
"Languages", says how each language's text was made and checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language_bidi


@dataclass(frozen=True)
class ParticipantLanguage:
    code: str  # Django's language code
    name: str  # the language's own name for itself (shown in the language menu)
    reviewed: bool  # False: a machine-made draft, marked as such on every participant page


PARTICIPANT_LANGUAGES: tuple[ParticipantLanguage, ...] = (
    ParticipantLanguage("nb", "Norsk (bokmål)", reviewed=True),
    ParticipantLanguage("en", "English", reviewed=True),
    ParticipantLanguage("uk", "Українська", reviewed=False),
    ParticipantLanguage("ru", "Русский", reviewed=False),
    ParticipantLanguage("ar", "العربية", reviewed=False),
    ParticipantLanguage("ti", "ትግርኛ", reviewed=False),
    ParticipantLanguage("fa-af", "دری", reviewed=False),
)
CODES = tuple(language.code for language in PARTICIPANT_LANGUAGES)
LANGUAGE_CHOICES = [(language.code, language.name) for language in PARTICIPANT_LANGUAGES]
DEFAULT = "nb"


def language(code: str) -> ParticipantLanguage:
    for candidate in PARTICIPANT_LANGUAGES:
        if candidate.code == code:
            return candidate
    raise KeyError(code)


def is_rtl() -> bool:
    """Whether the active language is written right to left (ar, fa-af)."""
    return get_language_bidi()
