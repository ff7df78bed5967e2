"""Properties of the engine over generated valid cases (``tests/strategies.py``).

The order of statuses used for "never worse": breach < overdue < pending < met_late < met —
fulfilled, even late, beats unfulfilled; unfulfilled but in time beats past the deadline; a
recorded contradiction is worst. ``not_applicable`` and ``unknown`` are outside the order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from introsak.casefacts.enums import ActivityKind, CefrLevel, EndGoal, LanguageSkill, MeetingKind
from introsak.casefacts.model import Activity, CaseFacts, Meeting, Plan
from introsak.rules import RULES, Status, evaluate
from tests.strategies import case_facts

RANK = {
    Status.BREACH: 0,
    Status.OVERDUE: 1,
    Status.PENDING: 2,
    Status.MET_LATE: 3,
    Status.MET: 4,
}
PROPERTY_SETTINGS = settings(
    max_examples=int(__import__("os").environ.get("RULES_PROPERTY_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
cases = case_facts(include_extensions=False)
offsets = st.integers(min_value=-120, max_value=3000)

# Rules judging an average over a period that grows with as-of: a met can turn into a breach.
AVERAGING = {"WORK-15H-01", "WORK-MIN-01", "FULLTIME-01"}


def _day(case: CaseFacts, offset: int) -> date:
    """A date around the case's life: from a little before settlement to years after."""
    return case.person.settlement_date + timedelta(days=offset)


def _last_fact(case: CaseFacts) -> date:
    """The latest date of any fact in the case."""
    days = [
        case.person.settlement_date,
        *(d for d in (case.claim_date, case.mapping_date, case.career_guidance_date,
                      case.decision_date, case.start_date, case.contract_date,
                      case.jobseeker_registered_date, case.end_date,
                      case.certificate_issued_date) if d is not None),
        *(p.decided_on for p in case.plans),
        *(m.date for m in case.meetings),
        *(a.start for a in case.activities),
        *(a.end for a in case.activities if a.end is not None),
        *(x.start for x in case.leaves),
        *(e.decided_on for e in case.extensions),
    ]  # fmt: skip
    recognition = case.education_recognition
    if recognition is not None and recognition.sent_date is not None:
        days.append(recognition.sent_date)
    return max(days)


@PROPERTY_SETTINGS
@given(cases, offsets)
def test_evaluation_is_deterministic(case: CaseFacts, offset: int) -> None:
    as_of = _day(case, offset)
    first, second = evaluate(case, as_of), evaluate(case, as_of)
    assert first == second
    assert [f.explanation for f in first] == [f.explanation for f in second]


@PROPERTY_SETTINGS
@given(cases, offsets)
def test_every_rule_gives_one_finding_in_catalogue_order(case: CaseFacts, offset: int) -> None:
    findings = evaluate(case, _day(case, offset))
    assert [f.rule for f in findings] == [rule.id for rule in RULES]


@PROPERTY_SETTINGS
@given(cases, offsets)
def test_nothing_is_overdue_before_its_deadline(case: CaseFacts, offset: int) -> None:
    """As of a date on or before a deadline nothing is overdue; pending is never past it."""
    as_of = _day(case, offset)
    for finding in evaluate(case, as_of):
        if finding.status is Status.OVERDUE:
            assert finding.deadline is not None and as_of > finding.deadline, finding
        if finding.status is Status.PENDING:
            assert finding.deadline is not None and as_of <= finding.deadline, finding
        if finding.status in (Status.NOT_APPLICABLE, Status.UNKNOWN):
            assert finding.deadline is None, finding


@PROPERTY_SETTINGS
@given(cases, offsets, st.integers(min_value=1, max_value=2000))
def test_time_passing_alone_never_undoes_met(case: CaseFacts, extra: int, later: int) -> None:
    """Once every fact has happened, moving as-of forward keeps every ``met`` met.

    WORK-15H-01 is the exception by design: its average runs over a period that grows with
    the as-of date, so enough hours can fall below the minimum once activities stop.
    """
    first = max(_last_fact(case), _day(case, 0)) + timedelta(days=abs(extra) % 400)
    before, after = evaluate(case, first), evaluate(case, first + timedelta(days=later))
    for old, new in zip(before, after, strict=True):
        if old.status is Status.MET and old.rule not in AVERAGING:
            assert new.status is Status.MET, (old, new)


@PROPERTY_SETTINGS
@given(cases, offsets, st.integers(min_value=1, max_value=2000))
def test_moving_as_of_forward_never_turns_met_into_a_worse_timeliness(
    case: CaseFacts, offset: int, later: int
) -> None:
    """Moving as-of forward (new facts become visible) keeps ``met`` met, except that a newly
    visible fact may contradict the rule (``breach``, e.g. a revised plan without goals) or
    take the case out of its scope (``not_applicable``, e.g. a new end goal)."""
    first = _day(case, offset)
    before, after = evaluate(case, first), evaluate(case, first + timedelta(days=later))
    for old, new in zip(before, after, strict=True):
        if old.status is Status.MET:
            assert new.status in (Status.MET, Status.BREACH, Status.NOT_APPLICABLE), (old, new)


# --- adding a fact that fulfils a requirement never makes its finding worse ----------------


def _decided_by(case: CaseFacts, day: date) -> bool:
    return case.decision_date is not None and case.decision_date <= day


