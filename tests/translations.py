"""Reading gettext catalogues, for the translation-completeness checks."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgstrs: list[str] = field(default_factory=list)
    fuzzy: bool = False
    line: int = 0


def read_catalogue(path: Path) -> list[Entry]:
    """The entries of a .po file (the header entry with an empty msgid is left out)."""
    entries: list[Entry] = []
    current = Entry()
    target: str | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#,") and "fuzzy" in line:
            current.fuzzy = True
        elif line.startswith("#~"):
            continue  # obsolete
        elif line.startswith("msgid "):
            if target is not None:
                entries.append(current)
                current = Entry(fuzzy=current.fuzzy if target is None else False)
            current.msgid, current.line, target = _string(line[6:]), number, "msgid"
        elif line.startswith("msgid_plural "):
            current.msgid_plural, target = _string(line[13:]), "msgid_plural"
        elif line.startswith("msgstr"):
            current.msgstrs.append(_string(line.split(" ", 1)[1]))
            target = "msgstr"
        elif line.startswith('"'):
            _continue(current, target, _string(line))
        elif line.startswith("#") and target == "msgstr":
            entries.append(current)
            current, target = Entry(fuzzy="fuzzy" in line and line.startswith("#,")), None
    if target is not None:
        entries.append(current)
    return [e for e in entries if e.msgid]


def _string(literal: str) -> str:
    return str(ast.literal_eval(literal))


def _continue(entry: Entry, target: str | None, text: str) -> None:
    if target == "msgid":
        entry.msgid += text
    elif target == "msgid_plural":
        entry.msgid_plural += text
    elif target == "msgstr":
        entry.msgstrs[-1] += text


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in _PLACEHOLDER.findall(text)}


def catalogue_problems(path: Path) -> list[str]:
    """Untranslated, fuzzy, or placeholder-mismatched entries of one catalogue."""
    problems = []
    for e in read_catalogue(path):
        where = f"{path}:{e.line}: {e.msgid[:60]!r}"
        if e.fuzzy:
            problems.append(f"{where}: fuzzy")
        elif not all(e.msgstrs):
            problems.append(f"{where}: not translated")
        elif any(placeholders(s) != placeholders(e.msgid) for s in e.msgstrs):
            problems.append(f"{where}: placeholders differ")
    return problems


def missing_translations(package: Path, language: str = "nb") -> list[str]:
    """Every problem in every app's catalogue for ``language`` under ``package``."""
    problems: list[str] = []
    paths = [
        *package.glob(f"*/locale/{language}/LC_MESSAGES/django.po"),
        *package.glob(f"*/*/locale/{language}/LC_MESSAGES/django.po"),  # nested apps
    ]
    for path in sorted(paths):
        problems.extend(catalogue_problems(path))
    return problems
