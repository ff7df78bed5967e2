"""Load the YAML example cases that live next to the rules (``src/introsak/rules/examples``).

Each file holds one rule's examples::

    rule: START-01
    defaults: {case-facts dict}           # merged under every example's ``case``
    examples:
      - name: started twelve days late
        as_of: 2024-06-01
        case: {decision_date: 2024-04-25, start_date: 2024-05-02}
        expect: {status: met_late, deadline: 2024-04-20, satisfied_on: 2024-05-02}

Dicts merge recursively, lists and scalars replace, ``null`` clears an optional field. The
merged case is parsed with ``parse_case``, as a file record would be, so the examples also
prove that their cases are valid input.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

import introsak.rules

EXAMPLES_DIR = Path(introsak.rules.__file__).parent / "examples"
EXPECTED_KEYS = {
    "status",
    "deadline",
    "satisfied_on",
    "category",
    "reason",
    "missing_fact",
    "parameters",
    "explanation_nb",
    "explanation_en",
}


@dataclass(frozen=True)
class Example:
    rule: str
    name: str
    as_of: date
    case: dict[str, Any]
    expect: dict[str, Any]
    source: str

    @property
    def test_id(self) -> str:
        return f"{self.rule}: {self.name}"


def _merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _merge(base.get(key), value) if key in base else value
        return merged
    return override


def _as_json(value: Any) -> Any:
    """YAML reads dates as ``date``; the case-facts format has ISO strings."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    return value


def load_examples(directory: Path = EXAMPLES_DIR) -> list[Example]:
    examples = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rule, defaults = data["rule"], data.get("defaults", {})
        assert path.stem == rule, f"{path}: file name must be the rule id"
        for item in data["examples"]:
            unknown = set(item["expect"]) - EXPECTED_KEYS
            assert not unknown, f"{path}: {item['name']}: unknown expect keys {unknown}"
            case = _as_json(_merge(defaults, item.get("case", {})))
            examples.append(
                Example(rule, item["name"], item["as_of"], case, item["expect"], str(path))
            )
    return examples
