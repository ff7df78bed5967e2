"""Case facts kept by a feature app: how import and export reach them without importing it.

``cases`` sits below the feature apps and never imports one (the ``layers`` contract of
import-linter), yet a case-facts extension field may be stored by a feature app: the
``placements`` extension lives in the placements app's tables. Such an app registers one
``Contributor`` from its ``AppConfig.ready()`` (``register``); the case import
(``importing.case_facts_import``) and export (``exporting.case_facts_export``) call every
registered contributor, in the order registered:

* ``check(records)``: before anything is written, with the valid records as
  ``(line, facts)``: the problems only the app's tables can tell, as ``(errors, warnings)``
  of ``FieldError`` (``line N: field: reason``). Any error and the import writes nothing.
* ``write(cases)``: inside the import's transaction, after the cases' own rows (their
  activities included), with ``(case pk, facts)`` of every imported case. It replaces what the
  app keeps for those cases by what the facts say (the file is the truth about its cases, as
  it is for their other facts); an exception rolls the whole import back.
* ``read(case_pks)``: for the export, ``case pk → {field name: value}``: the ``CaseFacts``
  fields the app supplies for those cases (a case it has nothing for may be left out).

A small registry rather than Django signals: the import needs the checks' results and the
export the fields read, which signals do not return in order, and one contributor per app
name makes registering twice (``ready()`` can run twice in tests) harmless.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from introsak.casefacts.model import CaseFacts
from introsak.casefacts.parse import FieldError

Checked = tuple[list[FieldError], list[FieldError]]


@dataclass(frozen=True)
class Contributor:
    """One feature app's part in import and export (see the module docstring)."""

    name: str
    check: Callable[[Sequence[tuple[int, CaseFacts]]], Checked]
    write: Callable[[Sequence[tuple[int, CaseFacts]]], None]
    read: Callable[[Sequence[int]], Mapping[int, dict[str, Any]]]


_REGISTERED: dict[str, Contributor] = {}


def register(contributor: Contributor) -> None:
    """Register (or replace) the contributor of this name."""
    _REGISTERED[contributor.name] = contributor


def contributors() -> tuple[Contributor, ...]:
    return tuple(_REGISTERED.values())


def contributed_fields(case_pks: Sequence[int]) -> dict[int, dict[str, Any]]:
    """case pk → the fields every contributor supplies for it (for the export)."""
    found: dict[int, dict[str, Any]] = {}
    for contributor in contributors():
        for pk, values in contributor.read(case_pks).items():
            found.setdefault(pk, {}).update(values)
    return found
