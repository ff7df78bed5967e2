"""The calibration targets (``targets.yaml``): loading, periods, Table 1."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from introsak.casefacts.enums import EndReason


@dataclass(frozen=True, slots=True)
class Period:
    key: str
    first: date
    last: date

    def __contains__(self, day: date | None) -> bool:
        return day is not None and self.first <= day <= self.last


@dataclass(frozen=True, slots=True)
class Target:
    id: str
    metric: str
    where: Mapping[str, str] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)
    expect: Mapping[str, Any] = field(default_factory=dict)
    check: bool = True
    lines: tuple[int, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Targets:
    periods: Mapping[str, tuple[str, str]]
    targets: tuple[Target, ...]

    def period(self, key: str, as_of: date) -> Period:
        first, last = self.periods[key]
        return Period(key, _day(first, as_of), _day(last, as_of))

    def by_id(self, target_id: str) -> Target:
        for target in self.targets:
            if target.id == target_id:
                return target
        raise KeyError(target_id)


def _day(text: str, as_of: date) -> date:
    return as_of if text == "as_of" else date.fromisoformat(text)


@cache
def load_targets() -> Targets:
    """The calibration targets of ``targets.yaml``, with Table 1 expanded to one per cell."""
    raw = _raw()
    periods = {key: (str(v["from"]), str(v["to"])) for key, v in raw["periods"].items()}
    targets: list[Target] = []
    for item in raw["targets"]:
        if item["metric"] == "table_1":
            targets.extend(table_1_targets(item))
        else:
            targets.append(_target(item))
    return Targets(periods=periods, targets=tuple(targets))


def _target(item: Mapping[str, Any]) -> Target:
    return Target(
        id=item["id"],
        metric=item["metric"],
        where=item.get("where", {}),
        params=item.get("params", {}),
        expect=item.get("expect", {}),
        check=item.get("check", True) and bool(item.get("expect")),
        lines=tuple(item.get("lines", ())),
        note=item.get("note"),
    )


def table_1_targets(block: Mapping[str, Any]) -> list[Target]:
    """One exact end-reason count per cell of Table 1, plus each column's sum."""
    out: list[Target] = []
    for index, column in enumerate(block["columns"]):
        where = {k: column[k] for k in ("district", "basis", "period")}
        for reason, row in block["rows"].items():
            out.append(
                Target(
                    id=f"table1.{column['id']}.{reason}",
                    metric="end_reason_count",
                    where=where,
                    params={"reasons": [reason]},
                    expect={"exact": row["values"][index]},
                    lines=(row["line"],),
                )
            )
        out.append(
            Target(
                id=f"table1.{column['id']}.sum",
                metric="end_reason_count",
                where=where,
                params={"reasons": [r.value for r in EndReason]},
                expect={"exact": block["sums"]["values"][index]},
                lines=(block["sums"]["line"],),
            )
        )
    return out


def table_1_counts() -> dict[tuple[str, str, str], dict[EndReason, int]]:
    """Table 1 as (district, basis group, period key) -> end reason -> count."""
    block = _raw_table_1()
    out: dict[tuple[str, str, str], dict[EndReason, int]] = {}
    for index, column in enumerate(block["columns"]):
        key = (column["district"], column["basis"], column["period"])
        out[key] = {EndReason(r): row["values"][index] for r, row in block["rows"].items()}
    return out


def _raw_table_1() -> Mapping[str, Any]:
    return next(t for t in _raw()["targets"] if t["metric"] == "table_1")


@cache
def _raw() -> Mapping[str, Any]:
    text = resources.files("introsak_demo").joinpath("targets.yaml").read_text("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when available
    data: Mapping[str, Any] = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    return data
