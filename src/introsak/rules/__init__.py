"""The rules engine: the rule catalogue (``shared/spec/rules.md``) as dated, explainable code.

Pure Python, no Django. ``evaluate(case, as_of)`` gives one ``Finding`` per rule;
``evaluate_many`` streams a large number of cases, optionally in parallel. Legal numbers and
dates are parameters in ``parameters/*.yaml``; see ``docs/rules.md``.
"""

from introsak.rules.engine import Evaluator, UnknownRuleError, evaluate, evaluate_many
from introsak.rules.findings import Category, Finding, Severity, Status
from introsak.rules.parameter_set import ParameterError, ParameterSet
from introsak.rules.registry import RULES, RULES_BY_ID
from introsak.rules.spec import RuleSpec

__all__ = [
    "RULES",
    "RULES_BY_ID",
    "Category",
    "Evaluator",
    "Finding",
    "ParameterError",
    "ParameterSet",
    "RuleSpec",
    "Severity",
    "Status",
    "UnknownRuleError",
    "evaluate",
    "evaluate_many",
]
