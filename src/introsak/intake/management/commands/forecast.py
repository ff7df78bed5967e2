from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from introsak.intake.domain.forecast import forecast, smallest_capacity
from introsak.intake.domain.scenario import ScenarioError, read_scenario
from introsak.intake.interfaces.forecast_output import forecast_to_csv, forecast_to_dict

MAX_RUNS = 10_000
SEARCH_RUNS = 20


def _share(text: str) -> float:
    value = float(text)
    if not 0 < value <= 1:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = (
        "Forecast the queue for Norwegian training: a seeded simulation of the intake "
        "calendar, repeated with percentile bands (docs/intake.md). Bad input files are "
        "refused with every problem as 'file: line N: field: reason'."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--arrivals", required=True, help="CSV: month,arrivals")
        parser.add_argument("--capacity", required=True, help="JSON: calendar and capacity")
        parser.add_argument("--runs", type=int, default=200, help="simulation runs (200)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--target",
            type=_share,
            default=1.0,
            help="share within 3 months the capacity search aims at (1 = everyone)",
        )
        parser.add_argument("--workers", type=int, default=1, help="processes (1)")

    def handle(self, *args: Any, **options: Any) -> None:
        runs: int = options["runs"]
        if not 1 <= runs <= MAX_RUNS:
            raise CommandError(f"--runs: between 1 and {MAX_RUNS}, got {runs}")
        if not 1 <= options["workers"] <= 64:
            raise CommandError("--workers: between 1 and 64")
        texts = {name: self._read(options[name], name) for name in ("arrivals", "capacity")}
        try:
            scenario = read_scenario(texts["arrivals"], texts["capacity"])
        except ScenarioError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            self.stderr.write(f"{len(exc.errors)} error(s): the forecast was not run.")
            raise SystemExit(2) from exc
        seed: int = options["seed"]
        result = forecast(scenario, runs=runs, seed=seed, workers=options["workers"])
        need = smallest_capacity(
            scenario, target=options["target"], runs=min(runs, SEARCH_RUNS), seed=seed
        )
        if options["format"] == "csv":
            self.stdout.write(forecast_to_csv(result, need), ending="")
        else:
            data = forecast_to_dict(result, need)
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))

    def _read(self, name: str, option: str) -> str:
        try:
            return Path(name).read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise CommandError(f"--{option}: {name}: no such file") from exc
        except (UnicodeDecodeError, IsADirectoryError) as exc:
            raise CommandError(f"--{option}: {name}: not a UTF-8 text file") from exc
