"""Template helpers of the workspace: dates as caseworkers read them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django import template
from django.db.models import Model
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from introsak.core.formats import short_date
from introsak.core.templatetags.introsak_ui import escape_text as _e
from introsak.core.templatetags.introsak_ui import status_tag_html
from introsak.workspace.domain.casepage import (
    FindingView,
    TimelineEntry,
    TimelineItem,
)
from introsak.workspace.domain.history import MODELS as HISTORY_MODELS
from introsak.workspace.domain.history import event_key
from introsak.workspace.interfaces.tables import COLUMNS, HeaderCell, Row

register = template.Library()


@register.filter
def day(value: date | None) -> str:
    """A date in tables and lists: 07.08.2024 in bokmål, 7 Aug 2024 in English."""
    return short_date(value) if value is not None else ""


@register.filter
def time_tag(value: date | None) -> SafeString:
    """``<time datetime="2024-08-07">07.08.2024</time>``: the date as ``day`` writes it,
    machine-readable too. One filter instead of two variables: a case page has some fifty."""
    return SafeString(_time(value))


def _time(value: date | None) -> str:
    # An ISO date and a date written with digits and month abbreviations need no escaping.
    if value is None:
        return ""
    return f'<time datetime="{value.isoformat()}">{short_date(value)}</time>'


@register.filter
def lookup(mapping: dict[str, object], key: str) -> object:
    """``mapping[key]``, or None."""
    return mapping.get(key) if mapping else None


# The case page's long lists (the timeline's steps, the findings table's rows, the meetings)
# are written by code: a template loop costs 60-100 µs per row here, these a few µs, and a
# case page has some forty such rows. Every value that is not markup made here goes through
# ``_e`` (``introsak_ui.escape_text``: HTML-escaped, quotes included), and
# ``tests/workspace/test_case_page.py`` checks that text typed by users comes out as text.
# The markup is the one the template had.


def _time_or_dash(value: date | None) -> str:
    return _time(value) if value is not None else "–"


@register.simple_tag
def finding_row(finding: FindingView, findings_as_of: date | None) -> SafeString:
    """One row of the findings table: the requirement, its status (and what the worklist
    stored, when that differs), deadline, met on, explanation and legal source. The cells
    carry their column's name (``data-label``) for the card each row becomes on a phone."""
    f = finding
    stored = ""
    if f.stored_status:
        text = gettext("Worklist: %(label)s (as of %(day)s)") % {
            "label": str(f.stored_label or "").lower(),
            "day": short_date(findings_as_of) if findings_as_of else "",
        }
        stored = f'<br><span class="app-muted" data-size="sm">{_e(text)}</span>'
    if f.url:
        source = f'<a class="ds-link" href="{_e(f.url)}" rel="noopener">{_e(f.source)}</a>'
    else:
        source = _e(f.source)
    document = f' <span class="app-muted">({_e(f.document)})</span>' if f.document else ""
    rule = _e(f.rule)
    # gettext outside the f-strings: xgettext does not find strings inside them.
    source_label = gettext("Source:")
    return SafeString(
        f'<tr id="finding-{rule}" data-rule="{rule}" data-status="{_e(f.status)}">'
        f'<th scope="row">{_e(f.title)}<br><span class="app-rule-id">{rule} · '
        f"{_e(f.severity)}</span></th>"
        f'<td data-label="{_e(gettext("Status"))}">'
        f"{status_tag_html(f.colour, f.status_label, f.status)}{stored}</td>"
        f'<td data-label="{_e(gettext("Deadline"))}">{_time_or_dash(f.deadline)}</td>'
        f'<td data-label="{_e(gettext("Met on"))}">{_time_or_dash(f.satisfied_on)}</td>'
        f'<td class="app-explanation" data-label="{_e(gettext("Explanation and source"))}">'
        f'<p class="ds-paragraph" data-size="sm">'
        f"{_e(f.explanation)}</p>"
        f'<p class="ds-paragraph app-source" data-size="sm">{_e(source_label)} '
        f"{source}{document}</p></td></tr>"
    )


@register.simple_tag
def open_item(finding: FindingView) -> SafeString:
    """One line of "To follow up": status, the requirement (a link to its row), deadline."""
    f = finding
    word = gettext("deadline")
    deadline = f" · {_e(word)} {_time(f.deadline)}" if f.deadline else ""
    return SafeString(
        f"<li>{status_tag_html(f.colour, f.status_label, f.status)} "
        f'<a class="ds-link" href="#finding-{_e(f.rule)}">{_e(f.title)}</a>{deadline}</li>'
    )


def _timeline_item(item: TimelineItem) -> str:
    end = f"–{_time(item.end)}" if item.end else ""
    note = f" ({_e(item.note)})" if item.note else ""
    gap = ""
    if item.gap_days is not None:
        gap = f" · {_e(item.gap_text)}"
        if item.long_gap:
            flag = gettext("more than 6 months")
            gap += f' <strong class="app-gap__flag">{_e(flag)}</strong>'
    css = ' class="app-gap"' if item.long_gap else ""
    return f"<li{css}>{_time(item.day)}{end} {_e(item.label)}{note}{gap}</li>"


