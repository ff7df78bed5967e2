"""Programme timelines: who takes part, and when each programme starts and ends.

Two directions, chosen by what has to come out exactly:

* **Other residence bases** are generated forwards from settlement (their programmes last up
  to four years, so when they were settled decides everything). Settlement cohorts are fixed
  per district; start, duration, extensions and leave follow.
* **Collective protection** is generated backwards from the state on the as-of date: the
  design fixes how many ended in each year (Table 1 needs exact counts) and how many are
  still in the programme (the survey's participant counts); the start date follows from the
  end and the duration, and the settlement date later from the start (``delays``).

Durations keep to the legal frame the rules engine checks (DURATION-01): upper secondary or
more, 3-6 months plus at most 6; below that, 24 months (36 with the goal of completing upper
secondary) plus at most 12.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from introsak.casefacts.enums import EducationLevel, EndGoal, ResidenceBasis, Sex
from introsak.rules.dates import add_months
from introsak_demo.design import (
    COLLECTIVE_SETTLED_FROM,
    COLLECTIVE_STARTS_FROM,
    LEGACY_SETTLED_FROM,
    SETTLED_2021,
    SETTLED_WINDOW,
    DistrictDesign,
)
from introsak_demo.quotas import weighted_choice
from introsak_demo.skeleton import Cohort, Role, Skeleton, short_education, uniform_date

# Education at arrival. Other bases: far lower than Ukrainians (report lines 850-855).
EDUCATION_LEVELS = (
    EducationLevel.NONE,
    EducationLevel.PRIMARY,
    EducationLevel.UPPER_SECONDARY,
    EducationLevel.VOCATIONAL_COLLEGE,
    EducationLevel.HIGHER,
)
OTHER_EDUCATION = (0.22, 0.28, 0.28, 0.03, 0.19)
LEGACY_EDUCATION = (0.45, 0.55, 0.0, 0.0, 0.0)  # still in a programme after 1-3 years
COLLECTIVE_EDUCATION = (0.01, 0.045, 0.235, 0.05, 0.66)

OTHER_BASES = (
    ResidenceBasis.REFUGEE,
    ResidenceBasis.RESETTLEMENT_REFUGEE,
    ResidenceBasis.HUMANITARIAN,
    ResidenceBasis.FAMILY_REUNIFICATION,
    ResidenceBasis.INDEPENDENT_PERMIT,
)
OTHER_BASIS_WEIGHTS = (0.46, 0.2, 0.08, 0.23, 0.03)

OTHER_PARTICIPATION = 0.56  # other-basis persons who are participants (adults; most take part)
COHORT_2021_PARTICIPATION = 0.6
LATE_SETTLED_PER_QUOTA = 0.035  # persons settled 1 Jul - as-of, per person of the main quota

MIN_PROGRAMME_DAYS = 45


class Uids:
    """Sequential ids for the skeletons of one generated Oslo."""

    def __init__(self) -> None:
        self.next = 0

    def take(self) -> int:
        self.next += 1
        return self.next


# --- small draws -----------------------------------------------------------------------------


def education(rng: random.Random, weights: tuple[float, ...]) -> EducationLevel:
    return weighted_choice(rng, EDUCATION_LEVELS, weights)


def other_basis(rng: random.Random) -> ResidenceBasis:
    return weighted_choice(rng, OTHER_BASES, OTHER_BASIS_WEIGHTS)


def adult_age(rng: random.Random, collective: bool) -> int:
    """Age at settlement of a participant: 18-55 (a younger profile for other bases)."""
    if collective:
        return max(18, min(55, round(rng.triangular(18, 56, 36))))
    return max(18, min(52, round(rng.triangular(18, 50, 26))))


def participant_sex(rng: random.Random, collective: bool) -> Sex:
    # Over 60 % of adult Ukrainians who came were women (lines 3375-3376).
    return Sex.FEMALE if rng.random() < (0.66 if collective else 0.45) else Sex.MALE


def initial_delay(rng: random.Random) -> int:
    """Days from settlement to start before calibration (``delays`` fixes the means)."""
    if rng.random() < 0.45:
        return rng.randint(21, 88)
    return min(400, 93 + round(rng.expovariate(1 / 80)))


# --- other residence bases: forwards from settlement -------------------------------------------


def other_base(p: Skeleton, rng: random.Random) -> None:
    """Goal and base duration from education and age (IL § 13)."""
    if short_education(p.education):
        if p.age < 25 and rng.random() < 0.6:
            p.goal, p.base_months = EndGoal.UPPER_SECONDARY_COMPLETION, 36
        elif p.education is EducationLevel.NONE and rng.random() < 0.15:
            p.goal, p.base_months = EndGoal.PRIMARY_EDUCATION, 24
        else:
            p.goal = EndGoal.EDUCATION if rng.random() < 0.12 else EndGoal.WORK
            p.base_months = 24
    else:
        p.goal = EndGoal.EDUCATION if rng.random() < 0.3 else EndGoal.WORK
        p.base_months = 6


def max_extension(p: Skeleton) -> int:
    return 12 if short_education(p.education) else 6


def other_extensions(p: Skeleton, rng: random.Random) -> list[int]:
    if short_education(p.education):
        return weighted_choice(rng, ([], [6], [6, 6], [12]), (0.35, 0.25, 0.25, 0.15))
    return weighted_choice(rng, ([], [3], [4], [6], [3, 3]), (0.05, 0.2, 0.15, 0.5, 0.1))


def other_leave(p: Skeleton, rng: random.Random) -> int:
    if rng.random() < 0.12:
        return rng.randint(30, 270)  # parental leave, illness
    return 0


def run_other(p: Skeleton, rng: random.Random, as_of: date) -> None:
    """Start, planned duration and (perhaps early) end of an other-basis participant."""
    assert p.settlement is not None
    start = p.settlement + timedelta(days=initial_delay(rng))
    if start > as_of:
        p.role = Role.WAITING
        other_base(p, rng)
        return
    p.role, p.start = Role.PARTICIPANT, start
    other_base(p, rng)
    p.extensions = other_extensions(p, rng)
    p.leave_days = other_leave(p, rng)
    planned = p.planned_end()
    end = planned
    if rng.random() < 0.25:
        p.early = True
        six = add_months(start, 6) + timedelta(days=1)
        if planned > six + timedelta(days=30) and rng.random() < 0.9:
            end = uniform_date(rng, six, planned - timedelta(days=1))  # most stay beyond six
        else:
            span = (planned - start).days
            end = start + timedelta(
                days=max(MIN_PROGRAMME_DAYS, round(span * rng.uniform(0.35, 0.95)))
            )
        if p.leave_days and end - start < timedelta(days=p.leave_days + 60):
            p.leave_days = 0
    p.end = end if end <= as_of else None


def other_participants(
    design: DistrictDesign, rng: random.Random, uids: Uids, as_of: date
) -> list[Skeleton]:
    """The district's other-basis participants (and those waiting to start), every cohort."""
    out: list[Skeleton] = []
    main_other = design.settled_2022_h1_2024 * (1 - design.collective_share)
    cohorts = (
        (Cohort.Y2021, round(design.settled_2021 * COHORT_2021_PARTICIPATION)),
        (Cohort.MAIN, round(main_other * OTHER_PARTICIPATION)),
        (Cohort.LATE, round(main_other * OTHER_PARTICIPATION * LATE_SETTLED_PER_QUOTA * 6)),
    )
    for cohort, count in cohorts:
        for _ in range(count):
            out.append(_other(design, cohort, _cohort_settlement(cohort, rng, as_of), rng, uids))
            run_other(out[-1], rng, as_of)
    out.extend(_legacy(design, rng, uids, as_of))
    return out


