"""One case seen as of one date: the facts the rules may use, and how findings are made.

Time travel (rules.md section 1): a fact dated after the as-of date has not happened yet.
``Context`` applies that once, for every rule, so no rule can forget it:

- a case date (claim, mapping, guidance, decision, start, contract, job-seeker registration,
  end, certificate) after as-of counts as absent;
- a plan counts from its ``decided_on``, an extension from its ``decided_on``, a meeting from
  its ``date``, an activity and a leave from their ``start``;
- an activity whose ``end`` is after as-of is still running (no rule looks past as-of);
- a leave that has begun counts with all its days, including days after as-of (its end was
  decided when it was approved; rules.md END-01);
- a recognition application counts from its ``sent_date`` (``relevant`` is not dated);
- the person's dates (birth, permit, settlement) are facts about the person; a person whose
  permit or settlement is after as-of is not yet in the municipality's scope (category none).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from operator import attrgetter
from typing import Any, TypeVar

from introsak.casefacts.enums import EndGoal, ResidenceBasis
from introsak.casefacts.model import (
    Activity,
    CaseFacts,
    Extension,
    Leave,
    Meeting,
    Person,
    Plan,
)
from introsak.rules.findings import Category, Finding, ParameterValues, Status, new_finding
from introsak.rules.parameter_set import ParameterSet, Uncertainty, to_json
from introsak.rules.phrases import Note, Phrase, Text
from introsak.rules.spec import RuleSpec

T = TypeVar("T")
Used = tuple[tuple[str, Any], ...]  # (parameter name, value used) pairs, in reading order

UNCERTAIN = Phrase("note.uncertain", "usikkert grunnlag: {note}", "uncertain source: {note}")

_decided_on = attrgetter("decided_on")
_date = attrgetter("date")
_start = attrgetter("start")


class Law:
    """The parameters of one rule-set version, with the per-value caches the engine shares.

    Findings that used the same parameter values share one read-only ``parameters`` mapping
    and one tuple of uncertainty notes; building them once keeps bulk runs cheap.
    """

    __slots__ = ("_bundles", "at", "parameters", "version")

    def __init__(self, parameters: ParameterSet, version: str) -> None:
        self.parameters = parameters
        self.version = version
        # name → function(day) → value in force; one call per lookup on the hot path.
        self.at: dict[str, Callable[[date], Any]] = {n: p.lookup() for n, p in parameters.items()}
        self._bundles: dict[Used, tuple[ParameterValues, tuple[Note, ...]]] = {
            (): (ParameterValues(), ())
        }

    def value(self, name: str, day: date) -> Any:
        """The value of ``name`` in force on ``day`` (None: not in force that day)."""
        return self.at[name](day)

    def bundle(self, used: Used) -> tuple[ParameterValues, tuple[Note, ...]]:
        hit = self._bundles.get(used)
        if hit is None:
            hit = self._bundles[used] = self._make_bundle(used)
        return hit

    def _make_bundle(self, used: Used) -> tuple[ParameterValues, tuple[Note, ...]]:
        values = {}
        uncertain: list[Uncertainty] = []
        for name, value in used:
            parameter = self.parameters[name]
            values[name] = to_json(parameter.unit, value)
            if parameter.uncertain is not None and parameter.uncertain not in uncertain:
                uncertain.append(parameter.uncertain)
        if not uncertain:
            return ParameterValues(values), ()
        note = Text("; ".join(u.nb for u in uncertain), "; ".join(u.en for u in uncertain))
        return ParameterValues(values), ((UNCERTAIN, {"note": note}),)


def _up_to(items: tuple[T, ...], as_of: date, day_of: Callable[[T], date]) -> tuple[T, ...]:
    """The items dated on or before ``as_of``; the same tuple when all are (the usual case)."""
    for item in items:
        if day_of(item) > as_of:
            return tuple(i for i in items if day_of(i) <= as_of)
    return items


class Context:
    """The facts of ``case`` as of ``as_of`` and the helpers rules use to report.

    Derived values that several rules share (the START-01 deadline, the END-01 latest end)
    are computed once per context through ``memo``.
    """

    __slots__ = (
        "_memo",
        "activities",
        "as_of",
        "case",
        "case_id",
        "category",
        "category_why",
        "certificate",
        "claim",
        "collective",
        "contract",
        "decision",
        "end",
        "extensions",
        "guidance",
        "jobseeker",
        "law",
        "leaves",
        "mapping",
        "meetings",
        "notes",
        "person",
        "plans",
        "recognition_sent",
        "start",
    )

    def __init__(self, case: CaseFacts, as_of: date, law: Law) -> None:
        self.case = case
        self.case_id = case.case_id
        self.as_of = as_of
        self.law = law
        self.person: Person = case.person
        self.collective = case.person.residence_basis is ResidenceBasis.COLLECTIVE_PROTECTION
        # Inline rather than a helper per field: this runs once per case, a million times.
        day = case.claim_date
        self.claim = day if day is not None and day <= as_of else None
        day = case.mapping_date
        self.mapping = day if day is not None and day <= as_of else None
        day = case.career_guidance_date
        self.guidance = day if day is not None and day <= as_of else None
        day = case.decision_date
        self.decision = day if day is not None and day <= as_of else None
        day = case.start_date
        self.start = day if day is not None and day <= as_of else None
        day = case.contract_date
        self.contract = day if day is not None and day <= as_of else None
        day = case.jobseeker_registered_date
        self.jobseeker = day if day is not None and day <= as_of else None
        day = case.end_date
        self.end = day if day is not None and day <= as_of else None
        day = case.certificate_issued_date
        self.certificate = day if day is not None and day <= as_of else None
        recognition = case.education_recognition
        day = recognition.sent_date if recognition is not None else None
        self.recognition_sent = day if day is not None and day <= as_of else None
        self.plans: tuple[Plan, ...] = _plans_as_of(case.plans, as_of)
        self.meetings: tuple[Meeting, ...] = _up_to(case.meetings, as_of, _date)
        self.activities: tuple[Activity, ...] = _up_to(case.activities, as_of, _start)
        self.leaves: tuple[Leave, ...] = _up_to(case.leaves, as_of, _start)
        self.extensions: tuple[Extension, ...] = _up_to(case.extensions, as_of, _decided_on)
        self.category = Category.NONE
        self.category_why: Note | None = None
        # Notes every finding of the case carries (e.g. the reading of lapsed law it was
        # judged under); set by the engine with the category.
        self.notes: tuple[Note, ...] = ()
        self._memo: dict[str, Any] = {}

    # --- shared derived facts ---------------------------------------------------------------

    def memo(self, key: str, compute: Callable[[Context], T]) -> T:
        """``compute(self)``, computed once per context under ``key``."""
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = compute(self)
            return value

    @property
    def participant(self) -> bool:
        """A programme decision exists as of the date (rules.md section 2)."""
        return self.decision is not None

    @property
    def started(self) -> bool:
        """A started participant: a decision and a start as of the date."""
        return self.decision is not None and self.start is not None

    @property
    def first_plan(self) -> Plan | None:
        return self.plans[0] if self.plans else None

    @property
    def last_plan(self) -> Plan | None:
        return self.plans[-1] if self.plans else None

    def stated_end_goal(self) -> EndGoal | None:
        """The end goal of the latest plan that states one (rules.md WORK-15H-01, JOBSEEK-01)."""
        for plan in reversed(self.plans):
            if plan.end_goal is not None:
                return plan.end_goal
        return None

    def value(self, name: str, day: date) -> Any:
        """The parameter ``name`` in force on ``day`` (None: not in force that day)."""
        return self.law.at[name](day)

    # --- making findings ---------------------------------------------------------------------

    def finding(
        self,
        spec: RuleSpec,
        status: Status,
        phrase: Phrase,
        values: Mapping[str, object],
        *,
        deadline: date | None = None,
        satisfied_on: date | None = None,
        used: Used = (),
        notes: tuple[Note, ...] = (),
    ) -> Finding:
        parameters, uncertain = self.law.bundle(used)
        return new_finding(
            self.case_id, spec.id, status, self.category, spec.severity, spec.source,
            deadline, satisfied_on, parameters, None, None, phrase, values,
            notes + uncertain + self.notes,
        )  # fmt: skip

    def not_applicable(
        self,
        spec: RuleSpec,
        reason: str,
        phrase: Phrase,
        values: Mapping[str, object],
        *,
        used: Used = (),
        notes: tuple[Note, ...] = (),
    ) -> Finding:
        """The rule does not apply; ``reason`` is a short code, the phrase says why."""
        parameters, uncertain = self.law.bundle(used)
        return new_finding(
            self.case_id, spec.id, Status.NOT_APPLICABLE, self.category, spec.severity,
            spec.source, None, None, parameters, None, reason, phrase, values,
            notes + uncertain + self.notes,
        )  # fmt: skip

    def unknown(
        self,
        spec: RuleSpec,
        missing_fact: str,
        phrase: Phrase,
        values: Mapping[str, object],
        *,
        used: Used = (),
    ) -> Finding:
        """A fact the rule needs is missing; ``missing_fact`` is its field path."""
        parameters, uncertain = self.law.bundle(used)
        return new_finding(
            self.case_id, spec.id, Status.UNKNOWN, self.category, spec.severity, spec.source,
            None, None, parameters, missing_fact, None, phrase, values, uncertain + self.notes,
        )  # fmt: skip


def _plans_as_of(plans: tuple[Plan, ...], as_of: date) -> tuple[Plan, ...]:
    """Plans decided by ``as_of``, oldest first (equal dates keep their recorded order)."""
    visible = tuple(p for p in plans if p.decided_on <= as_of)
    if len(visible) < 2:
        return visible
    return tuple(sorted(visible, key=_decided_on))
