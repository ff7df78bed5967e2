"""Template helpers for the statistics tables."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from introsak.stats.domain.tables import Cell, StatTable
from introsak.stats.interfaces.formatting import HIDDEN_MARK, cell_text
from introsak.stats.phrases import SUPPRESSED

register = template.Library()


# ``SafeString``: the type ``format_html`` returns (it escapes every value).
@register.simple_tag
def stat_cell(cell: Cell, table: StatTable) -> SafeString:
    """A cell's text; a hidden cell shows "–" and tells screen readers why."""
    if cell.suppressed:
        return format_html(
            '<span aria-hidden="true">{}</span><span class="ds-sr-only">{}</span>',
            HIDDEN_MARK,
            SUPPRESSED,
        )
    return format_html("{}", cell_text(cell, table.emphasis))
