"""``introsak placements_demo``: the work-first part of the demo (issue 15), run by
``introsak demo-data`` after the cases are imported.

* Employers for every kind of practice place each district uses (``introsak_demo.work``:
  Figure 9's counts of districts), with valid organisation numbers.
* Every practice activity of the demo becomes a placement at such an employer: started, or
  ended with an outcome (hired at the place in the district's share: the survey's "many",
  "some" and "few").
* Some participants declined a place first, most as not relevant to their job goal (the
  report: "some"), a few twice.
* Open offers across the sectors, some with the catalogue's language requirements, and a
  work profile for every participant in the programme, so matching has something to rank.

Deterministic for a seed. Refuses to run in production. It reads only the cases in the
database (the demo generator itself stays a development package used by ``demo-data``).
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from stdnum.no import orgnr as stdnum_orgnr

from introsak.casefacts.enums import (
    ActivityKind,
    CefrLevel,
    EducationLevel,
    PlacementKind,
    PlacementStatus,
)
from introsak.cases.models import Activity, ProgrammeCase, WorkProfile
from introsak.core import clock
from introsak.core.models import District
from introsak.placements.enums import PlacementKind as PlacementKindChoices
from introsak.placements.models import Employer, MarketNeed, Placement, PlacementOffer

# The demo's practice-place descriptions (the activities' provider) → Figure 9's row, and
# how the employer is named and owned.
WORKPLACES: dict[str, tuple[str, str, str]] = {
    # provider: (sector, ownership, employer name pattern)
    "kommunal barnehage i bydelen": ("kindergarten", "municipal", "{d} kommunale barnehager"),
    "privat barnehage": ("kindergarten", "private", "Læringsverkstedet {d}"),
    "AKS ved en barneskole": ("school_aks", "municipal", "AKS {d} skole"),
    "bydelsadministrasjonen": ("district_administration", "municipal", "Bydel {d}"),
    "hjemmetjenesten": ("home_services", "municipal", "Hjemmetjenesten {d}"),
    "sykehjem i bydelen": ("nursing_home", "municipal", "{d} sykehjem"),
    "klesbutikk": ("shop", "private", "Cubus {d}"),
    "dagligvarebutikk": ("grocery", "private", "Kiwi {d}"),
    "renholdsbedrift": ("cleaning", "private", "{d} Renhold AS"),
    "kantine": ("canteen", "private", "Kantina {d}"),
    "restaurant": ("restaurant", "private", "Restaurant {d}"),
    "hotell": ("hotel", "private", "Hotell {d}"),
}
OCCUPATION_OF_SECTOR = {
    "kindergarten": "53", "school_aks": "53", "district_administration": "41",
    "home_services": "53", "nursing_home": "53", "shop": "52", "grocery": "52",
    "cleaning": "91", "canteen": "94", "restaurant": "94", "hotel": "91",
}  # fmt: skip
REQUIREMENT_OF_SECTOR = {
    "kindergarten": "kindergarten_without_upper_secondary",
    "nursing_home": "unskilled_health_care",
    "home_services": "unskilled_health_care",
}
HIRED_MANY_DISTRICTS = {"grunerlokka", "sagene", "nordstrand"}
HIRED_FEW_DISTRICTS = {"st_hanshaugen", "ostensjo"}
DECLINE_REASONS = (
    ("not_relevant", 6), ("hours", 2), ("travel", 1), ("childcare", 2), ("health", 1),
)  # fmt: skip
EXPERIENCE_CODES = ("91", "52", "53", "51", "94", "23", "22", "83", "71", "41", "75", "24")
PRACTICE = (ActivityKind.LANGUAGE_PRACTICE, ActivityKind.WORK_PRACTICE)


def _orgnrs(start: int) -> Iterator[str]:
    """Valid organisation numbers (MOD11), counting from ``start`` (eight digits)."""
    number = start
    while True:
        body = f"{number:08d}"
        number += 1
        for digit in "0123456789":
            if stdnum_orgnr.is_valid(body + digit):
                yield body + digit
                break


def _hired_share(district: str) -> float:
    if district in HIRED_MANY_DISTRICTS:
        return 0.45
    return 0.05 if district in HIRED_FEW_DISTRICTS else 0.2


class Command(BaseCommand):
    help = "Demo employers, offers, placements and work profiles (run by demo-data)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--seed", type=int, default=2024)

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("placements_demo refuses to run with INTROSAK_ENV=production")
        if Employer.objects.exists():
            self.stdout.write("Work-first demo data already present.")
            return
        rng = random.Random(options["seed"])  # noqa: S311 - demo data, not a secret
        today = clock.today()
        districts = {d.pk: d for d in District.objects.all()}
        employers = self._employers(districts)
        placed = self._placements(rng, today, districts, employers)
        offers = self._open_offers(rng, today, employers)
        profiles = self._profiles(rng, today)
        self._needs(today, districts)
        self.stdout.write(
            f"Work first: {len(employers)} employers, {placed} placements, {offers} open "
            f"offers, {profiles} work profiles."
        )

    def _employers(self, districts: dict[int, District]) -> dict[tuple[int, str], Employer]:
        numbers = _orgnrs(91_000_000)
        rows: dict[tuple[int, str], Employer] = {}
        for pk, district in sorted(districts.items(), key=lambda x: x[1].number):
            for provider, (sector, ownership, pattern) in WORKPLACES.items():
                rows[(pk, provider)] = Employer(
                    orgnr=next(numbers),
                    name=pattern.format(d=district.name),
                    sector=sector,
                    ownership=ownership,
                    district=district,
                    contact_name="Markedskontakt NAV " + district.name,
                )
        Employer.objects.bulk_create(rows.values())
        return rows

    def _placements(
        self,
        rng: random.Random,
        today: date,
        districts: dict[int, District],
        employers: dict[tuple[int, str], Employer],
    ) -> int:
        activities = (
            Activity.objects.filter(kind__in=PRACTICE, provider__in=list(WORKPLACES))
            .select_related("case")
            .order_by("pk")
        )
        offers: dict[tuple[int, str, str], PlacementOffer] = {}
        rows: list[Placement] = []
        held: Counter[tuple[int, str, str]] = Counter()
        for activity in activities:
            case = activity.case
            key = (case.district_id, activity.provider, activity.kind)
            offer = offers.get(key)
            if offer is None:
                offer = offers[key] = self._history_offer(employers[key[:2]], activity)
            ended = activity.end is not None and activity.end < today
            district = districts[case.district_id].slug
            outcome = ""
            if ended:
                outcome = "hired" if rng.random() < _hired_share(district) else "not_hired"
            proposed = activity.start - timedelta(days=rng.randint(14, 35))
            rows.extend(self._declines(rng, case, offers, employers, proposed))
            held[key] += 1
            rows.append(
                Placement(
                    case=case,
                    offer=offer,
                    status=PlacementStatus.ENDED if ended else PlacementStatus.STARTED,
                    proposed_on=proposed,
                    offered_on=proposed + timedelta(days=3),
                    answered_on=proposed + timedelta(days=7),
                    start=activity.start,
                    end=activity.end,
                    hours_per_week=activity.hours_per_week,
                    activity=activity,
                    ended_on=activity.end if ended else None,
                    evaluation_on=activity.end if ended else None,
                    outcome=outcome,
                )
            )
        for key, offer in offers.items():
            offer.capacity = max(1, held[key])
        PlacementOffer.objects.bulk_update(offers.values(), ["capacity"])
        Placement.objects.bulk_create(rows)
        declined = Counter(r.case_id for r in rows if r.status == PlacementStatus.DECLINED)
        for case_pk, count in declined.items():
            ProgrammeCase.objects.filter(pk=case_pk).update(declined_offers=count)
        return len(rows)

    def _history_offer(self, employer: Employer, activity: Activity) -> PlacementOffer:
        kind = (
            PlacementKind.LANGUAGE_PRACTICE
            if activity.kind == ActivityKind.LANGUAGE_PRACTICE
            else PlacementKind.WORK_PRACTICE
        )
        return PlacementOffer.objects.create(
            employer=employer,
            kind=kind,
            title=f"{PlacementKindChoices(kind).label} – {employer.name}",
            occupation=OCCUPATION_OF_SECTOR[employer.sector],
            district=employer.district,
            hours_per_week=16,
            start=date(2022, 1, 1),
            open=False,
        )

    def _declines(
        self,
        rng: random.Random,
        case: ProgrammeCase,
        offers: dict[tuple[int, str, str], PlacementOffer],
        employers: dict[tuple[int, str], Employer],
        before: date,
    ) -> list[Placement]:
        """Now and then one declined offer before the place taken, rarely two."""
        draw = rng.random()
        count = 2 if draw < 0.03 else 1 if draw < 0.15 else 0
        found: list[Placement] = []
        others = [offer for key, offer in offers.items() if key[0] == case.district_id]
        for i in range(min(count, len(others))):
            reason = rng.choices(
                [r for r, _w in DECLINE_REASONS], [w for _r, w in DECLINE_REASONS]
            )[0]
            found.append(
                Placement(
                    case=case,
                    offer=others[i],
                    status=PlacementStatus.DECLINED,
                    proposed_on=before - timedelta(days=30 * (i + 1)),
                    answered_on=before - timedelta(days=30 * (i + 1) - 5),
                    decline_reason=reason,
                )
            )
        return found

    def _open_offers(
        self, rng: random.Random, today: date, employers: dict[tuple[int, str], Employer]
    ) -> int:
        rows: list[PlacementOffer] = []
        by_district: defaultdict[int, list[Employer]] = defaultdict(list)
        for (district_pk, _provider), employer in employers.items():
            by_district[district_pk].append(employer)
        for district_pk in sorted(by_district):
            for employer in rng.sample(by_district[district_pk], 4):
                requirement = REQUIREMENT_OF_SECTOR.get(employer.sector, "")
                kind = rng.choice((PlacementKind.LANGUAGE_PRACTICE, PlacementKind.WORK_PRACTICE,
                                   PlacementKind.WAGE_SUBSIDY_JOB))  # fmt: skip
                rows.append(
                    PlacementOffer(
                        employer=employer,
                        kind=kind,
                        title=f"{PlacementKindChoices(kind).label} – {employer.name}",
                        tasks="",
                        occupation=OCCUPATION_OF_SECTOR[employer.sector],
                        district=employer.district,
                        hours_per_week=rng.choice((12.0, 16.0, 20.0, 30.0)),
                        start=today + timedelta(days=rng.randint(7, 45)),
                        end=today + timedelta(days=rng.randint(90, 180)),
                        capacity=rng.randint(1, 3),
                        requirement=requirement,
                        req_oral=rng.choice(("", "", "A2", "B1")) if not requirement else "",
                        formal_competence_required=employer.sector == "nursing_home"
                        and kind == PlacementKind.WAGE_SUBSIDY_JOB,
                    )
                )
        PlacementOffer.objects.bulk_create(rows)
        return len(rows)

    def _profiles(self, rng: random.Random, today: date) -> int:
        running = (
            ProgrammeCase.objects.filter(start_date__lte=today, end_date__isnull=True)
            .exclude(work_profile__isnull=False)
            .select_related("person")
            .order_by("pk")
        )
        levels = [c.value for c in CefrLevel][:4]  # A1 … B2
        rows: list[WorkProfile] = []
        for case in running:
            higher = case.person.education_level in (
                EducationLevel.UPPER_SECONDARY, EducationLevel.VOCATIONAL_COLLEGE,
                EducationLevel.HIGHER,
            )  # fmt: skip
            base = rng.choices(range(4), (3, 4, 3, 1) if higher else (5, 4, 2, 0))[0]
            codes = rng.sample(EXPERIENCE_CODES, rng.randint(0, 2))
            rows.append(
                WorkProfile(
                    case=case,
                    experience=[
                        {"occupation": c, "years": float(rng.randint(1, 12))} for c in codes
                    ],
                    wished_occupations=rng.sample(EXPERIENCE_CODES, rng.randint(1, 2)),
                    wished_sectors=rng.sample(sorted(OCCUPATION_OF_SECTOR), rng.randint(1, 2)),
                    norwegian_oral=levels[min(3, base + rng.randint(0, 1))],
                    norwegian_reading=levels[base],
                    norwegian_listening=levels[min(3, base + rng.randint(0, 1))],
                    norwegian_writing=levels[max(0, base - rng.randint(0, 1))],
                    driving_licence=rng.random() < 0.25,
                    available_percent=case.part_time_percent,
                )
            )
        WorkProfile.objects.bulk_create(rows, batch_size=1000)
        return len(rows)

    def _needs(self, today: date, districts: dict[int, District]) -> None:
        by_slug = {d.slug: d for d in districts.values()}
        MarketNeed.objects.bulk_create(
            [
                MarketNeed(
                    district=by_slug.get("gamle_oslo"),
                    sector="kindergarten",
                    places=5,
                    level="B1",
                    description="5 barnehageplasser for B1-nivå i Gamle Oslo",
                    posted_on=today - timedelta(days=6),
                ),
                MarketNeed(
                    district=None,
                    sector="nursing_home",
                    places=8,
                    level="B1",
                    description="Sykehjemsetaten: 8 assistenter med B1 på alle deltester",
                    posted_on=today - timedelta(days=12),
                ),
                MarketNeed(
                    district=by_slug.get("st_hanshaugen"),
                    sector="grocery",
                    places=3,
                    level="A2",
                    description="3 språkpraksisplasser i dagligvare",
                    posted_on=today - timedelta(days=3),
                ),
            ]
        )
