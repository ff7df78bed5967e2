"""Everything the case page shows about one case, read in a fixed number of queries.

The case is evaluated fresh with the rules engine (one case is cheap) so every finding comes
with its explanation and legal source; the stored findings (what the worklist sees) are read
alongside, and a stored status that differs from the fresh one is shown too. The timeline
puts the path's steps in order with their dates, the days between them and the finding that
governs each step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from introsak.casefacts.enums import MeetingKind as FactsMeetingKind
from introsak.casefacts.model import CaseFacts
from introsak.cases import models as m
from introsak.cases.domain.facts import CaseLists, case_to_facts
from introsak.cases.domain.single import CaseRows
from introsak.cases.enums import ActivityKind, FindingStatus, MeetingKind
from introsak.cases.models import CaseChange
from introsak.core.formats import short_date
from introsak.rules import RULES_BY_ID, Finding, evaluate
from introsak.workspace.domain.history import EventHistory, anonymous, event_histories
from introsak.workspace.domain.worklist import effective_status
from introsak.workspace.phrases import (
    CATEGORY_LABELS,
    SEVERITY_LABELS,
    STATUS_COLOURS,
    TIMELINE_STATES,
    choice_labels,
    rule_title,
    status_label,
)

RECENT_CHANGES = 10
MEETING_INTERVAL_DAYS = 183  # "at least every 6 months": a longer gap is marked


@dataclass(frozen=True)
class FindingView:
    rule: str
    title: StrOrPromise
    status: str
    status_label: StrOrPromise
    colour: str
    deadline: date | None
    satisfied_on: date | None
    severity: StrOrPromise
    source: str
    url: str | None
    document: str | None
    explanation: str
    stored_status: str | None  # only when it differs from the fresh status
    stored_label: StrOrPromise | None

    @property
    def open(self) -> bool:
        return self.status in (
            FindingStatus.PENDING,
            FindingStatus.OVERDUE,
            FindingStatus.BREACH,
            FindingStatus.UNKNOWN,
        )


_ORDER = {
    FindingStatus.OVERDUE: 0,
    FindingStatus.BREACH: 1,
    FindingStatus.PENDING: 2,
    FindingStatus.UNKNOWN: 3,
    FindingStatus.MET_LATE: 4,
    FindingStatus.MET: 5,
    FindingStatus.NOT_APPLICABLE: 6,
}


def finding_views(
    findings: list[Finding], stored: dict[str, str], language: str
) -> list[FindingView]:
    """The findings, most urgent first, in the page's language."""
    views = []
    for x in findings:
        spec = RULES_BY_ID.get(x.rule)
        old = stored.get(x.rule)
        differs = old is not None and old != x.status.value
        views.append(
            FindingView(
                rule=x.rule,
                title=str(rule_title(x.rule)),
                status=x.status.value,
                status_label=str(status_label(x.status.value)),
                colour=STATUS_COLOURS.get(x.status.value, "neutral"),
                deadline=x.deadline,
                satisfied_on=x.satisfied_on,
                severity=str(SEVERITY_LABELS.get(x.severity.value, x.severity.value)),
                source=x.source,
                url=spec.url if spec else None,
                document=spec.document if spec else None,
                explanation=x.explanation["nb" if language == "nb" else "en"],
                stored_status=old if differs else None,
                stored_label=str(status_label(old)) if differs and old else None,
            )
        )
    return sorted(
        views,
        key=lambda v: (_ORDER.get(FindingStatus(v.status), 9), v.deadline or date.max, v.rule),
    )


