"""The append-only history of corrections to recorded events.

A recorded meeting, activity, leave, extension or recognition of education can be completed
or corrected afterwards (``introsak.cases.domain.operations.event_correct``): the event's
row then holds the new values, and one ``EventCorrection`` keeps what changed (field by
field, old → new), why (the required reason), who and when. Rows are only ever added: the
application never changes or deletes one (``save`` refuses an update, ``delete`` refuses),
so the case page can show every event's full history. The case's ``CaseChange`` for the same
version says that the case changed (step "correction").
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from introsak.cases.enums import EventKind


class AppendOnly(Exception):
    """A correction's history row was to be changed or deleted."""


class EventCorrection(models.Model):
    """One correction of one recorded event: the case's version after it, the event, the
    changed fields with their old and new values, the reason, the user and the time."""

    case = models.ForeignKey(
        "cases.ProgrammeCase", on_delete=models.CASCADE, related_name="corrections"
    )
    version = models.PositiveIntegerField(_("version"))
    event = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    # Not a foreign key: the history outlives a re-import that replaces the event's row.
    event_id = models.PositiveBigIntegerField(_("event number"))
    # JSON text: [{"field": name, "old": value, "new": value}, …] (dates in ISO form);
    # emptied when the case is anonymised, because minutes are free text. Text, not a JSON
    # field, so the case page reads it in its one query (``cases.domain.single``).
    changes = models.TextField(_("changed values"))
    reason = models.TextField(_("reason"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["version", "id"]
        verbose_name = _("correction of a recorded event")
        verbose_name_plural = _("corrections of recorded events")
        indexes = [models.Index(fields=["case", "version"], name="eventcorrection_case")]

    def __str__(self) -> str:
        return f"{self.case_id} v{self.version}: {self.event} {self.event_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnly("a correction is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("a correction is never deleted")

    @property
    def changed(self) -> list[dict[str, Any]]:
        """The changed fields with their old and new values (none once anonymised)."""
        return list(json.loads(self.changes)) if self.changes else []
