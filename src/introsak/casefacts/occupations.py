"""Occupations: ISCO-08's major and sub-major groups, read from ``data/isco08.csv``.

Source: International Labour Organization, *International Standard Classification of
Occupations, ISCO-08, Volume I: Structure, group definitions and correspondence tables*
(ILO, Geneva 2012), https://www.ilo.org/public/english/bureau/stat/isco/isco08/. The
bokmål names follow Statistics Norway's national version STYRK-08
(https://www.ssb.no/klass/klassifikasjoner/7). A code is one digit (major group) or two
(sub-major group, whose first digit is its major group).

Pure Python: the case-facts parser checks a work profile's occupation codes here, and the
placements app checks an offer's occupation and matches codes by their major group.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["Occupation", "is_known", "major_group", "occupation", "occupations"]

_FILE = Path(__file__).with_name("data") / "isco08.csv"


@dataclass(frozen=True, slots=True)
class Occupation:
    code: str
    level: str  # "major" or "sub_major"
    en: str
    nb: str

    def name(self, language: str) -> str:
        return self.nb if language.startswith("nb") else self.en


@cache
def _table() -> dict[str, Occupation]:
    with _FILE.open(encoding="utf-8", newline="") as stream:
        return {row["code"]: Occupation(**row) for row in csv.DictReader(stream)}


def occupations() -> tuple[Occupation, ...]:
    """Every group, in code order (a major group before its sub-major groups)."""
    return tuple(_table().values())


def is_known(code: str) -> bool:
    return code in _table()


def occupation(code: str) -> Occupation:
    """The group with this code; ``KeyError`` if there is none."""
    return _table()[code]


def major_group(code: str) -> str:
    """The major group's code (the first digit) of a major or sub-major group's code."""
    return code[:1]
