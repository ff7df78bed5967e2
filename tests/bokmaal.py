"""Scanning bokmål pages for English words and ISO dates (issue 14, item 7): the text a user
sees (tags, scripts and attributes removed; a ``<time>`` element's machine-readable ISO date
is an attribute, not text)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# English words that are not also bokmål words (so "for", "to", "i", "by", "is", "under",
# "plan" and "status" are left out); a bokmål page shows none of them outside what users
# typed themselves (names, minutes, providers), which the builders write in bokmål.
_WORDS = """
the and of from with since days day para paragraph first second third pending open
overdue none not are was has have this that which when after before within until met
breach unknown missing recorded done late deadline meeting meetings case cases programme
participant participants adviser save cancel back search page next previous yes no
approved leave extension end source more than months minutes here documented
"""
ENGLISH_WORDS = frozenset(_WORDS.split())
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
WORD = re.compile(r"[A-Za-zÆØÅæøå]+")
DOMAIN = re.compile(r"\b[\w-]+\.(?:no|com|org)\b")  # nav.no
RULE_ID = re.compile(r"\b[A-Z0-9]+(?:-[A-Z0-9]+)*-\d{2}\b")  # START-01, WORK-15H-01


class _Text(HTMLParser):
    """The page's visible text, with ``<script>`` and ``<style>`` left out."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_words(text: str) -> list[str]:
    words = WORD.findall(DOMAIN.sub(" ", RULE_ID.sub(" ", text)))
    return sorted({w for w in words if w.lower() in ENGLISH_WORDS})


def in_context(text: str, words: list[str]) -> list[str]:
    """Each word with the text around it, for a readable failure."""
    return [
        text[max(0, m.start() - 40) : m.end() + 40]
        for word in words
        for m in re.finditer(rf"\b{word}\b", text)
    ]
