"""Write each person out as ``CaseFacts``: the dated facts of the process in ``process.md``.

The population stages decided the big things (settlement, start, end, reason, the case
review's flags). This module adds what a case file holds around them, following Oslo's
process and the districts' practice as the report describes it:

* the person: permit (collective protection from 11 March 2022), birth date (the age on the
  permit date decides the right to the programme), synthetic identity number, name, address;
* claim (collective protection), competence mapping, career guidance, decision, start;
* the integration plan (Østensjø revises it at each extension, St. Hanshaugen does not),
  the integration contract (other bases), extensions, leave;
* meetings and activities (``activities``);
* job-seeker registration (St. Hanshaugen at settlement from the turn of 2023/24, Østensjø
  after 6-8 weeks from spring 2024, most others within three months), recognition of
  education (mostly sent by the participants themselves), the participant certificate (most
  within 30 days, some late, some missing), and short journal notes.

Nothing is dated after the as-of date: what would happen later is simply not there yet.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from introsak.casefacts.enums import (
    CefrLevel,
    EducationLevel,
    EndGoal,
    LanguageSkill,
    ProtectedAddress,
    RecognitionOutcome,
    ResidenceBasis,
    SentBy,
    Sex,
)
from introsak.casefacts.model import (
    CaseFacts,
    EducationRecognition,
    Extension,
    JournalNote,
    Leave,
    NorwegianGoal,
    Person,
    Plan,
)
from introsak.rules.dates import add_months
from introsak_demo import texts
from introsak_demo.activities import add_activities, add_meetings
from introsak_demo.design import COLLECTIVE_PERMITS_FROM
from introsak_demo.draft import CaseDraft, before
from introsak_demo.names import IdentityNumbers, Names
from introsak_demo.skeleton import Role, Skeleton, uniform_date
from introsak_demo.training import participant_training, waiting_training

SH_JOBSEEKER_AT_SETTLEMENT_FROM = date(2023, 12, 1)
JOBSEEKER_DIRECTIVE_FROM = date(2023, 9, 1)


@dataclass(slots=True)
class Household:
    origin: str
    surname: str
    address: str | None
    protected: ProtectedAddress


@dataclass(slots=True)
class Writer:
    """Everything the case writer needs beyond the skeleton."""

    as_of: date
    rng: random.Random
    names: Names
    ids: IdentityNumbers
    advisers: dict[int, str]
    workers: dict[str, list[str]]
    households: dict[int, Household] = field(default_factory=dict)
    # Issue 16: the way into Norwegian training draws from its own stream.
    training: random.Random = field(default_factory=lambda: random.Random(0))  # noqa: S311

    def household(self, p: Skeleton) -> Household:
        key = p.household if p.household >= 0 else p.uid
        found = self.households.get(key)
        if found is None:
            origin, surname = self.names.household(p.basis)
            roll = self.rng.random()
            protected = (
                ProtectedAddress.STRICTLY_CONFIDENTIAL
                if roll < 0.0025
                else ProtectedAddress.CONFIDENTIAL
                if roll < 0.0085
                else ProtectedAddress.NONE
            )
            address = (
                None
                if protected is ProtectedAddress.STRICTLY_CONFIDENTIAL
                else self.names.address(p.district)
            )
            found = self.households[key] = Household(origin, surname, address, protected)
        return found

    def worker(self, district: str) -> str:
        return self.rng.choice(self.workers[district])


def write_case(p: Skeleton, case_id: str, w: Writer) -> CaseFacts:
    person = _person(p, w)
    adviser = w.advisers[p.uid]
    if p.role is Role.PARTICIPANT:
        return _participant(p, case_id, person, adviser, w)
    if p.role is Role.WAITING:
        return _waiting(p, case_id, person, adviser, w)
    notes: tuple[JournalNote, ...] = ()
    if p.role is Role.ADULT and p.collective and w.rng.random() < 0.5:
        assert p.settlement is not None
        day = before(p.settlement + timedelta(days=w.rng.randint(5, 60)), w.as_of)
        notes = (JournalNote(written_on=day, text=texts.note_declined(w.rng), author=adviser),)
    return CaseFacts(
        case_id=case_id, district=p.district, person=person, adviser=adviser, journal_notes=notes
    )


# --- the person ----------------------------------------------------------------------------------


def _person(p: Skeleton, w: Writer) -> Person:
    assert p.settlement is not None
    rng = w.rng
    permit = _permit(p, rng)
    birth = _birth(p, permit, rng)
    home = w.household(p)
    recent = (w.as_of - p.settlement).days < 45
    national_id: str | None = None
    if not (recent and rng.random() < 0.15):
        national_id = w.ids.take(birth, d_number=recent and rng.random() < 0.3)
    expecting = (
        p.role in {Role.PARTICIPANT, Role.WAITING}
        and p.sex is Sex.FEMALE
        and 20 <= p.age <= 40
        and rng.random() < 0.02
    )
    return Person(
        national_id=national_id,
        name=w.names.person(home.origin, home.surname, p.sex),
        birth_date=birth,
        sex=p.sex,
        residence_basis=p.basis,
        permit_date=permit,
        settlement_date=p.settlement,
        settled_by_agreement=_by_agreement(p.basis, rng),
        education_level=p.education,
        has_children_under_18=p.flags.get("has_children", False),
        expecting_child=expecting,
        protected_address=home.protected,
        address=home.address,
    )


def _permit(p: Skeleton, rng: random.Random) -> date:
    assert p.settlement is not None
    if p.collective:
        permit = p.settlement - timedelta(days=rng.randint(5, 45))
        if permit < COLLECTIVE_PERMITS_FROM:
            permit = uniform_date(rng, COLLECTIVE_PERMITS_FROM, p.settlement)
        return permit
    wait = {
        ResidenceBasis.FAMILY_REUNIFICATION: (14, 150),
        ResidenceBasis.INDEPENDENT_PERMIT: (30, 365),
        ResidenceBasis.OTHER: (30, 365),
    }.get(p.basis, (40, 330))
    return p.settlement - timedelta(days=rng.randint(*wait))


def _birth(p: Skeleton, permit: date, rng: random.Random) -> date:
    """Born so that the person is ``age`` years old on the permit date (the age that decides
    the right to the programme) and never after the permit."""
    birth = add_months(permit, -12 * p.age) - timedelta(days=rng.randint(1, 360))
    return min(birth, permit - timedelta(days=1))


def _by_agreement(basis: ResidenceBasis, rng: random.Random) -> bool:
    if basis in {ResidenceBasis.INDEPENDENT_PERMIT, ResidenceBasis.OTHER}:
        return False
    if basis is ResidenceBasis.FAMILY_REUNIFICATION:
        return rng.random() < 0.3
    return True


# --- participants --------------------------------------------------------------------------------


def _participant(p: Skeleton, case_id: str, person: Person, adviser: str, w: Writer) -> CaseFacts:
    assert p.start is not None and p.settlement is not None
    c = CaseDraft(p, w.as_of, w.rng, adviser, texts.pick(w.rng, texts.OCCUPATIONS))
    claim = p.settlement if p.collective else None
    mapping, guidance, decision = _before_start(c)
    extensions = _extensions(c)
    plans = _plans(c, decision, extensions)
    contract = _contract(c, plans[0].decided_on)
    leaves = _leaves(c)
    add_meetings(c)
    add_activities(c)
    recognition = _recognition(c)
    jobseeker = _jobseeker(c)
    certificate = _certificate(c)
    _notes(c, w, mapping, recognition, jobseeker)
    return CaseFacts(
        case_id=case_id,
        district=p.district,
        person=person,
        claim_date=claim,
        mapping_date=mapping,
        career_guidance_date=guidance,
        decision_date=decision,
        start_date=p.start,
        part_time_percent=_part_time(c),
        plans=plans,
        contract_date=contract,
        meetings=tuple(sorted(c.meetings, key=lambda m: (m.date, m.kind))),
        activities=tuple(sorted(c.activities, key=lambda a: (a.start, a.kind))),
        leaves=leaves,
        extensions=extensions,
        education_recognition=recognition,
        jobseeker_registered_date=jobseeker,
        end_date=p.end,
        end_reason=p.reason if p.end else None,
        certificate_issued_date=certificate,
        adviser=adviser,
        journal_notes=tuple(sorted(c.notes, key=lambda n: n.written_on)),
        training=participant_training(p, w.training, w.as_of, c.last_day),
    )


def _before_start(c: CaseDraft) -> tuple[date | None, date | None, date]:
    """Mapping, career guidance and the programme decision, all between settlement and start."""
    p, rng = c.p, c.rng
    assert p.start is not None and p.settlement is not None
    decision = max(p.settlement, p.start - timedelta(days=rng.randint(0, 10)))
    journaled = p.flags.get("mapping_journaled", rng.random() < 0.95)
    mapping = None
    if journaled:
        # At Servicesenteret once registered in Oslo, usually within two months; the wait
        # for a school place comes after it (lines 795-808).
        mapping = min(decision, p.settlement + timedelta(days=rng.randint(10, 70)))
    guidance = None
    if not p.collective and rng.random() < 0.85:
        guidance = uniform_date(rng, mapping or p.settlement, decision)
    elif p.collective and rng.random() < 0.4:
        guidance = before(p.start + timedelta(days=rng.randint(20, 90)), c.last_day)
    return mapping, guidance, decision


def _part_time(c: CaseDraft) -> int:
    return c.rng.choice((50, 60)) if c.rng.random() < 0.03 else 100


def _norwegian_goal(level: EducationLevel) -> NorwegianGoal:
    """Servicesenteret's class levels (lines 3193-3199)."""
    if level is EducationLevel.NONE:
        per_skill = {
            LanguageSkill.ORAL: CefrLevel.B1,
            LanguageSkill.LISTENING: CefrLevel.B1,
            LanguageSkill.READING: CefrLevel.A2,
            LanguageSkill.WRITING: CefrLevel.A2,
        }
    elif level is EducationLevel.PRIMARY:
        per_skill = dict.fromkeys(LanguageSkill, CefrLevel.B1)
    else:
        per_skill = {
            LanguageSkill.ORAL: CefrLevel.B2,
            LanguageSkill.LISTENING: CefrLevel.B2,
            LanguageSkill.READING: CefrLevel.B2,
            LanguageSkill.WRITING: CefrLevel.B1,
        }
    return tuple(sorted(per_skill.items()))


