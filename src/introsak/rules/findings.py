"""What the engine returns: one ``Finding`` per rule per case, and its vocabularies.

A finding stores its explanation as a phrase plus the values to put in it and renders the
bokmål and English sentences only when someone reads ``explanation``: a bulk run over a
million cases then never formats a sentence it does not print.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum
from operator import attrgetter
from typing import Any

from introsak.rules.phrases import Note, Phrase, render

JSONValue = Any  # str | int | float | bool | None | list[JSONValue] | dict[str, JSONValue]


class Status(StrEnum):
    """The seven outcomes of rules.md section 1."""

    MET = "met"
    MET_LATE = "met_late"
    PENDING = "pending"
    OVERDUE = "overdue"
    BREACH = "breach"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"


class Category(StrEnum):
    """The person's category (rules.md section 2), carried by every finding."""

    RIGHT_AND_DUTY = "right_and_duty"
    RIGHT_ONLY = "right_only"
    MAY_OFFER = "may_offer"
    NONE = "none"


class Severity(StrEnum):
    SHALL = "shall"  # a legal duty
    SHOULD = "should"  # a "bør" in law, or a municipal norm


class ParameterValues(dict[str, JSONValue]):
    """The parameter values a finding used (name → JSON value), read-only.

    Findings of the same rule on the same law share one instance, so it must not change.
    """

    __slots__ = ()

    def _refuse(self, *_args: object, **_kwargs: object) -> None:
        raise TypeError("a finding's parameters are read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]
    __ior__ = _refuse  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        # Unpickling a dict subclass calls __setitem__; rebuild from a plain dict instead.
        return (ParameterValues, (dict(self),))


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's verdict on one case as of a date (rules.md section 1).

    ``missing_fact`` names the fact an ``unknown`` finding needs; ``reason`` is the code of
    why a ``not_applicable`` finding does not apply. Both are also said in the explanation.
    """

    case_id: str
    rule: str
    status: Status
    category: Category
    severity: Severity
    source: str
    deadline: date | None = None
    satisfied_on: date | None = None
    parameters: Mapping[str, JSONValue] = field(default_factory=ParameterValues)
    missing_fact: str | None = None
    reason: str | None = None
    phrase: Phrase | None = None
    values: Mapping[str, object] | None = None
    notes: tuple[Note, ...] = ()

    @property
    def explanation(self) -> dict[str, str]:
        """One sentence in bokmål (``nb``) and in English (``en``), rendered now."""
        if self.phrase is None:
            return {"nb": "", "en": ""}
        values = self.values or {}
        return {
            "nb": render(self.phrase, values, self.notes, "nb"),
            "en": render(self.phrase, values, self.notes, "en"),
        }

    def __reduce__(self) -> tuple[Any, ...]:
        # Faster to pickle and unpickle than the dataclass's per-field state (bulk runs in
        # worker processes send every finding back through a pipe).
        return (_restore, _field_values(self))

    def to_dict(self) -> dict[str, JSONValue]:
        """The finding as the spec's JSON line (case-facts.md, "The command line")."""
        return {
            "case_id": self.case_id,
            "rule": self.rule,
            "status": self.status.value,
            "deadline": _iso(self.deadline),
            "satisfied_on": _iso(self.satisfied_on),
            "category": self.category.value,
            "severity": self.severity.value,
            "source": self.source,
            "explanation": self.explanation,
            "parameters": dict(self.parameters),
        }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


_FIELDS = tuple(f.name for f in fields(Finding))
_field_values = attrgetter(*_FIELDS)


class _FindingBuilder:
    """A mutable twin of ``Finding`` with the same slots, used only by ``new_finding``."""

    __slots__ = _FIELDS

    def __init__(
        self,
        case_id: str,
        rule: str,
        status: Status,
        category: Category,
        severity: Severity,
        source: str,
        deadline: date | None,
        satisfied_on: date | None,
        parameters: Mapping[str, JSONValue],
        missing_fact: str | None,
        reason: str | None,
        phrase: Phrase | None,
        values: Mapping[str, object] | None,
        notes: tuple[Note, ...],
    ) -> None:
        self.case_id = case_id
        self.rule = rule
        self.status = status
        self.category = category
        self.severity = severity
        self.source = source
        self.deadline = deadline
        self.satisfied_on = satisfied_on
        self.parameters = parameters
        self.missing_fact = missing_fact
        self.reason = reason
        self.phrase = phrase
        self.values = values
        self.notes = notes


def new_finding(
    case_id: str,
    rule: str,
    status: Status,
    category: Category,
    severity: Severity,
    source: str,
    deadline: date | None,
    satisfied_on: date | None,
    parameters: Mapping[str, JSONValue],
    missing_fact: str | None,
    reason: str | None,
    phrase: Phrase | None,
    values: Mapping[str, object] | None,
    notes: tuple[Note, ...],
) -> Finding:
    """A ``Finding`` built about five times faster than through its frozen ``__init__``.

    A frozen dataclass sets each of its 14 fields through ``object.__setattr__``; the engine
    makes 15 findings per case, a million cases per bulk run, so that dominated its time.
    The twin class sets its identical slots with plain attribute stores, then becomes a
    ``Finding`` (same layout, so CPython allows the class change). The result is an ordinary
    frozen ``Finding``; ``test_engine`` checks the two constructions are equal.
    """
    built = _FindingBuilder(
        case_id, rule, status, category, severity, source, deadline, satisfied_on,
        parameters, missing_fact, reason, phrase, values, notes,
    )  # fmt: skip
    built.__class__ = Finding  # type: ignore[assignment]
    return built  # type: ignore[return-value]


def _restore(*values: Any) -> Finding:
    return new_finding(*values)
