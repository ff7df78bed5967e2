"""A rule's metadata, declared next to the function that evaluates it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from introsak.rules.findings import Finding, Severity
from introsak.rules.phrases import Phrase

if TYPE_CHECKING:
    from introsak.rules.context import Context

LOVDATA_IL = "https://lovdata.no/lov/2020-11-06-127"
LOVDATA_IF = "https://lovdata.no/forskrift/2020-12-18-2901"
AUDIT_REPORT = (
    "Oslo kommune, Kommunerevisjonen: Arbeidsintegrering av flyktninger "
    "(rapport 5/2024, 05.12.2024)"
)


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One catalogue rule: what it is, where it comes from, what it reads.

    ``evaluate`` is the provision's function; ``parameters`` names every parameter file it
    may read (the engine checks they exist before evaluating anything); ``phrases`` lists
    its explanation templates, so tests can check each one renders.
    """

    id: str
    title: str
    severity: Severity
    source: str  # as shown to users, e.g. "IL § 12"
    evaluate: Callable[[Context, RuleSpec], Finding]
    url: str | None = None  # Lovdata for statutory sources
    document: str | None = None  # a citation where no web address exists
    parameters: tuple[str, ...] = ()
    phrases: tuple[Phrase, ...] = field(default=())

    @property
    def provision(self) -> str:
        """The evaluating function's dotted name, e.g. ``…s12_programme_start.il_s12_…``."""
        return f"{self.evaluate.__module__}.{self.evaluate.__name__}"
