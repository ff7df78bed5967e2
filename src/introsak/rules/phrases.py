"""Bilingual sentence templates for explanations, and how their values are written.

A ``Phrase`` is a sentence in bokmål and English with named ``{placeholders}`` and no final
full stop; ``render`` fills it, appends any notes in parentheses and ends the sentence. Values
are written per language: dates as DD.MM.YYYY in bokmål (as Norwegian pages write them) and
YYYY-MM-DD in English, quantities with the right plural ("1 dag", "12 dager"), decimals with a
comma in bokmål, and the case-facts enumerations through ``TERMS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal, NamedTuple

from introsak.casefacts.enums import ActivityKind, EducationLevel, EndGoal, ResidenceBasis, SentBy

Language = Literal["nb", "en"]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A sentence template; ``key`` names it in tests and documentation."""

    key: str
    nb: str
    en: str


class Text(NamedTuple):
    """A value that is already written in both languages."""

    nb: str
    en: str


# The value types below are named tuples rather than dataclasses: findings create them by the
# million and a tuple is several times cheaper to build and to pickle.
class Qty(NamedTuple):
    """A number with a unit: day, week, month, hour, year or meeting."""

    n: int | float
    unit: str


class Labelled(NamedTuple):
    """A value followed by a word, e.g. "6 måneder forlengelse"."""

    value: object
    label: Text


class Joined(NamedTuple):
    """Values written one after another with ``separator`` between them."""

    items: tuple[object, ...]
    separator: str


Note = tuple[Phrase, Mapping[str, object]]

_UNITS: dict[str, dict[Language, tuple[str, str]]] = {
    "day": {"nb": ("dag", "dager"), "en": ("day", "days")},
    "week": {"nb": ("uke", "uker"), "en": ("week", "weeks")},
    "month": {"nb": ("måned", "måneder"), "en": ("month", "months")},
    "hour": {"nb": ("time", "timer"), "en": ("hour", "hours")},
    "year": {"nb": ("år", "år"), "en": ("year", "years")},
    "meeting": {
        "nb": ("trekantsamtale", "trekantsamtaler"),
        "en": ("three-party meeting", "three-party meetings"),
    },
}

TERMS: dict[StrEnum, Text] = {
    EndGoal.WORK: Text("arbeid", "work"),
    EndGoal.EDUCATION: Text("utdanning", "education"),
    EndGoal.UPPER_SECONDARY_COMPLETION: Text(
        "fullført videregående opplæring", "completed upper secondary education"
    ),
    EndGoal.PRIMARY_EDUCATION: Text("grunnskoleopplæring", "primary education"),
    EndGoal.OTHER: Text("annet", "other"),
    SentBy.NAV: Text("NAV", "NAV"),
    SentBy.PARTICIPANT: Text("deltakeren selv", "the participant"),
    ResidenceBasis.COLLECTIVE_PROTECTION: Text("kollektiv beskyttelse", "collective protection"),
    ResidenceBasis.REFUGEE: Text("flyktning", "refugee"),
    ResidenceBasis.RESETTLEMENT_REFUGEE: Text("overføringsflyktning", "resettlement refugee"),
    ResidenceBasis.HUMANITARIAN: Text("opphold på humanitært grunnlag", "humanitarian grounds"),
    ResidenceBasis.FAMILY_REUNIFICATION: Text("familiegjenforening", "family reunification"),
    ResidenceBasis.INDEPENDENT_PERMIT: Text("selvstendig tillatelse", "independent permit"),
    ResidenceBasis.OTHER: Text("annet oppholdsgrunnlag", "another residence basis"),
    EducationLevel.NONE: Text("ingen utdanning", "no education"),
    EducationLevel.PRIMARY: Text("grunnskole", "primary school"),
    EducationLevel.UPPER_SECONDARY: Text("videregående", "upper secondary"),
    EducationLevel.VOCATIONAL_COLLEGE: Text("fagskole", "vocational college"),
    EducationLevel.HIGHER: Text("høyere utdanning", "higher education"),
    ActivityKind.PARENTAL_GUIDANCE: Text("foreldreveiledningskurs", "parental guidance course"),
    ActivityKind.LIFE_SKILLS_COURSE: Text("livsmestringskurs", "life-skills course"),
}


def _date(value: object, language: Language) -> str:
    assert isinstance(value, date)
    if language == "nb":  # as Norwegian pages write dates (core.formats.short_date)
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    return value.isoformat()


def _text(value: object, language: Language) -> str:
    assert isinstance(value, Text)
    return value.nb if language == "nb" else value.en


def _qty(value: object, language: Language) -> str:
    assert isinstance(value, Qty)
    singular, plural = _UNITS[value.unit][language]
    word = singular if value.n == 1 else plural
    return f"{_number(value.n, language)} {word}"


def _number(value: object, language: Language) -> str:
    assert isinstance(value, int | float)
    if isinstance(value, float) and not value.is_integer():
        written = f"{value:.1f}"
        return written.replace(".", ",") if language == "nb" else written
    return str(int(value))


def _labelled(value: object, language: Language) -> str:
    assert isinstance(value, Labelled)
    return f"{write(value.value, language)} {_text(value.label, language)}"


def _joined(value: object, language: Language) -> str:
    assert isinstance(value, Joined)
    return value.separator.join(write(item, language) for item in value.items)


def _plain(value: object, _language: Language) -> str:
    return str(value)


def _term(value: object, language: Language) -> str:
    assert isinstance(value, StrEnum)
    text = TERMS.get(value)
    return value.value if text is None else (text.nb if language == "nb" else text.en)


_FORMAT: dict[type, Callable[[object, Language], str]] = {
    date: _date,
    Text: _text,
    Qty: _qty,
    Labelled: _labelled,
    Joined: _joined,
    int: _number,
    float: _number,
    str: _plain,
}


def write(value: object, language: Language) -> str:
    """``value`` as it appears in a sentence in ``language``."""
    formatter = _FORMAT.get(type(value))
    if formatter is not None:
        return formatter(value, language)
    if isinstance(value, StrEnum):
        return _term(value, language)
    writer = getattr(value, "write", None)
    if callable(writer):  # a value that writes itself, lazily (e.g. END-01's latest end)
        return str(writer(language))
    return str(value)


def fill(phrase: Phrase, values: Mapping[str, object], language: Language) -> str:
    template = phrase.nb if language == "nb" else phrase.en
    return template.format_map({name: write(v, language) for name, v in values.items()})


def render(
    phrase: Phrase,
    values: Mapping[str, object],
    notes: tuple[Note, ...],
    language: Language,
) -> str:
    """The full sentence: the phrase, each note in parentheses, a full stop."""
    sentence = fill(phrase, values, language)
    for note_phrase, note_values in notes:
        sentence += f" ({fill(note_phrase, note_values, language)})"
    return sentence + "."
