"""Oslo's cooperation agreement NAV–Oslo Voksenopplæring: regular three-party meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from introsak.casefacts.enums import MeetingKind
from introsak.rules.context import Context, Used
from introsak.rules.dates import add_months
from introsak.rules.findings import Finding, Severity, Status
from introsak.rules.outcomes import no_plan, not_in_force, not_started
from introsak.rules.phrases import Note, Phrase, Qty, Text
from introsak.rules.spec import AUDIT_REPORT, RuleSpec

SHORT = Text("kort", "short")
LONG = Text("langt", "long")

FIRST_DUE = Phrase(
    "TRI-01.pending_first",
    "Første trekantsamtale forfaller {deadline}, {first} etter programstart {start} "
    "({length} program)",
    "The first three-party meeting is due on {deadline}, {first} after the programme start "
    "{start} ({length} programme)",
)
NEXT_DUE = Phrase(
    "TRI-01.pending_next",
    "Neste trekantsamtale forfaller {deadline}, {interval} etter forrige samtale {last}",
    "The next three-party meeting is due on {deadline}, {interval} after the previous one on "
    "{last}",
)
FIRST_MISSING = Phrase(
    "TRI-01.overdue_first",
    "Første trekantsamtale forfalt {deadline}, {first} etter programstart {start} "
    "({length} program), og er ikke dokumentert",
    "The first three-party meeting was due on {deadline}, {first} after the programme start "
    "{start} ({length} programme), and is not documented",
)
NEXT_MISSING = Phrase(
    "TRI-01.overdue_next",
    "Neste trekantsamtale forfalt {deadline}, {interval} etter forrige samtale {last}, og er "
    "ikke dokumentert",
    "The next three-party meeting was due on {deadline}, {interval} after the previous one on "
    "{last}, and is not documented",
)
LATE_RUNNING = Phrase(
    "TRI-01.met_late_running",
    "En trekantsamtale ble holdt {late_day}, etter forfallsdatoen {late_due}; neste forfaller "
    "{deadline}",
    "A three-party meeting was held on {late_day}, after its due date {late_due}; the next is "
    "due on {deadline}",
)
LATE_ENDED = Phrase(
    "TRI-01.met_late_ended",
    "En trekantsamtale ble holdt {late_day}, etter forfallsdatoen {late_due}",
    "A three-party meeting was held on {late_day}, after its due date {late_due}",
)
ALL_ON_TIME = Phrase(
    "TRI-01.met",
    "Alle trekantsamtaler som forfalt før programslutt {end}, ble holdt i tide, den siste "
    "{satisfied}",
    "Every three-party meeting due before the programme ended on {end} was held on time, the "
    "last on {satisfied}",
)
NONE_DUE = Phrase(
    "TRI-01.met_none_due",
    "Programmet ble avsluttet {end}, før første trekantsamtale forfalt {first_due}",
    "The programme ended on {end}, before the first three-party meeting fell due on {first_due}",
)
UNDOCUMENTED = Phrase(
    "TRI-01.undocumented",
    "teller ikke: {count} uten dokumentasjon i journalen",
    "not counted: {count} without documentation in the journal",
)

PARAMETERS = (
    "short_programme_max_months",
    "tri_first_meeting_months_short",
    "tri_first_meeting_months_long",
    "tri_interval_months",
)


@dataclass(slots=True)
class Schedule:
    """The walk through the meetings: what was due, what came late, what is due next."""

    due: date  # the next due date after the last counted meeting
    last: date | None = None  # the last counted meeting
    last_due: date | None = None  # the due date it satisfied
    late_day: date | None = None  # the first meeting held after its due date …
    late_due: date | None = None  # … and that due date


def _walk(meetings: list[date], first_due: date, interval: int, end: date | None) -> Schedule:
    """Each counted meeting satisfies the due date before it; the next is due ``interval``
    months later. No meeting falls due after the end date."""
    schedule = Schedule(due=first_due)
    for day in meetings:
        if end is not None and schedule.due > end:
            break
        if day > schedule.due and schedule.late_day is None:
            schedule.late_day, schedule.late_due = day, schedule.due
        schedule.last, schedule.last_due = day, schedule.due
        schedule.due = add_months(day, interval)
    return schedule


def _meetings(ctx: Context, start: date) -> tuple[list[date], int]:
    """Documented three-party meetings from the start to the end (sorted), and the
    undocumented count. A meeting dated after the end is not part of the programme (the
    import refuses it; here it cannot turn an overdue finding into a late one)."""
    counted, undocumented = [], 0
    last = ctx.end if ctx.end is not None else ctx.as_of
    for meeting in ctx.meetings:
        if meeting.kind is not MeetingKind.THREE_PARTY or not start <= meeting.date <= last:
            continue
        if meeting.documented:
            counted.append(meeting.date)
        else:
            undocumented += 1
    counted.sort()
    return counted, undocumented


def oslo_three_party_meetings(ctx: Context, spec: RuleSpec) -> Finding:
    """Cooperation agreement NAV–Oslo Voksenopplæring: three-party meetings (participant,
    programme adviser, teacher) shall be held after about one month in a short programme and
    about three months in a long one, then at least every six months; minutes are journaled.

    Applies to started participants with a plan; only documented ``three_party`` meetings
    from the start on count. Short = the first plan's base duration ≤ 6 months. Numbers are
    read on the start date. First that holds: ``overdue`` (a due meeting is missing),
    ``met_late`` (a meeting came after its due date), ``pending`` (the programme runs),
    ``met``. The programme runs through its end date.
    """
    if not ctx.started or ctx.start is None:
        return not_started(ctx, spec)
    first_plan = ctx.first_plan
    if first_plan is None:
        return no_plan(ctx, spec)
    start = ctx.start
    numbers = [ctx.value(name, start) for name in PARAMETERS]
    if None in numbers:
        return not_in_force(ctx, spec, start)
    short_max, first_short, first_long, interval = numbers
    short = first_plan.duration_months <= short_max
    first = first_short if short else first_long
    first_due = add_months(start, first)
    counted, undocumented = _meetings(ctx, start)
    schedule = _walk(counted, first_due, interval, ctx.end)
    used: Used = tuple(zip(PARAMETERS, numbers, strict=True))
    notes: tuple[Note, ...] = ()
    if undocumented:
        notes = ((UNDOCUMENTED, {"count": Qty(undocumented, "meeting")}),)
    values: dict[str, object] = {
        "start": start,
        "first": Qty(first, "month"),
        "interval": Qty(interval, "month"),
        "length": SHORT if short else LONG,
        "last": schedule.last,
        "end": ctx.end,
        "first_due": first_due,
        "late_day": schedule.late_day,
        "late_due": schedule.late_due,
        "satisfied": schedule.last,
    }
    status, phrase, deadline, satisfied = _verdict(ctx, schedule)
    values["deadline"] = deadline
    return ctx.finding(
        spec,
        status,
        phrase,
        values,
        deadline=deadline,
        satisfied_on=satisfied,
        used=used,
        notes=notes,
    )


def _verdict(ctx: Context, s: Schedule) -> tuple[Status, Phrase, date | None, date | None]:
    """(status, phrase, deadline, satisfied_on), the first of the catalogue's four that holds."""
    next_due = s.due if ctx.end is None or s.due <= ctx.end else None
    if next_due is not None and next_due < ctx.as_of:
        return Status.OVERDUE, FIRST_MISSING if s.last is None else NEXT_MISSING, next_due, None
    running = ctx.end is None or ctx.as_of <= ctx.end
    if s.late_day is not None:
        if running and next_due is not None:
            return Status.MET_LATE, LATE_RUNNING, next_due, s.last
        return Status.MET_LATE, LATE_ENDED, None, s.last
    if running and next_due is not None:
        return Status.PENDING, FIRST_DUE if s.last is None else NEXT_DUE, next_due, None
    if s.last is None:
        return Status.MET, NONE_DUE, None, None
    return Status.MET, ALL_ON_TIME, s.last_due, s.last


RULE = RuleSpec(
    id="TRI-01",
    title="Three-party meetings",
    severity=Severity.SHOULD,
    source="Oslo: samarbeidsavtale NAV–Oslo Voksenopplæring",
    document=f"{AUDIT_REPORT}, L1103–1115",
    parameters=PARAMETERS,
    evaluate=oslo_three_party_meetings,
    phrases=(
        FIRST_DUE,
        NEXT_DUE,
        FIRST_MISSING,
        NEXT_MISSING,
        LATE_RUNNING,
        LATE_ENDED,
        ALL_ON_TIME,
        NONE_DUE,
        UNDOCUMENTED,
    ),
)