def other_participant(
    design: DistrictDesign,
    cohort: Cohort,
    first: date,
    last: date,
    rng: random.Random,
    uids: Uids,
) -> Skeleton:
    """A new other-basis participant settled between ``first`` and ``last``."""
    return _other(design, cohort, uniform_date(rng, first, last), rng, uids)


def _other(
    design: DistrictDesign, cohort: Cohort, settled: date, rng: random.Random, uids: Uids
) -> Skeleton:
    weights = LEGACY_EDUCATION if cohort is Cohort.LEGACY else OTHER_EDUCATION
    return Skeleton(
        uid=uids.take(),
        district=design.slug,
        basis=other_basis(rng),
        role=Role.PARTICIPANT,
        cohort=cohort,
        education=education(rng, weights),
        settlement=settled,
        age=adult_age(rng, collective=False),
        sex=participant_sex(rng, collective=False),
    )


def _cohort_settlement(cohort: Cohort, rng: random.Random, as_of: date) -> date:
    if cohort is Cohort.Y2021:
        return uniform_date(rng, *SETTLED_2021)
    if cohort is Cohort.MAIN:
        return uniform_date(rng, *SETTLED_WINDOW)
    if cohort is Cohort.LATE:
        return uniform_date(rng, SETTLED_WINDOW[1] + timedelta(days=1), as_of)
    return uniform_date(rng, LEGACY_SETTLED_FROM, SETTLED_2021[0] - timedelta(days=1))


