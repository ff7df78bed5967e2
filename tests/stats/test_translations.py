"""Every string of the statistics has a bokmål translation, and the pages use it."""

from __future__ import annotations

import json
from pathlib import Path

from django.utils import translation

from introsak.stats.domain.catalogue import VIEWS
from introsak.stats.phrases import END_REASONS

PO = Path(__file__).resolve().parents[2] / "src/introsak/stats/locale/nb/LC_MESSAGES/django.po"


def entries(text: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) of every entry but the header."""
    out: list[tuple[str, str]] = []
    parts: dict[str, str] = {}
    current = ""
    for line in [*text.splitlines(), ""]:
        keyword = line.split(" ", 1)[0]
        if keyword in {"msgctxt", "msgid", "msgstr"}:
            current = keyword
            parts[current] = json.loads(line.split(" ", 1)[1])
        elif line.startswith('"') and current:
            parts[current] += json.loads(line)
        elif not line.strip():
            if parts.get("msgid"):
                out.append((parts["msgid"], parts.get("msgstr", "")))
            parts, current = {}, ""
    return out


def test_every_string_has_a_bokmal_translation() -> None:
    text = PO.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    found = entries(text)
    assert len(found) > 150
    assert [msgid for msgid, msgstr in found if not msgstr] == []


def test_views_and_categories_are_shown_in_bokmal() -> None:
    with translation.override("nb"):
        assert str(VIEWS["end-reasons"].source) == "Tabell 1"
        assert str(VIEWS["months-to-start"].title) == "Måneder fra bosetting til programstart"
        assert [str(v) for v in END_REASONS.values()] == [
            "Arbeid",
            "Utdanning",
            "Arbeidsmarkedstiltak",
            "Kvalifiserende tiltak",
            "Annet",
            "Ikke registrert",
        ]
