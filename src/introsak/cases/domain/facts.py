"""Conversion between the case models and the case-facts records.

The rules engine, export and import all speak ``CaseFacts``; this module is the only place
that knows how a case's rows map to it, except for the facts a feature app keeps in its own
tables (``placements``), which import and export reach through ``contributions``.
``facts_queryset`` loads everything one conversion needs in a fixed number of queries,
whatever the number of cases.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from introsak.casefacts import model as casefacts
from introsak.casefacts.enums import (
    ActivityKind,
    CefrLevel,
    EducationLevel,
    EndGoal,
    EndReason,
    LanguageSkill,
    MeetingKind,
    OfferResponse,
    ProtectedAddress,
    RecognitionOutcome,
    ResidenceBasis,
    Sector,
    SentBy,
    Sex,
    TrainingTrack,
)
from introsak.cases import models

_SKILL_FIELDS = (
    (LanguageSkill.ORAL, "goal_oral"),
    (LanguageSkill.READING, "goal_reading"),
    (LanguageSkill.LISTENING, "goal_listening"),
    (LanguageSkill.WRITING, "goal_writing"),
)


def facts_queryset(
    queryset: QuerySet[models.ProgrammeCase] | None = None,
) -> QuerySet[models.ProgrammeCase]:
    """Cases with everything ``case_to_facts`` reads, prefetched."""
    base = queryset if queryset is not None else models.ProgrammeCase.objects.all()
    return base.select_related(
        "person", "district", "adviser", "education_recognition", "work_profile", "training"
    ).prefetch_related(
        Prefetch("plans", queryset=models.IntegrationPlan.objects.prefetch_related("items")),
        "meetings",
        "activities",
        "leaves",
        "extensions",
        Prefetch("journal_notes", queryset=models.JournalNote.objects.select_related("author")),
    )


@dataclass(frozen=True)
class CaseLists:
    """A case's related rows as ``case_to_facts`` and the case page read them, each list in
    its model's order; the journal notes have their authors.

    From a case loaded with ``facts_queryset``: ``CaseLists.prefetched(case)``; for the
    case page, ``single.case_page_loader`` reads them with the case in one query."""

    plans: list[models.IntegrationPlan]
    plan_items: dict[int, list[models.PlanItem]]  # plan pk → its items
    meetings: list[models.Meeting]
    activities: list[models.Activity]
    leaves: list[models.Leave]
    extensions: list[models.Extension]
    journal_notes: list[models.JournalNote]

    @classmethod
    def prefetched(cls, case: models.ProgrammeCase) -> CaseLists:
        """The lists of a case loaded with ``facts_queryset`` (no query)."""
        plans = list(case.plans.all())
        return cls(
            plans=plans,
            plan_items={plan.pk: list(plan.items.all()) for plan in plans},
            meetings=list(case.meetings.all()),
            activities=list(case.activities.all()),
            leaves=list(case.leaves.all()),
            extensions=list(case.extensions.all()),
            journal_notes=list(case.journal_notes.all()),
        )

    def items_of(self, plan: models.IntegrationPlan) -> list[models.PlanItem]:
        return self.plan_items.get(plan.pk, [])


def _opt(value: str) -> str | None:
    return value or None


def person_to_facts(person: models.Person) -> casefacts.Person:
    return casefacts.Person(
        national_id=person.national_id or None,
        name=_opt(person.name),
        birth_date=person.birth_date,
        sex=Sex(person.sex) if person.sex else None,
        residence_basis=ResidenceBasis(person.residence_basis),
        permit_date=person.permit_date,
        settlement_date=person.settlement_date,
        settled_by_agreement=person.settled_by_agreement,
        education_level=EducationLevel(person.education_level),
        has_children_under_18=person.has_children_under_18,
        expecting_child=person.expecting_child,
        protected_address=ProtectedAddress(person.protected_address),
        duf_number=person.duf_number or None,
        address=_opt(person.address),
    )


def plan_to_facts(
    plan: models.IntegrationPlan, items: Sequence[models.PlanItem] | None = None
) -> casefacts.Plan:
    """The plan with its ``items`` (the plan's prefetched items when not given)."""
    goal = tuple(
        sorted(
            (skill, CefrLevel(getattr(plan, attr)))
            for skill, attr in _SKILL_FIELDS
            if getattr(plan, attr)
        )
    )
    if items is None:
        items = list(plan.items.all())
    return casefacts.Plan(
        decided_on=plan.decided_on,
        duration_months=plan.duration_months,
        end_goal=EndGoal(plan.end_goal) if plan.end_goal else None,
        norwegian_goal=goal or None,
        elements=tuple(i.text for i in items if i.kind == models.PlanItem.Kind.ELEMENT),
        sub_goals=tuple(i.text for i in items if i.kind == models.PlanItem.Kind.SUB_GOAL),
        justification=_opt(plan.justification),
    )


def meeting_to_facts(meeting: models.Meeting) -> casefacts.Meeting:
    texts = {name: _opt(getattr(meeting, name)) for name in models.Meeting.MINUTES_FIELDS}
    minutes = casefacts.MeetingMinutes(**texts) if any(texts.values()) else None
    return casefacts.Meeting(
        kind=MeetingKind(meeting.kind),
        date=meeting.date,
        documented=meeting.documented,
        minutes=minutes,
    )


def activity_to_facts(activity: models.Activity) -> casefacts.Activity:
    return casefacts.Activity(
        kind=ActivityKind(activity.kind),
        start=activity.start,
        end=activity.end,
        hours_per_week=activity.hours_per_week,
        provider=_opt(activity.provider),
    )


def recognition_to_facts(
    rec: models.EducationRecognition | None,
) -> casefacts.EducationRecognition | None:
    if rec is None:
        return None
    return casefacts.EducationRecognition(
        relevant=rec.relevant,
        sent_date=rec.sent_date,
        sent_by=SentBy(rec.sent_by) if rec.sent_by else None,
        documents_available=rec.documents_available,
        outcome=RecognitionOutcome(rec.outcome) if rec.outcome else None,
        outcome_date=rec.outcome_date,
    )


def _recognition_of(case: models.ProgrammeCase) -> models.EducationRecognition | None:
    try:
        return case.education_recognition
    except models.EducationRecognition.DoesNotExist:
        return None


_LEVEL_FIELDS = (
    (LanguageSkill.ORAL, "norwegian_oral"),
    (LanguageSkill.READING, "norwegian_reading"),
    (LanguageSkill.LISTENING, "norwegian_listening"),
    (LanguageSkill.WRITING, "norwegian_writing"),
)


def work_profile_to_facts(profile: models.WorkProfile | None) -> casefacts.WorkProfile | None:
    if profile is None:
        return None
    levels = tuple(
        sorted(
            (skill, CefrLevel(getattr(profile, attr)))
            for skill, attr in _LEVEL_FIELDS
            if getattr(profile, attr)
        )
    )
    return casefacts.WorkProfile(
        experience=tuple(
            casefacts.WorkExperience(occupation=x["occupation"], years=float(x["years"]))
            for x in profile.experience
        ),
        education=_opt(profile.education),
        wished_occupations=tuple(profile.wished_occupations),
        wished_sectors=tuple(Sector(x) for x in profile.wished_sectors),
        wished_districts=tuple(profile.wished_districts),
        norwegian_levels=levels or None,
        driving_licence=profile.driving_licence,
        available_hours_per_week=profile.available_hours_per_week,
        available_percent=profile.available_percent,
        job_goal=_opt(profile.job_goal),
    )


def _work_profile_of(case: models.ProgrammeCase) -> models.WorkProfile | None:
    try:
        return case.work_profile
    except models.WorkProfile.DoesNotExist:
        return None


# The training record's CEFR level columns, and its school-code and date columns.
TRAINING_LEVELS = tuple(
    f"{kind}_{skill}"
    for kind in ("placement", "test")
    for skill in ("oral", "reading", "listening", "writing")
)
TRAINING_CODES = ("offered_school", "preferred_school", "school")
TRAINING_PLAIN = (
    "address_registered_on", "mapping_appointment_on", "placement_tested_on", "offered_on",
    "offered_start_on", "started_on", "attendance_percent", "attendance_as_of", "test_taken_on",
    "social_studies_test_on", "social_studies_passed",
)  # fmt: skip


def training_to_facts(row: models.TrainingPath | None) -> casefacts.Training | None:
    if row is None:
        return None
    values: dict[str, Any] = {name: getattr(row, name) for name in TRAINING_PLAIN}
    values |= {name: _opt(getattr(row, name)) for name in TRAINING_CODES}
    values |= {
        name: CefrLevel(getattr(row, name)) if getattr(row, name) else None
        for name in TRAINING_LEVELS
    }
    values["track"] = TrainingTrack(row.track) if row.track else None
    values["offer_response"] = OfferResponse(row.offer_response) if row.offer_response else None
    return casefacts.Training(**values)


def _training_of(case: models.ProgrammeCase) -> models.TrainingPath | None:
    try:
        return case.training
    except models.TrainingPath.DoesNotExist:
        return None


def case_to_facts(
    case: models.ProgrammeCase, lists: CaseLists | None = None
) -> casefacts.CaseFacts:
    """The case as a case-facts record: its ``lists`` (those of a case loaded with
    ``facts_queryset`` when not given)."""
    if lists is None:
        lists = CaseLists.prefetched(case)
    return casefacts.CaseFacts(
        case_id=case.case_id,
        district=case.district.slug,
        person=person_to_facts(case.person),
        claim_date=case.claim_date,
        mapping_date=case.mapping_date,
        career_guidance_date=case.career_guidance_date,
        decision_date=case.decision_date,
        start_date=case.start_date,
        part_time_percent=case.part_time_percent,
        plans=tuple(plan_to_facts(p, lists.items_of(p)) for p in lists.plans),
        contract_date=case.contract_date,
        meetings=tuple(meeting_to_facts(x) for x in lists.meetings),
        activities=tuple(activity_to_facts(x) for x in lists.activities),
        leaves=tuple(
            casefacts.Leave(start=x.start, end=x.end, approved=x.approved, reason=_opt(x.reason))
            for x in lists.leaves
        ),
        extensions=tuple(
            casefacts.Extension(
                decided_on=x.decided_on, months=x.months, justification=_opt(x.justification)
            )
            for x in lists.extensions
        ),
        education_recognition=recognition_to_facts(_recognition_of(case)),
        jobseeker_registered_date=case.jobseeker_registered_date,
        end_date=case.end_date,
        end_reason=EndReason(case.end_reason) if case.end_reason else None,
        certificate_issued_date=case.certificate_issued_date,
        adviser=case.adviser.username if case.adviser else None,
        journal_notes=tuple(
            casefacts.JournalNote(
                written_on=n.written_on, text=n.text, author=n.author.username if n.author else None
            )
            for n in lists.journal_notes
        ),
        work_profile=work_profile_to_facts(_work_profile_of(case)),
        training=training_to_facts(_training_of(case)),
    )


# --- Facts → row values --------------------------------------------------------------------
# One function per table gives the column values of a fact as a dict. The workspace's
# operations build model instances from them (``models.Meeting(**meeting_values(x))``); import
# writes them in bulk without instantiating models (``cases.domain.bulk``).

Values = dict[str, Any]


def person_values(p: casefacts.Person) -> Values:
    return {
        "national_id": p.national_id,
        "duf_number": p.duf_number,
        "name": p.name or "",
        "birth_date": p.birth_date,
        "sex": p.sex.value if p.sex else "",
        "residence_basis": p.residence_basis.value,
        "permit_date": p.permit_date,
        "settlement_date": p.settlement_date,
        "settled_by_agreement": p.settled_by_agreement,
        "education_level": p.education_level.value,
        "has_children_under_18": p.has_children_under_18,
        "expecting_child": p.expecting_child,
        "protected_address": p.protected_address.value,
        "address": p.address or "",
    }


def case_values(facts: casefacts.CaseFacts, *, district_id: int, adviser_id: int | None) -> Values:
    return {
        "case_id": facts.case_id,
        "district_id": district_id,
        "adviser_id": adviser_id,
        "claim_date": facts.claim_date,
        "mapping_date": facts.mapping_date,
        "career_guidance_date": facts.career_guidance_date,
        "decision_date": facts.decision_date,
        "start_date": facts.start_date,
        "part_time_percent": facts.part_time_percent,
        "contract_date": facts.contract_date,
        "jobseeker_registered_date": facts.jobseeker_registered_date,
        "end_date": facts.end_date,
        "end_reason": facts.end_reason.value if facts.end_reason else "",
        "certificate_issued_date": facts.certificate_issued_date,
    }


def plan_values(p: casefacts.Plan) -> Values:
    goal = dict(p.norwegian_goal or ())
    return {
        "decided_on": p.decided_on,
        "end_goal": p.end_goal.value if p.end_goal else "",
        "duration_months": p.duration_months,
        "justification": p.justification or "",
        **{attr: goal[skill].value if skill in goal else "" for skill, attr in _SKILL_FIELDS},
    }


def plan_item_values(p: casefacts.Plan) -> list[Values]:
    return [
        {"kind": models.PlanItem.Kind.ELEMENT.value, "position": i, "text": text}
        for i, text in enumerate(p.elements)
    ] + [
        {"kind": models.PlanItem.Kind.SUB_GOAL.value, "position": i, "text": text}
        for i, text in enumerate(p.sub_goals)
    ]


def meeting_values(x: casefacts.Meeting) -> Values:
    minutes = x.minutes or casefacts.MeetingMinutes()
    texts = {name: getattr(minutes, name) or "" for name in models.Meeting.MINUTES_FIELDS}
    return {"kind": x.kind.value, "date": x.date, "documented": x.documented, **texts}


def activity_values(x: casefacts.Activity) -> Values:
    return {
        "kind": x.kind.value,
        "start": x.start,
        "end": x.end,
        "hours_per_week": float(x.hours_per_week),
        "provider": x.provider or "",
    }


def leave_values(x: casefacts.Leave) -> Values:
    return {"start": x.start, "end": x.end, "approved": x.approved, "reason": x.reason or ""}


def extension_values(x: casefacts.Extension) -> Values:
    return {"decided_on": x.decided_on, "months": x.months, "justification": x.justification or ""}


def recognition_values(r: casefacts.EducationRecognition) -> Values:
    return {
        "relevant": r.relevant,
        "documents_available": r.documents_available,
        "sent_date": r.sent_date,
        "sent_by": r.sent_by.value if r.sent_by else "",
        "outcome": r.outcome.value if r.outcome else "",
        "outcome_date": r.outcome_date,
    }


def work_profile_values(p: casefacts.WorkProfile) -> Values:
    """The profile's columns; the lists as Python lists (``WORK_PROFILE_JSON`` names them)."""
    levels = dict(p.norwegian_levels or ())
    return {
        "experience": [{"occupation": x.occupation, "years": x.years} for x in p.experience],
        "education": p.education or "",
        "wished_occupations": list(p.wished_occupations),
        "wished_sectors": [x.value for x in p.wished_sectors],
        "wished_districts": list(p.wished_districts),
        **{attr: levels[skill].value if skill in levels else "" for skill, attr in _LEVEL_FIELDS},
        "driving_licence": p.driving_licence,
        "available_hours_per_week": p.available_hours_per_week,
        "available_percent": p.available_percent,
        "job_goal": p.job_goal or "",
    }


# The profile's JSON columns: bulk import writes them as JSON text.
WORK_PROFILE_JSON = ("experience", "wished_occupations", "wished_sectors", "wished_districts")


def training_values(t: casefacts.Training) -> Values:
    values: Values = {name: getattr(t, name) for name in TRAINING_PLAIN}
    values |= {name: getattr(t, name) or "" for name in TRAINING_CODES}
    values |= {name: getattr(t, name).value if getattr(t, name) else "" for name in TRAINING_LEVELS}
    values["track"] = t.track.value if t.track else ""
    values["offer_response"] = t.offer_response.value if t.offer_response else ""
    return values


def plan_from_facts(p: casefacts.Plan) -> tuple[models.IntegrationPlan, list[models.PlanItem]]:
    """An unsaved plan and its unsaved items (their ``plan`` is set when saved)."""
    return models.IntegrationPlan(**plan_values(p)), [
        models.PlanItem(**values) for values in plan_item_values(p)
    ]


def meeting_from_facts(x: casefacts.Meeting) -> models.Meeting:
    return models.Meeting(**meeting_values(x))


def recognition_from_facts(
    r: casefacts.EducationRecognition | None,
) -> models.EducationRecognition | None:
    return None if r is None else models.EducationRecognition(**recognition_values(r))


def usernames_in(facts: Iterable[casefacts.CaseFacts]) -> set[str]:
    """Every staff user name a batch of case facts refers to."""
    names: set[str] = set()
    for case in facts:
        if case.adviser:
            names.add(case.adviser)
        names.update(n.author for n in case.journal_notes if n.author)
    return names