def _add_start(case: CaseFacts, day: date) -> CaseFacts | None:
    if case.start_date is not None or not _decided_by(case, day):
        return None
    if case.end_date is not None and case.end_date < day:
        return None
    return replace(case, start_date=day)


def _add_end(case: CaseFacts, day: date) -> CaseFacts | None:
    """An end on ``day``, after every plan and extension (decisions after the end do not
    count for END-01, so an earlier end would also remove facts, not only add one)."""
    if case.end_date is not None or case.start_date is None or case.start_date > day:
        return None
    decisions = [p.decided_on for p in case.plans] + [e.decided_on for e in case.extensions]
    if any(decided > day for decided in decisions):
        return None
    return replace(case, end_date=day, certificate_issued_date=None)


def _add_certificate(case: CaseFacts, day: date) -> CaseFacts | None:
    if case.certificate_issued_date is not None or case.end_date is None or case.end_date > day:
        return None
    return replace(case, certificate_issued_date=day)


def _add_plan(case: CaseFacts, day: date) -> CaseFacts:
    goal = tuple((skill, CefrLevel.B1) for skill in LanguageSkill)
    plan = Plan(decided_on=day, duration_months=6, end_goal=EndGoal.WORK, norwegian_goal=goal)
    return replace(case, plans=(*case.plans, plan))


def _add_main_rule_plan(case: CaseFacts, day: date) -> CaseFacts:
    """A revised plan with the end goal the under-25 main rule asks for (U25-01)."""
    goal = tuple((skill, CefrLevel.B1) for skill in LanguageSkill)
    plan = Plan(
        decided_on=day,
        duration_months=24,
        end_goal=EndGoal.UPPER_SECONDARY_COMPLETION,
        norwegian_goal=goal,
    )
    return replace(case, plans=(*case.plans, plan))


def _add_activity(kind: ActivityKind) -> Callable[[CaseFacts, date], CaseFacts]:
    def add(case: CaseFacts, day: date) -> CaseFacts:
        activity = Activity(kind=kind, start=day, hours_per_week=40.0)
        return replace(case, activities=(*case.activities, activity))

    return add


def _add_meeting(case: CaseFacts, day: date) -> CaseFacts:
    meeting = Meeting(kind=MeetingKind.THREE_PARTY, date=day, documented=True)
    return replace(case, meetings=(*case.meetings, meeting))


def _add_recognition(case: CaseFacts, day: date) -> CaseFacts | None:
    recognition = case.education_recognition
    if recognition is None or recognition.sent_date is not None:
        return None
    return replace(case, education_recognition=replace(recognition, sent_date=day))


def _set_date(field: str) -> Callable[[CaseFacts, date], CaseFacts | None]:
    def add(case: CaseFacts, day: date) -> CaseFacts | None:
        if getattr(case, field) is not None:
            return None
        return replace(case, **{field: day})  # type: ignore[arg-type]

    return add


FULFILS: dict[str, Callable[[CaseFacts, date], CaseFacts | None]] = {
    "START-01": _add_start,
    "MAP-01": _set_date("mapping_date"),
    "GUIDE-01": _set_date("career_guidance_date"),
    "PLAN-01": _add_plan,
    "CONTRACT-01": _set_date("contract_date"),
    "GOAL-01": _add_plan,
    "END-01": _add_end,
    "WORK-15H-01": _add_activity(ActivityKind.WORK_PRACTICE),
    "TRI-01": _add_meeting,
    "EDU-01": _add_recognition,
    "JOBSEEK-01": _set_date("jobseeker_registered_date"),
    "PARENT-01": _add_activity(ActivityKind.PARENTAL_GUIDANCE),
    "LIFE-01": _add_activity(ActivityKind.LIFE_SKILLS_COURSE),
    "CERT-01": _add_certificate,
    "U25-01": _add_main_rule_plan,
    "FULLTIME-01": _add_activity(ActivityKind.NORWEGIAN_TRAINING),
    "WORK-MIN-01": _add_activity(ActivityKind.WORK_PRACTICE),
    "PLANREV-01": _add_plan,
    "NOR-01": _add_activity(ActivityKind.NORWEGIAN_TRAINING),
    "SOC-01": _add_activity(ActivityKind.SOCIAL_STUDIES),
}


def test_every_rule_with_a_fulfilling_fact_is_covered() -> None:
    assert set(FULFILS) == {rule.id for rule in RULES} - {"DURATION-01"}


@PROPERTY_SETTINGS
@given(
    cases,
    offsets,
    st.integers(min_value=0, max_value=1500),
    st.sampled_from(sorted(FULFILS)),
)
def test_adding_a_fulfilling_fact_never_makes_its_finding_worse(
    case: CaseFacts, offset: int, back: int, rule: str
) -> None:
    as_of = _day(case, offset)
    day = max(as_of - timedelta(days=back), case.person.settlement_date)
    assume(day <= as_of)
    fulfilled = FULFILS[rule](case, day)
    assume(fulfilled is not None)
    assert fulfilled is not None
    [before] = evaluate(case, as_of, rules=[rule])
    [after] = evaluate(fulfilled, as_of, rules=[rule])
    if before.status in RANK:
        assert after.status in RANK, (before, after)
        assert RANK[after.status] >= RANK[before.status], (before, after)
