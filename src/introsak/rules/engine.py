"""Evaluate cases: ``evaluate`` for one, ``evaluate_many`` for a stream (optionally in parallel).

Every rule-set version's rules and parameters are prepared and checked once per evaluation
date; each case is then judged under the version its own date chooses
(``versions.version_for``: the version follows the case, not the clock) and costs one
``Context`` and one call per rule. Parallel runs send
chunks of cases to worker processes and keep at most a few chunks in flight, so a stream of
any length runs in bounded memory and comes back in input order.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from multiprocessing.pool import AsyncResult

from introsak.casefacts.model import CaseFacts
from introsak.rules.acts.integreringsloven.s08_s09_target_group import (
    PARAMETERS as TARGET_GROUP_PARAMETERS,
)
from introsak.rules.acts.integreringsloven.s08_s09_target_group import il_s8_s9_target_group
from introsak.rules.context import Context, Law
from introsak.rules.findings import Finding
from introsak.rules.parameter_set import ParameterSet, default_parameters
from introsak.rules.spec import RuleSpec
from introsak.rules.versions import VERSIONS, RuleSetVersion, case_day, version_on

DEFAULT_CHUNK_SIZE = 500


class UnknownRuleError(ValueError):
    """``rules=`` named a rule id the catalogue does not have."""

    def __init__(self, unknown: Sequence[str], known: Sequence[str]) -> None:
        super().__init__(f"unknown rule id(s): {', '.join(unknown)}; known: {', '.join(known)}")
        self.unknown = tuple(unknown)


class Evaluator:
    """Every version's rules as of ``as_of``, ready to apply to case after case."""

    __slots__ = ("_base", "_prepared", "as_of", "law", "rules")

    def __init__(
        self,
        as_of: date,
        *,
        rules: Sequence[str] | None = None,
        parameters: ParameterSet | None = None,
    ) -> None:
        base = parameters if parameters is not None else default_parameters()
        self.as_of = as_of
        self._base = base
        self._prepared: dict[str, _Prepared] = {
            version.id: _prepare(version, base, rules) for version in VERSIONS
        }
        # The version of the evaluation date: what a case without its own date follows.
        current = self._prepared[version_on(base, as_of).id]
        self.rules = current.rules
        self.law = current.law

    def prepared_for(self, case: CaseFacts) -> _Prepared:
        """The version (its law and rules) that governs ``case``."""
        return self._prepared[version_on(self._base, case_day(self._base, case, self.as_of)).id]

    def __call__(self, case: CaseFacts) -> list[Finding]:
        prepared = self.prepared_for(case)
        ctx = Context(case, self.as_of, prepared.law)
        ctx.category, ctx.category_why = il_s8_s9_target_group(ctx)
        return [evaluate_rule(ctx, rule) for evaluate_rule, rule in prepared.calls]


class _Prepared:
    """One version's checked parameters (its ``Law``) and selected rules."""

    __slots__ = ("calls", "law", "rules", "version")

    def __init__(self, version: RuleSetVersion, law: Law, rules: tuple[RuleSpec, ...]) -> None:
        self.version = version
        self.law = law
        self.rules = rules
        self.calls = tuple((rule.evaluate, rule) for rule in rules)


def _prepare(
    version: RuleSetVersion, base: ParameterSet, wanted: Sequence[str] | None
) -> _Prepared:
    law_parameters = version.parameters_for(base)
    rules = select_rules(version.rules, wanted)
    law_parameters.require(TARGET_GROUP_PARAMETERS, who="the target group (IL §§ 8–9)")
    for rule in rules:
        law_parameters.require(rule.parameters, who=f"{rule.id} ({version.id})")
    return _Prepared(version, _law(law_parameters, version.id), rules)


def select_rules(
    available: tuple[RuleSpec, ...], wanted: Sequence[str] | None
) -> tuple[RuleSpec, ...]:
    """The wanted rules in catalogue order (all when ``wanted`` is None)."""
    if wanted is None:
        return available
    ids = {rule.id for rule in available}
    unknown = [rule_id for rule_id in wanted if rule_id not in ids]
    if unknown:
        raise UnknownRuleError(unknown, [rule.id for rule in available])
    chosen = set(wanted)
    return tuple(rule for rule in available if rule.id in chosen)


