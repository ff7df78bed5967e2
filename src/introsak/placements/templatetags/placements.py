from __future__ import annotations

from django import template

from introsak.placements.domain.participant import occupation_label
from introsak.placements.domain.scoring import Reason
from introsak.placements.phrases import SKILL_NAMES, reason_text

register = template.Library()


@register.filter
def reason(value: Reason) -> str:
    return reason_text(value)


@register.filter
def occupation(code: str) -> str:
    return occupation_label(code)


@register.filter
def skill_name(value: str) -> str:
    return str(SKILL_NAMES.get(str(value), value))
