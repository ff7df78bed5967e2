"""Legal numbers and dates as dated data: one YAML file per parameter (rules.md, intro).

Each file under ``parameters/`` holds one parameter::

    description: what the number means
    unit: months                       # see UNITS
    values:                            # each value is in force from its date; null = expired
      2021-01-01: 3
    reference:                         # or a list of such mappings
      law: Integreringsloven
      section: § 12
      url: https://lovdata.no/lov/2020-11-06-127/§12     # or document: "<citation>"
    last_confirmed: 2025-01-15         # when someone last checked it is still valid
    confirmed_until: 2026-06-30        # optional: the last day the sources confirm it for;
                                       # later days are read under the best-supported reading
    uncertain:                         # optional, shown in every explanation that uses it
      nb: ...
      en: ...

``parameters/revisions/<version>/`` holds the parameters a rule-set version changes (see
``versions.py``). Loading checks every file and fails loudly, naming the file: a typo in a
legal number must stop the engine, not change its verdicts. The directory can be replaced as
a whole with ``ParameterSet.load(path)`` or the environment variable
``INTROSAK_PARAMETERS_DIR``, so a parameter change needs no code change.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from introsak.casefacts.enums import ActivityKind, EducationLevel
from introsak.env import env_str

PARAMETERS_DIR_ENV = "INTROSAK_PARAMETERS_DIR"
PACKAGE_PARAMETERS_DIR = Path(__file__).parent / "parameters"
REVISIONS_DIR = "revisions"

_FILE_KEYS = {
    "description",
    "unit",
    "values",
    "reference",
    "last_confirmed",
    "confirmed_until",
    "uncertain",
}
_REQUIRED_KEYS = _FILE_KEYS - {"uncertain", "confirmed_until"}
_REFERENCE_KEYS = {"law", "section", "url", "document"}
_FRAME_KEYS = ("base_min_months", "base_max_months", "max_extension_months")


class ParameterError(ValueError):
    """A parameter file is missing, malformed, or a rule asks for a parameter that is absent."""


@dataclass(frozen=True, slots=True)
class Reference:
    law: str
    section: str
    url: str | None = None
    document: str | None = None  # a citation where no web address exists (local norms)


@dataclass(frozen=True, slots=True)
class Uncertainty:
    """Why the value may be wrong, in both languages (rules.md section 5)."""

    nb: str
    en: str


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    description: str
    unit: str
    values: tuple[tuple[date, Any], ...]  # sorted by date; a None value means expired
    references: tuple[Reference, ...]
    last_confirmed: date
    uncertain: Uncertainty | None
    path: str
    confirmed_until: date | None = None

    def unconfirmed_on(self, day: date) -> bool:
        """Whether ``day`` lies beyond the confirmation horizon (``confirmed_until``)."""
        return self.confirmed_until is not None and day > self.confirmed_until

    def stale_on(self, day: date, days: int) -> bool:
        """Not confirmed for more than ``days`` days on ``day``, or past its horizon."""
        return (day - self.last_confirmed).days > days or self.unconfirmed_on(day)

    def at(self, day: date) -> Any:
        """The value in force on ``day``, or None when none is (before the first, or expired)."""
        values = self.values
        if len(values) == 1:
            since, value = values[0]
            return value if day >= since else None
        index = bisect.bisect_right(values, day, key=lambda item: item[0]) - 1
        return values[index][1] if index >= 0 else None

    def lookup(self) -> Callable[[date], Any]:
        """``at`` as a function; for the usual single value, a closure with no search."""
        if len(self.values) != 1:
            return self.at
        since, value = self.values[0]

        def at(day: date) -> Any:
            return value if day >= since else None

        return at

    def changes(self) -> tuple[date, ...]:
        return tuple(since for since, _ in self.values)


def _is_int(value: object) -> bool:
    return type(value) is int and value >= 0


def _is_number(value: object) -> bool:
    return type(value) in (int, float) and value >= 0  # type: ignore[operator]


def _is_date(value: object) -> bool:
    return type(value) is date


def _is_bool(value: object) -> bool:
    return type(value) is bool


def _is_text(value: object) -> bool:
    return type(value) is str and bool(value.strip())


def _members_of(enum: type[ActivityKind] | type[EducationLevel]) -> Callable[[object], bool]:
    allowed = {member.value for member in enum}
    return lambda value: type(value) is list and bool(value) and set(value) <= allowed


def _is_frame(value: object) -> bool:
    if type(value) is not dict or set(value) != set(_FRAME_KEYS):
        return False
    low, high, extension = (value[key] for key in _FRAME_KEYS)
    return all(_is_int(v) for v in (low, high, extension)) and 0 < low <= high


UNITS: dict[str, Callable[[object], bool]] = {
    "months": _is_int,
    "weeks": _is_int,
    "days": _is_int,
    "years": _is_int,
    "years_of_age": _is_int,
    "percent": _is_int,
    "hours_per_week": _is_number,
    "hours": _is_number,
    "date": _is_date,
    "boolean": _is_bool,
    "text": _is_text,
    "activity_kinds": _members_of(ActivityKind),
    "education_levels": _members_of(EducationLevel),
    "duration_frame": _is_frame,
    "averaging_window": lambda value: value == "whole_period",
    # Which reading of lapsed law applies (see temporary_rules_lapse_reading.yaml).
    "reading": lambda value: value in ("ordinary_rules", "prolonged"),
    # Which of the case's dates chooses its rule-set version (transitional rules).
    "case_date": lambda value: value in ("permit_date", "settlement_date", "decision_date"),
}


def _convert(unit: str, value: Any) -> Any:
    """Store list values as tuples of enumeration members, so they are hashable and exact."""
    if value is None:
        return None
    if unit == "activity_kinds":
        return tuple(ActivityKind(v) for v in value)
    if unit == "education_levels":
        return tuple(EducationLevel(v) for v in value)
    if unit == "duration_frame":
        return tuple(value[key] for key in _FRAME_KEYS)
    return value


def to_json(unit: str, value: Any) -> Any:
    """A parameter value as JSON, for a finding's ``parameters``."""
    if value is None:
        return None
    if unit == "date":
        return value.isoformat()
    if unit == "duration_frame":
        return dict(zip(_FRAME_KEYS, value, strict=True))
    if unit in ("activity_kinds", "education_levels"):
        return [member.value for member in value]
    return value


