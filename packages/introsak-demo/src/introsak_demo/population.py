"""Who is in the demo's Oslo and where each programme stands on the as-of date.

The stages, in order (each in its own function, each exact by quota where the report is):

1. other-basis participants, forwards from their settlement cohorts (``programme``);
   Table 1's other-basis enders of the two audited districts are then moved into place;
2. collective-protection participants, backwards from the design's counts of enders per year
   and of participants still running, with education at arrival and "more than six months"
   allocated across Oslo so that Figure 6 and the 97 %/84 % figures come out;
3. end reasons per district and stratum (``outcomes``), end goals;
4. the case review's population and its findings as flags, by quota per district;
5. delays from settlement to start, hence settlement dates (``delays``);
6. everyone else settled: children, older relatives, adults who do not take part
   (``households``).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from introsak.casefacts.enums import EducationLevel, EndGoal, EndReason
from introsak.rules.dates import add_months
from introsak_demo import definitions
from introsak_demo.delays import DelayReport, assign_delays
from introsak_demo.design import (
    DISTRICT_DESIGNS,
    ENDERS_HIGHER_EDUCATION,
    ENDERS_UPPER_SECONDARY,
    FIXED_COLLECTIVE_ROWS,
    OVER_SIX_MONTHS,
    TABLE_1_OTHER_BY_YEAR,
    DistrictDesign,
)
from introsak_demo.outcomes import PRIORS, REASONS, STRATA, Row, solve
from introsak_demo.programme import (
    COLLECTIVE_EDUCATION,
    Uids,
    collective_waiting,
    education,
    end_collective,
    new_collective,
    other_participant,
    other_participants,
    retarget_end,
    run_collective,
    run_other,
    settled_december_2023_waiting,
)
from introsak_demo.quotas import allocate, flags, shuffled, weighted_choice
from introsak_demo.skeleton import Cohort, Skeleton
from introsak_demo.targets import table_1_counts

WAITING_PER_SETTLED = 0.02  # collective protection waiting to start, per person settled
DECEMBER_2023_WAITING = {"ostensjo": 16}
SENT_BY_PARTICIPANT = 0.85  # "left largely to the participants" (lines 914-918)


@dataclass(slots=True)
class Streams:
    """Independent random streams, so that changing one stage does not reshuffle another."""

    seed: int
    cache: dict[str, random.Random] = field(default_factory=dict)

    def __call__(self, name: str) -> random.Random:
        if name not in self.cache:
            # Demo data, not security: a reproducible pseudo-random stream is the point.
            self.cache[name] = random.Random(f"introsak-demo:{self.seed}:{name}")  # noqa: S311
        return self.cache[name]


@dataclass(slots=True)
class Population:
    participants: list[Skeleton]
    delays: DelayReport


def build_participants(
    streams: Streams, as_of: date, designs: Sequence[DistrictDesign] = DISTRICT_DESIGNS
) -> Population:
    uids = Uids()
    people: list[Skeleton] = []
    for design in designs:
        rng = streams(f"other:{design.slug}")
        district = other_participants(design, rng, uids, as_of)
        _table_1_other(design, district, rng, uids, as_of)
        people.extend(district)
    _limit_short_programmes(designs, people, streams("short"), as_of)
    people.extend(_collective(designs, people, streams, uids, as_of))
    _end_reasons(designs, people, streams("reasons"))
    _goals(people, streams("goals"))
    _review(designs, people, streams("review"), as_of)
    report = assign_delays(people, designs, streams("delays"), as_of)
    return Population(participants=people, delays=report)


# --- 1. Table 1's other-basis enders ------------------------------------------------------------


def _table_1_other(
    design: DistrictDesign, people: list[Skeleton], rng: random.Random, uids: Uids, as_of: date
) -> None:
    """Move other-basis participants so that exactly Table 1's numbers ended in 2023 and 2024."""
    by_year = TABLE_1_OTHER_BY_YEAR.get(design.slug)
    if by_year is None:
        return
    for year in (2023, 2024):
        window = (date(year, 1, 1), min(date(year, 12, 31), as_of))
        wanted = sum(by_year[year].values())
        while True:
            current = [p for p in people if p.end is not None and p.end.year == year]
            if len(current) == wanted:
                break
            if len(current) > wanted:
                _move_out(people, current, rng, as_of)
            elif not _move_in(people, window, rng, as_of):
                extra = _new_other(design, rng, uids, as_of)
                people.append(extra)


