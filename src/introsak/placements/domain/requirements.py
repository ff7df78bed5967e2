"""The catalogue of employers' Norwegian requirements (``parameters/language_requirements.yaml``)
and the level an offer requires per skill."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from introsak.casefacts.enums import CefrLevel, LanguageSkill

_FILE = Path(__file__).parent.parent / "parameters" / "language_requirements.yaml"
CEFR_ORDER: tuple[CefrLevel, ...] = tuple(CefrLevel)
# The offer's columns per skill, in the order of ``LanguageSkill``.
REQUIREMENT_COLUMNS: dict[LanguageSkill, str] = {
    LanguageSkill.ORAL: "req_oral",
    LanguageSkill.READING: "req_reading",
    LanguageSkill.LISTENING: "req_listening",
    LanguageSkill.WRITING: "req_writing",
}


@dataclass(frozen=True)
class LanguageRequirement:
    key: str
    title_nb: str
    title_en: str
    levels: dict[LanguageSkill, CefrLevel]
    source: str
    last_confirmed: date

    def title(self, language: str) -> str:
        return self.title_nb if language.startswith("nb") else self.title_en


@cache
def catalogue() -> dict[str, LanguageRequirement]:
    raw = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    return {
        key: LanguageRequirement(
            key=key,
            title_nb=entry["title_nb"],
            title_en=entry["title_en"],
            levels={LanguageSkill(s): CefrLevel(level) for s, level in entry["levels"].items()},
            source=" ".join(entry["source"].split()),
            last_confirmed=entry["last_confirmed"],
        )
        for key, entry in raw.items()
    }


RANKS: dict[str, int] = {"": 0, **{level.value: i + 1 for i, level in enumerate(CEFR_ORDER)}}


def rank(level: str) -> int:
    """A CEFR level as a number (A1 = 1 … C2 = 6; blank = 0, no level)."""
    return RANKS[level]


@cache
def catalogue_ranks(requirement: str) -> tuple[int, int, int, int]:
    """The catalogue entry's levels as ``rank`` numbers, oral, reading, listening, writing
    (all 0 for no entry)."""
    entry = catalogue().get(requirement)
    if entry is None:
        return (0, 0, 0, 0)
    oral, reading, listening, writing = (rank(entry.levels.get(s, "")) for s in REQUIREMENT_COLUMNS)
    return (oral, reading, listening, writing)


def required_levels(own: dict[LanguageSkill, str], requirement: str) -> dict[LanguageSkill, int]:
    """The level required per skill (as ``rank``): the higher of the offer's own level and
    its catalogue requirement's."""
    entry = catalogue().get(requirement) if requirement else None
    levels: dict[LanguageSkill, int] = {}
    for skill in LanguageSkill:
        from_catalogue = entry.levels.get(skill, "") if entry else ""
        levels[skill] = max(rank(own.get(skill, "")), rank(from_catalogue))
    return levels
