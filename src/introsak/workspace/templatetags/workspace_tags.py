"""Template helpers of the workspace: dates as caseworkers read them.

The long lists (the case page's timeline, findings, "to follow up", meetings and every
recorded event's history, the worklist's rows) are Jinja2 templates in
``jinja2/workspace/rows/``, one loop each, autoescaped: Django's engine took 100–300 µs a
row for them (``introsak.web.jinja``). The tags here render them and pass in the words to
translate (Django's ``makemessages`` finds them here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django import template
from django.db.models import Model
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext

from introsak.web.jinja import day, render_rows, time_tag
from introsak.workspace.domain.casepage import FindingView, MeetingView, TimelineEntry
from introsak.workspace.domain.history import MODELS as HISTORY_MODELS
from introsak.workspace.domain.history import ChangedValue, EventHistory, event_key
from introsak.workspace.interfaces.tables import HeaderCell, Row

register = template.Library()


register.filter("day", day)
register.filter("time_tag", time_tag)


@register.filter
def lookup(mapping: dict[str, object], key: str) -> object:
    """``mapping[key]``, or None."""
    return mapping.get(key) if mapping else None


@register.filter
def history_of(history: Mapping[str, object], row: Model) -> object:
    """The ``EventHistory`` of a recorded event's row (``CasePage.history``), or None."""
    kind = next((k for k, model in HISTORY_MODELS.items() if isinstance(row, model)), None)
    return history.get(event_key(kind, row.pk)) if history and kind else None


# --- the long lists (Jinja2 partials) ---------------------------------------------------


@register.simple_tag
def finding_rows(findings: Sequence[FindingView], findings_as_of: date | None) -> str:
    """The findings table's rows: the requirement, its status (and what the worklist
    stored, when that differs), deadline, met on, explanation and legal source. The cells
    carry their column's name (``data-label``) for the card each row becomes on a phone."""
    text = {
        "status": gettext("Status"),
        "deadline": gettext("Deadline"),
        "met_on": gettext("Met on"),
        "explanation": gettext("Explanation and source"),
        "source": gettext("Source:"),
        "stored": gettext("Worklist: %(label)s (as of %(day)s)"),
    }
    context = {"findings": findings, "findings_as_of": findings_as_of, "text": text}
    return render_rows("workspace/rows/findings.html", context)


@register.simple_tag
def open_items(findings: Sequence[FindingView]) -> str:
    """The "to follow up" list: status, the requirement (a link to its row), deadline."""
    text = {"deadline": gettext("deadline")}
    return render_rows("workspace/rows/open_items.html", {"findings": findings, "text": text})


@register.simple_tag
def timeline_steps(
    timeline: Sequence[TimelineEntry], actions: Mapping[str, Mapping[str, Any]]
) -> str:
    """The path's steps: each with its state (colour and text), date, days since
    settlement, items (meetings, activities …), the governing finding and the link to
    record it."""
    text = {"deadline": gettext("Deadline"), "long_gap": gettext("more than 6 months")}
    context = {"timeline": timeline, "actions": actions, "text": text}
    return render_rows("workspace/rows/timeline.html", context)


@register.simple_tag
def worklist_rows(rows: Sequence[Row], header: Sequence[HeaderCell] = ()) -> str:
    """The worklist's cases: the person (a link to the case), residence basis, stage,
    adviser, the nearest open deadline (status in colour and text, rule, date and distance;
    under a flag filter the filter's own finding instead) and the programme start. Each
    cell carries its column's name (``header``) as ``data-label``: on a phone the row is a
    card and the names are shown above the cells."""
    text = {"no_deadline": gettext("No open deadline")}
    # The column names translated once, not once a row.
    labels = [str(cell.label) for cell in header]
    context = {"rows": rows, "labels": labels, "text": text}
    return render_rows("workspace/rows/worklist.html", context)


def _change_text(x: ChangedValue) -> str:
    if x.old or x.new:
        return gettext("%(field)s: %(old)s → %(new)s") % {
            "field": x.label,
            "old": x.old,
            "new": x.new,
        }
    return gettext("%(field)s changed") % {"field": x.label}


def _history_text(
    h: EventHistory | None,
    context: template.Context,
    label: str,
    documented: bool | None = None,
    open_history: bool = False,
) -> dict[str, Any] | None:
    """What ``rows/event_history.html`` shows of one event's history, with its words
    translated: who recorded it (or that it was imported), the link to complete or
    correct it for a user who may write, and each correction with its changes."""
    if not h:
        return None
    pseudonymous = bool(context.get("pseudonymous"))
    if h.recorded_by:
        recorded = gettext("Recorded by %(name)s") % {"name": h.recorded_by}
    else:
        recorded = "" if pseudonymous else gettext("Imported (not recorded in Introsak)")
    correct = ""
    if context.get("can_write"):
        complete = h.kind == "meeting" and documented is False
        correct = gettext("Complete with minutes") if complete else gettext("Correct")
    count = len(h.corrections)
    return {
        "kind": h.kind,
        "pk": h.pk,
        "recorded": recorded,
        "correct": correct,
        "correct_href": h.correct_href,
        "label": label,
        "open": open_history,
        "summary": ngettext(
            "Corrected %(n)s time: history", "Corrected %(n)s times: history", count
        )
        % {"n": count},
        "reason_label": gettext("Reason:"),
        "corrections": [
            {
                "at": date_format(localtime(c.at), "SHORT_DATETIME_FORMAT"),
                "by": c.by,
                "reason": c.reason,
                "changes": [_change_text(x) for x in c.changes],
            }
            for c in h.corrections
        ],
    }


@register.simple_tag(takes_context=True)
def event_history(context: template.Context, h: EventHistory | None, label: str = "") -> str:
    """One recorded event's history (activities, leaves, extensions, the recognition)."""
    event = _history_text(h, context, label)
    return render_rows("workspace/rows/event_history.html", {"event": event}) if event else ""


@register.simple_tag(takes_context=True)
def meeting_list(
    context: template.Context,
    meetings: Sequence[MeetingView],
    history: Mapping[str, EventHistory],
) -> str:
    """The case's meetings, each with its minutes and its history (open)."""
    rows = [
        {
            "view": meeting,
            "event": _history_text(
                history.get(meeting.history_key),
                context,
                meeting.label,
                documented=meeting.documented,
                open_history=True,
            ),
        }
        for meeting in meetings
    ]
    text = {
        "documented": gettext("documented"),
        "not_documented": gettext("not documented"),
        "corrected": gettext("corrected"),
        "no_minutes": gettext("No minutes recorded here."),
    }
    return render_rows("workspace/rows/meetings.html", {"meetings": rows, "text": text})
