from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class AuditGrant(models.Model):
    """Read-only access for an auditor to some districts' cases, for a limited time.

    Valid from ``starts_on`` to ``ends_on`` inclusive (the application's clock decides; the
    access stops by itself the day after). ``ends_on`` may be at most
    ``access.domain.grants.MAX_GRANT_DAYS`` days after the day the grant is saved. With
    ``cases_started_from``/``cases_started_until`` only cases whose programme started in
    that period are covered. Create and change grants with ``audit_grant_save`` (the admin
    does), which validates them and writes the security log.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="audit_grants",
        verbose_name=_("auditor"),
    )
    districts = models.ManyToManyField(
        "core.District", related_name="audit_grants", verbose_name=_("districts")
    )
    justification = models.TextField(_("justification"))
    starts_on = models.DateField(_("valid from"))
    ends_on = models.DateField(_("valid until"))
    cases_started_from = models.DateField(
        _("cases with programme start from"), null=True, blank=True
    )
    cases_started_until = models.DateField(
        _("cases with programme start until"), null=True, blank=True
    )
    show_identities = models.BooleanField(
        _("show names and identity numbers"),
        default=False,
        help_text=_("Without this, the auditor sees pseudonymised identities."),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="audit_grants_given",
        verbose_name=_("granted by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("audit grant")
        verbose_name_plural = _("audit grants")
        constraints = [
            models.CheckConstraint(
                name="grant_ends_after_start", condition=Q(ends_on__gte=F("starts_on"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.starts_on}–{self.ends_on}"


class ProtectedPersonClearance(models.Model):
    """An explicit clearance for one user to see one strictly confidential person.

    Create and revoke with ``access.domain.protection.clearance_grant``/``clearance_revoke``.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="clearances",
        verbose_name=_("user"),
    )
    person = models.ForeignKey("cases.Person", on_delete=models.CASCADE, related_name="clearances")
    justification = models.TextField(_("justification"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="clearances_given"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("clearance for a protected person")
        verbose_name_plural = _("clearances for protected persons")
        constraints = [
            models.UniqueConstraint(fields=["user", "person"], name="clearance_user_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → person {self.person_id}"
