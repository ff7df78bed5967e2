"""Issue 16: waiting for a school place as the report defines it, reproduced from a fixture
(tests/stats/fixtures/school_waiting.jsonl: Helsfyr 124, Skullerud 50, Rosenhoff 59 days in
the first half of 2024; Helsfyr 63 in the second half of 2023)."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from introsak.cases.domain.importing import case_facts_import
from introsak.stats.domain.catalogue import compute_view
from introsak.stats.domain.filters import Filters
from introsak.stats.domain.queries import Scope
from introsak.stats.domain.tables import StatTable

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "school_waiting.jsonl"
AS_OF = date(2024, 8, 7)
PERIOD = Filters(as_of=AS_OF, start=date(2023, 7, 1), end=date(2024, 6, 30))


@pytest.fixture(autouse=True)
def _fixture() -> None:
    with FIXTURE.open("rb") as stream:
        case_facts_import(stream=stream, as_of=AS_OF)


WHOLE = Scope(suppress=False)


def _tables(scope: Scope = WHOLE, filters: Filters = PERIOD) -> tuple[StatTable, ...]:
    return compute_view("school-waiting", scope, filters).tables


def test_average_wait_per_school_and_half_year() -> None:
    means = _tables()[0]
    assert [r.key for r in means.rows] == ["helsfyr", "rosenhoff", "skullerud"]
    assert [c.key for c in means.columns] == ["2023-2", "2024-1"]
    assert means.cell("helsfyr", "2024-1").value == 124
    assert means.cell("skullerud", "2024-1").value == 50
    assert means.cell("rosenhoff", "2024-1").value == 59
    assert means.cell("helsfyr", "2023-2").value == 63
    assert means.cell("helsfyr", "2024-1").count == 5
    assert means.row_total("helsfyr").count == 7


def test_distribution_of_days_waited() -> None:
    bins = _tables()[1]
    counts = {
        r.key: [c.count for c in cells] for r, cells in zip(bins.rows, bins.cells, strict=True)
    }
    assert counts == {
        "helsfyr": [0, 1, 1, 2, 3, 0],
        "rosenhoff": [0, 2, 1, 0, 0, 0],
        "skullerud": [0, 3, 0, 0, 0, 0],
    }


def test_share_started_within_three_months_of_settlement() -> None:
    within = _tables()[2]
    assert within.cell("helsfyr", "within").count == 2
    assert within.cell("helsfyr", "within").share == 2 / 7
    assert within.cell("skullerud", "within").share == 1.0
    assert within.cell("rosenhoff", "within").count == 2  # 93 days is over 91


def test_a_person_still_waiting_is_not_counted() -> None:
    means = _tables()[0]
    assert means.grand_total is not None
    assert means.grand_total.count == 13


def test_small_numbers_are_hidden_for_analysts() -> None:
    means = _tables(Scope(suppress=True, whole_months=True))[0]
    assert means.cell("skullerud", "2024-1").suppressed
    assert means.cell("skullerud", "2024-1").value is None


def test_command_line_gives_the_same_numbers() -> None:
    out = io.StringIO()
    call_command(
        "stats", "school-waiting", "--from", "2023-07-01", "--to", "2024-06-30",
        "--as-of", "2024-08-07", "--format", "json", "--language", "en", stdout=out,
    )  # fmt: skip
    data: Any = json.loads(out.getvalue())
    table = data["tables"][0]
    assert table["key"] == "school-waiting"
    assert [c["label"] for c in table["columns"]] == ["2023, second half", "2024, first half"]
    rows = {row["label"]: row["cells"][1] for row in table["rows"]}
    assert {school: cell["value"] for school, cell in rows.items()} == {
        "Helsfyr": 124.0,
        "Rosenhoff": 59.0,
        "Skullerud": 50.0,
    }


def test_two_queries_whatever_the_number_of_cases(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(2):
        _tables()
    more = [
        line.replace('"W-', '"X-')
        for line in FIXTURE.read_text().splitlines()
        if '"started_on"' in line
    ]
    case_facts_import(stream=io.BytesIO(("\n".join(more) + "\n").encode()), as_of=AS_OF)
    with django_assert_num_queries(2):
        means = _tables()[0]
    assert means.cell("helsfyr", "2024-1").count == 10


@pytest.mark.slow
def test_input_file_gives_the_same_numbers_as_the_database() -> None:
    """``introsak stats school-waiting --input FILE``: the fixture in a throw-away database."""
    from tests.stats.test_cli import _introsak

    args = ["school-waiting", "--from", "2023-07-01", "--to", "2024-06-30", "--as-of",
            "2024-08-07", "--format", "json", "--language", "en"]  # fmt: skip
    done = _introsak(*args, "--input", str(FIXTURE))
    assert done.returncode == 0, done.stderr
    out = io.StringIO()
    call_command("stats", *args, stdout=out)
    assert json.loads(done.stdout) == json.loads(out.getvalue())
