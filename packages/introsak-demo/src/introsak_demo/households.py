"""Everyone settled who is not (yet) a participant: children, older relatives, other adults.

Statistikkbanken's settlement counts (Figure 11: St. Hanshaugen 309, Østensjø 388, Oslo
about 4,500 from 2022 to H1 2024) count persons of every age. Participants are only the
adults who take part, so the rest of each district's count is filled here, as members of
the participants' households where that is natural:

* children (about a quarter of those settled) live with a parent and share the settlement
  date and surname;
* people over 55 (the may_offer category) mostly come with a family, some alone;
* adults who do not take part: for collective protection those who did not claim the
  programme (a right, not a duty: work, study, moved on); for other bases, people without a
  § 9 residence basis (``other``).

Fillers also set the collective-protection share of each district, so that Oslo's is 74 %.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from introsak.casefacts.enums import EducationLevel, ResidenceBasis, Sex
from introsak_demo.design import (
    COLLECTIVE_SETTLED_FROM,
    OSLO_COLLECTIVE_SHARE,
    SETTLED_2021,
    SETTLED_WINDOW,
    DistrictDesign,
)
from introsak_demo.programme import Uids, education, other_basis
from introsak_demo.quotas import largest_remainder, weighted_choice
from introsak_demo.skeleton import Cohort, Role, Skeleton, uniform_date

CHILD_SHARE = {True: 0.26, False: 0.33}  # of persons settled, by "collective protection"
OLDER_SHARE = {True: 0.07, False: 0.03}
CHILDREN_PER_PARENT = ((1, 2, 3, 4), (0.45, 0.35, 0.15, 0.05))
LATE_CHILDREN_PER_ADULT = 0.4
OTHER_ADULT_EDUCATION = (0.2, 0.3, 0.3, 0.03, 0.17)
COLLECTIVE_ADULT_EDUCATION = (0.01, 0.05, 0.27, 0.07, 0.6)


class FillError(RuntimeError):
    """The design leaves no room: more participants than persons settled."""


def collective_targets(designs: Sequence[DistrictDesign]) -> dict[str, int]:
    """Persons with collective protection per district (2022 - H1 2024), Oslo at 74 %."""
    total = sum(d.settled_2022_h1_2024 for d in designs)
    oslo = round(OSLO_COLLECTIVE_SHARE * total)
    weights = [d.collective_share * d.settled_2022_h1_2024 for d in designs]
    return dict(zip((d.slug for d in designs), largest_remainder(oslo, weights), strict=True))


def fill(
    designs: Sequence[DistrictDesign],
    participants: Sequence[Skeleton],
    rng: random.Random,
    uids: Uids,
    as_of: date,
) -> list[Skeleton]:
    """The persons to add so that every district's settlement counts come out exactly."""
    targets = collective_targets(designs)
    by_district: dict[str, list[Skeleton]] = defaultdict(list)
    for p in participants:
        by_district[p.district].append(p)
    out: list[Skeleton] = []
    for design in designs:
        mine = sorted(by_district[design.slug], key=lambda p: p.uid)
        main = [p for p in mine if _in(p, SETTLED_WINDOW)]
        for collective in (True, False):
            group = [p for p in main if p.collective == collective]
            quota = targets[design.slug]
            if not collective:
                quota = design.settled_2022_h1_2024 - quota
            out.extend(_fill_group(design, group, quota, collective, Cohort.MAIN, rng, uids))
        in_2021 = [p for p in mine if _in(p, SETTLED_2021)]
        out.extend(
            _fill_group(design, in_2021, design.settled_2021, False, Cohort.Y2021, rng, uids)
        )
        late = [p for p in mine if p.cohort is Cohort.LATE and p.settlement is not None]
        out.extend(_late_children(design, late, rng, uids))
    return out


def _in(p: Skeleton, window: tuple[date, date]) -> bool:
    return p.settlement is not None and window[0] <= p.settlement <= window[1]


def _fill_group(
    design: DistrictDesign,
    group: list[Skeleton],
    quota: int,
    collective: bool,
    cohort: Cohort,
    rng: random.Random,
    uids: Uids,
) -> list[Skeleton]:
    missing = quota - len(group)
    if missing < 0:
        raise FillError(
            f"{design.slug} {cohort}: {len(group)} participants but {quota} persons settled"
        )
    children = min(missing, round(CHILD_SHARE[collective] * quota))
    older = min(missing - children, round(OLDER_SHARE[collective] * quota))
    adults = [
        _adult(design, group, collective, cohort, rng, uids)
        for _ in range(missing - children - older)
    ]
    households = group + adults
    if not households and (children or older):
        households.append(_adult(design, group, collective, cohort, rng, uids))
        children = max(0, children - 1)
    olds = [_older(design, households, collective, cohort, rng, uids) for _ in range(older)]
    kids = _children(design, households, children, rng, uids)
    return adults + olds + kids


