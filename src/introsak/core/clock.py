"""The application's idea of "today".

In production this is the real date in Oslo. The demo sets ``INTROSAK_AS_OF`` to freeze the
clock on the report's statistics date, so deadlines and worklists look as they did then.
Every "today" in the application comes from here, never from ``date.today()`` directly.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import timezone


def today() -> date:
    fixed: date | None = settings.INTROSAK_AS_OF
    if fixed is not None:
        return fixed
    return timezone.localdate()


def is_frozen() -> bool:
    return settings.INTROSAK_AS_OF is not None