# One Law (with its caches) per parameter set and version, shared by every evaluation.
_LAWS: dict[tuple[int, str], tuple[ParameterSet, Law]] = {}


def _law(parameters: ParameterSet, version: str) -> Law:
    key = (id(parameters), version)
    hit = _LAWS.get(key)
    if hit is None or hit[0] is not parameters:
        hit = _LAWS[key] = (parameters, Law(parameters, version))
    return hit[1]


_EVALUATORS: dict[tuple[int, date, tuple[str, ...] | None], tuple[ParameterSet, Evaluator]] = {}
_EVALUATORS_MAX = 256


def evaluator_for(
    as_of: date, *, rules: Sequence[str] | None = None, parameters: ParameterSet | None = None
) -> Evaluator:
    """A cached ``Evaluator``: choosing the version and checking parameters once per date."""
    base = parameters if parameters is not None else default_parameters()
    key = (id(base), as_of, tuple(rules) if rules is not None else None)
    hit = _EVALUATORS.get(key)
    if hit is None or hit[0] is not base:
        if len(_EVALUATORS) >= _EVALUATORS_MAX:
            _EVALUATORS.clear()
        hit = _EVALUATORS[key] = (base, Evaluator(as_of, rules=rules, parameters=base))
    return hit[1]


def evaluate(
    case: CaseFacts,
    as_of: date,
    *,
    rules: Sequence[str] | None = None,
    parameters: ParameterSet | None = None,
) -> list[Finding]:
    """One finding per rule (``not_applicable`` included) for ``case`` as of ``as_of``, in
    catalogue order. ``rules`` limits it to some rule ids; ``parameters`` replaces the
    parameter files (default: ``INTROSAK_PARAMETERS_DIR`` or the packaged ones)."""
    return evaluator_for(as_of, rules=rules, parameters=parameters)(case)


def evaluate_many(
    cases: Iterable[CaseFacts],
    as_of: date,
    *,
    rules: Sequence[str] | None = None,
    workers: int = 1,
    parameters: ParameterSet | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[tuple[CaseFacts, list[Finding]]]:
    """Stream ``(case, findings)`` for every case, in input order.

    ``workers`` > 1 evaluates chunks of ``chunk_size`` cases in that many processes; at most
    ``2 × workers`` chunks are in flight, so memory stays bounded for any stream.
    """
    evaluator = evaluator_for(as_of, rules=rules, parameters=parameters)
    if workers <= 1:
        for case in cases:
            yield case, evaluator(case)
        return
    yield from _in_parallel(cases, evaluator, workers, chunk_size)


# --- worker processes -------------------------------------------------------------------------

_WORKER: Evaluator | None = None


def _start_worker(evaluator: Evaluator) -> None:
    global _WORKER
    _WORKER = evaluator


def _evaluate_chunk(chunk: list[CaseFacts]) -> list[list[Finding]]:
    assert _WORKER is not None, "worker started without an evaluator"
    evaluator = _WORKER
    return [evaluator(case) for case in chunk]


def _chunks(cases: Iterable[CaseFacts], size: int) -> Iterator[list[CaseFacts]]:
    iterator = iter(cases)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _in_parallel(
    cases: Iterable[CaseFacts], evaluator: Evaluator, workers: int, chunk_size: int
) -> Iterator[tuple[CaseFacts, list[Finding]]]:
    in_flight: deque[tuple[list[CaseFacts], AsyncResult[list[list[Finding]]]]] = deque()
    with multiprocessing.get_context().Pool(
        workers, initializer=_start_worker, initargs=(evaluator,)
    ) as pool:
        for chunk in _chunks(cases, chunk_size):
            in_flight.append((chunk, pool.apply_async(_evaluate_chunk, (chunk,))))
            if len(in_flight) >= 2 * workers:
                yield from _collect(in_flight.popleft())
        while in_flight:
            yield from _collect(in_flight.popleft())


def _collect(
    item: tuple[list[CaseFacts], AsyncResult[list[list[Finding]]]],
) -> Iterator[tuple[CaseFacts, list[Finding]]]:
    chunk, result = item
    yield from zip(chunk, result.get(), strict=True)
