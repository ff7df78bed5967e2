from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from introsak.accounts.models import User


def staff_user(request: HttpRequest) -> User:
    """The staff user of a request behind ``login_required``. Anyone else is refused (403,
    which the security log records)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
