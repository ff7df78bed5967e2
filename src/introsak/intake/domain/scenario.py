"""The forecast's inputs: expected arrivals per month and the intake calendar with its
capacity, the track mix, school preferences and the service centre's mapping capacity.

Read from two files (docs/intake.md, "Forecast input files"): the arrivals as CSV
(``month,arrivals``, one line per month) and the capacity as JSON. Anything the simulation
cannot run is refused with ``ScenarioError`` naming the line or field and the reason; nothing
here imports Django, so the command line, the what-if page and the benchmark share it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise
from typing import Any

TRACKS = ("slow", "medium", "fast")
MAX_MONTHS = 120
MAX_ARRIVALS_PER_MONTH = 100_000
MAX_CAPACITY = 10_000
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


class ScenarioError(ValueError):
    """The inputs cannot be simulated; ``errors`` lists every problem as ``where: reason``."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class SchoolPlan:
    """One school: its intakes (start days) and the places per track of each intake."""

    code: str
    name: str
    intakes: tuple[tuple[date, dict[str, int]], ...]

    def places(self) -> int:
        """Places in the school's first intake (all tracks): what the what-if page edits."""
        return sum(self.intakes[0][1].values()) if self.intakes else 0


@dataclass(frozen=True, slots=True)
class Scenario:
    arrivals: tuple[tuple[date, int], ...]  # (first day of the month, persons settled)
    schools: tuple[SchoolPlan, ...]
    mapping_per_month: int
    track_mix: dict[str, float]
    preferences: dict[str, float]
    strict_preference_share: float = 0.4
    address_days: int = 14
    lead_days: int = 7
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def first_day(self) -> date:
        return self.arrivals[0][0]

    def with_school_places(self, code: str, places: int) -> Scenario:
        """The scenario with every intake of one school scaled to ``places`` in all (the
        track split kept in proportion; what the what-if page changes)."""
        schools = tuple(
            replace(s, intakes=tuple((d, _scaled(c, places)) for d, c in s.intakes))
            if s.code == code
            else s
            for s in self.schools
        )
        return replace(self, schools=schools)

    def with_capacity_factor(self, factor: float) -> Scenario:
        """Every class of every intake multiplied by ``factor`` (rounded up)."""
        schools = tuple(
            replace(
                s,
                intakes=tuple(
                    (d, {t: _ceil(n * factor) for t, n in c.items()}) for d, c in s.intakes
                ),
            )
            for s in self.schools
        )
        return replace(self, schools=schools)

    def with_arrivals_percent(self, percent: int) -> Scenario:
        arrivals = tuple((m, round(n * percent / 100)) for m, n in self.arrivals)
        return replace(self, arrivals=arrivals)


def _ceil(value: float) -> int:
    whole = int(value)
    return whole if whole >= value - 1e-9 else whole + 1


def _scaled(classes: dict[str, int], places: int) -> dict[str, int]:
    """``places`` split over the tracks in the proportions of ``classes`` (largest remainder)."""
    total = sum(classes.values())
    if total == 0:
        share = {t: places / len(classes) for t in classes}
    else:
        share = {t: places * n / total for t, n in classes.items()}
    out = {t: int(v) for t, v in share.items()}
    rest = places - sum(out.values())
    for t in sorted(share, key=lambda t: share[t] - out[t], reverse=True)[:rest]:
        out[t] += 1
    return out


# --- reading ---------------------------------------------------------------------------------


def read_arrivals(text: str) -> tuple[tuple[date, int], ...]:
    """``month,arrivals`` lines (a header line first); consecutive months. Plain fields
    without quotes, separated by commas or, as Norwegian Excel saves them, semicolons (the
    header's separator is the file's)."""
    errors: list[str] = []
    rows: list[tuple[date, int]] = []
    lines = text.removeprefix("\ufeff").splitlines()
    header = lines[0].strip() if lines else ""
    separator = ";" if ";" in header else ","
    if [h.strip() for h in header.split(separator)] != ["month", "arrivals"]:
        raise ScenarioError(["line 1: expected the header 'month,arrivals'"])
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        parsed = _arrival_row(line.split(separator), number, errors)
        if parsed is not None:
            rows.append(parsed)
    _check_months(rows, errors)
    if errors:
        raise ScenarioError(errors)
    return tuple(rows)


def _arrival_row(row: list[str], number: int, errors: list[str]) -> tuple[date, int] | None:
    if len(row) != 2:
        errors.append(f"line {number}: expected 2 values (month,arrivals), got {len(row)}")
        return None
    month_text, count_text = row[0].strip(), row[1].strip()
    month = _month(month_text)
    if month is None:
        errors.append(f"line {number}: month: not a month YYYY-MM ({month_text!r})")
    count = int(count_text) if re.fullmatch(r"[0-9]+", count_text) else None
    if count is None:
        errors.append(
            f"line {number}: arrivals: expected a whole number of persons, 0 or more "
            f"({count_text!r})"
        )
    elif count > MAX_ARRIVALS_PER_MONTH:
        errors.append(f"line {number}: arrivals: at most {MAX_ARRIVALS_PER_MONTH}, got {count}")
        count = None
    return None if month is None or count is None else (month, count)