@dataclass
class TimelineEntry:
    """One step of the path: its date (or dates), the days since settlement, and the
    finding that governs it."""

    key: str
    label: StrOrPromise
    day: date | None = None
    days_after_settlement: int | None = None
    finding: FindingView | None = None
    detail: StrOrPromise = ""
    items: list[TimelineItem] = field(default_factory=list)
    action: str = ""  # the step to record it
    # A list step (activities, leave and extensions) with nothing in it is "none recorded"
    # unless its rule is open or broken; for the others the rule decides.
    is_list: bool = False

    @property
    def after_settlement_text(self) -> str:
        """ "N days after settlement", for every dated step but settlement itself."""
        n = self.days_after_settlement
        if not n or self.key == "settlement":
            return ""
        return ngettext("%(n)s day after settlement", "%(n)s days after settlement", n) % {"n": n}

    @cached_property
    def state(self) -> str:
        """done, late, open, overdue, breach, not_applicable, unknown, missing; for list
        steps also recorded or none."""
        quiet = (FindingStatus.MET, FindingStatus.NOT_APPLICABLE)
        if self.is_list and (self.finding is None or self.finding.status in quiet):
            return "recorded" if self.items else "none"
        if self.finding is not None:
            return {
                FindingStatus.MET: "done",
                FindingStatus.MET_LATE: "late",
                FindingStatus.PENDING: "open",
                FindingStatus.OVERDUE: "overdue",
                FindingStatus.BREACH: "breach",
                FindingStatus.NOT_APPLICABLE: "done"
                if self.day or self.items
                else "not_applicable",
                FindingStatus.UNKNOWN: "unknown",
            }[FindingStatus(self.finding.status)]
        return "done" if self.day or self.items else "missing"

    @property
    def state_label(self) -> StrOrPromise:
        return TIMELINE_STATES[self.state][0]

    @property
    def state_colour(self) -> str:
        return TIMELINE_STATES[self.state][1]


@dataclass
class TimelineItem:
    label: StrOrPromise
    day: date
    end: date | None = None
    # A three-party meeting: the days since the previous three-party meeting (``gap_from``),
    # or, for the first, since the programme start (``gap_from`` None).
    gap_days: int | None = None
    gap_from: date | None = None
    long_gap: bool = False
    note: str = ""

    @property
    def gap_text(self) -> str:
        """What the gap counts from, named: the previous meeting's date, or the start."""
        if self.gap_days is None:
            return ""
        n = self.gap_days
        if self.gap_from is None:
            return ngettext(
                "%(n)s day after the programme start", "%(n)s days after the programme start", n
            ) % {"n": n}
        return ngettext(
            "%(n)s day since the three-party meeting on %(day)s",
            "%(n)s days since the three-party meeting on %(day)s",
            n,
        ) % {"n": n, "day": short_date(self.gap_from)}


# The three-party meeting template's fields, in the order the minutes show them.
MINUTES_FIELDS: tuple[tuple[str, StrOrPromise], ...] = (
    ("attendance", _("Attendance")),
    ("norwegian_progress", _("Progress in Norwegian")),
    ("wellbeing_and_effort", _("Well-being and effort")),
    ("language_practice", _("Language practice")),
    ("other_measures", _("Other measures")),
    ("further_plan", _("Further plan")),
    ("notes", _("Other notes")),
)


@dataclass(frozen=True)
class MeetingView:
    pk: int
    day: date
    label: str
    documented: bool
    minutes: list[tuple[str, str]]  # (field label, text) of the fields written

    @property
    def history_key(self) -> str:
        """The meeting's key in ``CasePage.history``."""
        return f"meeting-{self.pk}"


def meeting_views(meetings: list[m.Meeting]) -> list[MeetingView]:
    """The meetings newest first, each with the minutes fields that were written."""
    kinds = choice_labels(MeetingKind)
    labels = [(name, str(label)) for name, label in MINUTES_FIELDS]
    return [
        MeetingView(
            pk=x.pk,
            day=x.date,
            label=kinds.get(x.kind, x.kind),
            documented=x.documented,
            minutes=[(label, text) for name, label in labels if (text := getattr(x, name))],
        )
        for x in reversed(meetings)
    ]


def _after(day: date | None, settlement: date) -> int | None:
    return (day - settlement).days if day is not None else None


def _meeting_items(
    meetings: list[m.Meeting], start: date | None, kinds: Mapping[str, str]
) -> list[TimelineItem]:
    """The meetings in date order; each three-party meeting with the days since the one
    before it (documented or not: the gap counts from the meeting shown above it, and says
    which), the first since the programme start. Whether the meetings were documented in
    time is TRI-01's finding, shown with the step."""
    items = []
    previous: date | None = None
    for x in meetings:
        is_tri = x.kind == FactsMeetingKind.THREE_PARTY
        since = previous or start
        gap = (x.date - since).days if is_tri and since else None
        items.append(
            TimelineItem(
                label=kinds.get(x.kind, x.kind),
                day=x.date,
                gap_days=gap,
                gap_from=previous if gap is not None else None,
                long_gap=gap is not None and gap > MEETING_INTERVAL_DAYS,
                note="" if x.documented else str(_("not documented")),
            )
        )
        if is_tri:
            previous = x.date
    return items


