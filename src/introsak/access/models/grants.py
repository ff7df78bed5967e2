from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class AuditGrant(models.Model):
    """Read-only access for an auditor to some districts' cases, for a limited time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_grants"
    )
    districts = models.ManyToManyField("core.District", related_name="audit_grants")
    justification = models.TextField(_("justification"))
    starts_on = models.DateField(_("valid from"))
    ends_on = models.DateField(_("valid until"))
    show_identities = models.BooleanField(
        _("show names and identity numbers"), default=False,
        help_text=_("Without this, the auditor sees pseudonymised identities."),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_grants_given"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("audit grant")
        verbose_name_plural = _("audit grants")
        constraints = [
            models.CheckConstraint(name="grant_ends_after_start",
                                   condition=Q(ends_on__gte=F("starts_on"))),
        ]


class ProtectedPersonClearance(models.Model):
    """An explicit clearance for one user to see one strictly confidential person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clearances"
    )
    person = models.ForeignKey(
        "cases.Person", on_delete=models.CASCADE, related_name="clearances"
    )
    justification = models.TextField(_("justification"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="clearances_given"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "person"], name="clearance_user_person")
        ]
