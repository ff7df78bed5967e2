from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from introsak.audits.enums import ExclusionReason, ResidenceGroup
from introsak.cases.enums import EndGoal


class AuditSample(models.Model):
    """The audit's random sample: the seed it was drawn with. The frame, the exclusions and
    the drawn cases are the ``FrameCase`` rows; with the seed they reproduce the draw."""

    audit = models.OneToOneField("audits.Audit", on_delete=models.CASCADE, related_name="sample")
    seed = models.BigIntegerField(_("seed"))
    drawn_at = models.DateTimeField(_("drawn"), auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("audit sample")
        verbose_name_plural = _("audit samples")
        constraints = [
            models.CheckConstraint(name="sample_seed_non_negative", condition=Q(seed__gte=0))
        ]

    def __str__(self) -> str:
        return f"{self.audit} ({self.seed})"


class FrameCase(models.Model):
    """One case of the sampling frame: a case in an audited district whose programme started
    in the audit's period. ``rank`` is its place in the seeded random order of its district;
    ``drawn`` says it is in the sample; ``exclusion`` why it may not be drawn.

    ``case_number``, ``residence_group`` and ``end_goal`` are kept as they were when the
    frame was taken, so the draw can be repeated from the stored frame alone.
    """

    sample = models.ForeignKey(AuditSample, on_delete=models.CASCADE, related_name="frame")
    case = models.ForeignKey(
        "cases.ProgrammeCase", on_delete=models.PROTECT, related_name="audit_frames"
    )
    district = models.ForeignKey("core.District", on_delete=models.PROTECT, related_name="+")
    case_number = models.CharField(_("case number"), max_length=64)
    pseudonym = models.CharField(_("pseudonym"), max_length=30)
    residence_group = models.CharField(
        _("residence basis"), max_length=30, choices=ResidenceGroup.choices
    )
    end_goal = models.CharField(_("end goal"), max_length=40, choices=EndGoal.choices, blank=True)
    rank = models.PositiveIntegerField(_("random order"))
    drawn = models.BooleanField(_("drawn"), default=False)
    exclusion = models.CharField(
        _("excluded because"), max_length=20, choices=ExclusionReason.choices, blank=True
    )
    exclusion_note = models.TextField(_("note on the exclusion"), blank=True)
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    excluded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["district__number", "rank"]
        verbose_name = _("case in the sampling frame")
        verbose_name_plural = _("cases in the sampling frame")
        constraints = [
            models.UniqueConstraint(fields=["sample", "case"], name="frame_case_once"),
            models.UniqueConstraint(
                fields=["sample", "district", "rank"], name="frame_rank_per_district"
            ),
            models.CheckConstraint(
                name="excluded_case_not_drawn", condition=Q(exclusion="") | Q(drawn=False)
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym
