"""The YAML example cases next to the rules: each gives a case, an as-of date and the finding.

The examples are the rules' table-driven tests and also their documentation: each states a
corner of the catalogue (end-of-month dates, leave, the 2024-02-01 boundary, short and long
programmes, as-of dates either side of a deadline, unknown facts, not-applicable reasons).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest

from introsak.casefacts.parse import parse_case
from introsak.rules import RULES, Finding, evaluate
from tests.rules.example_cases import Example, load_examples

EXAMPLES = load_examples()
MIN_EXAMPLES_PER_RULE = 5


def _observed(finding: Finding, expect: dict[str, Any]) -> dict[str, Any]:
    """The finding's values for exactly the keys the example states."""
    explanation = finding.explanation
    everything: dict[str, Any] = {
        "status": finding.status.value,
        "deadline": finding.deadline,
        "satisfied_on": finding.satisfied_on,
        "category": finding.category.value,
        "reason": finding.reason,
        "missing_fact": finding.missing_fact,
        "explanation_nb": explanation["nb"],
        "explanation_en": explanation["en"],
        "parameters": {k: finding.parameters.get(k) for k in expect.get("parameters", {})},
    }
    return {key: everything[key] for key in expect}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.test_id)
def test_example_finding_matches(example: Example) -> None:
    case = parse_case(example.case, allow_synthetic_ids=True).case
    [finding] = evaluate(case, example.as_of, rules=[example.rule])
    assert finding.rule == example.rule
    assert _observed(finding, example.expect) == example.expect


def test_every_rule_has_at_least_five_examples() -> None:
    counts = Counter(example.rule for example in EXAMPLES)
    assert {rule.id: counts[rule.id] >= MIN_EXAMPLES_PER_RULE for rule in RULES} == {
        rule.id: True for rule in RULES
    }


def test_examples_cover_every_status_the_catalogue_uses() -> None:
    seen = {example.expect["status"] for example in EXAMPLES}
    assert seen == {
        "met",
        "met_late",
        "pending",
        "overdue",
        "breach",
        "not_applicable",
        "unknown",
    }


def test_every_example_states_status_and_as_of() -> None:
    assert all(isinstance(e.as_of, date) and "status" in e.expect for e in EXAMPLES)
