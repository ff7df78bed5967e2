"""``CaseChange`` moved from ``workspace`` to ``cases`` (cases 0004, workspace 0002): a
database migrated before the move keeps its rows, both ways."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from introsak.cases.models import CaseChange, ProgrammeCase
from tests.workspace.builders import Staff, load, running, staff, undecided

BEFORE_MOVE = [("cases", "0003_person_strictly_confidential_index"), ("workspace", "0001_initial")]


def _latest() -> list[tuple[str, str]]:
    return list(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


@pytest.fixture
def migrated_back_and_forth() -> Iterator[None]:
    latest = _latest()
    try:
        yield
    finally:
        _migrate(latest)


@pytest.mark.django_db(transaction=True)
def test_case_changes_keep_their_rows_across_the_move(migrated_back_and_forth: None) -> None:
    people: Staff = staff()
    load([running("C-1", "radgiver.sth")])
    case = ProgrammeCase.objects.get(case_id="C-1")
    CaseChange.objects.create(case=case, version=case.version, step="meeting", user=people.adviser)

    _migrate(BEFORE_MOVE)
    assert "workspace_casechange" in _tables()
    assert "cases_casechange" not in _tables()
    with connection.cursor() as cursor:
        cursor.execute("SELECT case_id, step, user_id FROM workspace_casechange")
        assert cursor.fetchall() == [(case.pk, "meeting", people.adviser.pk)]

    _migrate(_latest())
    assert "cases_casechange" in _tables()
    assert "workspace_casechange" not in _tables()
    moved = CaseChange.objects.get()
    assert (moved.case_id, moved.step, moved.user) == (case.pk, "meeting", people.adviser)


TRAINING_FLAGS = ("flag_school_wait_from", "flag_no_placement_test_from", "flag_no_address_from")


@pytest.mark.django_db(transaction=True)
def test_the_training_flags_are_filled_by_the_migration_as_the_recompute_sets_them(
    migrated_back_and_forth: None,
) -> None:
    """cases 0011 adds the way into training's flags to the case row: a database migrated
    before it gets the values the recompute gives (``deadlines.training_flags``)."""
    staff()
    load(
        [
            undecided("A", "radgiver.sth", training={"mapping_appointment_on": "2024-04-10"}),
            undecided(
                "B",
                "radgiver.sth",
                training={
                    "address_registered_on": "2024-03-10",
                    "mapping_appointment_on": "2024-04-10",
                    "placement_tested_on": "2024-04-10",
                },
            ),
            undecided("C", "radgiver.sth"),
            running("D", "radgiver.sth"),
        ]
    )
    recomputed = {
        row[0]: row[1:] for row in ProgrammeCase.objects.values_list("case_id", *TRAINING_FLAGS)
    }
    assert recomputed["A"][0] is not None and recomputed["C"][2] is not None  # some are set

    _migrate([("cases", "0010_casechange_step_training")])
    _migrate(_latest())
    migrated = {
        row[0]: row[1:] for row in ProgrammeCase.objects.values_list("case_id", *TRAINING_FLAGS)
    }
    assert migrated == recomputed
