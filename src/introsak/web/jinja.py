"""The Jinja2 environment for the few hot partials (Django's own Jinja2 backend).

Django's template engine costs some 100–300 µs a row for the long lists (the worklist's 25
rows, the case page's timeline, findings, meetings and event histories); Jinja2 compiles a
template to Python and writes the same rows, escaped the same way, in a few µs each
(docs/benchmarks/workspace.md). Autoescaping is on (the backend's default); the templates
hold no text to translate: the tag that renders one (``render_rows``) passes the translated
words in.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.template import engines
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from jinja2 import Environment

from introsak.core.formats import short_date


def day(value: date | None) -> str:
    """A date in tables and lists: 07.08.2024 in bokmål, 7 Aug 2024 in English."""
    return short_date(value) if value is not None else ""


def time_tag(value: date | None) -> str:
    """``<time datetime="2024-08-07">07.08.2024</time>``: the date as ``day`` writes it,
    machine-readable too (``format_html`` escapes both); empty for no date."""
    if value is None:
        return ""
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), short_date(value))


def environment(**options: Any) -> Environment:
    env = Environment(**options)  # noqa: S701 - the backend turns autoescaping on
    env.filters["day"] = day
    env.filters["time_tag"] = time_tag
    env.filters["linebreaksbr"] = linebreaksbr
    return env


def render_rows(template_name: str, context: dict[str, Any]) -> str:
    """A Jinja2 partial (``<app>/jinja2/``) rendered for a Django template."""
    html = engines["jinja2"].get_template(template_name).render(context)
    # Jinja2 wrote it with autoescaping on: every value in it is escaped there (a value
    # already safe, such as ``time_tag``'s, is kept). Marking the result safe keeps Django's
    # own autoescaping from escaping that markup a second time.
    return mark_safe(html)