def _extensions(c: CaseDraft) -> tuple[Extension, ...]:
    """Extension decisions, each shortly before the running period would end."""
    p, rng = c.p, c.rng
    assert p.start is not None
    out: list[Extension] = []
    months = p.base_months
    for extra in p.extensions:
        period_end = add_months(p.start, months) + timedelta(days=p.leave_days)
        decided = period_end - timedelta(days=rng.randint(7, 30))
        if decided > c.last_day or decided < p.start:
            break
        out.append(
            Extension(
                decided_on=decided,
                months=extra,
                justification=texts.extension_justification(rng, extra, p.goal),
            )
        )
        months += extra
    return tuple(out)


def _plans(c: CaseDraft, decision: date, extensions: tuple[Extension, ...]) -> tuple[Plan, ...]:
    p, rng = c.p, c.rng
    recognition = p.education in {EducationLevel.HIGHER, EducationLevel.VOCATIONAL_COLLEGE}
    parent = p.flags.get("has_children", False)
    goal_later = p.collective and not p.review and rng.random() < 0.05
    first = Plan(
        decided_on=decision,
        duration_months=p.base_months,
        end_goal=None if goal_later else p.goal,
        norwegian_goal=_norwegian_goal(p.education),
        elements=texts.plan_elements(rng, p.goal, parent),
        sub_goals=texts.sub_goals(rng, p.goal, c.occupation, recognition, False),
        justification=texts.plan_justification(
            rng,
            p.education,
            None if goal_later else p.goal,
            p.base_months,
            p.collective,
            c.occupation,
        ),
    )
    plans = [first]
    if goal_later:
        assert p.start is not None
        day = before(p.start + timedelta(days=rng.randint(40, 150)), c.last_day)
        plans.append(_revised(c, first, max(day, decision)))
    revise = {"ostensjo": 1.0, "st_hanshaugen": 0.0}.get(p.district, 0.3)
    for extension in extensions:
        if rng.random() < revise and extension.decided_on > plans[-1].decided_on:
            plans.append(_revised(c, first, extension.decided_on))
    return tuple(plans)


