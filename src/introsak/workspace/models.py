"""What the workspace keeps for its users: their saved filter sets."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedFilter(models.Model):
    """A named worklist view of one user: scope, ready filters and their combination,
    adviser, sort and whether closed cases are shown, as the worklist's query string. The
    search text is never kept (it may be a participant's name)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters"
    )
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("worklist query"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("saved filter set")
        verbose_name_plural = _("saved filter sets")
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="savedfilter_user_name")
        ]

    def __str__(self) -> str:
        return self.name
