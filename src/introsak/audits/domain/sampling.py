"""Reproducible sampling: the frame, the exclusions and a seeded random draw per district.

As the audit office did (report, appendix 2): list the cases that started the programme in
the period, put each district's list in random order, and take the first N that are not
excluded — cases whose end goal is neither work nor education, and cases the auditor marks as
unable to take part for health reasons. The random order is ``random.Random`` seeded with
"<seed>:<district>" over the frame sorted by case number, so the same seed and the same frame
always give the same order, and excluding a drawn case only brings in the next one in that
order (the rest of the sample stays). Optionally the draw is stratified: each district gets at
least one case with collective protection and one with another residence basis when its
eligible frame has both.

``draw`` is pure; ``sample_draw`` takes the frame from the database and stores it with the
seed; ``sample_verify`` repeats the draw from the stored frame.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import QuerySet

from introsak.access.domain.protection import case_pseudonym
from introsak.accounts.models import User
from introsak.audits.domain.control_forms import control_forms_prefill
from introsak.audits.enums import ExclusionReason, ResidenceGroup
from introsak.audits.models import Audit, AuditSample, FrameCase
from introsak.casefacts.enums import EndGoal, ResidenceBasis
from introsak.cases.models import IntegrationPlan, ProgrammeCase
from introsak.core import clock

# End goals the report kept in its sample ("jobb eller høyere utdanning").
KEPT_END_GOALS = frozenset({EndGoal.WORK, EndGoal.EDUCATION})
SEED_LIMIT = 2**63  # seeds are stored in a signed 64-bit column


@dataclass(frozen=True, slots=True)
class FrameEntry:
    """One case of the frame, as the draw sees it."""

    case_number: str
    district: str
    residence_group: str
    exclusion: str = ""


@dataclass(frozen=True, slots=True)
class Draw:
    """The result of a draw: each case's place in its district's random order, and the
    drawn case numbers."""

    ranks: dict[str, int]
    drawn: frozenset[str]


def new_seed() -> int:
    return secrets.randbelow(2**31)


def draw(entries: Iterable[FrameEntry], *, seed: int, size: int, stratify: bool) -> Draw:
    """Draw ``size`` cases per district (pure; the same input gives the same draw)."""
    by_district: dict[str, list[FrameEntry]] = {}
    for entry in entries:
        by_district.setdefault(entry.district, []).append(entry)
    ranks: dict[str, int] = {}
    drawn: set[str] = set()
    for district in sorted(by_district):
        order = sorted(by_district[district], key=lambda e: e.case_number)
        random.Random(f"{seed}:{district}").shuffle(order)  # noqa: S311 - sampling, not secrets
        ranks.update({e.case_number: rank for rank, e in enumerate(order, start=1)})
        eligible = [e for e in order if not e.exclusion]
        chosen = eligible[:size]
        if stratify:
            chosen = _stratified(chosen, eligible)
        drawn.update(e.case_number for e in chosen)
    return Draw(ranks=ranks, drawn=frozenset(drawn))


def _stratified(chosen: list[FrameEntry], eligible: list[FrameEntry]) -> list[FrameEntry]:
    """Bring in the first case (in random order) of each group the draw missed, in place of
    the last-drawn case of a group that has more than one."""
    chosen = list(chosen)
    for group in ResidenceGroup.values:
        if any(e.residence_group == group for e in chosen):
            continue
        candidate = next((e for e in eligible if e.residence_group == group), None)
        if candidate is None:
            continue
        counts = {g: sum(e.residence_group == g for e in chosen) for g in ResidenceGroup.values}
        replaceable = [i for i, e in enumerate(chosen) if counts[e.residence_group] > 1]
        if not replaceable:
            continue
        chosen[replaceable[-1]] = candidate
    return chosen


# --- the frame from the database ---------------------------------------------------------------


def residence_group(basis: str) -> ResidenceGroup:
    if basis == ResidenceBasis.COLLECTIVE_PROTECTION:
        return ResidenceGroup.COLLECTIVE_PROTECTION
    return ResidenceGroup.OTHER


def frame_cases(audit: Audit, cases: QuerySet[ProgrammeCase]) -> QuerySet[ProgrammeCase]:
    """The audit's sampling frame among ``cases``: in its districts, programme started in
    its period and by its as-of date."""
    last_start = min(audit.started_to, audit.as_of)
    return cases.filter(
        district__in=audit.districts.all(),
        start_date__gte=audit.started_from,
        start_date__lte=last_start,
    ).select_related("person", "district")


def _frame_with_goals(
    audit: Audit, cases: QuerySet[ProgrammeCase]
) -> list[tuple[ProgrammeCase, str]]:
    """The frame's cases by case number, each with its stated end goal ("" if none)."""
    frame = list(frame_cases(audit, cases).order_by("case_id"))
    goals = stated_end_goals([c.pk for c in frame], audit.as_of)
    return [(case, goals.get(case.pk, "")) for case in frame]


def stated_end_goals(case_pks: Sequence[int], as_of: date) -> dict[int, str]:
    """Each case's end goal as of the date: that of the latest plan that states one."""
    plans = (
        IntegrationPlan.objects.filter(case_id__in=case_pks, decided_on__lte=as_of)
        .exclude(end_goal="")
        .order_by("case_id", "decided_on", "id")
        .values_list("case_id", "end_goal")
    )
    return dict(plans)  # later plans overwrite earlier ones


