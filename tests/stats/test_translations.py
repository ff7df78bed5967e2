"""Every string of the statistics has a bokmål translation, and the pages use it."""

from __future__ import annotations

from pathlib import Path

from django.utils import translation

from introsak.stats.domain.catalogue import VIEWS
from introsak.stats.phrases import END_REASONS
from tests.translations import read_catalogue

PO = Path(__file__).resolve().parents[2] / "src/introsak/stats/locale/nb/LC_MESSAGES/django.po"


def test_every_string_has_a_bokmal_translation() -> None:
    text = PO.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    found = [(e.msgid, e.msgstrs[0] if e.msgstrs else "") for e in read_catalogue(PO)]
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