class _FileReader:
    """Checks one file's mapping and builds its ``Parameter``; every error names the file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, message: str) -> ParameterError:
        return ParameterError(f"{self.path}: {message}")

    def read(self) -> Parameter:
        try:
            raw = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise self.fail(f"cannot read: {exc}") from exc
        if type(raw) is not dict:
            raise self.fail("expected a mapping at the top level")
        self._check_keys(raw)
        unit = self._unit(raw["unit"])
        return Parameter(
            name=self.path.stem,
            description=self._text(raw["description"], "description"),
            unit=unit,
            values=self._values(raw["values"], unit),
            references=self._references(raw["reference"]),
            last_confirmed=self._date(raw["last_confirmed"], "last_confirmed"),
            uncertain=self._uncertain(raw.get("uncertain")),
            path=str(self.path),
            confirmed_until=self._horizon(raw.get("confirmed_until"), raw["last_confirmed"]),
        )

    def _check_keys(self, raw: dict[str, Any]) -> None:
        unknown = set(raw) - _FILE_KEYS
        if unknown:
            raise self.fail(f"unknown keys {sorted(unknown)}")
        missing = _REQUIRED_KEYS - set(raw)
        if missing:
            raise self.fail(f"missing keys {sorted(missing)}")

    def _unit(self, unit: object) -> str:
        if unit not in UNITS:
            raise self.fail(f"unit {unit!r} is not one of {sorted(UNITS)}")
        return str(unit)

    def _text(self, value: object, key: str) -> str:
        if not _is_text(value):
            raise self.fail(f"{key} must be a non-empty string")
        return str(value)

    def _date(self, value: object, key: str) -> date:
        if type(value) is not date:
            raise self.fail(f"{key} must be a date YYYY-MM-DD, got {value!r}")
        return value

    def _horizon(self, raw: object, last_confirmed: object) -> date | None:
        if raw is None:
            return None
        horizon = self._date(raw, "confirmed_until")
        if type(last_confirmed) is date and horizon > last_confirmed:
            # Nobody can confirm the law for a day after the day they checked it.
            raise self.fail(f"confirmed_until {horizon} is after last_confirmed {last_confirmed}")
        return horizon

    def _values(self, raw: object, unit: str) -> tuple[tuple[date, Any], ...]:
        if type(raw) is not dict or not raw:
            raise self.fail("values must be a non-empty mapping {YYYY-MM-DD: value}")
        values = []
        for since, value in raw.items():
            self._date(since, "every key of values")
            if value is not None and not UNITS[unit](value):
                raise self.fail(f"value {value!r} from {since} is not a valid {unit}")
            values.append((since, _convert(unit, value)))
        return tuple(sorted(values, key=lambda item: item[0]))

    def _references(self, raw: object) -> tuple[Reference, ...]:
        items = raw if type(raw) is list else [raw]
        if not items:
            raise self.fail("reference must not be empty")
        return tuple(self._reference(item) for item in items)

    def _reference(self, raw: object) -> Reference:
        if type(raw) is not dict or not set(raw) <= _REFERENCE_KEYS:
            raise self.fail(f"a reference must be a mapping with keys {sorted(_REFERENCE_KEYS)}")
        law, section = raw.get("law"), raw.get("section")
        url, document = raw.get("url"), raw.get("document")
        if not (_is_text(law) and _is_text(section)):
            raise self.fail("a reference needs a law (or norm) and a section")
        if url is None and document is None:
            raise self.fail("a reference needs a url or a document citation")
        if url is not None and not (type(url) is str and url.startswith("https://")):
            raise self.fail(f"reference url must start with https://, got {url!r}")
        if document is not None and not _is_text(document):
            raise self.fail("reference document must be a non-empty string")
        return Reference(law=str(law), section=str(section), url=url, document=document)

    def _uncertain(self, raw: object) -> Uncertainty | None:
        if raw is None:
            return None
        if type(raw) is not dict or set(raw) != {"nb", "en"}:
            raise self.fail("uncertain must be a mapping with keys nb and en")
        return Uncertainty(
            nb=self._text(raw["nb"], "uncertain.nb"), en=self._text(raw["en"], "uncertain.en")
        )


def _read_directory(directory: Path) -> dict[str, Parameter]:
    if not directory.is_dir():
        raise ParameterError(f"{directory}: parameter directory not found")
    parameters = {}
    for path in sorted(directory.glob("*.yaml")):
        parameters[path.stem] = _FileReader(path).read()
    if not parameters:
        raise ParameterError(f"{directory}: no parameter files (*.yaml)")
    return parameters


class ParameterSet(Mapping[str, Parameter]):
    """All parameters of one directory, plus the revisions' changed parameters."""

    def __init__(
        self,
        parameters: Mapping[str, Parameter],
        revisions: Mapping[str, Mapping[str, Parameter]],
        directory: str,
    ) -> None:
        self._parameters = dict(parameters)
        self._revisions = {name: dict(changed) for name, changed in revisions.items()}
        self.directory = directory
        self._revised: dict[str, ParameterSet] = {}

    @classmethod
    def load(cls, directory: Path | str | None = None) -> ParameterSet:
        """Read and check every file of ``directory`` (default: see ``default_directory``)."""
        root = Path(directory) if directory is not None else default_directory()
        base = _read_directory(root)
        revisions: dict[str, dict[str, Parameter]] = {}
        revisions_root = root / REVISIONS_DIR
        if revisions_root.is_dir():
            for folder in sorted(p for p in revisions_root.iterdir() if p.is_dir()):
                revisions[folder.name] = _check_revision(folder, _read_directory(folder), base)
        return cls(base, revisions, str(root))

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self._parameters[name]
        except KeyError:
            raise ParameterError(f"{self.directory}: no parameter {name!r}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._parameters)

    def __len__(self) -> int:
        return len(self._parameters)

    def value(self, name: str, day: date) -> Any:
        return self[name].at(day)

    def revision_names(self) -> tuple[str, ...]:
        return tuple(self._revisions)

    def revised(self, revision: str) -> ParameterSet:
        """This set with ``revision``'s changed parameters in place of the base ones."""
        if revision not in self._revised:
            if revision not in self._revisions:
                raise ParameterError(f"{self.directory}: no revision {revision!r}")
            merged = {**self._parameters, **self._revisions[revision]}
            self._revised[revision] = ParameterSet(merged, {}, f"{self.directory}+{revision}")
        return self._revised[revision]

    def unconfirmed_on(self, day: date) -> tuple[Parameter, ...]:
        """The parameters in force on ``day`` whose confirmation horizon lies before it,
        base and revisions alike (a revision's parameter counts once, under its path)."""
        seen: dict[str, Parameter] = {}
        every = [*self._parameters.values()]
        for changed in self._revisions.values():
            every.extend(changed.values())
        for parameter in every:
            if parameter.unconfirmed_on(day) and parameter.path not in seen:
                seen[parameter.path] = parameter
        return tuple(sorted(seen.values(), key=lambda p: p.name))

    def everything(self) -> tuple[tuple[str | None, Parameter], ...]:
        """Every parameter as (revision or None, parameter): the base first, by name."""
        rows: list[tuple[str | None, Parameter]] = [
            (None, self._parameters[name]) for name in sorted(self._parameters)
        ]
        for revision in sorted(self._revisions):
            changed = self._revisions[revision]
            rows.extend((revision, changed[name]) for name in sorted(changed))
        return tuple(rows)

    def require(self, names: tuple[str, ...], *, who: str) -> None:
        missing = [name for name in names if name not in self._parameters]
        if missing:
            raise ParameterError(f"{self.directory}: {who} needs missing parameters {missing}")


def _check_revision(
    folder: Path, changed: dict[str, Parameter], base: Mapping[str, Parameter]
) -> dict[str, Parameter]:
    for name, parameter in changed.items():
        if name not in base:
            raise ParameterError(f"{parameter.path}: revises {name!r}, which the base lacks")
        if parameter.unit != base[name].unit:
            raise ParameterError(f"{parameter.path}: unit differs from {base[name].path}")
    return changed


def default_directory() -> Path:
    """``$INTROSAK_PARAMETERS_DIR`` if set, else the parameters shipped with the package."""
    configured = env_str(PARAMETERS_DIR_ENV).strip()
    return Path(configured) if configured else PACKAGE_PARAMETERS_DIR


_LOADED: dict[str, ParameterSet] = {}


def default_parameters() -> ParameterSet:
    """The default set, loaded once per configured directory.

    Keyed by the environment variable's text, not the resolved path, so the per-call cost
    is one dictionary lookup (``evaluate`` calls this for every case).
    """
    configured = env_str(PARAMETERS_DIR_ENV).strip()
    hit = _LOADED.get(configured)
    if hit is None:
        hit = _LOADED[configured] = ParameterSet.load(default_directory())
    return hit