def _move_out(
    people: list[Skeleton], enders: list[Skeleton], rng: random.Random, as_of: date
) -> None:
    """One ender of the year continues past the as-of date or ends in 2022 instead; if no
    one can, one is left out (the district's settlement count is filled up later anyway)."""
    for p in shuffled(enders, rng):
        saved = (p.end, p.extensions, p.early)
        if retarget_end(p, None, None, rng, as_of):
            return
        assert p.start is not None
        beyond_six = add_months(p.start, 6) + timedelta(days=1)  # 2022: 97 % over six months
        if retarget_end(p, max(date(2022, 1, 1), beyond_six), date(2022, 12, 31), rng, as_of):
            return
        p.end, p.extensions, p.early = saved
    people.remove(rng.choice(enders))


def _move_in(
    people: list[Skeleton], window: tuple[date, date], rng: random.Random, as_of: date
) -> bool:
    """One participant still running (or ended before 2023) ends in the window instead."""
    candidates = [p for p in people if p.start is not None and (p.end is None or p.end.year < 2023)]
    for p in shuffled(candidates, rng):
        saved = (p.end, p.extensions, p.early)
        if retarget_end(p, *window, rng, as_of):
            return True
        p.end, p.extensions, p.early = saved
    return False


def _new_other(design: DistrictDesign, rng: random.Random, uids: Uids, as_of: date) -> Skeleton:
    """A further participant settled in 2022 (when no one present can end in the window)."""
    while True:
        p = other_participant(design, Cohort.MAIN, date(2022, 1, 1), date(2022, 12, 31), rng, uids)
        run_other(p, rng, as_of)
        if p.start is not None:
            return p


def _limit_short_programmes(
    designs: Sequence[DistrictDesign], others: list[Skeleton], rng: random.Random, as_of: date
) -> None:
    """Let other-basis enders of a year keep at most their part of the programmes of six
    months or less (97 % lasted longer in 2022, lines 975-977): extend some within the year.
    Collective protection takes the rest of the year's quota (``_over_six_flags``)."""
    for year, share in OVER_SIX_MONTHS.items():
        enders = [p for p in others if p.end is not None and p.end.year == year]
        collective = sum(d.collective_ended[year - 2022] for d in designs)
        allowed = round((1 - share) * (len(enders) + collective))
        if year == 2022:
            allowed -= collective  # starting from June 2022, none could last beyond six months
        short = [p for p in enders if not definitions.lasted_over_six_months(p.start, p.end)]
        for p in shuffled(short, rng)[: max(0, len(short) - max(0, allowed))]:
            assert p.start is not None and p.end is not None
            first = max(date(year, 1, 1), add_months(p.start, 6) + timedelta(days=1))
            saved = (p.end, p.extensions, p.early)
            if retarget_end(p, first, min(date(year, 12, 31), as_of), rng, as_of):
                continue
            # Or end the next year instead (not where Table 1 fixes the yearly counts).
            later = (max(date(year + 1, 1, 1), first), min(date(year + 1, 12, 31), as_of))
            if p.district in TABLE_1_OTHER_BY_YEAR or not retarget_end(p, *later, rng, as_of):
                p.end, p.extensions, p.early = saved


# --- 2. collective protection ------------------------------------------------------------------


def _collective(
    designs: Sequence[DistrictDesign],
    others: list[Skeleton],
    streams: Streams,
    uids: Uids,
    as_of: date,
) -> list[Skeleton]:
    rng = streams("collective")
    slots = [
        (design, year)
        for design in designs
        for year, count in zip((2022, 2023, 2024), design.collective_ended, strict=True)
        for _ in range(count)
    ]
    levels = _ender_education(slots, others, rng)
    over_six = _over_six_flags(slots, others, rng)
    out: list[Skeleton] = []
    for (design, year), level, six in zip(slots, levels, over_six, strict=True):
        p = new_collective(design, level, rng, uids)
        end_collective(p, year, six, rng, as_of)
        out.append(p)
    for design in designs:
        running_other = sum(
            1 for p in others if p.district == design.slug and p.start and p.end is None
        )
        count = design.running - running_other
        if count < 0:
            raise RuntimeError(f"{design.slug}: more other-basis participants than running")
        for _ in range(count):
            p = new_collective(design, education(rng, COLLECTIVE_EDUCATION), rng, uids)
            run_collective(p, rng, as_of)
            out.append(p)
        waiting = round(design.settled_2022_h1_2024 * WAITING_PER_SETTLED)
        out.extend(collective_waiting(design, waiting, rng, uids, as_of))
        extra = DECEMBER_2023_WAITING.get(design.slug, 0)
        out.extend(settled_december_2023_waiting(design, extra, rng, uids))
    return out


