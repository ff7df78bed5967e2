"""Bokmål is the default UI language and must be complete; uk/ru catalogues exist."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

from tests.translations import missing_translations, read_catalogue

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "introsak"


def test_every_translatable_string_has_a_bokmal_translation() -> None:
    """Extracts every string of the code and templates (as ``makemessages`` does) into a
    scratch copy and fails for any string missing, untranslated or fuzzy in nb."""
    result = subprocess.run(
        [sys.executable, "scripts/makemessages.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_committed_catalogues_are_complete() -> None:
    for language in ("nb", "uk", "ru"):
        assert missing_translations(PACKAGE, language) == [], language


@pytest.mark.parametrize(("language", "nplurals"), [("uk", 4), ("ru", 4)])
def test_participant_language_catalogues_have_djangos_plural_forms(
    language: str, nplurals: int
) -> None:
    path = PACKAGE / "core" / "locale" / language / "LC_MESSAGES" / "django.po"
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert f"Plural-Forms: nplurals={nplurals};" in header
    assert f'"Language: {language}\\n"' in header
    assert len(read_catalogue(path)) > 0


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", "Hopp til hovedinnhold"),
        ("en", "Skip to main content"),
        ("uk", "Перейти до основного вмісту"),
        ("ru", "Перейти к основному содержанию"),
    ],
)
def test_layout_string_is_translated_at_run_time(language: str, expected: str) -> None:
    with translation.override(language):
        assert translation.gettext("Skip to main content") == expected
