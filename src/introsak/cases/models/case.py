from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from introsak.cases.enums import EndReason, FindingStatus, Stage


class ProgrammeCase(models.Model):
    """One person's introduction-programme case, from settlement to the end and after.

    ``version`` implements optimistic concurrency: every write through the domain layer
    checks and bumps it, so a second editor working from a stale page cannot overwrite.
    ``stage``, ``next_deadline_*`` and ``flag_*_from`` are derived from the facts and the
    rules engine and stored so that worklists can filter, count and sort in the database.
    """

    case_id = models.CharField(_("case number"), max_length=64, unique=True)
    person = models.OneToOneField(
        "cases.Person", on_delete=models.PROTECT, related_name="programme_case"
    )
    district = models.ForeignKey(
        "core.District", verbose_name=_("district"), on_delete=models.PROTECT, related_name="cases"
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("programme adviser"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advised_cases",
    )
    claim_date = models.DateField(_("claim date"), null=True, blank=True)
    mapping_date = models.DateField(_("competence mapping completed"), null=True, blank=True)
    career_guidance_date = models.DateField(_("career guidance"), null=True, blank=True)
    decision_date = models.DateField(_("programme decision"), null=True, blank=True)
    start_date = models.DateField(_("programme start"), null=True, blank=True)
    part_time_percent = models.PositiveSmallIntegerField(_("programme share (%)"), default=100)
    contract_date = models.DateField(_("integration contract signed"), null=True, blank=True)
    jobseeker_registered_date = models.DateField(
        _("registered as job seeker"), null=True, blank=True
    )
    end_date = models.DateField(_("programme end"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=30, choices=EndReason.choices, blank=True
    )
    certificate_issued_date = models.DateField(
        _("participant certificate issued"), null=True, blank=True
    )

    version = models.PositiveIntegerField(default=1)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.SETTLED
    )
    next_deadline_rule = models.CharField(max_length=20, blank=True)
    next_deadline_date = models.DateField(null=True, blank=True)
    next_deadline_status = models.CharField(
        max_length=20, choices=FindingStatus.choices, blank=True
    )
    findings_as_of = models.DateField(null=True, blank=True)
    # The first day of each worklist flag (``cases.domain.flags``; None: not set).
    flag_not_started_from = models.DateField(null=True, blank=True)
    flag_no_mapping_from = models.DateField(null=True, blank=True)
    flag_no_three_party_from = models.DateField(null=True, blank=True)
    flag_no_contract_from = models.DateField(null=True, blank=True)
    flag_time_running_out_from = models.DateField(null=True, blank=True)
    flag_no_recognition_from = models.DateField(null=True, blank=True)
    flag_no_jobseeker_from = models.DateField(null=True, blank=True)
    flag_work_hours_from = models.DateField(null=True, blank=True)
    flag_no_certificate_from = models.DateField(null=True, blank=True)
    flag_u25_goal_from = models.DateField(null=True, blank=True)
    flag_plan_review_from = models.DateField(null=True, blank=True)
    flag_no_norwegian_from = models.DateField(null=True, blank=True)
    # Issue 15 (placements), derived like the flags: the first day with no current or planned
    # work-oriented activity; the end of the next placement activity still running.
    flag_no_work_activity_from = models.DateField(null=True, blank=True)
    placement_ends_on = models.DateField(null=True, blank=True)
    # Issue 16, derived like the flags: the first day of each flag on the way into Norwegian
    # training (``cases.domain.deadlines.training_flags``).
    flag_school_wait_from = models.DateField(null=True, blank=True)
    flag_no_placement_test_from = models.DateField(null=True, blank=True)
    flag_no_address_from = models.DateField(null=True, blank=True)
    # Issue 15: how many placement offers the participant has declined (kept by the
    # placements app's pipeline, for the worklist's "two or more declined offers").
    declined_offers = models.PositiveSmallIntegerField(default=0, db_default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("programme case")
        verbose_name_plural = _("programme cases")
        indexes = [
            models.Index(fields=["district", "next_deadline_date"], name="case_district_deadline"),
            models.Index(fields=["adviser", "next_deadline_date"], name="case_adviser_deadline"),
            models.Index(fields=["district", "stage"], name="case_district_stage"),
            models.Index(fields=["end_date"], name="case_end_date"),
            models.Index(fields=["start_date"], name="case_start_date"),
        ]
        constraints = [
            models.CheckConstraint(
                name="part_time_percent_1_100",
                condition=Q(part_time_percent__gte=1) & Q(part_time_percent__lte=100),
            ),
            models.CheckConstraint(
                name="end_reason_needs_end_date",
                condition=Q(end_reason="") | Q(end_date__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.case_id
