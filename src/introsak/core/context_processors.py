from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from introsak.core import clock


def introsak(request: HttpRequest) -> dict[str, Any]:
    """Values every page template needs: the clock and the staff languages (the main menu
    comes from ``web.context_processors``)."""
    return {
        "introsak_today": clock.today(),
        "introsak_clock_frozen": clock.is_frozen(),
        "staff_languages": [
            (code, name) for code, name in settings.LANGUAGES if code in settings.STAFF_LANGUAGES
        ],
    }
