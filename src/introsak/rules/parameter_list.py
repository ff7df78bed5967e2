"""The list of every parameter as users read it: value today, source, confirmation, doubt.

One function (``parameter_rows``) serves ``introsak rules parameters`` and the parameters
page administrators and analysts see in the application, so both show the same list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from introsak.rules.parameter_set import Parameter, ParameterSet, to_json


@dataclass(frozen=True, slots=True)
class ParameterRow:
    """One parameter file (a revision's changed parameter is a row of its own)."""

    name: str
    revision: str | None  # None: the base; else e.g. "il-2025"
    description: str
    unit: str
    value: Any  # the value in force on the day, as JSON (None: no value that day)
    since: date | None  # the day that value took effect
    sources: tuple[str, ...]  # "law, section: url-or-document"
    last_confirmed: date
    confirmed_until: date | None
    uncertain_nb: str | None
    uncertain_en: str | None
    stale: bool  # not confirmed for more than the stale days, or past its horizon
    unconfirmed: bool  # the day lies past the confirmation horizon

    @property
    def value_text(self) -> str:
        """The value as compact JSON text ("—" for none)."""
        return "—" if self.value is None else json.dumps(self.value, ensure_ascii=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "revision": self.revision,
            "description": self.description,
            "unit": self.unit,
            "value": self.value,
            "since": _iso(self.since),
            "sources": list(self.sources),
            "last_confirmed": self.last_confirmed.isoformat(),
            "confirmed_until": _iso(self.confirmed_until),
            "uncertain": (
                None
                if self.uncertain_nb is None
                else {"nb": self.uncertain_nb, "en": self.uncertain_en}
            ),
            "stale": self.stale,
            "unconfirmed": self.unconfirmed,
        }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _since(parameter: Parameter, day: date) -> date | None:
    started = [since for since in parameter.changes() if since <= day]
    return started[-1] if started else None


def _row(revision: str | None, parameter: Parameter, day: date, stale_days: int) -> ParameterRow:
    uncertain = parameter.uncertain
    return ParameterRow(
        name=parameter.name,
        revision=revision,
        description=parameter.description,
        unit=parameter.unit,
        value=to_json(parameter.unit, parameter.at(day)),
        since=_since(parameter, day),
        sources=tuple(
            f"{r.law}, {r.section}: {r.url if r.url is not None else r.document}"
            for r in parameter.references
        ),
        last_confirmed=parameter.last_confirmed,
        confirmed_until=parameter.confirmed_until,
        uncertain_nb=None if uncertain is None else uncertain.nb,
        uncertain_en=None if uncertain is None else uncertain.en,
        stale=parameter.stale_on(day, stale_days),
        unconfirmed=parameter.unconfirmed_on(day),
    )


DEFAULT_STALE_DAYS = 365


def parameter_rows(
    parameters: ParameterSet, day: date, *, stale_days: int = DEFAULT_STALE_DAYS
) -> tuple[ParameterRow, ...]:
    """Every parameter (base, then each revision) with its value on ``day``."""
    return tuple(_row(rev, p, day, stale_days) for rev, p in parameters.everything())
