from __future__ import annotations

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from introsak.accounts.enums import DISTRICT_ROLES, Role


class User(AbstractUser):
    """A staff user. Access follows from ``role`` and ``district``; a user without a role
    has no access to anything (least privilege for new accounts)."""

    role = models.CharField(_("role"), max_length=30, choices=Role.choices, blank=True)
    district = models.ForeignKey(
        "core.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="district_role_has_district",
                condition=~Q(role__in=sorted(r.value for r in DISTRICT_ROLES))
                | Q(district__isnull=False),
                violation_error_message=_(
                    "Settlement workers, programme advisers and team "
                    "coordinators belong to a district."
                ),
            ),
        ]

    @property
    def role_enum(self) -> Role | None:
        return Role(self.role) if self.role else None

    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def identified_name(self) -> str:
        """The name with the username, wherever staff are picked or shown next to others
        (two colleagues may share a name: the demo has two "Sara Solberg"); the username
        alone when no name is set."""
        name = self.get_full_name()
        return f"{name} ({self.username})" if name else self.username


# Who makes a request (``request.user``): a staff user, or someone not logged in. The access
# gateway's entry points take a ``Visitor`` and refuse anyone who is not a ``User`` with the
# permission.
Visitor = User | AnonymousUser
