"""Loading one case for its page gives exactly what ``facts_queryset`` gives, in as many
queries, and every list afterwards is read without a query."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from introsak.cases import models as m
from introsak.cases.domain.facts import case_to_facts, facts_queryset
from introsak.cases.domain.single import load_lists, select_case
from tests.workspace.builders import caseload, load, rich, running, staff

pytestmark = pytest.mark.django_db


def _lists(case: m.ProgrammeCase) -> dict[str, list[Any]]:
    """Every related row the page reads, as plain values, in the order it reads them."""

    def values(rows: Any) -> list[tuple[Any, ...]]:
        return [tuple(vars(x)[k] for k in sorted(vars(x)) if not k.startswith("_")) for x in rows]

    return {
        "plans": values(case.plans.all()),
        "items": [row for p in case.plans.all() for row in values(p.items.all())],
        "meetings": values(case.meetings.all()),
        "activities": values(case.activities.all()),
        "leaves": values(case.leaves.all()),
        "extensions": values(case.extensions.all()),
        "journal": values(case.journal_notes.all()),
        "authors": [n.author.username if n.author else None for n in case.journal_notes.all()],
    }


def test_one_case_loads_as_the_prefetching_queryset_does(django_assert_num_queries: Any) -> None:
    staff()
    load(
        [*caseload("radgiver.sth", 6), rich("R-1", "radgiver.sth"), running("R-2", "radgiver.sth")]
    )
    for case_id in ("R-1", "R-2", "L-0", "L-1"):
        expected = facts_queryset(m.ProgrammeCase.objects.filter(case_id=case_id)).get()
        # The case, then the lists: one round trip on PostgreSQL, seven queries on SQLite.
        with django_assert_num_queries(2 if connection.vendor == "postgresql" else 8):
            case = select_case(m.ProgrammeCase.objects.filter(case_id=case_id)).get()
            assert load_lists(case) == ([] if connection.vendor == "postgresql" else None)
        with django_assert_num_queries(0):
            assert _lists(case) == _lists(expected)
            assert case_to_facts(case) == case_to_facts(expected)
    rich_case = select_case(m.ProgrammeCase.objects.filter(case_id="R-1")).get()
    load_lists(rich_case)
    assert len(rich_case.plans.all()) > 1
    assert any(p.items.all() for p in rich_case.plans.all())
    assert rich_case.journal_notes.all() and rich_case.meetings.all()