def _revised(c: CaseDraft, first: Plan, day: date) -> Plan:
    p = c.p
    recognition = p.education in {EducationLevel.HIGHER, EducationLevel.VOCATIONAL_COLLEGE}
    return Plan(
        decided_on=day,
        duration_months=first.duration_months,
        end_goal=p.goal,
        norwegian_goal=first.norwegian_goal,
        elements=first.elements,
        sub_goals=texts.sub_goals(c.rng, p.goal, c.occupation, recognition, day.year >= 2024),
        justification="Planen er revidert etter trekantsamtale: "
        + texts.pick(c.rng, ("sluttmål uendret, nye delmål.", "norskmål og sluttmål uendret.")),
    )


def _contract(c: CaseDraft, plan_day: date) -> date | None:
    """The integration contract, signed with the plan (other bases only)."""
    p, rng = c.p, c.rng
    if p.collective or not p.flags.get("contract", True):
        return None
    late = rng.random() < 0.1
    return before(plan_day + timedelta(days=rng.randint(5, 40) if late else 0), c.as_of)


def _leaves(c: CaseDraft) -> tuple[Leave, ...]:
    p, rng = c.p, c.rng
    assert p.start is not None
    out: list[Leave] = []
    if p.leave_days:
        latest_start = c.last_day - timedelta(days=p.leave_days)
        if latest_start > p.start + timedelta(days=20):
            start = uniform_date(rng, p.start + timedelta(days=20), latest_start)
            end = start + timedelta(days=p.leave_days - 1)
            long = p.leave_days > 60
            out.append(
                Leave(start=start, end=end, approved=True, reason=texts.leave_reason(rng, long))
            )
    if rng.random() < 0.03 and c.last_day > p.start + timedelta(days=40):
        start = uniform_date(rng, p.start + timedelta(days=10), c.last_day - timedelta(days=10))
        if not any(leave.start <= start <= leave.end for leave in out):
            end = start + timedelta(days=rng.randint(2, 9))
            out.append(Leave(start=start, end=end, approved=False, reason="Ugyldig fravær"))
    return tuple(sorted(out, key=lambda leave: leave.start))


