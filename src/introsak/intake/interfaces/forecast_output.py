"""The forecast as JSON or CSV rows (the command line; the what-if page shows the same)."""

from __future__ import annotations

from typing import Any

from introsak.intake.domain.forecast import Band, CapacityNeed, Forecast
from introsak.safe_csv import Cell, CsvFormat, csv_bytes

# For programs: commas, a dot as decimal mark, no byte-order mark (docs/intake.md).
COMMAND_LINE_CSV = CsvFormat(delimiter=",", line_end="\n", byte_order_mark=False)


def _band(value: Band, digits: int) -> dict[str, float]:
    return {
        "p10": round(value.p10, digits),
        "p50": round(value.p50, digits),
        "p90": round(value.p90, digits),
    }


def forecast_to_dict(result: Forecast, need: CapacityNeed | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "runs": result.runs,
        "seed": result.seed,
        "persons": result.persons,
        "horizon_end": result.horizon_end.isoformat(),
        "share_within_3_months": _band(result.share_within_3_months, 4),
        "mean_wait_days": _band(result.mean_wait, 1),
        "wait_days_by_school": {s: _band(b, 1) for s, b in result.wait_by_school.items()},
        "wait_days_by_school_and_month": [
            {"school": school, "month": f"{month:%Y-%m}", **_band(b, 1)}
            for (school, month), b in sorted(result.wait_by_school_month.items())
        ],
    }
    if need is not None:
        out["capacity_needed"] = {
            "target_share": need.target,
            "reachable": need.factor is not None,
            "factor": need.factor,
            "places_per_intake": need.places_per_intake,
            "share_reached": round(need.reached, 4),
        }
    return out


CSV_FIELDS = ("measure", "school", "month", "p10", "p50", "p90")


def forecast_to_csv(result: Forecast, need: CapacityNeed | None) -> str:
    """One row per number: the measure, its school and month where it has them, the band."""
    data = forecast_to_dict(result, need)
    rows: list[list[Cell]] = [
        ["share_within_3_months", "", "", *data["share_within_3_months"].values()],
        ["mean_wait_days", "", "", *data["mean_wait_days"].values()],
    ]
    for school, values in data["wait_days_by_school"].items():
        rows.append(["wait_days", school, "", *values.values()])
    for row in data["wait_days_by_school_and_month"]:
        rows.append(["wait_days", row["school"], row["month"], row["p10"], row["p50"], row["p90"]])
    if need is not None and need.factor is not None:
        for school, places in need.places_per_intake.items():
            rows.append(["places_per_intake_needed", school, "", places, places, places])
    return csv_bytes(CSV_FIELDS, rows, COMMAND_LINE_CSV).decode("utf-8")
