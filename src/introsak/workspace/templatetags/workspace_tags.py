"""Template helpers of the workspace: dates as caseworkers read them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from introsak.core.templatetags.introsak_ui import status_tag
from introsak.workspace.domain.casepage import FindingView, TimelineEntry, TimelineItem
from introsak.workspace.phrases import short_date

register = template.Library()


@register.filter
def day(value: date | None) -> str:
    """A date in tables and lists: 07.08.2024 in bokmål, 7 Aug 2024 in English."""
    return short_date(value) if value is not None else ""


@register.filter
def iso(value: date | None) -> str:
    """The machine-readable date for ``<time datetime>``."""
    return value.isoformat() if value is not None else ""


@register.filter
def time_tag(value: date | None) -> SafeString:
    """``<time datetime="2024-08-07">07.08.2024</time>``: the date as ``day`` writes it,
    machine-readable too. One filter instead of two variables: a case page has some fifty."""
    if value is None:
        return SafeString("")
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), short_date(value))


@register.filter
def lookup(mapping: dict[str, object], key: str) -> object:
    """``mapping[key]``, or None."""
    return mapping.get(key) if mapping else None


# The case page's two long lists (the timeline's steps and the findings table's rows) are
# written by code: a template loop costs about 100 µs per row here, these about 15 µs, and a
# case page has some thirty such rows. The markup is the one the template had; tests and
# the axe scans read it.


def _time_or_dash(value: date | None) -> str:
    return time_tag(value) if value is not None else "–"


@register.simple_tag
def finding_row(finding: FindingView, findings_as_of: date | None) -> SafeString:
    """One row of the findings table: the requirement, its status (and what the worklist
    stored, when that differs), deadline, met on, explanation and legal source."""
    f = finding
    stored = ""
    if f.stored_status:
        stored = format_html(
            '<br><span class="app-muted" data-size="sm">{}</span>',
            gettext("Worklist: %(label)s (as of %(day)s)")
            % {
                "label": str(f.stored_label or "").lower(),
                "day": short_date(findings_as_of) if findings_as_of else "",
            },
        )
    if f.url:
        source = format_html('<a class="ds-link" href="{}" rel="noopener">{}</a>', f.url, f.source)
    else:
        source = conditional_escape(f.source)
    document = format_html(' <span class="app-muted">({})</span>', f.document) if f.document else ""
    return format_html(
        '<tr id="finding-{rule}" data-rule="{rule}" data-status="{status}">'
        '<th scope="row">{title}<br><span class="app-rule-id">{rule} · {severity}</span></th>'
        "<td>{tag}{stored}</td><td>{deadline}</td><td>{met}</td>"
        '<td class="app-explanation"><p class="ds-paragraph" data-size="sm">{explanation}</p>'
        '<p class="ds-paragraph app-source" data-size="sm">{source_label} {source}{document}</p>'
        "</td></tr>",
        rule=f.rule,
        status=f.status,
        title=f.title,
        severity=f.severity,
        tag=status_tag(f.colour, f.status_label, f.status),
        stored=stored,
        deadline=_time_or_dash(f.deadline),
        met=_time_or_dash(f.satisfied_on),
        explanation=f.explanation,
        source_label=gettext("Source:"),
        source=source,
        document=document,
    )


def _timeline_item(item: TimelineItem) -> SafeString:
    end = format_html("–{}", time_tag(item.end)) if item.end else ""
    note = format_html(" ({})", item.note) if item.note else ""
    gap = ""
    if item.gap_days is not None:
        flag = (
            format_html(' <strong class="app-gap__flag">{}</strong>', gettext("more than 6 months"))
            if item.long_gap
            else ""
        )
        gap = format_html(" · {}{}", item.gap_text, flag)
    return format_html(
        "<li{}>{}{} {}{}{}</li>",
        mark_safe(' class="app-gap"') if item.long_gap else "",
        time_tag(item.day),
        end,
        item.label,
        note,
        gap,
    )


@register.simple_tag
def timeline_step(entry: TimelineEntry, actions: Mapping[str, Mapping[str, Any]]) -> SafeString:
    """One step of the path: its state (colour and text), date, days since settlement,
    items (meetings, activities …), the governing finding and the link to record it."""
    parts = [
        format_html(
            '<li class="app-timeline__step" data-state="{}" id="step-{}">'
            '<div class="app-timeline__head"><h3 class="ds-heading" data-size="2xs">{}</h3>'
            '<span class="ds-tag app-status" data-color="{}">{}</span></div>',
            entry.state,
            entry.key,
            entry.label,
            entry.state_colour,
            entry.state_label,
        )
    ]
    if entry.day:
        after = entry.after_settlement_text
        parts.append(
            format_html(
                '<p class="ds-paragraph app-timeline__date">{}{}{}</p>',
                time_tag(entry.day),
                format_html(" · {}", after) if after else "",
                format_html(" · {}", entry.detail) if entry.detail else "",
            )
        )
    elif entry.detail:
        parts.append(format_html('<p class="ds-paragraph">{}</p>', entry.detail))
    if entry.items:
        parts.append(
            format_html(
                '<ul class="app-timeline__items">{}</ul>',
                mark_safe("".join(_timeline_item(item) for item in entry.items)),
            )
        )
    if entry.finding:
        f = entry.finding
        deadline = (
            format_html("{} {} · ", gettext("Deadline"), time_tag(f.deadline)) if f.deadline else ""
        )
        parts.append(
            format_html(
                '<p class="ds-paragraph app-timeline__rule" data-size="sm">{}'
                '<a class="ds-link" href="#finding-{}">{}: {}</a></p>',
                deadline,
                f.rule,
                f.title,
                str(f.status_label).lower(),
            )
        )
    action = actions.get(entry.action) if entry.action else None
    if action:
        parts.append(
            format_html(
                '<p class="ds-paragraph app-timeline__action" data-size="sm">'
                '<a class="ds-link" href="{}">{}</a></p>',
                action["href"],
                action["title"],
            )
        )
    parts.append(mark_safe("</li>"))
    return mark_safe("".join(parts))
