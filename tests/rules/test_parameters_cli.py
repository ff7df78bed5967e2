"""``introsak rules parameters``: the list of parameters, stale ones, table and JSON."""

from __future__ import annotations

import io
import json

import pytest

from introsak.cli import main as introsak_main
from introsak.rules.parameter_set import ParameterSet
from introsak.rules.parameters_cli import main


def _json(*args: str) -> list[dict[str, object]]:
    out = io.StringIO()
    assert main([*args, "--format", "json"], out=out) == 0
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def test_every_parameter_is_listed_with_its_value_today() -> None:
    rows = _json("--as-of", "2026-12-01")
    everything = ParameterSet.load().everything()
    assert [(r["revision"], r["name"]) for r in rows] == [(rev, p.name) for rev, p in everything]
    [sunset] = [r for r in rows if r["name"] == "temporary_rules_sunset"]
    assert {k: sunset[k] for k in ("value", "since", "last_confirmed", "confirmed_until")} == {
        "value": "2026-07-01",
        "since": "2022-06-15",
        "last_confirmed": "2026-12-01",
        "confirmed_until": "2026-06-30",
    }
    assert (sunset["stale"], sunset["unconfirmed"]) == (True, True)
    assert sunset["sources"][0].startswith("Innst. 430 L (2023–2024)")  # type: ignore[index]


def test_stale_lists_old_confirmations_and_passed_horizons_only() -> None:
    rows = _json("--as-of", "2026-12-01", "--stale", "30")
    names = {r["name"] for r in rows}
    assert "temporary_rules_sunset" in names  # confirmed today, but its horizon has passed
    assert "programme_start_months" in names  # last confirmed 2024-12-05
    assert "participant_age_min" not in names  # confirmed 2026-12-01, no horizon
    assert all(r["stale"] for r in rows)


def test_the_table_names_sources_and_doubt() -> None:
    out = io.StringIO()
    assert main(["--as-of", "2026-12-01"], out=out) == 0
    text = out.getvalue()
    assert text.splitlines()[0].split() == [
        "parameter", "value", "since", "confirmed", "until", "stale",
    ]  # fmt: skip
    assert "    source: Innst. 430 L (2023–2024)" in text
    assert "    uncertain: the sunset 2026-07-01 is confirmed" in text
    assert "il-2025/general_work_oriented_hours" in text


def test_bad_options_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "xml"]) == 2
    assert main(["--stale", "-1"]) == 2
    assert introsak_main(["rules", "nonsense"]) == 2
    assert "--stale must be 0 or more days" in capsys.readouterr().err
