"""Benchmark: matching (issue 15) at city scale.

1. Fills a throw-away database (SQLite in a temporary directory by default, or
   ``--database-url``) with N cases (default 100,000, spread over the 15 districts), each
   with a work profile, and M open offers (default 10,000) at employers in every sector.
   Rows are written in bulk: the benchmark measures matching, not import.
2. Ranks the offers for R participants (``offers_for_case``: every open offer) and the
   participants for R offers, twice: among one district's cases (what an adviser sees,
   ``cases_for_offer`` through the access gateway) and among every case (``rank_cases``
   over the whole table: the worst case if a role ever saw the whole city).
3. Prints p50/p95/max in milliseconds per kind.

Usage::

    uv run python benchmarks/matching_benchmark.py [--cases 100000] [--offers 10000]
        [--repeats 30] [--database-url URL | --sqlite FILE] [--seed 1]

Results on this machine: docs/benchmarks/matching.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2024, 8, 7)
T = TypeVar("T")
CODES = ("91", "52", "53", "51", "94", "23", "22", "83", "71", "41", "75", "24", "9", "5")
SECTORS = (
    "kindergarten",
    "shop",
    "grocery",
    "cleaning",
    "nursing_home",
    "hotel",
    "canteen",
    "restaurant",
    "school_aks",
    "home_services",
    "construction",
    "transport",
)
LEVELS = ("", "A1", "A2", "B1", "B2", "C1")


def _django(url: str | None, sqlite: str | None, directory: str) -> None:
    if url:
        os.environ["DATABASE_URL"] = url
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["INTROSAK_SQLITE_PATH"] = sqlite or str(Path(directory) / "matching.sqlite3")
    os.environ["INTROSAK_AS_OF"] = AS_OF.isoformat()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "introsak.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _fill(cases: int, offers: int, rng: random.Random) -> None:
    from introsak.accounts.models import User
    from introsak.cases.models import Person, ProgrammeCase, WorkProfile
    from introsak.core.domain.districts import districts_ensure
    from introsak.core.models import District
    from introsak.placements.models import Employer, PlacementOffer

    if ProgrammeCase.objects.count() >= cases:
        return
    districts_ensure()
    districts = list(District.objects.order_by("number"))
    start = time.perf_counter()
    batch = 5000
    for first in range(0, cases, batch):
        count = min(batch, cases - first)
        people = Person.objects.bulk_create(
            Person(
                name=f"Deltaker {first + i}",
                birth_date=date(1990, 1, 1),
                residence_basis="collective_protection",
                permit_date=date(2023, 9, 1),
                settlement_date=date(2023, 10, 1),
                settled_by_agreement=True,
                education_level=rng.choice(("none", "primary", "upper_secondary", "higher")),
            )
            for i in range(count)
        )
        rows = ProgrammeCase.objects.bulk_create(
            ProgrammeCase(
                case_id=f"B-{first + i}",
                person=person,
                district=districts[(first + i) % len(districts)],
                start_date=date(2024, 3, 1),
            )
            for i, person in enumerate(people)
        )
        WorkProfile.objects.bulk_create(
            WorkProfile(
                case=case,
                experience=[
                    {"occupation": rng.choice(CODES), "years": float(rng.randint(0, 12))}
                    for _ in range(rng.randint(0, 2))
                ],
                wished_occupations=rng.sample(CODES, rng.randint(0, 2)),
                wished_sectors=rng.sample(SECTORS, rng.randint(0, 2)),
                norwegian_oral=rng.choice(LEVELS),
                norwegian_reading=rng.choice(LEVELS),
                norwegian_listening=rng.choice(LEVELS),
                norwegian_writing=rng.choice(LEVELS),
                available_hours_per_week=rng.choice((None, 15.0, 20.0, 30.0, 37.5)),
            )
            for case in rows
        )
    employers = Employer.objects.bulk_create(
        Employer(
            orgnr=f"{800000000 + i:09d}",
            name=f"Arbeidsgiver {i}",
            sector=SECTORS[i % len(SECTORS)],
            ownership="private",
            district=districts[i % len(districts)],
        )
        for i in range(300)
    )
    PlacementOffer.objects.bulk_create(
        (
            PlacementOffer(
                employer=employers[i % len(employers)],
                kind="work_practice",
                title=f"Tilbud {i}",
                occupation=rng.choice(CODES),
                district=districts[i % len(districts)],
                hours_per_week=rng.choice((10, 16, 20, 30)),
                start=date(2024, 8, 1),
                capacity=rng.randint(1, 3),
                req_oral=rng.choice(LEVELS[:4]),
                req_writing=rng.choice(LEVELS[:4]),
                requirement=rng.choice(("", "", "", "kindergarten_without_upper_secondary")),
            )
            for i in range(offers)
        ),
        batch_size=5000,
    )
    User.objects.create_user(
        username="bench.adviser", role="programme_adviser", district=districts[3]
    )
    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk load in production: without statistics the
        # planner takes the 100,000 cases for 20,000 (measured: 330 ms → 200 ms p50).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"filled {cases} cases and {offers} offers in {time.perf_counter() - start:.0f} s")


def _time(
    function: Callable[[T], object], arguments: Sequence[T]
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per call. SQLite runs in this process, so the CPU
    time is the whole cost of a call; on a busy machine the wall clock adds the wait for a
    CPU."""
    wall, cpu = [], []
    for argument in arguments:
        start, start_cpu = time.perf_counter(), time.process_time()
        function(argument)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def _report(name: str, timings: tuple[list[float], list[float]]) -> None:
    wall, cpu = timings
    print(
        f"{name:<48} n={len(wall):<3} wall p50={statistics.median(wall):7.1f} "
        f"p95={_p95(wall):7.1f} max={max(wall):7.1f} ms | cpu p50={statistics.median(cpu):7.1f} "
        f"p95={_p95(cpu):7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--database-url", default=None, help="PostgreSQL (default: SQLite)")
    parser.add_argument("--sqlite", default=None, help="a SQLite file to keep and reuse")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as directory:
        _django(args.database_url, args.sqlite, directory)
        _fill(args.cases, args.offers, rng)
        from django.db import connection

        from introsak.accounts.models import User
        from introsak.cases.models import ProgrammeCase
        from introsak.placements.domain.matching import cases_for_offer, offers_for_case, rank_cases
        from introsak.placements.models import PlacementOffer

        adviser = User.objects.get(username="bench.adviser")
        case_pks = rng.sample(
            list(ProgrammeCase.objects.values_list("pk", flat=True)), args.repeats
        )
        loaded = ProgrammeCase.objects.select_related("person", "district", "work_profile")
        cases = [loaded.get(pk=pk) for pk in case_pks]
        offer_pks = rng.sample(
            list(PlacementOffer.objects.values_list("pk", flat=True)), args.repeats
        )
        print(
            f"database: {connection.vendor}; {ProgrammeCase.objects.count()} cases, "
            f"{PlacementOffer.objects.count()} offers; {args.repeats} repeats each"
        )
        in_district = ProgrammeCase.objects.filter(district=adviser.district).count()
        offers_for_case(cases[0], today=AS_OF)  # warm up: compile, load the catalogue
        _report(
            "ranked offers for one participant",
            _time(lambda case: offers_for_case(case, today=AS_OF), cases),
        )
        _report(
            f"ranked participants, adviser's district ({in_district})",
            _time(lambda pk: cases_for_offer(adviser, pk, today=AS_OF), offer_pks),
        )
        everyone = ProgrammeCase.objects.filter(end_date__isnull=True)
        _report(
            f"ranked participants, every case ({everyone.count()})",
            _time(lambda pk: rank_cases(everyone, pk, today=AS_OF, limit=10), offer_pks),
        )
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
