"""The forecast's input files and the command line: bad input is refused with a message."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from introsak.intake.domain.scenario import ScenarioError, read_arrivals, read_scenario

EXAMPLES = Path(__file__).resolve().parents[2] / "src/introsak/intake/scenarios"
ARRIVALS = EXAMPLES / "oslo-arrivals.csv"
CAPACITY = EXAMPLES / "oslo-capacity.json"


def _capacity(**changes: object) -> str:
    obj = json.loads(CAPACITY.read_text())
    obj.update(changes)
    return json.dumps(obj)


def _errors(arrivals: str, capacity: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        read_scenario(arrivals, capacity)
    return caught.value.errors


def test_example_files_read() -> None:
    scenario = read_scenario(ARRIVALS.read_text(), CAPACITY.read_text())
    assert len(scenario.arrivals) == 24
    assert [s.code for s in scenario.schools] == ["helsfyr", "skullerud", "rosenhoff"]
    assert len(scenario.schools[0].intakes) == 13
    assert scenario.schools[0].places() == 65


def test_arrivals_bad_lines_name_line_and_field() -> None:
    text = "month,arrivals\n2024-01,10\n2024-13,5\n2024-03,-4\n2024-04\n"
    with pytest.raises(ScenarioError) as caught:
        read_arrivals(text)
    assert caught.value.errors == [
        "line 3: month: not a month YYYY-MM ('2024-13')",
        "line 4: arrivals: expected a whole number of persons, 0 or more ('-4')",
        "line 5: expected 2 values (month,arrivals), got 1",
    ]


def test_arrivals_months_must_follow_each_other() -> None:
    with pytest.raises(ScenarioError) as caught:
        read_arrivals("month,arrivals\n2024-01,10\n2024-03,5\n")
    assert caught.value.errors == [
        "arrivals: months must follow each other: 2024-03 after 2024-01 (expected 2024-02)"
    ]


def test_arrivals_need_the_header() -> None:
    with pytest.raises(ScenarioError) as caught:
        read_arrivals("2024-01,10\n")
    assert caught.value.errors == ["line 1: expected the header 'month,arrivals'"]


def test_capacity_below_zero_is_refused() -> None:
    obj = json.loads(CAPACITY.read_text())
    obj["schools"][1]["capacity"]["fast"] = -3
    errors = _errors(ARRIVALS.read_text(), json.dumps(obj))
    assert errors == ["capacity file: schools[1].capacity.fast: capacity below zero (-3)"]


def test_two_intakes_on_one_day_are_refused() -> None:
    obj = json.loads(CAPACITY.read_text())
    obj["schools"][0]["intakes"].append("2024-03-04")
    errors = _errors(ARRIVALS.read_text(), json.dumps(obj))
    assert errors == ["capacity file: schools[0].intakes: two intakes start on 2024-03-04"]


def test_shares_must_add_up() -> None:
    errors = _errors(ARRIVALS.read_text(), _capacity(track_mix={"slow": 0.5, "fast": 0.2}))
    assert errors == ["capacity file: track_mix: the shares must add up to 1, got 0.700"]


def test_preferences_name_known_schools() -> None:
    errors = _errors(ARRIVALS.read_text(), _capacity(preferences={"grorud": 1.0}))
    expected = "unknown; expected one of helsfyr, skullerud, rosenhoff"
    assert errors == [f"capacity file: preferences.grorud: {expected}"]


def test_mapping_capacity_must_be_positive() -> None:
    errors = _errors(ARRIVALS.read_text(), _capacity(mapping_per_month=0))
    assert errors == ["capacity file: mapping_per_month: must be between 1 and 10000, got 0"]


def test_errors_of_both_files_together() -> None:
    errors = _errors("month,arrivals\nx,1\n", "{")
    assert errors[0] == "arrivals file: line 2: month: not a month YYYY-MM ('x')"
    assert errors[1].startswith("capacity file: line 1: (json):")


def test_command_json(tmp_path: Path) -> None:
    out = StringIO()
    call_command(
        "forecast", arrivals=str(ARRIVALS), capacity=str(CAPACITY), runs=4, seed=3, stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["runs"] == 4
    assert data["seed"] == 3
    assert data["persons"] == 2310
    assert set(data["wait_days_by_school"]) == {"helsfyr", "skullerud", "rosenhoff"}
    assert (
        data["wait_days_by_school"]["helsfyr"]["p50"]
        > data["wait_days_by_school"]["rosenhoff"]["p50"]
    )
    assert data["capacity_needed"]["target_share"] == 1.0
    again = StringIO()
    call_command(
        "forecast", arrivals=str(ARRIVALS), capacity=str(CAPACITY), runs=4, seed=3, stdout=again
    )
    assert again.getvalue() == out.getvalue()


def test_command_csv() -> None:
    out = StringIO()
    call_command(
        "forecast",
        arrivals=str(ARRIVALS),
        capacity=str(CAPACITY),
        runs=2,
        format="csv",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert lines[0] == "measure,school,month,p10,p50,p90"
    assert lines[1].startswith("share_within_3_months,,,")
    assert any(line.startswith("wait_days,helsfyr,2024-01,") for line in lines)


def test_command_refuses_bad_input_with_message(tmp_path: Path) -> None:
    bad = tmp_path / "capacity.json"
    obj = json.loads(CAPACITY.read_text())
    obj["schools"][0]["capacity"]["slow"] = -1
    bad.write_text(json.dumps(obj))
    err = StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("forecast", arrivals=str(ARRIVALS), capacity=str(bad), stderr=err)
    assert exited.value.code == 2
    assert err.getvalue().splitlines() == [
        "capacity file: schools[0].capacity.slow: capacity below zero (-1)",
        "1 error(s): the forecast was not run.",
    ]


def test_arrivals_saved_by_norwegian_excel_are_read() -> None:
    text = "\ufeffmonth;arrivals\r\n2024-01;10\r\n2024-02;12\r\n"
    assert read_arrivals(text) == ((date(2024, 1, 1), 10), (date(2024, 2, 1), 12))