def _legacy(
    design: DistrictDesign, rng: random.Random, uids: Uids, as_of: date
) -> Iterator[Skeleton]:
    """Settled before 2021 and still in the programme on 1 January 2022."""
    kept = 0
    for _ in range(design.legacy * 40):
        if kept == design.legacy:
            return
        p = _other(design, Cohort.LEGACY, _cohort_settlement(Cohort.LEGACY, rng, as_of), rng, uids)
        # Their families were settled before the demo's window, so no child cases exist.
        p.flags["has_children"] = rng.random() < 0.5
        run_other(p, rng, as_of)
        if p.start is not None and (p.end is None or p.end >= date(2022, 1, 1)):
            kept += 1
            yield p


def retarget_end(
    p: Skeleton, first: date | None, last: date | None, rng: random.Random, as_of: date
) -> bool:
    """Move an other-basis participant's end into [first, last], or to "still running" when
    ``first`` is None, within the legal frame; False if that cannot be done."""
    assert p.start is not None
    latest = add_months(p.start, p.base_months + max_extension(p)) + timedelta(days=p.leave_days)
    if first is None:
        if latest <= as_of:
            return False
        months = 0
        while add_months(p.start, p.base_months + months) + timedelta(days=p.leave_days) <= as_of:
            months += 3
        p.extensions = [months] if months else []
        p.end, p.early = None, False
        return True
    assert last is not None
    low = max(first, p.start + timedelta(days=MIN_PROGRAMME_DAYS + p.leave_days))
    high = min(last, latest, as_of)
    if high < low:
        return False
    end = uniform_date(rng, low, high)
    months = 0
    while add_months(p.start, p.base_months + months) + timedelta(days=p.leave_days) < end:
        months += 1
    p.extensions = [months] if months else []
    p.end = end
    p.early = end < p.planned_end()
    return True


# --- collective protection: backwards from the state on the as-of date -----------------------


def collective_base(level: EducationLevel) -> int:
    """Six months with at least upper secondary (Ukrainian upper secondary counts, IF § 43 a);
    24 months with primary school as highest education (lines 967-971)."""
    return 24 if short_education(level) else 6


def new_collective(
    design: DistrictDesign, level: EducationLevel, rng: random.Random, uids: Uids
) -> Skeleton:
    older = rng.random() < 0.01  # a few over 55 who were offered the programme (may_offer)
    return Skeleton(
        uid=uids.take(),
        district=design.slug,
        basis=ResidenceBasis.COLLECTIVE_PROTECTION,
        role=Role.PARTICIPANT,
        cohort=Cohort.MAIN,
        education=level,
        age=rng.randint(56, 61) if older else adult_age(rng, collective=True),
        sex=participant_sex(rng, collective=True),
        base_months=collective_base(level),
    )


def year_window(year: int, as_of: date) -> tuple[date, date]:
    first = date(year, 6, 1) if year == 2022 else date(year, 1, 1)
    return first, min(date(year, 12, 31), as_of)


