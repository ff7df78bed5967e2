"""The law the rules engine applies, as the application shows it: unconfirmed parameters
(the banner on the worklist and the case page) and the full parameter list (the page for
administrators and analysts). Reads the parameter files only; no case data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from introsak.rules.parameter_list import ParameterRow, parameter_rows
from introsak.rules.parameter_set import default_parameters


@dataclass(frozen=True)
class Unconfirmed:
    """A parameter in force on the day beyond its confirmation horizon."""

    name: str
    confirmed_until: date
    note: str  # its uncertainty, in the page's language


def unconfirmed_law(today: date, language: str) -> list[Unconfirmed]:
    """The parameters in force ``today`` whose sources confirm them only until an earlier
    day; the evaluations read them under their best-supported reading."""
    english = language.startswith("en")
    rows = []
    for parameter in default_parameters().unconfirmed_on(today):
        assert parameter.confirmed_until is not None
        doubt = parameter.uncertain
        note = "" if doubt is None else (doubt.en if english else doubt.nb)
        rows.append(Unconfirmed(parameter.name, parameter.confirmed_until, note))
    return rows


def parameter_list(today: date) -> tuple[ParameterRow, ...]:
    """Every parameter with its value ``today`` (the same list as ``introsak rules
    parameters``)."""
    return parameter_rows(default_parameters(), today)