@dataclass(frozen=True)
class _EntryMaker:
    """Makes one case's timeline entries: each with its finding and its day counted from
    the settlement."""

    settled: date
    findings: dict[str, FindingView]

    def __call__(
        self,
        key: str,
        label: StrOrPromise,
        day: date | None,
        rule: str,
        action: str,
        detail: StrOrPromise = "",
        items: list[TimelineItem] | None = None,
        is_list: bool = False,
    ) -> TimelineEntry:
        return TimelineEntry(
            key=key,
            label=str(label),
            day=day,
            days_after_settlement=_after(day, self.settled),
            finding=self.findings.get(rule),
            detail=detail,
            items=items or [],
            action=action,
            is_list=is_list,
        )


def timeline(
    case: m.ProgrammeCase, lists: CaseLists, findings: dict[str, FindingView]
) -> list[TimelineEntry]:
    """The path in its order: settlement → mapping → guidance → decision and plan →
    contract → start → recognition → job-seeker → meetings → activities → leave and
    extensions → end → certificate."""
    entry = _EntryMaker(case.person.settlement_date, findings)
    return [
        *_path_to_start(case, lists, entry),
        *_programme_events(case, lists, entry),
        *_ending(case, entry),
    ]


def _path_to_start(
    case: m.ProgrammeCase, lists: CaseLists, entry: _EntryMaker
) -> list[TimelineEntry]:
    """Settlement to job-seeker registration: one day each."""
    plans = lists.plans
    rec = getattr(case, "education_recognition", None)
    return [
        entry("settlement", _("Settlement"), entry.settled, "", ""),
        entry("mapping", _("Competence mapping"), case.mapping_date, "MAP-01", "mapping"),
        entry("guidance", _("Career guidance"), case.career_guidance_date, "GUIDE-01", "guidance"),
        entry(
            "decision",
            _("Programme decision and plan"),
            case.decision_date,
            "PLAN-01",
            "" if case.decision_date else "decision",
            detail=_("%(n)d plan versions") % {"n": len(plans)} if len(plans) > 1 else "",
        ),
        entry("contract", _("Integration contract"), case.contract_date, "CONTRACT-01", "contract"),
        entry("start", _("Programme start"), case.start_date, "START-01", "start"),
        entry(
            "recognition",
            _("Recognition of education"),
            rec.sent_date if rec else None,
            "EDU-01",
            "recognition",
            detail=(
                _("sent by: %(who)s") % {"who": rec.get_sent_by_display()}
                if rec and rec.sent_by
                else ""
            ),
        ),
        entry(
            "jobseeker",
            _("Registered as job seeker"),
            case.jobseeker_registered_date,
            "JOBSEEK-01",
            "jobseeker",
        ),
    ]


def _programme_events(
    case: m.ProgrammeCase, lists: CaseLists, entry: _EntryMaker
) -> list[TimelineEntry]:
    """The lists of the programme: meetings, activities, leave and extensions."""
    meeting_kinds, activity_kinds = choice_labels(MeetingKind), choice_labels(ActivityKind)
    activities = [
        TimelineItem(
            label=activity_kinds.get(x.kind, x.kind), day=x.start, end=x.end, note=x.provider
        )
        for x in lists.activities
    ]
    meetings = _meeting_items(lists.meetings, case.start_date, meeting_kinds)
    return [
        entry("meetings", _("Meetings"), None, "TRI-01", "meeting", items=meetings),
        entry(
            "activities",
            _("Activities and practice"),
            None,
            "WORK-15H-01",
            "activity",
            items=activities,
            is_list=True,
        ),
        entry(
            "leave",
            _("Leave and extensions"),
            None,
            "DURATION-01",
            "extension",
            items=_leave_items(lists.leaves, lists.extensions),
            is_list=True,
        ),
    ]


def _leave_items(
    leaves: Iterable[m.Leave], extensions: Iterable[m.Extension]
) -> list[TimelineItem]:
    """Leave and extensions in one list, by their first day."""
    items = [
        TimelineItem(
            label=_("Leave") if x.approved else _("Leave, not approved"), day=x.start, end=x.end
        )
        for x in leaves
    ]
    items += [
        TimelineItem(
            label=_("Extension"), day=x.decided_on, note=str(_("%(n)d months")) % {"n": x.months}
        )
        for x in extensions
    ]
    return sorted(items, key=lambda i: i.day)


