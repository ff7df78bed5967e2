"""The engine's interface: evaluate, evaluate_many, findings, categories, phrases."""

from __future__ import annotations

import json
import pickle
import string
from datetime import date

import pytest

from introsak.casefacts.enums import EducationLevel, EndGoal, ResidenceBasis
from introsak.casefacts.model import CaseFacts, Person, Plan
from introsak.rules import (
    RULES,
    Category,
    Finding,
    Severity,
    Status,
    UnknownRuleError,
    evaluate,
    evaluate_many,
)
from introsak.rules.acts.integreringsloven.s08_s09_target_group import (
    PHRASES as TARGET_GROUP_PHRASES,
)
from introsak.rules.context import UNCERTAIN
from introsak.rules.findings import new_finding
from introsak.rules.outcomes import COMMON_PHRASES

SPEC_KEYS = [
    "case_id",
    "rule",
    "status",
    "deadline",
    "satisfied_on",
    "category",
    "severity",
    "source",
    "explanation",
    "parameters",
]


def _case(case_id: str = "e1", **changes: object) -> CaseFacts:
    person_fields: dict[str, object] = {
        "birth_date": date(1990, 1, 1),
        "residence_basis": ResidenceBasis.REFUGEE,
        "permit_date": date(2023, 12, 1),
        "settlement_date": date(2024, 1, 20),
        "settled_by_agreement": True,
        "education_level": EducationLevel.PRIMARY,
    }
    person_fields.update(changes.pop("person", {}))  # type: ignore[call-overload]
    fields: dict[str, object] = {
        "case_id": case_id,
        "district": "alna",
        "person": Person(**person_fields),  # type: ignore[arg-type]
        "decision_date": date(2024, 4, 25),
        "start_date": date(2024, 5, 2),
        "plans": (Plan(decided_on=date(2024, 4, 25), duration_months=24, end_goal=EndGoal.WORK),),
        **changes,
    }
    return CaseFacts(**fields)  # type: ignore[arg-type]


def test_evaluate_gives_one_finding_per_rule_in_catalogue_order() -> None:
    findings = evaluate(_case(), date(2024, 9, 1))
    assert [f.rule for f in findings] == [rule.id for rule in RULES]
    assert [f.rule for f in findings] == [
        "START-01", "MAP-01", "GUIDE-01", "PLAN-01", "CONTRACT-01", "GOAL-01", "DURATION-01",
        "END-01", "WORK-15H-01", "TRI-01", "EDU-01", "JOBSEEK-01", "PARENT-01", "LIFE-01",
        "CERT-01", "U25-01", "FULLTIME-01", "WORK-MIN-01", "PLANREV-01", "NOR-01", "SOC-01",
    ]  # fmt: skip


def test_evaluate_selected_rules_keeps_catalogue_order() -> None:
    findings = evaluate(_case(), date(2024, 9, 1), rules=["CERT-01", "START-01"])
    assert [f.rule for f in findings] == ["START-01", "CERT-01"]


def test_evaluate_rejects_unknown_rule_ids() -> None:
    with pytest.raises(UnknownRuleError, match="unknown rule id\\(s\\): NOPE-01"):
        evaluate(_case(), date(2024, 9, 1), rules=["START-01", "NOPE-01"])


def test_finding_to_dict_is_the_spec_json_line() -> None:
    [finding] = evaluate(_case(), date(2024, 9, 1), rules=["START-01"])
    line = finding.to_dict()
    assert list(line) == SPEC_KEYS
    assert line == {
        "case_id": "e1",
        "rule": "START-01",
        "status": "met_late",
        "deadline": "2024-04-20",
        "satisfied_on": "2024-05-02",
        "category": "right_and_duty",
        "severity": "shall",
        "source": "IL § 12",
        "explanation": {
            "nb": "Programmet startet 02.05.2024, 12 dager etter fristen 20.04.2024 "
            "(3 måneder etter bosetting 20.01.2024).",
            "en": "The programme started on 2024-05-02, 12 days after the deadline 2024-04-20 "
            "(3 months after settlement 2024-01-20).",
        },
        "parameters": {"programme_start_months": 3},
    }
    assert json.loads(json.dumps(line)) == line


def test_not_applicable_and_unknown_findings_say_why_and_have_no_deadline() -> None:
    findings = {f.rule: f for f in evaluate(_case(), date(2024, 9, 1))}
    assert (findings["CERT-01"].status, findings["CERT-01"].reason) == (
        Status.NOT_APPLICABLE,
        "not_ended",
    )
    assert (findings["EDU-01"].status, findings["EDU-01"].missing_fact) == (
        Status.UNKNOWN,
        "education_recognition.relevant",
    )
    assert findings["CERT-01"].to_dict()["deadline"] is None
    assert findings["EDU-01"].to_dict()["deadline"] is None


def test_finding_parameters_are_read_only() -> None:
    [finding] = evaluate(_case(), date(2024, 9, 1), rules=["START-01"])
    with pytest.raises(TypeError, match="read-only"):
        finding.parameters["programme_start_months"] = 4  # type: ignore[index]
    assert finding.to_dict()["parameters"] == {"programme_start_months": 3}


def test_findings_survive_pickling() -> None:
    findings = evaluate(_case(), date(2024, 9, 1))
    copies = pickle.loads(pickle.dumps(findings))  # noqa: S301 - our own bytes
    assert copies == findings
    assert [f.explanation for f in copies] == [f.explanation for f in findings]


