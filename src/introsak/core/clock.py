"""The application's idea of "today".

In production this is the real date in Oslo. The demo sets ``INTROSAK_AS_OF`` to freeze the
clock on the report's statistics date, so deadlines and worklists look as they did then.
Every "today" in the application comes from here, never from ``date.today()`` directly.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone


def today() -> date:
    fixed: date | None = settings.INTROSAK_AS_OF
    if fixed is not None:
        return fixed
    return timezone.localdate()


def now() -> datetime:
    """The application's "now" (aware, Oslo time): the real time, or with a frozen clock
    the frozen day at the current time of day, so that times recorded in the demo (an
    audit's assessments, for example) fall on the demo's day like everything else."""
    real = timezone.localtime()
    fixed: date | None = settings.INTROSAK_AS_OF
    if fixed is None:
        return real
    return real.replace(year=fixed.year, month=fixed.month, day=fixed.day)


def is_frozen() -> bool:
    return settings.INTROSAK_AS_OF is not None
