from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from introsak.audits.enums import AuditKind, CriterionKind


class Audit(models.Model):
    """A case-file review: which districts, which programme starts, as of which date, against
    which criteria, by whom. Its sample, control forms and findings hang off it.

    An audit is immutable once created: changing the period or the criteria would make the
    drawn sample and the assessments mean something else. Start a new audit instead.
    """

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=AuditKind.choices, default=AuditKind.EXTERNAL
    )
    districts = models.ManyToManyField(
        "core.District", verbose_name=_("districts"), related_name="audits"
    )
    started_from = models.DateField(_("programme started from"))
    started_to = models.DateField(_("programme started until"))
    as_of = models.DateField(
        _("as of"), help_text=_("The rules are evaluated as of this date; later facts are ignored.")
    )
    sample_size = models.PositiveSmallIntegerField(
        _("cases per district"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    stratify = models.BooleanField(
        _("guarantee both residence-basis groups"),
        default=False,
        help_text=_(
            "At least one case with collective protection and one with another "
            "residence basis per district, when the frame has both."
        ),
    )
    auditors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("auditors"), related_name="audits"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audits_created",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit")
        verbose_name_plural = _("audits")
        constraints = [
            models.CheckConstraint(
                name="audit_period_ordered", condition=Q(started_to__gte=F("started_from"))
            ),
            models.CheckConstraint(
                name="audit_as_of_after_period_start", condition=Q(as_of__gte=F("started_from"))
            ),
            models.CheckConstraint(
                name="audit_sample_size_positive", condition=Q(sample_size__gte=1)
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AuditCriterion(models.Model):
    """One criterion of an audit: a catalogue rule, a derived criterion (``code``) or a free
    text the auditor assesses by hand (``text``)."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(_("kind"), max_length=10, choices=CriterionKind.choices)
    code = models.CharField(_("rule"), max_length=30, blank=True)
    text = models.TextField(_("criterion"), blank=True)

    class Meta:
        ordering = ["audit", "position"]
        verbose_name = _("audit criterion")
        verbose_name_plural = _("audit criteria")
        constraints = [
            models.UniqueConstraint(fields=["audit", "position"], name="criterion_position"),
            models.UniqueConstraint(
                fields=["audit", "code"], condition=~Q(code=""), name="criterion_code_once"
            ),
            models.CheckConstraint(
                name="criterion_code_or_text",
                condition=(Q(kind=CriterionKind.MANUAL) & Q(code="") & ~Q(text=""))
                | (~Q(kind=CriterionKind.MANUAL) & ~Q(code="")),
            ),
        ]

    def __str__(self) -> str:
        return self.code or self.text[:50]
