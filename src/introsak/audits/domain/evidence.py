"""Evidence on a control form: the recorded facts that prove (or fail to prove) a criterion.

Each criterion names the kinds of facts it rests on (``CriterionSpec.evidence``); this module
lists those facts of one case as of the audit date, as JSON-ready dicts: which decision, which
plan version, which meeting (documented or not), which activity. Facts dated after the audit
date are left out, as the rules engine ignores them. ``describe`` writes one as a sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from introsak.casefacts.enums import ActivityKind, MeetingKind
from introsak.casefacts.model import CaseFacts
from introsak.cases.enums import ActivityKind as ActivityLabel
from introsak.cases.enums import EndGoal as EndGoalLabel
from introsak.cases.enums import MeetingKind as MeetingLabel
from introsak.cases.enums import SentBy as SentByLabel
from introsak.core.formats import short_date
from introsak.rules.parameter_set import default_parameters

Evidence = dict[str, Any]

_CASE_DATES = {
    "claim": "claim_date",
    "decision": "decision_date",
    "start": "start_date",
    "mapping": "mapping_date",
    "career_guidance": "career_guidance_date",
    "contract": "contract_date",
    "jobseeker": "jobseeker_registered_date",
    "end": "end_date",
    "certificate": "certificate_issued_date",
}
_ACTIVITY_KINDS = {
    "practice": frozenset({ActivityKind.LANGUAGE_PRACTICE, ActivityKind.WORK_PRACTICE}),
    "parental_guidance": frozenset({ActivityKind.PARENTAL_GUIDANCE}),
    "life_skills_course": frozenset({ActivityKind.LIFE_SKILLS_COURSE}),
}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _seen(day: date | None, as_of: date) -> bool:
    return day is not None and day <= as_of


def evidence_for(kinds: tuple[str, ...], facts: CaseFacts, as_of: date) -> list[Evidence]:
    """The facts of ``kinds`` recorded by ``as_of``; a kind with nothing recorded gives one
    ``{"kind": …, "missing": True}`` item, so the form says what was looked for."""
    items: list[Evidence] = []
    for kind in kinds:
        found = list(_collect(kind, facts, as_of))
        items.extend(found or [{"kind": kind, "missing": True}])
    return items


def _collect(kind: str, facts: CaseFacts, as_of: date) -> Iterator[Evidence]:
    if kind == "settlement":
        yield {"kind": kind, "date": _iso(facts.person.settlement_date)}
    elif kind in _CASE_DATES:
        day = getattr(facts, _CASE_DATES[kind])
        if _seen(day, as_of):
            yield {"kind": kind, "date": _iso(day)}
    elif kind in _COLLECTORS:
        yield from _COLLECTORS[kind](facts, as_of)
    elif kind in _ACTIVITY_KINDS:
        yield from _activities(facts, as_of, _ACTIVITY_KINDS[kind])
    else:
        raise ValueError(f"unknown evidence kind {kind!r}")


def _plans(facts: CaseFacts, as_of: date) -> Iterator[Evidence]:
    plans = sorted((p for p in facts.plans if p.decided_on <= as_of), key=lambda p: p.decided_on)
    for version, plan in enumerate(plans, start=1):
        yield {
            "kind": "plan",
            "date": _iso(plan.decided_on),
            "version": version,
            "end_goal": plan.end_goal.value if plan.end_goal else None,
            "months": plan.duration_months,
        }


def _three_party(facts: CaseFacts, as_of: date) -> Iterator[Evidence]:
    for meeting in sorted(facts.meetings, key=lambda m: m.date):
        if meeting.kind is MeetingKind.THREE_PARTY and meeting.date <= as_of:
            yield {
                "kind": "meeting",
                "meeting_kind": meeting.kind.value,
                "date": _iso(meeting.date),
                "documented": meeting.documented,
            }


def _activities(facts: CaseFacts, as_of: date, kinds: frozenset[str]) -> Iterator[Evidence]:
    for activity in sorted(facts.activities, key=lambda a: a.start):
        if activity.kind in kinds and activity.start <= as_of:
            end = activity.end if _seen(activity.end, as_of) else None
            yield {
                "kind": "activity",
                "activity_kind": activity.kind.value,
                "date": _iso(activity.start),
                "end": _iso(end),
                "provider": activity.provider or "",
            }


def _work_oriented(facts: CaseFacts, as_of: date) -> Iterator[Evidence]:
    kinds = default_parameters()["work_oriented_activity_kinds"].at(as_of) or ()
    yield from _activities(facts, as_of, frozenset(kinds))


def _extensions(facts: CaseFacts, as_of: date) -> Iterator[Evidence]:
    for extension in facts.extensions:
        if extension.decided_on <= as_of:
            yield {
                "kind": "extension",
                "date": _iso(extension.decided_on),
                "months": extension.months,
            }


def _leaves(facts: CaseFacts, as_of: date) -> Iterator[Evidence]:
    for leave in facts.leaves:
        if leave.start <= as_of:
            yield {
                "kind": "leave",
                "date": _iso(leave.start),
                "end": _iso(leave.end),
                "approved": leave.approved,
            }


def _recognition(facts: CaseFacts, as_of: date) -> Iterator[Evidence]:
    rec = facts.education_recognition
    if rec is None:
        return
    sent = rec.sent_date if _seen(rec.sent_date, as_of) else None
    yield {
        "kind": "recognition",
        "relevant": rec.relevant,
        "date": _iso(sent),
        "sent_by": rec.sent_by.value if rec.sent_by and sent else None,
    }


_COLLECTORS: dict[str, Callable[[CaseFacts, date], Iterator[Evidence]]] = {
    "plan": _plans,
    "three_party": _three_party,
    "work_oriented": _work_oriented,
    "extension": _extensions,
    "leave": _leaves,
    "recognition": _recognition,
}


# --- writing evidence as text (in the active language) ----------------------------------------


def describe(item: Evidence, *, reveal: bool = True) -> str:
    """One evidence item as a sentence in the active language. Without ``reveal`` the free
    text about the person (an activity's workplace) is left out."""
    kind = item["kind"]
    if item.get("missing"):
        return _("Nothing recorded: %(what)s") % {"what": _what(kind)}
    values = {**item, "date": _shown(item.get("date")), "end": _shown(item.get("end"))}
    if kind == "plan":
        values["goal"] = str(EndGoalLabel(item["end_goal"]).label) if item["end_goal"] else "–"
        return (
            _(
                "Integration plan version %(version)s of %(date)s (end goal: %(goal)s, "
                "%(months)s months)"
            )
            % values
        )
    if kind == "meeting":
        values["what"] = str(MeetingLabel(item["meeting_kind"]).label)
        if item["documented"]:
            return _("%(what)s %(date)s, documented in the journal") % values
        return _("%(what)s %(date)s, not documented") % values
    if kind == "activity":
        return _describe_activity(values, reveal=reveal)
    if kind == "recognition":
        return _describe_recognition(values)
    return _DATED_TEXT[kind]() % values


def _shown(iso: str | None) -> str:
    """A stored ISO date as the page writes dates (07.08.2024 in bokmål)."""
    return short_date(date.fromisoformat(iso)) if iso else ""


def _describe_activity(values: dict[str, Any], *, reveal: bool) -> str:
    values["what"] = str(ActivityLabel(values["activity_kind"]).label)
    text = (
        _("%(what)s from %(date)s until %(end)s") if values["end"] else _("%(what)s from %(date)s")
    ) % values
    provider = values.get("provider")
    return f"{text} ({provider})" if reveal and provider else text


def _describe_recognition(values: dict[str, Any]) -> str:
    if not values["date"]:
        return _("Recognition of education relevant: %(relevant)s; no application sent") % {
            "relevant": _("yes") if values["relevant"] else _("no")
        }
    sender = values.get("sent_by")
    values["sender"] = str(SentByLabel(sender).label) if sender else "–"
    return _("Application for recognition of education sent %(date)s by %(sender)s") % values


_DATED_TEXT: dict[str, Callable[[], str]] = {
    "settlement": lambda: _("Settled %(date)s"),
    "claim": lambda: _("Programme claimed %(date)s"),
    "decision": lambda: _("Programme decision %(date)s"),
    "start": lambda: _("Programme started %(date)s"),
    "mapping": lambda: _("Competence mapping %(date)s"),
    "career_guidance": lambda: _("Career guidance %(date)s"),
    "contract": lambda: _("Integration contract signed %(date)s"),
    "jobseeker": lambda: _("Registered as job seeker %(date)s"),
    "end": lambda: _("Programme ended %(date)s"),
    "certificate": lambda: _("Participant certificate issued %(date)s"),
    "extension": lambda: _("Extension by %(months)s months decided %(date)s"),
    "leave": lambda: _("Leave %(date)s–%(end)s"),
}


def _what(kind: str) -> str:
    names: dict[str, Callable[[], str]] = {
        "claim": lambda: _("claim for a programme"),
        "decision": lambda: _("programme decision"),
        "start": lambda: _("programme start"),
        "mapping": lambda: _("competence mapping"),
        "career_guidance": lambda: _("career guidance"),
        "contract": lambda: _("integration contract"),
        "jobseeker": lambda: _("registration as job seeker"),
        "end": lambda: _("programme end"),
        "certificate": lambda: _("participant certificate"),
        "plan": lambda: _("integration plan"),
        "three_party": lambda: _("three-party meeting"),
        "practice": lambda: _("language or work practice"),
        "work_oriented": lambda: _("work-oriented activity"),
        "parental_guidance": lambda: _("parental guidance course"),
        "life_skills_course": lambda: _("life-skills course"),
        "extension": lambda: _("extension"),
        "leave": lambda: _("leave"),
        "recognition": lambda: _("recognition of education"),
    }
    return names[kind]() if kind in names else kind