def _month(text: str) -> date | None:
    if not _MONTH.fullmatch(text):
        return None
    year, month = int(text[:4]), int(text[5:])
    return date(year, month, 1) if 1 <= month <= 12 and year >= 1900 else None


def _check_months(rows: list[tuple[date, int]], errors: list[str]) -> None:
    if not rows and not errors:
        errors.append("arrivals: no months given")
    if len(rows) > MAX_MONTHS:
        errors.append(f"arrivals: at most {MAX_MONTHS} months, got {len(rows)}")
    for (before, _), (after, _) in pairwise(rows):
        expected = _next_month(before)
        if after != expected:
            errors.append(
                f"arrivals: months must follow each other: {after:%Y-%m} after {before:%Y-%m} "
                f"(expected {expected:%Y-%m})"
            )


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def read_capacity(text: str, arrivals: tuple[tuple[date, int], ...]) -> Scenario:
    """The capacity file (JSON) with the arrivals into a scenario, or every problem."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError([f"line {exc.lineno}: (json): {exc.msg}"]) from exc
    if not isinstance(obj, dict):
        raise ScenarioError(["(json): expected an object"])
    errors: list[str] = []
    known = {
        "mapping_per_month", "track_mix", "preferences", "strict_preference_share",
        "address_days", "lead_days", "schools",
    }  # fmt: skip
    errors.extend(f"{key}: unknown field" for key in obj if key not in known)
    mapping = _int(obj, "mapping_per_month", errors, low=1, high=MAX_CAPACITY, required=True)
    mix = _shares(obj, "track_mix", errors, TRACKS)
    schools = _schools(obj.get("schools"), errors)
    # Preferences are checked against every school named, even one with other errors.
    raw = obj.get("schools")
    raw_schools: list[Any] = raw if isinstance(raw, list) else []
    codes = tuple(
        item["code"]
        for item in raw_schools
        if isinstance(item, dict) and isinstance(item.get("code"), str)
    )
    preferences = _shares(obj, "preferences", errors, codes) if codes else {}
    strict = obj.get("strict_preference_share", 0.4)
    if not _is_number(strict) or not 0 <= strict <= 1:
        errors.append(f"strict_preference_share: a share between 0 and 1, got {strict!r}")
    address = _int(obj, "address_days", errors, low=0, high=365, default=14)
    lead = _int(obj, "lead_days", errors, low=0, high=365, default=7)
    if arrivals and schools and not errors:
        _check_calendar_covers(schools, arrivals, errors)
    if errors:
        raise ScenarioError(errors)
    return Scenario(
        arrivals=arrivals,
        schools=schools,
        mapping_per_month=mapping or 1,
        track_mix=mix,
        preferences=preferences,
        strict_preference_share=float(strict),
        address_days=address or 0,
        lead_days=lead or 0,
    )


def read_scenario(arrivals_text: str, capacity_text: str) -> Scenario:
    """Both files; the errors of both are reported together."""
    errors: list[str] = []
    arrivals: tuple[tuple[date, int], ...] = ()
    try:
        arrivals = read_arrivals(arrivals_text)
    except ScenarioError as exc:
        errors.extend(f"arrivals file: {e}" for e in exc.errors)
    try:
        scenario = read_capacity(capacity_text, arrivals)
    except ScenarioError as exc:
        errors.extend(f"capacity file: {e}" for e in exc.errors)
    if errors:
        raise ScenarioError(errors)
    return scenario


def _is_number(value: object) -> bool:
    return type(value) in (int, float)


def _int(
    obj: dict[str, Any],
    key: str,
    errors: list[str],
    *,
    low: int,
    high: int,
    required: bool = False,
    default: int | None = None,
    where: str = "",
) -> int | None:
    name = f"{where}{key}"
    if key not in obj:
        if required:
            errors.append(f"{name}: required field missing")
        return default
    value = obj[key]
    if type(value) is not int:
        errors.append(f"{name}: expected a whole number, got {json.dumps(value)}")
        return None
    if not low <= value <= high:
        errors.append(f"{name}: must be between {low} and {high}, got {value}")
        return None
    return value


def _shares(
    obj: dict[str, Any], key: str, errors: list[str], names: tuple[str, ...]
) -> dict[str, float]:
    raw = obj.get(key)
    if not isinstance(raw, dict):
        errors.append(f"{key}: expected an object of shares ({', '.join(names)})")
        return {}
    out: dict[str, float] = {}
    for name, value in raw.items():
        if name not in names:
            errors.append(f"{key}.{name}: unknown; expected one of {', '.join(names)}")
        elif not _is_number(value) or value < 0:
            errors.append(f"{key}.{name}: a share of 0 or more, got {json.dumps(value)}")
        else:
            out[name] = float(value)
    if out and abs(sum(out.values()) - 1) > 0.001:
        errors.append(f"{key}: the shares must add up to 1, got {sum(out.values()):.3f}")
    elif not out and not any(e.startswith(key) for e in errors):
        errors.append(f"{key}: no shares given")
    return out


def _schools(raw: object, errors: list[str]) -> tuple[SchoolPlan, ...]:
    if not isinstance(raw, list) or not raw:
        errors.append("schools: expected a list of at least one school")
        return ()
    schools: list[SchoolPlan] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        where = f"schools[{index}]"
        if not isinstance(item, dict):
            errors.append(f"{where}: expected an object")
            continue
        plan = _school(item, where, errors)
        if plan is None:
            continue
        if plan.code in seen:
            errors.append(f"{where}.code: school {plan.code!r} given twice")
            continue
        seen.add(plan.code)
        schools.append(plan)
    return tuple(schools)


def _school(item: dict[str, Any], where: str, errors: list[str]) -> SchoolPlan | None:
    before = len(errors)
    for key in item:
        if key not in {"code", "name", "capacity", "intakes"}:
            errors.append(f"{where}.{key}: unknown field")
    code = item.get("code")
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        errors.append(f"{where}.code: a school code (lower-case letters, digits, _ or -)")
    name = item.get("name", code)
    if not isinstance(name, str) or not name.strip():
        errors.append(f"{where}.name: expected a non-blank string")
    default = _classes(item.get("capacity"), f"{where}.capacity", errors, required=False)
    intakes = _intakes(item.get("intakes"), where, default, errors)
    if len(errors) > before:
        return None
    return SchoolPlan(code=str(code), name=str(name), intakes=intakes)


def _classes(
    raw: object, where: str, errors: list[str], *, required: bool
) -> dict[str, int] | None:
    if raw is None:
        if required:
            errors.append(f"{where}: required field missing (places per track)")
        return None
    if not isinstance(raw, dict):
        errors.append(f"{where}: expected an object of places per track ({', '.join(TRACKS)})")
        return None
    out: dict[str, int] = {}
    for track, places in raw.items():
        if track not in TRACKS:
            errors.append(f"{where}.{track}: unknown track; expected one of {', '.join(TRACKS)}")
        elif type(places) is not int:
            errors.append(f"{where}.{track}: expected a whole number, got {json.dumps(places)}")
        elif places < 0:
            errors.append(f"{where}.{track}: capacity below zero ({places})")
        elif places > MAX_CAPACITY:
            errors.append(f"{where}.{track}: at most {MAX_CAPACITY}, got {places}")
        else:
            out[track] = places
    return {t: out.get(t, 0) for t in TRACKS}


def _intakes(
    raw: object, where: str, default: dict[str, int] | None, errors: list[str]
) -> tuple[tuple[date, dict[str, int]], ...]:
    if not isinstance(raw, list) or not raw:
        errors.append(f"{where}.intakes: expected a list of at least one intake")
        return ()
    out: list[tuple[date, dict[str, int]]] = []
    for index, item in enumerate(raw):
        at = f"{where}.intakes[{index}]"
        start_text = item if isinstance(item, str) else (item or {}).get("starts_on")
        capacity = default
        if isinstance(item, dict):
            for key in item:
                if key not in {"starts_on", "capacity"}:
                    errors.append(f"{at}.{key}: unknown field")
            if "capacity" in item:
                capacity = _classes(item["capacity"], f"{at}.capacity", errors, required=True)
        elif not isinstance(item, str):
            errors.append(f"{at}: expected a date YYYY-MM-DD or an object with starts_on")
            continue
        start = _date(start_text)
        if start is None:
            errors.append(f"{at}.starts_on: not a date YYYY-MM-DD ({start_text!r})")
            continue
        if capacity is None:
            errors.append(f"{at}.capacity: no capacity for the intake or the school")
            continue
        out.append((start, capacity))
    out.sort(key=lambda pair: pair[0])
    for (before, _), (after, _) in pairwise(out):
        if before == after:
            errors.append(f"{where}.intakes: two intakes start on {after.isoformat()}")
    return tuple(out)


def _date(text: object) -> date | None:
    if not isinstance(text, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _check_calendar_covers(
    schools: tuple[SchoolPlan, ...], arrivals: tuple[tuple[date, int], ...], errors: list[str]
) -> None:
    """At least one intake must start after the first arrivals, or nobody can start."""
    first = arrivals[0][0]
    if not any(d >= first for s in schools for d, _ in s.intakes):
        errors.append(
            f"schools: no intake starts on or after the first month of arrivals ({first:%Y-%m})"
        )
