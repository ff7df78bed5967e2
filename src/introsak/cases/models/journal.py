from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JournalNote(models.Model):
    """A dated note in the case journal."""

    case = models.ForeignKey(
        "cases.ProgrammeCase", on_delete=models.CASCADE, related_name="journal_notes"
    )
    written_on = models.DateField(_("date"))
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="journal_notes",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_on", "id"]
        verbose_name = _("journal note")
        verbose_name_plural = _("journal notes")

    def __str__(self) -> str:
        return f"{self.written_on}"
