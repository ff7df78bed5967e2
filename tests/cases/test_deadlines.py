"""Stored findings and deadlines never disagree with a fresh evaluation."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from introsak.casefacts.model import CaseFacts
from introsak.casefacts.serialize import dumps_case
from introsak.cases import models
from introsak.cases.domain.deadlines import (
    DERIVED_FIELDS,
    case_recompute,
    cases_recompute,
    derive,
    derived_values,
)
from introsak.cases.domain.facts import case_to_facts, facts_queryset
from introsak.cases.domain.importing import case_facts_import
from introsak.rules import evaluate
from tests.factories import case_dict, import_cases
from tests.strategies import case_facts

pytestmark = pytest.mark.django_db


def _stored(case_id: str) -> list[tuple[object, ...]]:
    return list(
        models.CaseFinding.objects.filter(case__case_id=case_id)
        .order_by("rule")
        .values_list("rule", "status", "deadline", "satisfied_on", "severity", "category")
    )


def _fresh(facts: CaseFacts, as_of: date) -> list[tuple[object, ...]]:
    return sorted(
        (x.rule, x.status.value, x.deadline, x.satisfied_on, str(x.severity), str(x.category))
        for x in evaluate(facts, as_of)
    )


def test_derived_fields_match_derived_values_order() -> None:
    facts = case_to_facts_of_new_case()
    assert tuple(derived_values(derive(facts, date(2024, 8, 7)))) == DERIVED_FIELDS


def case_to_facts_of_new_case() -> CaseFacts:
    import_cases([case_dict("C-1")])
    return case_to_facts(facts_queryset().get(case_id="C-1"))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(facts=case_facts(), as_of=st.dates(date(2020, 1, 1), date(2028, 12, 31)))
def test_stored_findings_equal_fresh_evaluation(facts: CaseFacts, as_of: date) -> None:
    models.CaseFinding.objects.all().delete()
    models.ProgrammeCase.objects.all().delete()
    models.Person.objects.all().delete()
    case_facts_import(
        stream=io.StringIO(dumps_case(facts) + "\n"), as_of=as_of, missing_users="create"
    )
    assert _stored(facts.case_id) == _fresh(facts, as_of)
    stored = models.ProgrammeCase.objects.get(case_id=facts.case_id)
    expected = derive(facts, as_of)
    assert (stored.next_deadline_rule, stored.next_deadline_date, stored.stage) == (
        expected.next_rule,
        expected.next_date,
        expected.stage,
    )


def test_recompute_after_time_passes_agrees_with_fresh_evaluation() -> None:
    import_cases(
        [
            case_dict(
                "C-1",
                start_date=None,
                decision_date=None,
                plans=[],
                person__residence_basis="refugee",
            )
        ],
        as_of=date(2023, 11, 1),
    )
    before = models.ProgrammeCase.objects.get(case_id="C-1")
    assert (before.next_deadline_rule, before.next_deadline_status) == ("START-01", "pending")
    later = date(2024, 8, 7)
    assert cases_recompute(as_of=later) == 1
    facts = case_to_facts(facts_queryset().get(case_id="C-1"))
    assert _stored("C-1") == _fresh(facts, later)
    after = models.ProgrammeCase.objects.get(case_id="C-1")
    assert (after.next_deadline_rule, after.next_deadline_status) == ("START-01", "overdue")
    assert after.version == before.version  # recomputing is not an edit


def test_case_recompute_replaces_rows() -> None:
    import_cases([case_dict("C-1")])
    case = models.ProgrammeCase.objects.get(case_id="C-1")
    models.CaseFinding.objects.filter(case=case).update(status="met")
    case_recompute(case=case, as_of=date(2024, 8, 7))
    facts = case_to_facts(facts_queryset().get(case_id="C-1"))
    assert _stored("C-1") == _fresh(facts, date(2024, 8, 7))
