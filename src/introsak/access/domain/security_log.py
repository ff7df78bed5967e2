"""The security log: refused requests and other security-relevant events.

Kept apart from the access log (which records only openings of a person's case). Rows carry
no personal data about participants: paths and details are masked for identity numbers and
refer to cases and persons by primary key only.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar, Token

from introsak.access.models import SecurityEvent
from introsak.accounts.models import User
from introsak.core.logging import mask_identity_numbers
from introsak.core.security import EventUser

logger = logging.getLogger("introsak.security")
_written: ContextVar[int] = ContextVar("introsak_security_events_written", default=0)


def reset_events_written() -> Token[int]:
    """Start counting the rows one request writes (``access.middleware``)."""
    return _written.set(0)


def events_written() -> int:
    return _written.get()


def security_event(
    *, event: str, user: EventUser = None, path: str = "", detail: str = ""
) -> SecurityEvent:
    """Write one security-log row (and one log line). ``user`` may be anonymous or None.

    Side effects: inserts a ``SecurityEvent``; logs at WARNING on ``introsak.security``.
    """
    account = user if isinstance(user, User) else None
    row = SecurityEvent.objects.create(
        user=account,
        event=event[:40],
        path=mask_identity_numbers(path)[:300],
        detail=mask_identity_numbers(detail)[:300],
    )
    _written.set(_written.get() + 1)
    logger.warning(
        "security event %s user=%s path=%s %s",
        row.event,
        account.pk if account else "-",
        row.path,
        row.detail,
    )
    return row
