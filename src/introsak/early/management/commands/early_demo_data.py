"""``introsak early_demo_data``: early contact in the demo (run after ``demo-data``).

Grünerløkka is the district that contacted its refugees before settlement (process.md,
"Grünerløkka's model"): every person with collective protection it settled from 2023 gets a
record from before settlement, and nearly all of them (about 19 in 20) sent the questionnaire
(in Ukrainian or Russian) 3 to 8 weeks before their settlement date. Twelve persons are still
in reception, to be settled after the demo's date, at every stage of the questionnaire, and a
pre-course group is running. The other districts made no contact before settlement. The
answers are stored encrypted like any other (``crypto``). Deterministic for a seed; refuses
to run in production.
"""

from __future__ import annotations

import json
import random
from argparse import ArgumentParser
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.cases.models import ProgrammeCase
from introsak.core import clock
from introsak.core.models import District
from introsak.early.models import (
    Attendance,
    EarlyPerson,
    PreCourseGroup,
    PreCourseSession,
    QuestionnaireAnswers,
    QuestionnaireLink,
)
from introsak.identity import make_synthetic_identity_number

DISTRICT = "grunerlokka"
SETTLED_FROM = date(2023, 1, 1)
ANSWER_SHARE = 0.95
RECEPTION_CENTRES = ("Råde mottak", "Hvalstad mottak", "Lindeberg mottak", "Torshov mottak")
OCCUPATIONS = (
    "Зварювальник",
    "Медсестра",
    "Бухгалтер",
    "Вчителька початкових класів",
    "Водій вантажівки",
    "Продавчиня",
    "Кухар",
    "Електрик",
    "Програміст",
    "Перукарка",
)
WISHES = ("Будівництво", "Лікарня або дім престарілих", "Магазин", "Ресторан", "Транспорт")
PENDING_NAMES = (
    "Olena Shevchenko",
    "Andrii Bondarenko",
    "Iryna Melnyk",
    "Serhii Kravchenko",
    "Natalia Tkachenko",
    "Oleksandr Koval",
    "Tetiana Boiko",
    "Dmytro Oliinyk",
    "Yulia Lysenko",
    "Maksym Rudenko",
    "Svitlana Marchenko",
    "Viktor Savchenko",
)


def _answers(rng: random.Random, *, complete: bool) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "occupation": rng.choice(OCCUPATIONS),
        "years": rng.randint(1, 25),
        "education": rng.choice(["secondary", "vocational", "higher", "higher"]),
        "education_field": "",
        "languages": rng.choice(["українська, російська", "українська, англійська"]),
    }
    if complete:
        answers |= {
            "wished_work": rng.choice(WISHES),
            "job_in_six_months": rng.choice(WISHES),
            "expectations": "Стабільна робота",
            "obstacles": rng.sample(["health", "childcare", "transport"], rng.randint(0, 2)),
            "obstacles_details": "",
            "nav_help": "Резюме та мова",
            "has_minid": rng.choice(["yes", "no", "not_sure"]),
            "registered_nav": rng.choice(["yes", "no"]),
        }
    return answers


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