def _ender_education(
    slots: Sequence[tuple[DistrictDesign, int]], others: Sequence[Skeleton], rng: random.Random
) -> list[EducationLevel]:
    """Education of collective enders such that, with the other-basis enders, about half of
    all who ended 2023 - H1 2024 had higher education and one in four upper secondary."""
    recent_others = [p for p in others if p.end is not None and p.end.year >= 2023]
    recent = [i for i, (_, year) in enumerate(slots) if year >= 2023]
    total = len(recent_others) + len(recent)
    higher = round(ENDERS_HIGHER_EDUCATION * total) - sum(
        1 for p in recent_others if p.education is EducationLevel.HIGHER
    )
    upper = round(ENDERS_UPPER_SECONDARY * total) - sum(
        1 for p in recent_others if p.education is EducationLevel.UPPER_SECONDARY
    )
    rest = len(recent) - higher - upper
    if min(higher, upper, rest) < 0:
        raise RuntimeError("education of the enders cannot reach Figure 6")
    levels = [EducationLevel.HIGHER] * higher + [EducationLevel.UPPER_SECONDARY] * upper
    levels += allocate(
        (EducationLevel.VOCATIONAL_COLLEGE, EducationLevel.PRIMARY, EducationLevel.NONE),
        (0.05, 0.045, 0.01),
        rest,
    )
    levels = shuffled(levels, rng)
    out = [education(rng, COLLECTIVE_EDUCATION) for _ in slots]
    for i, level in zip(recent, levels, strict=True):
        out[i] = level
    return out


def _over_six_flags(
    slots: Sequence[tuple[DistrictDesign, int]], others: Sequence[Skeleton], rng: random.Random
) -> list[bool]:
    """Which collective enders were in the programme more than six months, so that the
    share over all enders of a year is the report's (97 % in 2022, 84 % in H1 2024)."""
    out = [True] * len(slots)
    for year, share in OVER_SIX_MONTHS.items():
        mine = [i for i, (_, y) in enumerate(slots) if y == year]
        theirs = [p for p in others if p.end is not None and p.end.year == year]
        short_others = sum(
            1 for p in theirs if not definitions.lasted_over_six_months(p.start, p.end)
        )
        short = round((1 - share) * (len(mine) + len(theirs))) - short_others
        short = max(0, min(len(mine), short))
        for i, flag in zip(
            mine, flags(len(mine), 1 - short / len(mine) if mine else 0, rng), strict=True
        ):
            out[i] = flag
    return out


# --- 3. end reasons and goals ----------------------------------------------------------------


def _end_reasons(
    designs: Sequence[DistrictDesign], people: Sequence[Skeleton], rng: random.Random
) -> None:
    rows: dict[Row, list[Skeleton]] = defaultdict(list)
    for p in people:
        if p.stratum is not None:
            rows[(p.district, p.stratum)].append(p)
    early = [row for row in rows if row[1] not in STRATA]  # ended before 2022: no figure
    for row in early:
        for p in rows.pop(row):
            p.reason = weighted_choice(rng, REASONS, PRIORS["o22"])
    sizes = {row: len(members) for row, members in rows.items()}
    counts = solve(sizes, _fixed_rows(sizes), designs)
    for row in sorted(rows):
        members = sorted(rows[row], key=lambda p: (not p.early, rng.random()))
        reasons = [EndReason.WORK] * counts[row][EndReason.WORK]
        reasons += shuffled(
            [r for r in REASONS if r is not EndReason.WORK for _ in range(counts[row][r])], rng
        )
        for p, reason in zip(members, reasons, strict=True):
            p.reason = reason


def _fixed_rows(sizes: dict[Row, int]) -> dict[Row, dict[EndReason, int]]:
    fixed: dict[Row, dict[EndReason, int]] = {}
    table = table_1_counts()
    for (district, basis, period), counts in table.items():
        if basis == "collective":
            fixed[(district, "c" + period[-2:])] = counts
    for district, by_year in TABLE_1_OTHER_BY_YEAR.items():
        for year, counts in by_year.items():
            fixed[(district, f"o{year % 100}")] = counts
    for district, by_year in FIXED_COLLECTIVE_ROWS.items():
        for year, counts in by_year.items():
            fixed[(district, f"c{year % 100}")] = counts
    for row, counts in fixed.items():
        if sizes.get(row, 0) != sum(counts.values()):
            raise RuntimeError(f"{row}: {sizes.get(row, 0)} enders, fixed counts need {counts}")
    return fixed


