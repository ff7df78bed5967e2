"""Loading one case for its page gives exactly what ``facts_queryset`` gives, in one query,
on SQLite and PostgreSQL alike, and reading its lists afterwards costs no query."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from introsak.cases import models as m
from introsak.cases.domain.facts import CaseLists, case_to_facts, facts_queryset
from introsak.cases.domain.single import case_page_loader, case_rows
from tests.workspace.builders import caseload, load, rich, running, staff

pytestmark = pytest.mark.django_db


def _values(rows: Any) -> list[tuple[Any, ...]]:
    """Every field value of each row (its ``__dict__`` without Django's own state)."""
    return [tuple(vars(x)[k] for k in sorted(vars(x)) if not k.startswith("_")) for x in rows]


def _lists(lists: CaseLists) -> dict[str, list[Any]]:
    """Every related row the page reads, as plain values, in the order it reads them."""
    notes = lists.journal_notes
    return {
        "plans": _values(lists.plans),
        "items": [row for p in lists.plans for row in _values(lists.items_of(p))],
        "meetings": _values(lists.meetings),
        "activities": _values(lists.activities),
        "leaves": _values(lists.leaves),
        "extensions": _values(lists.extensions),
        "journal": _values(notes),
        "authors": [_values([n.author]) if n.author else None for n in notes],
    }


def test_one_case_loads_as_the_prefetching_queryset_does(django_assert_num_queries: Any) -> None:
    staff()
    load(
        [*caseload("radgiver.sth", 6), rich("R-1", "radgiver.sth"), running("R-2", "radgiver.sth")]
    )
    for case_id in ("R-1", "R-2", "L-0", "L-1"):
        expected = facts_queryset(m.ProgrammeCase.objects.filter(case_id=case_id)).get()
        with django_assert_num_queries(1):
            loader = case_page_loader(recent_changes=10)
            case = loader(m.ProgrammeCase.objects.filter(case_id=case_id)).get()
        with django_assert_num_queries(0):
            rows = case_rows(case)
            assert _lists(rows.lists) == _lists(CaseLists.prefetched(expected))
            assert case_to_facts(case, rows.lists) == case_to_facts(expected)
    rich_case = case_page_loader(recent_changes=10)(
        m.ProgrammeCase.objects.filter(case_id="R-1")
    ).get()
    lists = case_rows(rich_case).lists
    assert len(lists.plans) > 1
    assert any(lists.items_of(p) for p in lists.plans)
    assert lists.journal_notes and lists.meetings and lists.activities


def test_changes_corrections_and_staff_come_with_the_case(
    django_assert_num_queries: Any,
) -> None:
    """The newest changes (as many as asked), the corrections oldest first, each with its
    user, and times as the ORM reads them (aware, to the microsecond)."""
    people = staff()
    load([running("C-1", "radgiver.sth")])
    case = m.ProgrammeCase.objects.get(case_id="C-1")
    meeting = m.Meeting.objects.filter(case=case).first()
    assert meeting is not None
    m.Meeting.objects.filter(pk=meeting.pk).update(recorded_by=people.colleague)
    for version in range(1, 5):
        m.CaseChange.objects.create(case=case, version=version, step="meeting", user=people.adviser)
    for version in (2, 1):
        m.EventCorrection.objects.create(
            case=case,
            version=version,
            event="meeting",
            event_id=meeting.pk,
            changes="[]",
            reason=f"r{version}",
            user=people.coordinator,
        )
    moment = datetime(2024, 8, 7, 9, 30, 15, 123456, tzinfo=UTC)
    m.CaseChange.objects.filter(case=case, version=4).update(at=moment)
    with django_assert_num_queries(1):
        loaded = case_page_loader(recent_changes=3)(
            m.ProgrammeCase.objects.filter(pk=case.pk)
        ).get()
    with django_assert_num_queries(0):
        rows = case_rows(loaded)
        assert [c.version for c in rows.recent_changes] == [4, 3, 2]
        assert rows.recent_changes[0].at == moment
        assert {c.user.username for c in rows.recent_changes if c.user} == {"radgiver.sth"}
        assert [c.reason for c in rows.corrections] == ["r1", "r2"]
        assert rows.corrections[0].user == people.coordinator
        assert {people.adviser.pk, people.colleague.pk, people.coordinator.pk} <= set(rows.staff)
        assert _values([rows.staff[people.colleague.pk]]) == _values([people.colleague])