def _basis(collective: bool, rng: random.Random) -> ResidenceBasis:
    return ResidenceBasis.COLLECTIVE_PROTECTION if collective else other_basis(rng)


def _settlement_like(
    group: Sequence[Skeleton], cohort: Cohort, collective: bool, rng: random.Random
) -> date:
    """A settlement date from the same flow as the group's participants."""
    window = SETTLED_2021 if cohort is Cohort.Y2021 else SETTLED_WINDOW
    first = max(window[0], COLLECTIVE_SETTLED_FROM) if collective else window[0]
    dated = [p.settlement for p in group if p.settlement is not None]
    if not dated:
        return uniform_date(rng, first, window[1])
    day = rng.choice(dated) + timedelta(days=rng.randint(-20, 20))
    return min(window[1], max(first, day))


def _adult(
    design: DistrictDesign,
    group: Sequence[Skeleton],
    collective: bool,
    cohort: Cohort,
    rng: random.Random,
    uids: Uids,
) -> Skeleton:
    """An adult who does not take part; half of them live with a participant (a spouse)."""
    spouse = rng.choice(group) if group and rng.random() < 0.5 else None
    p = Skeleton(
        uid=uids.take(),
        district=design.slug,
        basis=spouse.basis if spouse else _basis(collective, rng),
        role=Role.ADULT,
        cohort=cohort,
        education=education(
            rng, COLLECTIVE_ADULT_EDUCATION if collective else OTHER_ADULT_EDUCATION
        ),
        age=rng.randint(19, 55),
        sex=weighted_choice(rng, (Sex.FEMALE, Sex.MALE), (0.5, 0.5)),
    )
    if not collective and spouse is None:
        p.basis = ResidenceBasis.OTHER  # no § 9 basis: no right to the programme
    if spouse is not None:
        p.settlement, p.household = spouse.settlement, _household(spouse)
        p.sex = Sex.MALE if spouse.sex is Sex.FEMALE else Sex.FEMALE
        p.age = max(19, min(55, spouse.age + rng.randint(-6, 6)))
    else:
        p.settlement = _settlement_like(group, cohort, collective, rng)
        p.household = p.uid
    return p


def _older(
    design: DistrictDesign,
    households: Sequence[Skeleton],
    collective: bool,
    cohort: Cohort,
    rng: random.Random,
    uids: Uids,
) -> Skeleton:
    host = rng.choice(households) if rng.random() < 0.7 else None
    p = Skeleton(
        uid=uids.take(),
        district=design.slug,
        basis=host.basis if host else _basis(collective, rng),
        role=Role.OLDER,
        cohort=cohort,
        education=education(
            rng, COLLECTIVE_ADULT_EDUCATION if collective else OTHER_ADULT_EDUCATION
        ),
        age=rng.randint(56, 82),
        sex=weighted_choice(rng, (Sex.FEMALE, Sex.MALE), (0.62, 0.38)),
    )
    if host is not None:
        p.settlement, p.household = host.settlement, _household(host)
    else:
        p.settlement = _settlement_like(households, cohort, collective, rng)
        p.household = p.uid
    return p


def _household(p: Skeleton) -> int:
    if p.household < 0:
        p.household = p.uid
    return p.household


def _children(
    design: DistrictDesign,
    households: Sequence[Skeleton],
    count: int,
    rng: random.Random,
    uids: Uids,
) -> list[Skeleton]:
    parents = [p for p in households if 21 <= p.age <= 52]
    if not parents:
        parents = list(households)
    # Mothers more often than fathers bring children (most adult Ukrainians who came were
    # women with children).
    weights = [2.0 if p.sex is Sex.FEMALE else 1.0 for p in parents]
    out: list[Skeleton] = []
    while len(out) < count and parents:
        parent = rng.choices(parents, weights=weights, k=1)[0]
        siblings = weighted_choice(rng, *CHILDREN_PER_PARENT)
        for _ in range(min(siblings, count - len(out))):
            out.append(_child(design, parent, rng, uids))
    return out


def _child(design: DistrictDesign, parent: Skeleton, rng: random.Random, uids: Uids) -> Skeleton:
    oldest = max(0, min(17, parent.age - 19))
    age = rng.randint(0, oldest)
    level = EducationLevel.NONE if age < 13 else EducationLevel.PRIMARY
    parent.flags["has_children"] = True
    return Skeleton(
        uid=uids.take(),
        district=design.slug,
        basis=parent.basis,
        role=Role.CHILD,
        cohort=parent.cohort,
        education=level,
        settlement=parent.settlement,
        age=age,
        sex=weighted_choice(rng, (Sex.FEMALE, Sex.MALE), (0.5, 0.5)),
        household=_household(parent),
    )


def _late_children(
    design: DistrictDesign, late: Sequence[Skeleton], rng: random.Random, uids: Uids
) -> list[Skeleton]:
    """Children of those settled after June 2024 (no count to meet: a plausible share)."""
    return _children(design, list(late), round(LATE_CHILDREN_PER_ADULT * len(late)), rng, uids)