@register.simple_tag
def timeline_step(entry: TimelineEntry, actions: Mapping[str, Mapping[str, Any]]) -> SafeString:
    """One step of the path: its state (colour and text), date, days since settlement,
    items (meetings, activities …), the governing finding and the link to record it."""
    parts = [
        f'<li class="app-timeline__step" data-state="{_e(entry.state)}" id="step-{_e(entry.key)}">'
        f'<div class="app-timeline__head"><h3 class="ds-heading" data-size="2xs">'
        f"{_e(entry.label)}</h3>"
        f'<span class="ds-tag app-status" data-color="{_e(entry.state_colour)}">'
        f"{_e(entry.state_label)}</span></div>"
    ]
    if entry.day:
        after = entry.after_settlement_text
        parts.append(
            f'<p class="ds-paragraph app-timeline__date">{_time(entry.day)}'
            + (f" · {_e(after)}" if after else "")
            + (f" · {_e(entry.detail)}" if entry.detail else "")
            + "</p>"
        )
    elif entry.detail:
        parts.append(f'<p class="ds-paragraph">{_e(entry.detail)}</p>')
    if entry.items:
        items = "".join(_timeline_item(item) for item in entry.items)
        parts.append(f'<ul class="app-timeline__items">{items}</ul>')
    if entry.finding:
        f = entry.finding
        word = gettext("Deadline")
        deadline = f"{_e(word)} {_time(f.deadline)} · " if f.deadline else ""
        parts.append(
            f'<p class="ds-paragraph app-timeline__rule" data-size="sm">{deadline}'
            f'<a class="ds-link" href="#finding-{_e(f.rule)}">{_e(f.title)}: '
            f"{_e(str(f.status_label).lower())}</a></p>"
        )
    action = actions.get(entry.action) if entry.action else None
    if action:
        parts.append(
            f'<p class="ds-paragraph app-timeline__action" data-size="sm">'
            f'<a class="ds-link" href="{_e(action["href"])}">{_e(action["title"])}</a></p>'
        )
    parts.append("</li>")
    return SafeString("".join(parts))


@register.simple_tag
def worklist_row(row: Row, header: Sequence[HeaderCell] = ()) -> SafeString:
    """One case in the worklist: the person (a link to the case), residence basis, stage,
    adviser, the nearest open deadline (status in colour and text, rule, date and distance;
    under a flag filter the filter's own finding instead) and the programme start. Each
    cell carries its column's name (``header``) as ``data-label``: on a phone the row is a
    card and the names are shown above the cells."""
    # The spaces between the pieces are the ones the template's line breaks made.
    identity = f' <span class="app-identity">{_e(row.identity)}</span>' if row.identity else ""
    flag = (
        f' <span class="ds-tag app-flag" data-color="warning">{_e(row.protection)}</span>'
        if row.protection
        else ""
    )
    d = row.deadline
    rule_attr = ""
    if d is not None:
        when = (
            f' <span class="app-deadline__date">{_time(d.day)} · {_e(d.distance)}</span>'
            if d.day is not None
            else ""
        )
        deadline = (
            f"{status_tag_html(d.colour, d.label, d.status)} "
            f'<span class="app-deadline__rule">{_e(d.title)} '
            f'<span class="app-rule-id">({_e(d.rule)})</span></span>{when}'
        )
        rule_attr = f' data-rule="{_e(d.rule)}"'
    else:
        none = gettext("No open deadline")
        deadline = f'<span class="app-muted">{_e(none)}</span>'
    # Under a flag filter the cell is the filter's own finding (why the case is listed).
    reason_attr = ' data-reason="true"' if row.is_reason else ""
    start = _e(short_date(row.start)) if row.start else "–"
    labels = [f' data-label="{_e(cell.label)}"' for cell in header] or [""] * len(COLUMNS)
    return SafeString(
        f'<tr><th scope="row" class="app-person">'
        f'<a class="ds-link" href="{_e(row.url)}" id="case-link-{row.pk}" hx-boost="false">'
        f"{_e(row.name)}</a>{identity}{flag}</th>"
        f"<td{labels[1]}>{_e(row.residence_basis)}</td><td{labels[2]}>{_e(row.stage)}</td>"
        f"<td{labels[3]}>{_e(row.adviser or '–')}</td>"
        f'<td class="app-deadline"{rule_attr}{reason_attr}{labels[4]}>{deadline}</td>'
        f"<td{labels[5]}>{start}</td></tr>"
    )


@register.filter
def history_of(history: Mapping[str, object], row: Model) -> object:
    """The ``EventHistory`` of a recorded event's row (``CasePage.history``), or None."""
    kind = next((k for k, model in HISTORY_MODELS.items() if isinstance(row, model)), None)
    return history.get(event_key(kind, row.pk)) if history and kind else None