def _goals(people: Sequence[Skeleton], rng: random.Random) -> None:
    """End goals of collective protection (others got theirs with their base duration)."""
    goals = (EndGoal.WORK, EndGoal.EDUCATION, EndGoal.OTHER)
    for p in people:
        if not p.collective or p.goal is not None:
            continue
        if p.reason is EndReason.EDUCATION and rng.random() < 0.6:
            p.goal = EndGoal.EDUCATION
        else:
            p.goal = weighted_choice(rng, goals, (0.95, 0.04, 0.01))


# --- 4. the case review's findings, as rates ---------------------------------------------------


def _review(
    designs: Sequence[DistrictDesign], people: Sequence[Skeleton], rng: random.Random, as_of: date
) -> None:
    by_district: dict[str, list[Skeleton]] = defaultdict(list)
    for p in people:
        if p.start is not None:
            p.review = (
                p.start > definitions.REVIEW_STARTED_AFTER
                and p.goal in definitions.REVIEW_END_GOALS
            )
            by_district[p.district].append(p)
    for design in designs:
        members = sorted(by_district[design.slug], key=lambda p: p.uid)
        _review_flags(design, [p for p in members if p.review], rng, as_of, exact=True)
        _review_flags(design, [p for p in members if not p.review], rng, as_of, exact=False)


def _first_meeting_due(p: Skeleton, as_of: date) -> bool:
    """The first three-party meeting (1 month after start, 3 for long programmes, plus up to
    20 days) falls before the programme ended and before the as-of date."""
    assert p.start is not None
    first = add_months(p.start, 1 if p.base_months <= 6 else 3) + timedelta(days=20)
    return first <= min(p.end or as_of, as_of)


def _review_flags(
    design: DistrictDesign,
    members: list[Skeleton],
    rng: random.Random,
    as_of: date,
    *,
    exact: bool,
) -> None:
    rates = design.review

    def share(name: str, group: list[Skeleton], rate: float) -> None:
        if exact:
            for p, flag in zip(group, flags(len(group), rate, rng), strict=True):
                p.flags[name] = flag
        else:
            for p in group:
                p.flags[name] = rng.random() < rate

    documented = rates.three_party_documented.value
    if exact:
        # A participant who started days ago has had no meeting yet: the documented ones are
        # chosen among those whose first meeting has fallen due.
        due = [p for p in members if _first_meeting_due(p, as_of)]
        count = round(documented * len(members))
        chosen = {p.uid for p in shuffled(due, rng)[:count]}
        for p in members:
            p.flags["three_party_documented"] = p.uid in chosen
    else:
        share("three_party_documented", members, documented)
    share("practice_placement", members, rates.practice_placement.value)
    share("mapping_journaled", members, rates.mapping_journaled.value)
    others = [p for p in members if not p.collective]
    contract = rates.contract_other_basis.value
    if not exact:
        contract = max(contract, 0.9)  # St. Hanshaugen's miss was recent ("en glipp")
    share("contract", others, contract)
    levels = definitions.recognition_levels(design.slug)
    educated = [p for p in members if p.education in levels]
    share("recognition_topic", educated, rates.recognition_topic.value)
    topic = [p for p in educated if p.flags["recognition_topic"]]
    applied_count = _applied_count(
        len(educated), rates.recognition_applied.value, rates.recognition_approved.value
    )
    chosen = set(p.uid for p in shuffled(topic, rng)[:applied_count])
    if not exact:
        chosen = {p.uid for p in topic if rng.random() < rates.recognition_applied.value}
    for p in educated:
        p.flags["recognition_applied"] = p.uid in chosen
    applied = [p for p in educated if p.flags["recognition_applied"]]
    share("recognition_approved", applied, rates.recognition_approved.value)
    share("sent_by_participant", applied, SENT_BY_PARTICIPANT)


__all__ = ["Population", "Streams", "build_participants"]


def _applied_count(educated: int, applied: float, approved: float) -> int:
    """How many applied for recognition: near ``applied`` × ``educated``, chosen so that
    the share approved can also come near ``approved`` (on small numbers whole persons
    are coarse: 17 of 22 is 77 %, 16 of 22 is 73 %, neither within 2 points of 75 %)."""
    if educated == 0:
        return 0
    base = round(applied * educated)

    def miss(count: int) -> float:
        applied_miss = abs(count / educated - applied)
        approved_miss = abs(round(approved * count) / count - approved) if count else approved
        return max(applied_miss, approved_miss)

    options = [c for c in range(base - 3, base + 4) if 0 <= c <= educated]
    return min(options, key=lambda c: (round(miss(c), 6), abs(c - base)))
