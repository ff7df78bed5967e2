"""Security events, reported from any layer and recorded by the security log in ``access``.

The security log (its model, append-only storage and reports) belongs to ``access``, which
sits above ``core`` and ``accounts``. Code in those lower layers still has events to report
(an expired session, an identity number in an address, a failed log-in, a wrong two-factor
code, a changed role) and must not import ``access``: it calls ``security_event`` here, and
``access`` connects the function that writes the row when the app registry is ready
(``AccessConfig.ready``). Without a recorder ``security_event`` raises instead of dropping
the event.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured

EventUser = AbstractBaseUser | AnonymousUser | None


class SecurityEventKind(StrEnum):
    """Security-log event names (the ``event`` column). Refusals are ``denied_<permission>``."""

    LOGIN_FAILED = "login_failed"
    LOCKED_OUT = "locked_out"  # after repeated failed log-ins
    OTP_FAILED = "otp_failed"  # a wrong two-factor code
    OTP_ENROLLED = "otp_enrolled"
    SESSION_EXPIRED = "session_expired"  # by the idle or absolute limit
    IDENTITY_IN_URL = "identity_in_url"  # refused
    CSRF_FAILURE = "csrf_failure"
    GRANT_SAVED = "grant_saved"  # an audit grant created or changed
    CLEARANCE_GRANTED = "clearance_granted"  # for a protected person
    CLEARANCE_REVOKED = "clearance_revoked"
    GRADING_CHANGED = "grading_changed"  # a person's protected-address grading
    ROLE_CHANGED = "role_changed"  # a user's role, district or active flag
    PASSWORD_SET = "password_set"  # noqa: S105 - an event name: an administrator set a password
    OTP_DEVICE_ADDED = "otp_device_added"  # by an administrator
    OTP_DEVICE_CHANGED = "otp_device_changed"
    OTP_DEVICE_REMOVED = "otp_device_removed"
    RETENTION_RUN = "retention_run"  # the retention job anonymised cases


class SecurityRecorder(Protocol):
    def __call__(self, *, event: str, user: EventUser, path: str, detail: str) -> object: ...


_recorders: list[SecurityRecorder] = []


def connect_recorder(recorder: SecurityRecorder) -> None:
    """Make ``recorder`` the one that writes every reported event (replacing any other)."""
    _recorders[:] = [recorder]


def security_event(*, event: str, user: EventUser = None, path: str = "", detail: str = "") -> None:
    """Report one security event; ``user`` may be anonymous or None.

    Side effects: the connected recorder's (``access``: one ``SecurityEvent`` row and one log
    line). Raises ``ImproperlyConfigured`` if no recorder is connected.
    """
    if not _recorders:
        raise ImproperlyConfigured("no security-log recorder: is introsak.access installed?")
    _recorders[0](event=event, user=user, path=path, detail=detail)