def _ending(case: m.ProgrammeCase, entry: _EntryMaker) -> list[TimelineEntry]:
    """The end with its outcome, and the participant certificate."""
    return [
        entry(
            "end",
            _("End and outcome"),
            case.end_date,
            "END-01",
            "end",
            detail=case.get_end_reason_display() if case.end_reason else "",
        ),
        entry(
            "certificate",
            _("Participant certificate"),
            case.certificate_issued_date,
            "CERT-01",
            "certificate",
        ),
    ]


@dataclass
class CasePage:
    case: m.ProgrammeCase
    lists: CaseLists
    facts: CaseFacts
    today: date
    findings: list[FindingView]
    timeline: list[TimelineEntry]
    category: StrOrPromise
    changes: list[CaseChange]
    plan_items: dict[int, dict[str, list[str]]]  # plan pk → elements and sub-goals
    labels: dict[str, Mapping[str, str]]  # choice labels for the page's lists
    meetings: list[MeetingView]  # newest first
    # Who recorded each event and its corrections, by ``history.event_key``.
    history: dict[str, EventHistory] = field(default_factory=dict)

    @property
    def open_findings(self) -> list[FindingView]:
        return [x for x in self.findings if x.open]


def stored_statuses(case: m.ProgrammeCase, today: date) -> dict[str, str]:
    """What the worklist sees of each rule, when it can differ from a fresh evaluation.

    Every write recomputes the stored findings, so findings stored today are the fresh ones
    and are not read again; older ones (the nightly recompute has not run) are read, with a
    pending deadline that has passed shown as overdue, as the worklist counts it."""
    if case.findings_as_of == today:
        return {}
    rows = m.CaseFinding.objects.filter(case=case).values_list("rule", "status", "deadline")
    return {rule: effective_status(status, deadline, today) for rule, status, deadline in rows}


def case_page(case: m.ProgrammeCase, today: date, rows: CaseRows) -> CasePage:
    """The page's contents for a case loaded with ``single.case_page_loader`` and its ``rows``
    (``single.case_rows``)."""
    lists = rows.lists
    facts = case_to_facts(case, lists)
    fresh = evaluate(facts, today)
    stored = stored_statuses(case, today)
    language = (get_language() or "nb")[:2]
    views = finding_views(fresh, stored, language)
    by_rule = {v.rule: v for v in views}
    category = fresh[0].category.value if fresh else "none"
    plan_items = {
        plan.pk: {
            "elements": [i.text for i in lists.items_of(plan) if i.kind == m.PlanItem.Kind.ELEMENT],
            "sub_goals": [
                i.text for i in lists.items_of(plan) if i.kind == m.PlanItem.Kind.SUB_GOAL
            ],
        }
        for plan in lists.plans
    }
    return CasePage(
        plan_items=plan_items,
        meetings=meeting_views(lists.meetings),
        labels={"activity": choice_labels(ActivityKind)},
        case=case,
        lists=lists,
        facts=facts,
        today=today,
        findings=views,
        timeline=timeline(case, lists, by_rule),
        category=CATEGORY_LABELS.get(category, category),
        changes=rows.recent_changes,
        history=event_histories(case, lists, rows.corrections, rows.staff),
    )


def without_free_text(page: CasePage) -> CasePage:
    """The page as a pseudonymised view shows it (an auditor without ``show_identities``):
    without the free text the pseudonymised export removes (``casefacts.serialize.
    pseudonymise``: meeting minutes, plan sub-goals, activity providers) and without the
    staff who made the recent changes. The template leaves out the rest (case number, birth
    date but its year, the adviser's and authors' names, justifications, leave reasons,
    journal texts)."""
    return replace(
        page,
        meetings=[replace(meeting, minutes=[]) for meeting in page.meetings],
        plan_items={pk: {**items, "sub_goals": []} for pk, items in page.plan_items.items()},
        timeline=[_without_notes(entry) for entry in page.timeline],
        changes=[],
        history={key: anonymous(h) for key, h in page.history.items()},
    )


def _without_notes(entry: TimelineEntry) -> TimelineEntry:
    if entry.key != "activities":  # an activity's note is its provider or workplace
        return entry
    return replace(entry, items=[replace(item, note="") for item in entry.items])
