"""Rule-set versions: a revision of the law is a new version with its own validity, not an edit.

The 2025 revision of the Integration Act (Prop. 81 L (2024–2025), Innst. 410 L (2024–2025))
renumbers sections and changes numbers (age limit 60, longer programmes with upper-secondary
content, a general work-oriented minimum, the certificate at an interrupted programme). It is
the version ``IL-2025``: switched on by the boolean parameter ``rule_set_il_2025_in_force``,
with the parameters in ``parameters/revisions/il-2025/`` in place of the base ones and its
own provision modules in place of the base rules they revise (``IL_2025_PROVISIONS``).

The version follows the case, not the clock: a case is judged under the version in force on
its own date — the date the transitional rules name (``rule_set_il_2025_case_date``: the
permit, settlement or decision date) — so an audit in 2026 of a decision made in 2024 judges
it by the law of 2024. A case without that date yet (no decision) is judged under the law of
the evaluation date, the law a decision made then would follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from introsak.casefacts.model import CaseFacts
from introsak.rules.acts.integreringsloven import (
    s13_s14_programme_duration_2025,
    s14a_work_oriented_minimum,
    s18a_participant_certificate_2025,
)
from introsak.rules.parameter_set import ParameterSet
from introsak.rules.registry import RULES
from introsak.rules.spec import RuleSpec

CASE_DATE_PARAMETER = "rule_set_il_2025_case_date"


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


def _revise(base: tuple[RuleSpec, ...], provisions: tuple[RuleSpec, ...]) -> tuple[RuleSpec, ...]:
    """``base`` with each rule a revision provides replaced by the revision's module (same
    id, same place in the catalogue)."""
    by_id = {rule.id: rule for rule in provisions}
    unknown = set(by_id) - {rule.id for rule in base}
    if unknown:
        raise ValueError(f"a revision may only revise catalogue rules, not {sorted(unknown)}")
    return tuple(by_id.get(rule.id, rule) for rule in base)


# The 2025 revision's provision modules: IL §§ 13–14 (new frames), § 14 a (the general
# work-oriented minimum, absent before), § 18 a (the certificate also at interruption).
IL_2025_PROVISIONS: tuple[RuleSpec, ...] = (
    s13_s14_programme_duration_2025.RULE,
    s14a_work_oriented_minimum.RULE_2025,
    s18a_participant_certificate_2025.RULE,
)

IL_2021 = RuleSetVersion(
    id="IL-2021",
    title="Integreringsloven as in force from 2021-01-01, with the temporary chapter 6A",
    rules=RULES,
)
IL_2025 = RuleSetVersion(
    id="IL-2025",
    title="Integreringsloven after the 2025 revision (Prop. 81 L (2024–2025))",
    rules=_revise(RULES, IL_2025_PROVISIONS),
    in_force_parameter="rule_set_il_2025_in_force",
    revision="il-2025",
)

VERSIONS: tuple[RuleSetVersion, ...] = (IL_2021, IL_2025)


def version_on(parameters: ParameterSet, day: date) -> RuleSetVersion:
    """The latest version in force on ``day``."""
    chosen = VERSIONS[0]
    for version in VERSIONS[1:]:
        if version.in_force(parameters, day):
            chosen = version
    return chosen


def case_day(parameters: ParameterSet, case: CaseFacts, as_of: date) -> date:
    """The date that chooses ``case``'s version: its date named by the transitional rules
    (as known on ``as_of``), or ``as_of`` when the case has no such date by then."""
    which = parameters.value(CASE_DATE_PARAMETER, as_of)
    if which == "permit_date":
        day: date | None = case.person.permit_date
    elif which == "settlement_date":
        day = case.person.settlement_date
    else:
        day = case.decision_date
    return day if day is not None and day <= as_of else as_of


def version_for(parameters: ParameterSet, case: CaseFacts, as_of: date) -> RuleSetVersion:
    """The version that governs ``case`` evaluated as of ``as_of`` (rules.md "versions")."""
    return version_on(parameters, case_day(parameters, case, as_of))
