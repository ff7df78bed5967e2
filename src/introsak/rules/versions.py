"""Rule-set versions: a revision of the law is a new version with its own validity, not an edit.

The 2025 revision of the Integration Act (Prop. 81 L (2024–2025), rules.md section 5.2)
renumbers sections and changes numbers (age limit 60, longer programmes with upper-secondary
content, a general work-oriented minimum). Its in-force date is not confirmed, so it is a
separate version that is never selected until the boolean parameter
``rule_set_il_2025_in_force`` has a dated ``true``:

    values:
      2021-01-01: false
      2026-01-01: true      # ← the confirmed in-force date

Then evaluations as of that date or later use the version's rules with the parameters in
``parameters/revisions/il-2025/`` in place of the base ones. So far the revision changes the
upper age limit only; its other changes are to be modelled as new provision modules listed in
its ``rules`` (the base rules stand in until then).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from introsak.rules.parameter_set import ParameterSet
from introsak.rules.registry import RULES
from introsak.rules.spec import RuleSpec


@dataclass(frozen=True, slots=True)
class RuleSetVersion:
    id: str
    title: str
    rules: tuple[RuleSpec, ...]
    in_force_parameter: str | None = None  # a boolean parameter; None = the base version
    revision: str | None = None  # parameters/revisions/<revision>/ replaces base parameters

    def in_force(self, parameters: ParameterSet, day: date) -> bool:
        if self.in_force_parameter is None:
            return True
        return parameters.value(self.in_force_parameter, day) is True

    def parameters_for(self, parameters: ParameterSet) -> ParameterSet:
        return parameters if self.revision is None else parameters.revised(self.revision)


IL_2021 = RuleSetVersion(
    id="IL-2021",
    title="Integreringsloven as in force from 2021-01-01, with the temporary chapter 6A",
    rules=RULES,
)
IL_2025 = RuleSetVersion(
    id="IL-2025",
    title="Integreringsloven after the 2025 revision (Prop. 81 L (2024–2025))",
    rules=RULES,
    in_force_parameter="rule_set_il_2025_in_force",
    revision="il-2025",
)

VERSIONS: tuple[RuleSetVersion, ...] = (IL_2021, IL_2025)


def version_on(parameters: ParameterSet, day: date) -> RuleSetVersion:
    """The latest version in force on ``day`` (the evaluation's as-of date)."""
    chosen = VERSIONS[0]
    for version in VERSIONS[1:]:
        if version.in_force(parameters, day):
            chosen = version
    return chosen