def _automatic_exclusion(end_goal: str) -> str:
    """A stated end goal other than work or education excludes the case. A case without an
    end goal stays in: a missing plan is something the audit should find, not hide."""
    if end_goal and end_goal not in KEPT_END_GOALS:
        return ExclusionReason.END_GOAL
    return ""


@transaction.atomic
def sample_draw(
    *, audit: Audit, cases: QuerySet[ProgrammeCase], by: User | None, seed: int | None = None
) -> AuditSample:
    """Take the frame from ``cases`` (the caller's view through the access gateway), draw
    the sample with ``seed`` (a new random one if None) and pre-fill the control forms.

    Side effects: creates the ``AuditSample``, one ``FrameCase`` per case in the frame and a
    control form per drawn case. An audit is drawn once; later exclusions redraw it
    (``exclusion_record``).
    """
    if AuditSample.objects.filter(audit=audit).exists():
        raise ValueError("this audit's sample has already been drawn")
    seed = new_seed() if seed is None else seed
    if not 0 <= seed < SEED_LIMIT:
        raise ValueError("the seed must be between 0 and 2**63 - 1")
    sample = AuditSample.objects.create(audit=audit, seed=seed, drawn_by=by)
    rows = [
        FrameCase(
            sample=sample,
            case=case,
            district=case.district,
            case_number=case.case_id,
            pseudonym=case_pseudonym(case),
            residence_group=residence_group(case.person.residence_basis),
            end_goal=goal,
            exclusion=_automatic_exclusion(goal),
            rank=0,
        )
        for case, goal in _frame_with_goals(audit, cases)
    ]
    _apply(rows, audit, seed)
    FrameCase.objects.bulk_create(rows)
    control_forms_prefill(audit=audit, cases=cases)
    return sample


def _entries(rows: Iterable[FrameCase]) -> list[FrameEntry]:
    return [
        FrameEntry(
            case_number=r.case_number,
            district=r.district.slug,
            residence_group=r.residence_group,
            exclusion=r.exclusion,
        )
        for r in rows
    ]


def _apply(rows: list[FrameCase], audit: Audit, seed: int) -> None:
    result = draw(_entries(rows), seed=seed, size=audit.sample_size, stratify=audit.stratify)
    for row in rows:
        row.rank = result.ranks[row.case_number]
        row.drawn = row.case_number in result.drawn


@transaction.atomic
def exclusion_record(
    *,
    audit: Audit,
    frame_case: FrameCase,
    note: str,
    by: User,
    cases: QuerySet[ProgrammeCase],
) -> None:
    """Exclude a case because the participant cannot take part for health reasons, and
    redraw with the recorded seed: the case leaves the sample, the next eligible case in the
    random order enters it, every other drawn case stays.

    Side effects: updates the frame rows' ``drawn`` flags; pre-fills a control form for the
    case that enters. The excluded case's control form is kept (with any assessments) but no
    longer counts.
    """
    rows = list(FrameCase.objects.filter(sample__audit=audit).select_related("district"))
    excluded = next(row for row in rows if row.pk == frame_case.pk)
    excluded.exclusion = ExclusionReason.HEALTH
    excluded.exclusion_note = note
    excluded.excluded_by = by
    excluded.excluded_at = clock.now()
    _apply(rows, audit, audit.sample.seed)
    FrameCase.objects.bulk_update(
        rows, ["drawn", "exclusion", "exclusion_note", "excluded_by", "excluded_at"]
    )
    control_forms_prefill(audit=audit, cases=cases, only_missing=True)


@dataclass(frozen=True, slots=True)
class Verification:
    """Does the seed reproduce the stored sample? From the stored frame, and (when the
    current data are given) from a frame taken afresh."""

    stored_frame: bool
    current_frame: bool | None
    frame_changed: bool | None


def sample_verify(audit: Audit, *, cases: QuerySet[ProgrammeCase] | None = None) -> Verification:
    """Repeat the draw with the recorded seed and compare it with the stored sample."""
    sample = audit.sample
    rows = list(FrameCase.objects.filter(sample=sample).select_related("district"))
    stored = frozenset(r.case_number for r in rows if r.drawn)
    again = draw(_entries(rows), seed=sample.seed, size=audit.sample_size, stratify=audit.stratify)
    if cases is None:
        return Verification(again.drawn == stored, None, None)
    manual = {r.case_number: r.exclusion for r in rows if r.exclusion == ExclusionReason.HEALTH}
    entries = [
        FrameEntry(
            case_number=case.case_id,
            district=case.district.slug,
            residence_group=residence_group(case.person.residence_basis),
            exclusion=manual.get(case.case_id) or _automatic_exclusion(goal),
        )
        for case, goal in _frame_with_goals(audit, cases)
    ]
    redrawn = draw(entries, seed=sample.seed, size=audit.sample_size, stratify=audit.stratify)
    changed = {e.case_number for e in entries} != {r.case_number for r in rows}
    return Verification(again.drawn == stored, redrawn.drawn == stored, changed)
