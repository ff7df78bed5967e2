"""Append-only logs: who opened whose case, and which requests were refused.

Rows are written once and never changed: ``save`` refuses updates, ``delete`` refuses, and
the manager's ``update``/``delete``/``bulk_update`` refuse too, so no ORM path can rewrite
history. On PostgreSQL a trigger (migration 0002) refuses UPDATE and DELETE at the database
whatever code runs. Neither log holds names or identity numbers: the access log refers to the
person and the case by primary key.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from introsak.access.enums import AccessAction


class AppendOnlyError(RuntimeError):
    """A log row may be written once and never changed or deleted."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed")

    def delete(self) -> NoReturn:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be deleted")

    def update_or_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be deleted")


class AccessLogEntry(AppendOnlyModel):
    """One opening of a person's case (page, export, API, audit, data-subject export)."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_log"
    )
    person_id = models.BigIntegerField(_("person"), db_index=True)
    case_id = models.BigIntegerField(_("case"))
    action = models.CharField(_("action"), max_length=20, choices=AccessAction.choices)
    purpose = models.CharField(_("purpose"), max_length=200)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access-log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["user", "at"], name="accesslog_user_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} user {self.user_id} {self.action} case {self.case_id}"


class SecurityEvent(AppendOnlyModel):
    """A refused request or another security-relevant event (no personal data)."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="security_events",
    )
    event = models.CharField(_("event"), max_length=40)
    path = models.CharField(_("path"), max_length=300, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("security event")
        verbose_name_plural = _("security log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.event}"
