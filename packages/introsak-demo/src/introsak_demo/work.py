"""Work first in the demo (issue 15): which districts use which practice places.

Figure 9 of the report counts, for each kind of practice place, the districts that named it
(of 15; places named by only one district left out). The demo gives each kind to that many
districts (a fixed rotation over the districts in Oslo's order, so the assignment is the
same for every seed), and a district's practice placements are drawn from its own kinds:
the placements app's ``practice-sectors`` statistic then shows Figure 9.

Hired at the practice place (the survey): "many" in 3 districts, "some" in 10, "few or very
few" in 2; ``HIRED_SHARE`` is the share of ended practice placements that end in a job.
"""

from __future__ import annotations

from introsak.casefacts.districts import DISTRICTS

# The workplace descriptions the demo writes as a practice activity's provider
# (``texts.PRACTICE_WORKPLACES``), by Figure 9's row, with the number of districts naming it.
FIGURE_9: tuple[tuple[str, str, int], ...] = (
    ("municipal_kindergarten", "kommunal barnehage i bydelen", 12),
    ("private_kindergarten", "privat barnehage", 8),
    ("school_aks", "AKS ved en barneskole", 4),
    ("district_administration", "bydelsadministrasjonen", 4),
    ("home_services", "hjemmetjenesten", 3),
    ("nursing_home", "sykehjem i bydelen", 3),
    ("shop", "klesbutikk", 11),
    ("grocery", "dagligvarebutikk", 6),
    ("cleaning", "renholdsbedrift", 6),
    ("canteen", "kantine", 4),
    ("restaurant", "restaurant", 4),
    ("hotel", "hotell", 4),
)
TYPE_OF_WORKPLACE = {workplace: key for key, workplace, _n in FIGURE_9}
_ORDER = tuple(d.slug for d in DISTRICTS)

HIRED_MANY, HIRED_SOME, HIRED_FEW = 0.45, 0.2, 0.05
# The survey does not say which districts answered what; the demo's choice.
HIRED_MANY_DISTRICTS = frozenset({"grunerlokka", "sagene", "nordstrand"})
HIRED_FEW_DISTRICTS = frozenset({"st_hanshaugen", "ostensjo"})


def _districts_naming(index: int, count: int) -> frozenset[str]:
    """``count`` districts, starting at a different place in Oslo's order for each kind."""
    start = (index * 4) % len(_ORDER)
    return frozenset(_ORDER[(start + i) % len(_ORDER)] for i in range(count))


_NAMED = tuple(
    (workplace, _districts_naming(i, n)) for i, (_key, workplace, n) in enumerate(FIGURE_9)
)


def workplaces_of(district: str) -> tuple[str, ...]:
    """The practice places a district uses (at least one), in Figure 9's order."""
    return tuple(workplace for workplace, districts in _NAMED if district in districts)


def hired_share(district: str) -> float:
    if district in HIRED_MANY_DISTRICTS:
        return HIRED_MANY
    if district in HIRED_FEW_DISTRICTS:
        return HIRED_FEW
    return HIRED_SOME