class Command(BaseCommand):
    help = (
        "Create early contact for the demo (Grünerløkka): persons from before settlement, "
        "their answers, pending persons and a pre-course group. Run after demo-data."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument("--if-empty", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("early_demo_data refuses to run in production")
        if options["if_empty"] and EarlyPerson.objects.exists():
            self.stdout.write("early contact: demo data already present")
            return
        rng = random.Random(options["seed"])  # noqa: S311 - reproducible demo data, no secret
        district = District.objects.get(slug=DISTRICT)
        worker = (
            User.objects.filter(role=Role.SETTLEMENT_WORKER, district=district, is_active=True)
            .order_by("username")
            .first()
        )
        advisers = list(
            User.objects.filter(
                role=Role.PROGRAMME_ADVISER, district=district, is_active=True
            ).order_by("username")
        )
        if worker is None or not advisers:
            raise CommandError("early_demo_data needs the demo staff: run demo-data first")
        with transaction.atomic():
            settled = self._settled(rng, district, worker)
            pending = self._pending(rng, district, worker, advisers)
            self._group(rng, district, advisers[0], pending)
        self.stdout.write(
            f"early contact: {settled} settled persons with a record from before settlement, "
            f"{len(pending)} still in reception ({district.name})"
        )

    def _settled(self, rng: random.Random, district: District, worker: User) -> int:
        cases = list(
            ProgrammeCase.objects.filter(
                district=district,
                person__residence_basis="collective_protection",
                person__settlement_date__gte=SETTLED_FROM,
                person__settlement_date__lte=clock.today(),
            )
            .select_related("person")
            .order_by("pk")
        )
        persons = []
        for case in cases:
            settled = case.person
            persons.append(
                EarlyPerson(
                    district=district,
                    settlement_worker=worker,
                    adviser_id=case.adviser_id,
                    name=settled.name,
                    birth_date=settled.birth_date,
                    national_id=settled.national_id,
                    duf_number=settled.duf_number,
                    reception_centre=rng.choice(RECEPTION_CENTRES),
                    expected_settlement_date=settled.settlement_date,
                    language=rng.choice(["uk", "uk", "uk", "ru"]),
                    consent_given_on=settled.settlement_date - timedelta(days=rng.randint(60, 90)),
                    case=case,
                    settled_on=settled.settlement_date,
                )
            )
        EarlyPerson.objects.bulk_create(persons)
        answers = []
        for person in persons:
            if rng.random() >= ANSWER_SHARE:
                continue
            sent = person.expected_settlement_date - timedelta(days=rng.randint(21, 56))
            answers.append(
                QuestionnaireAnswers(
                    person=person,
                    answers=json.dumps(_answers(rng, complete=True), ensure_ascii=False),
                    last_page=5,
                    submitted_at=_at(sent),
                )
            )
        QuestionnaireAnswers.objects.bulk_create(answers)
        return len(persons)

    def _pending(
        self, rng: random.Random, district: District, worker: User, advisers: list[User]
    ) -> list[EarlyPerson]:
        today = clock.today()
        pending = []
        for n, name in enumerate(PENDING_NAMES):
            birth = date(rng.randint(1970, 2000), rng.randint(1, 12), rng.randint(1, 28))
            person = EarlyPerson.objects.create(
                district=district,
                settlement_worker=worker,
                adviser=advisers[n % len(advisers)],
                name=name,
                birth_date=birth,
                national_id=make_synthetic_identity_number(birth, 1 + n, d_number=True),
                reception_centre=rng.choice(RECEPTION_CENTRES),
                expected_settlement_date=today + timedelta(days=14 + 5 * n),
                household=f"H-{2024}-{100 + n // 2}",
                language="ru" if n % 4 == 3 else "uk",
                consent_given_on=today - timedelta(days=30 - n),
            )
            pending.append(person)
            stage = n % 4  # 0 answered, 1 started, 2 letter opened, 3 letter sent
            # the demo's letters were handed out on paper; their tokens are not kept
            QuestionnaireLink.objects.create(
                person=person,
                token_hash=f"{rng.getrandbits(256):064x}",
                created_by=worker,
                expires_at=_at(today + timedelta(days=45)),
                opened_count=0 if stage == 3 else rng.randint(1, 3),
                last_opened_at=None if stage == 3 else _at(today - timedelta(days=2)),
            )
            if stage in (0, 1):
                QuestionnaireAnswers.objects.create(
                    person=person,
                    answers=json.dumps(_answers(rng, complete=stage == 0), ensure_ascii=False),
                    last_page=5 if stage == 0 else 2,
                    submitted_at=_at(today - timedelta(days=3)) if stage == 0 else None,
                )
        return pending

    def _group(
        self, rng: random.Random, district: District, adviser: User, pending: list[EarlyPerson]
    ) -> None:
        today = clock.today()
        first = today - timedelta(weeks=2)
        group = PreCourseGroup.objects.create(
            district=district,
            name="Forkurs august (ukrainsk)",
            language="uk",
            first_session=first,
            weeks=5,
            created_by=adviser,
        )
        members = pending[:8]
        group.members.add(*members)
        for number in range(5):
            session = PreCourseSession.objects.create(
                group=group, number=number + 1, day=first + timedelta(weeks=number)
            )
            if session.day <= today:
                Attendance.objects.bulk_create(
                    Attendance(session=session, person=m, present=rng.random() < 0.9)
                    for m in members
                )
