"""A small early-contact world: two districts' staff and persons known before settlement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.test import Client

from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.early.domain import operations as ops
from introsak.early.models import EarlyPerson
from introsak.identity import make_synthetic_identity_number
from tests.factories import user

BIRTH = date(1988, 3, 14)


@dataclass
class World:
    worker: User
    adviser: User
    other_worker: User
    other_adviser: User
    coordinator: User
    foreign_worker: User
    person: EarlyPerson


def person_input(**overrides: object) -> ops.PersonInput:
    values: dict[str, object] = {
        "name": "Olena Kovalenko",
        "birth_date": BIRTH,
        "national_id": make_synthetic_identity_number(BIRTH, 7),
        "duf_number": "",
        "reception_centre": "Råde mottak",
        "expected_settlement_date": date(2024, 9, 15),
        "household": "H-2024-77",
        "language": "uk",
        "consent_given_on": date(2024, 6, 1),
        "adviser": None,
    }
    values.update(overrides)
    return ops.PersonInput(**values)  # type: ignore[arg-type]


def make_world(language: str = "uk") -> World:
    worker = user("bosetter.a", Role.SETTLEMENT_WORKER, "grunerlokka")
    adviser = user("radgiver.a", Role.PROGRAMME_ADVISER, "grunerlokka")
    world = World(
        worker=worker,
        adviser=adviser,
        other_worker=user("bosetter.b", Role.SETTLEMENT_WORKER, "grunerlokka"),
        other_adviser=user("radgiver.b", Role.PROGRAMME_ADVISER, "grunerlokka"),
        coordinator=user("koordinator.a", Role.TEAM_COORDINATOR, "grunerlokka"),
        foreign_worker=user("bosetter.x", Role.SETTLEMENT_WORKER, "st_hanshaugen"),
        person=ops.person_create(by=worker, data=person_input(adviser=adviser, language=language)),
    )
    return world


def client_for(account: User) -> Client:
    client = Client()
    client.force_login(account)
    return client
