"""Values written the way caseworkers read them, shared by every app's pages and messages."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.translation import get_language


def short_date(value: date) -> str:
    """A date as caseworkers read it: 07.08.2024 in bokmål, 7 Aug 2024 in English.

    Written out directly: ``date_format`` costs about a hundred times more, and a case page
    shows some fifty dates."""
    if (get_language() or "nb").startswith("nb"):
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    return f"{value.day} {MONTHS_3[value.month].title()} {value.year}"


def short_datetime(value: datetime) -> str:
    """A moment as caseworkers read it, in the local time zone: 07.08.2024 14:05 in bokmål,
    7 Aug 2024 14:05 in English."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{short_date(local.date())} {local.hour:02d}:{local.minute:02d}"