def _collective_extension(rng: random.Random) -> int:
    return weighted_choice(rng, (2, 3, 4, 5, 6), (0.05, 0.1, 0.1, 0.1, 0.65))


def end_collective(p: Skeleton, year: int, over_six: bool, rng: random.Random, as_of: date) -> None:
    """Give an ended collective-protection participant a start, duration and end in ``year``
    with more (or not more) than six months in the programme."""
    first, last = year_window(year, as_of)
    for _ in range(100 if year == 2022 else 400):
        end = uniform_date(rng, first, last)
        start = _collective_start(p, end, over_six, rng)
        if COLLECTIVE_STARTS_FROM <= start <= end and (end > add_months(start, 6)) == over_six:
            p.start, p.end, p.over_six = start, end, over_six
            p.early = end < p.planned_end()
            return
    if over_six:  # 2022: starting from mid-June, few could stay more than six months
        end_collective(p, year, False, rng, as_of)
        return
    raise RuntimeError(f"no timeline for a collective ender in {year}")


def _collective_start(p: Skeleton, end: date, over_six: bool, rng: random.Random) -> date:
    p.extensions, p.leave_days = [], 0
    if over_six:
        if p.base_months == 6:
            p.extensions = [_collective_extension(rng)]
            if rng.random() < 0.07:
                p.leave_days = rng.randint(14, 90)
            if rng.random() < 0.7:  # ended when the programme time ran out
                return add_months(end - timedelta(days=p.leave_days), -(6 + p.extensions[0]))
            months = 6 + p.extensions[0]
            return end - timedelta(days=rng.randint(186, round(months * 30.4)))
        return end - timedelta(days=rng.randint(186, 700))
    if p.base_months == 6 and rng.random() < 0.55:
        return add_months(end, -6)  # six months, no extension
    return end - timedelta(days=rng.randint(60, 180))


def run_collective(p: Skeleton, rng: random.Random, as_of: date) -> None:
    """A collective-protection participant still in the programme on ``as_of``."""
    longest = 730 if p.base_months == 24 else 400
    for _ in range(400):
        days = rng.randint(0, longest)
        keep = 1.0 if days < 183 else (0.75 if days < 365 else 0.35)
        start = as_of - timedelta(days=days)
        if rng.random() > keep or start < COLLECTIVE_STARTS_FROM:
            continue
        p.start, p.extensions, p.leave_days = start, [], 0
        if p.planned_end() > as_of:
            if days > 140 and rng.random() < 0.5:
                p.extensions = [_collective_extension(rng)]
            return
        needed = 1
        while add_months(start, p.base_months + needed) <= as_of:
            needed += 1
        if needed <= 6:
            p.extensions = [max(needed, _collective_extension(rng))]
            return
    raise RuntimeError("no timeline for a running collective participant")


def collective_waiting(
    design: DistrictDesign, count: int, rng: random.Random, uids: Uids, as_of: date
) -> list[Skeleton]:
    """Settled, claimed the programme, not started yet on ``as_of``."""
    out = []
    for _ in range(count):
        level = education(rng, COLLECTIVE_EDUCATION)
        p = new_collective(design, level, rng, uids)
        p.role = Role.WAITING
        first = max(COLLECTIVE_SETTLED_FROM, as_of - timedelta(days=130))
        p.settlement = uniform_date(rng, first, as_of - timedelta(days=3))
        p.cohort = Cohort.MAIN if p.settlement <= SETTLED_WINDOW[1] else Cohort.LATE
        out.append(p)
    return out


def settled_december_2023_waiting(
    design: DistrictDesign, count: int, rng: random.Random, uids: Uids
) -> list[Skeleton]:
    """Østensjø's 16 settled in December 2023, mapped in January/February 2024, with a place
    in Norwegian training only at the end of August 2024 (lines 785-787)."""
    out = []
    for _ in range(count):
        p = new_collective(design, education(rng, COLLECTIVE_EDUCATION), rng, uids)
        p.role = Role.WAITING
        p.settlement = uniform_date(rng, date(2023, 12, 1), date(2023, 12, 22))
        p.flags["december_2023"] = True
        out.append(p)
    return out
