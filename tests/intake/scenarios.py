"""Small forecast scenarios for the tests (the example files are Oslo-sized)."""

from __future__ import annotations

from datetime import date

from introsak.intake.domain.scenario import Scenario, SchoolPlan

INTAKE_DAYS = ("01-08", "03-04", "04-22", "06-10", "08-19", "10-21")


def intakes(
    places: dict[str, int], years: tuple[int, ...] = (2024,)
) -> tuple[tuple[date, dict[str, int]], ...]:
    days = [date.fromisoformat(f"{y}-{d}") for y in years for d in INTAKE_DAYS]
    return tuple((d, dict(places)) for d in days)


def small_scenario(
    *,
    arrivals: int = 30,
    months: int = 12,
    places: int = 8,
    mapping_per_month: int = 40,
    strict: float = 0.5,
) -> Scenario:
    """Two schools, a year of arrivals; ``places`` per track per intake at each school."""
    month_days = tuple(date(2024, m, 1) for m in range(1, months + 1))
    per_track = {"slow": places, "medium": places, "fast": places}
    return Scenario(
        arrivals=tuple((m, arrivals) for m in month_days),
        schools=(
            SchoolPlan("helsfyr", "Helsfyr", intakes(per_track)),
            SchoolPlan("skullerud", "Skullerud", intakes(per_track)),
        ),
        mapping_per_month=mapping_per_month,
        track_mix={"slow": 0.3, "medium": 0.4, "fast": 0.3},
        preferences={"helsfyr": 0.6, "skullerud": 0.4},
        strict_preference_share=strict,
    )