# --- recognition, registration, certificate, notes -----------------------------------------------


def _recognition(c: CaseDraft) -> EducationRecognition | None:
    p, rng = c.p, c.rng
    assert p.start is not None and p.settlement is not None
    if p.education not in {EducationLevel.HIGHER, EducationLevel.VOCATIONAL_COLLEGE}:
        # Assessed and found not relevant (HK-dir does not recognise Ukrainian vocational
        # upper secondary, lines 404-410); a few files do not say.
        return None if rng.random() < 0.05 else EducationRecognition(relevant=False)
    relevant = p.flags.get("recognition_topic", rng.random() < 0.9)
    applied = p.flags.get("recognition_applied", relevant and rng.random() < 0.45)
    if not applied:
        return EducationRecognition(relevant=relevant, documents_available=rng.random() < 0.8)
    approved = p.flags.get("recognition_approved", rng.random() < 0.55)
    by = (
        SentBy.PARTICIPANT
        if p.flags.get("sent_by_participant", rng.random() < 0.85)
        else SentBy.NAV
    )
    latest = c.as_of - timedelta(days=65 if approved else 1)
    sent = uniform_date(rng, p.settlement + timedelta(days=20), p.start + timedelta(days=200))
    sent = max(p.settlement, min(sent, latest))
    outcome: RecognitionOutcome | None = None
    outcome_day: date | None = None
    decided = sent + timedelta(days=rng.randint(30 if p.collective else 60, 150))
    if approved:
        outcome, outcome_day = RecognitionOutcome.APPROVED, min(decided, c.as_of)
    elif decided <= c.as_of and rng.random() < 0.7:
        outcome = rng.choice((RecognitionOutcome.REFUSED, RecognitionOutcome.PARTIALLY_APPROVED))
        outcome_day = decided
    else:
        outcome = RecognitionOutcome.PENDING
    return EducationRecognition(
        relevant=True,
        sent_date=sent,
        sent_by=by,
        documents_available=True,
        outcome=outcome,
        outcome_date=outcome_day,
    )


