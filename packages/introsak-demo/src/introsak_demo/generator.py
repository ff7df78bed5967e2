"""The demo data: a believable Oslo on 7 August 2024, calibrated to the audit report.

``generate(seed=...)`` returns the demo (about 5,300 persons' cases and the staff);
``generate_bulk(seed=..., count=...)`` streams any number of cases with the same
distributions, for import benchmarks. Pure Python: no Django. Deterministic for a seed: every
random draw comes from ``random.Random`` streams and seeded Faker instances of its own.
See ``docs/demo-data.md`` and, for the figures, ``calibration`` and ``targets.yaml``.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date

from introsak.casefacts.districts import DISTRICTS_BY_SLUG
from introsak.casefacts.model import CaseFacts
from introsak_demo.design import DESIGNS_BY_SLUG, DISTRICT_DESIGNS
from introsak_demo.facts import Writer, write_case
from introsak_demo.households import fill
from introsak_demo.model import DEFAULT_AS_OF, DemoData, DemoLogin, StaffMember
from introsak_demo.names import IdentityNumbers, Names
from introsak_demo.population import Streams, build_participants
from introsak_demo.programme import Uids
from introsak_demo.skeleton import Role, Skeleton
from introsak_demo.staff import advisers_of, build_staff, settlement_workers_of
from introsak_demo.staff import demo_logins as _demo_logins

__all__ = ["DEFAULT_AS_OF", "DEFAULT_SEED", "demo_logins", "generate", "generate_bulk"]

DEFAULT_SEED = 2024


def generate(*, seed: int, as_of: date = DEFAULT_AS_OF, include_children: bool = True) -> DemoData:
    """The demo's cases and staff for ``seed``, as a snapshot on ``as_of``.

    ``include_children=False`` leaves out the children's cases (persons under 18 settled
    with their families, who have no programme); every other case is the same, but then the
    settlement counts no longer match the report's, which count persons of every age.
    """
    people, staff, writer = _oslo(seed, as_of, IdentityNumbers())
    cases = _write(people, writer, "OSL")
    if not include_children:
        children = {p.uid for p in people if p.role is Role.CHILD}
        cases = [c for p, c in zip(_ordered(people), cases, strict=True) if p.uid not in children]
    return DemoData(as_of=as_of, seed=seed, cases=cases, staff=staff)


def generate_bulk(*, seed: int, count: int, as_of: date = DEFAULT_AS_OF) -> Iterator[CaseFacts]:
    """``count`` cases, streamed: whole demo-sized Oslos one after another (each with its own
    seed, case ids prefixed ``B0001-`` …) until there are enough. Identity numbers stay
    unique across the stream."""
    ids = IdentityNumbers()
    produced = 0
    block = 0
    while produced < count:
        block += 1
        people, _, writer = _oslo(seed * 100_003 + block, as_of, ids)
        for case in _write(people, writer, f"B{block:04d}"):
            if produced == count:
                return
            produced += 1
            yield case


def demo_logins() -> list[DemoLogin]:
    """One log-in per role (username, role, district) for the README and the setup output."""
    return _demo_logins()


# --- internals ---------------------------------------------------------------------------------


def _oslo(
    seed: int, as_of: date, ids: IdentityNumbers
) -> tuple[list[Skeleton], list[StaffMember], Writer]:
    streams = Streams(seed)
    population = build_participants(streams, as_of)
    uids = Uids()
    uids.next = max(p.uid for p in population.participants)
    extra = fill(DISTRICT_DESIGNS, population.participants, streams("households"), uids, as_of)
    people = population.participants + extra
    names = Names(seed)
    staff = build_staff(names)
    writer = Writer(
        as_of=as_of,
        rng=streams("facts"),
        names=names,
        ids=ids,
        advisers=_assign_advisers(people, streams("advisers")),
        workers={d.slug: settlement_workers_of(d) for d in DISTRICT_DESIGNS},
        training=streams("training"),
    )
    return people, staff, writer


def _ordered(people: Sequence[Skeleton]) -> list[Skeleton]:
    def key(p: Skeleton) -> tuple[int, date, int]:
        assert p.settlement is not None
        return DISTRICTS_BY_SLUG[p.district].number, p.settlement, p.uid

    return sorted(people, key=key)


def _write(people: Sequence[Skeleton], writer: Writer, prefix: str) -> list[CaseFacts]:
    """Cases in district order, numbered by settlement date: ``OSL-04-00001`` …"""
    out: list[CaseFacts] = []
    counters: dict[str, int] = defaultdict(int)
    for p in _ordered(people):
        counters[p.district] += 1
        number = DISTRICTS_BY_SLUG[p.district].number
        out.append(write_case(p, f"{prefix}-{number:02d}-{counters[p.district]:05d}", writer))
    return out


def _assign_advisers(people: Sequence[Skeleton], rng: random.Random) -> dict[int, str]:
    """Each case's main programme adviser, in its own district.

    Participants in the programme (started, not ended) are spread evenly over the district's
    advisers (the survey's "participants per adviser"); other cases get one at random, and
    family members share the adviser of the household's participant.
    """
    out: dict[int, str] = {}
    by_district: dict[str, list[Skeleton]] = defaultdict(list)
    for p in sorted(people, key=lambda p: p.uid):
        by_district[p.district].append(p)
    for slug, members in by_district.items():
        advisers = advisers_of(DESIGNS_BY_SLUG[slug])
        running = [p for p in members if p.start is not None and p.end is None]
        rng.shuffle(running)
        for i, p in enumerate(running):
            out[p.uid] = advisers[i % len(advisers)]
        heads: dict[int, str] = {}
        for p in members:
            if p.uid not in out and p.role in {Role.PARTICIPANT, Role.WAITING}:
                out[p.uid] = rng.choice(advisers)
            if p.uid in out and p.household >= 0:
                heads.setdefault(p.household, out[p.uid])
        for p in members:
            if p.uid not in out:
                out[p.uid] = heads.get(p.household) or rng.choice(advisers)
    return out
