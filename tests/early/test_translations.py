"""The participant texts (questionnaire, letter, own view) are complete in every participant
language, and the machine-made drafts are marked as such on the pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from introsak.early.domain import operations as ops
from introsak.early.languages import PARTICIPANT_LANGUAGES
from introsak.early.participant import questionnaire as q
from introsak.early.participant.words import DEADLINE_WORDS
from tests.early.world import make_world
from tests.translations import catalogue_problems, read_catalogue

CATALOGUES = Path(settings.BASE_DIR) / "src" / "introsak" / "early" / "participant" / "locale"
DRAFT_NOTICE = "machine-draft"


def _path(code: str) -> Path:
    return CATALOGUES / translation.to_locale(code) / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("code", [language.code for language in PARTICIPANT_LANGUAGES])
def test_every_participant_text_is_translated(code: str) -> None:
    assert catalogue_problems(_path(code)) == []
    source = {entry.msgid for entry in read_catalogue(_path("nb"))}
    assert {entry.msgid for entry in read_catalogue(_path(code))} == source
    assert len(source) > 100


@pytest.mark.parametrize(
    "code", [language.code for language in PARTICIPANT_LANGUAGES if language.code != "en"]
)
def test_the_compiled_texts_are_used_at_run_time(code: str) -> None:
    texts = [page.title for page in q.PAGES] + [
        question.label for page in q.PAGES for question in page.questions
    ]
    texts += list(DEADLINE_WORDS.values())
    with translation.override("en"):
        english = [str(text) for text in texts]
    with translation.override(code):
        translated = [str(text) for text in texts]
    assert all(a != b for a, b in zip(english, translated, strict=True)), code


def test_dari_and_arabic_are_right_to_left_and_the_others_are_not() -> None:
    for language in PARTICIPANT_LANGUAGES:
        with translation.override(language.code):
            assert translation.get_language_bidi() == (language.code in {"ar", "fa-af"})
    assert {code for code, _name in settings.LANGUAGES} >= {
        language.code for language in PARTICIPANT_LANGUAGES
    }


@pytest.mark.django_db
@pytest.mark.parametrize("language", PARTICIPANT_LANGUAGES, ids=lambda lang: lang.code)
def test_machine_made_drafts_are_marked_on_the_page(language: object) -> None:
    code = language.code  # type: ignore[attr-defined]
    world = make_world(language=code)
    client = Client()
    client.get(reverse("early:open", args=[ops.link_issue(by=world.worker, person=world.person)]))
    html = client.get(reverse("early:questionnaire")).content.decode()
    assert f'lang="{code}"' in html
    assert (f'id="{DRAFT_NOTICE}"' in html) is (not language.reviewed)  # type: ignore[attr-defined]