def _jobseeker(c: CaseDraft) -> date | None:
    """Registration as a job seeker on nav.no, as each district practised it."""
    p, rng = c.p, c.rng
    assert p.start is not None and p.settlement is not None
    day: date | None = None
    if p.district == "st_hanshaugen" and p.settlement >= SH_JOBSEEKER_AT_SETTLEMENT_FROM:
        day = p.settlement + timedelta(days=rng.randint(3, 21))
    elif p.district == "ostensjo" and p.collective and p.start >= date(2024, 3, 1):
        day = p.start + timedelta(days=rng.randint(42, 56))
    elif p.district == "grunerlokka" and p.collective:
        day = p.settlement + timedelta(days=rng.randint(0, 14))
    elif p.collective and p.start >= JOBSEEKER_DIRECTIVE_FROM and rng.random() < 0.8:
        day = p.start + timedelta(days=rng.randint(0, 84))
    elif p.goal is EndGoal.WORK and rng.random() < 0.4:
        day = p.start + timedelta(days=rng.randint(30, 300))
    if day is None or day > c.last_day:
        return None
    return day


def _certificate(c: CaseDraft) -> date | None:
    p, rng = c.p, c.rng
    if p.end is None:
        return None
    roll = rng.random()
    if roll < 0.82:
        day = p.end + timedelta(days=rng.randint(0, 30))
    elif roll < 0.9:
        day = p.end + timedelta(days=rng.randint(31, 120))
    else:
        return None
    return day if day <= c.as_of else None


def _notes(
    c: CaseDraft,
    w: Writer,
    mapping: date | None,
    recognition: EducationRecognition | None,
    jobseeker: date | None,
) -> None:
    p, rng = c.p, c.rng
    assert p.start is not None and p.settlement is not None
    worker = w.worker(p.district)
    c.note(p.settlement, texts.note_settlement(rng, p.flags.get("has_children", False)), worker)
    if mapping is not None:
        c.note(mapping, texts.note_mapping(rng, c.occupation), worker)
    for _ in range(rng.randint(1, 4)):
        c.note(uniform_date(rng, p.start, c.last_day), texts.note_contact(rng))
    if recognition is not None and recognition.sent_date is not None:
        c.note(
            recognition.sent_date,
            texts.note_recognition(rng, recognition.sent_by is SentBy.PARTICIPANT),
        )
    if jobseeker is not None:
        c.note(jobseeker, texts.note_jobseeker(rng))
    if p.end is not None:
        c.note(p.end, texts.note_end(rng, p.reason))


# --- waiting to start ----------------------------------------------------------------------------


def _waiting(p: Skeleton, case_id: str, person: Person, adviser: str, w: Writer) -> CaseFacts:
    """Settled and entitled (or claimed), not started on the as-of date."""
    assert p.settlement is not None
    rng = w.rng
    worker = w.worker(p.district)
    parent = p.flags.get("has_children", False)
    notes = [
        JournalNote(written_on=p.settlement, text=texts.note_settlement(rng, parent), author=worker)
    ]
    mapping = None
    if p.flags.get("december_2023"):
        mapping = uniform_date(rng, date(2024, 1, 8), date(2024, 2, 28))
    elif rng.random() < 0.7:
        mapping = p.settlement + timedelta(days=rng.randint(14, 60))
    if mapping is not None and mapping <= w.as_of:
        notes.append(
            JournalNote(written_on=mapping, text="Kartlagt hos Servicesenteret.", author=worker)
        )
    else:
        mapping = None
    day = before(p.settlement + timedelta(days=rng.randint(20, 120)), w.as_of)
    notes.append(
        JournalNote(written_on=max(day, p.settlement), text=texts.note_waiting(rng), author=worker)
    )
    guidance = None
    if not p.collective and mapping is not None and rng.random() < 0.5:
        guidance = before(mapping + timedelta(days=rng.randint(7, 40)), w.as_of)
    jobseeker = None
    if p.district == "st_hanshaugen" and p.settlement >= SH_JOBSEEKER_AT_SETTLEMENT_FROM:
        jobseeker = before(p.settlement + timedelta(days=rng.randint(3, 21)), w.as_of)
    recognition = None
    if p.education in {EducationLevel.HIGHER, EducationLevel.VOCATIONAL_COLLEGE}:
        recognition = EducationRecognition(relevant=True, documents_available=rng.random() < 0.8)
    return CaseFacts(
        case_id=case_id,
        district=p.district,
        person=person,
        claim_date=p.settlement if p.collective else None,
        mapping_date=mapping,
        career_guidance_date=guidance,
        education_recognition=recognition,
        jobseeker_registered_date=jobseeker,
        adviser=adviser,
        journal_notes=tuple(sorted(notes, key=lambda n: n.written_on)),
        training=waiting_training(p, w.training, w.as_of, mapping),
    )