def test_finding_carries_severity_and_source_of_its_rule() -> None:
    findings = evaluate(_case(), date(2024, 9, 1))
    assert [(f.severity, f.source) for f in findings] == [(r.severity, r.source) for r in RULES]
    assert {f.rule: f.severity for f in findings}["GUIDE-01"] is Severity.SHOULD


def _cases(n: int) -> list[CaseFacts]:
    return [
        _case(f"c{i}", start_date=date(2024, 5, 1 + i % 28), mapping_date=date(2024, 3, 1 + i % 28))
        for i in range(n)
    ]


def test_evaluate_many_streams_in_order() -> None:
    cases = _cases(7)
    results = list(evaluate_many(iter(cases), date(2024, 9, 1)))
    assert [case for case, _ in results] == cases
    assert [findings for _, findings in results] == [evaluate(c, date(2024, 9, 1)) for c in cases]


def test_evaluate_many_in_parallel_gives_the_same_results_in_order() -> None:
    cases = _cases(57)
    as_of = date(2024, 9, 1)
    serial = list(evaluate_many(cases, as_of))
    parallel = list(evaluate_many(iter(cases), as_of, workers=2, chunk_size=5))
    assert [c.case_id for c, _ in parallel] == [c.case_id for c in cases]
    assert parallel == serial


def test_evaluate_many_with_selected_rules() -> None:
    [(_, findings)] = evaluate_many([_case()], date(2024, 9, 1), rules=["END-01"])
    assert [f.rule for f in findings] == ["END-01"]


@pytest.mark.parametrize(
    ("person", "decision", "as_of", "category"),
    [
        ({}, None, date(2024, 6, 1), Category.RIGHT_AND_DUTY),
        ({"residence_basis": ResidenceBasis.FAMILY_REUNIFICATION, "settled_by_agreement": False},
         None, date(2024, 6, 1), Category.RIGHT_AND_DUTY),
        ({"settled_by_agreement": False}, None, date(2024, 6, 1), Category.MAY_OFFER),
        ({"birth_date": date(1967, 11, 30)}, None, date(2024, 6, 1), Category.MAY_OFFER),  # 56
        ({"birth_date": date(1967, 12, 2)}, None, date(2024, 6, 1), Category.RIGHT_AND_DUTY),  # 55
        ({"birth_date": date(2005, 12, 2)}, None, date(2024, 6, 1), Category.NONE),  # 17
        ({"residence_basis": ResidenceBasis.OTHER}, None, date(2024, 6, 1), Category.NONE),
        ({}, date(2026, 1, 20), date(2026, 6, 1), Category.NONE),  # decided after 2 years
        ({}, None, date(2024, 1, 19), Category.NONE),  # not yet settled
        ({"residence_basis": ResidenceBasis.COLLECTIVE_PROTECTION}, None, date(2024, 6, 1),
         Category.RIGHT_ONLY),
        ({"residence_basis": ResidenceBasis.COLLECTIVE_PROTECTION, "settled_by_agreement": False},
         None, date(2024, 6, 1), Category.MAY_OFFER),
        ({"residence_basis": ResidenceBasis.COLLECTIVE_PROTECTION}, None, date(2026, 7, 1),
         Category.RIGHT_AND_DUTY),  # past the sunset: the ordinary rules, never may_offer
        ({"residence_basis": ResidenceBasis.COLLECTIVE_PROTECTION,
          "permit_date": date(2022, 3, 10), "settlement_date": date(2022, 8, 1)},
         None, date(2023, 6, 1), Category.NONE),  # permit before 2022-03-11
        ({"residence_basis": ResidenceBasis.COLLECTIVE_PROTECTION, "birth_date": date(1960, 1, 1)},
         None, date(2024, 6, 1), Category.MAY_OFFER),
    ],
)  # fmt: skip
def test_person_category(
    person: dict[str, object], decision: date | None, as_of: date, category: Category
) -> None:
    case = _case(person=person, decision_date=decision, start_date=None, plans=())
    [finding] = evaluate(case, as_of, rules=["START-01"])
    assert finding.category is category


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_phrase_has_the_same_placeholders_in_both_languages() -> None:
    phrases = [p for rule in RULES for p in rule.phrases]
    phrases += [*COMMON_PHRASES, *TARGET_GROUP_PHRASES, UNCERTAIN]
    mismatched = [p.key for p in phrases if _placeholders(p.nb) != _placeholders(p.en)]
    assert mismatched == []
    assert all(not p.nb.endswith(".") and not p.en.endswith(".") for p in phrases)


def test_explanations_are_one_sentence_ending_with_a_full_stop() -> None:
    for finding in evaluate(_case(), date(2024, 9, 1)):
        explanation = finding.explanation
        assert explanation["nb"].endswith(".") and explanation["en"].endswith(".")
        assert explanation["nb"].count(". ") == 0, explanation["nb"]


def test_finding_is_a_frozen_slotted_dataclass() -> None:
    [finding] = evaluate(_case(), date(2024, 9, 1), rules=["START-01"])
    assert not hasattr(finding, "__dict__")
    with pytest.raises(AttributeError):
        finding.status = Status.MET  # type: ignore[misc]
    assert isinstance(finding, Finding)


def test_the_fast_constructor_builds_an_ordinary_frozen_finding() -> None:
    [finding] = evaluate(_case(), date(2024, 9, 1), rules=["START-01"])
    values = tuple(getattr(finding, name) for name in Finding.__slots__)
    assert new_finding(*values) == Finding(*values) == finding
    assert type(new_finding(*values)) is Finding
