from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from introsak.cases.enums import FindingStatus


class CaseFinding(models.Model):
    """The stored result of one rule for one case, as of ``ProgrammeCase.findings_as_of``.

    Written only by ``cases.domain.deadlines``; lists and statistics filter, count and sort
    on these rows instead of evaluating rules per row. A pending finding whose deadline has
    passed since it was computed is treated as overdue by the queries (``deadline < today``),
    and the nightly ``recompute_deadlines`` command rewrites every row.
    """

    case = models.ForeignKey(
        "cases.ProgrammeCase", on_delete=models.CASCADE, related_name="findings"
    )
    rule = models.CharField(_("rule"), max_length=20)
    status = models.CharField(_("status"), max_length=20, choices=FindingStatus.choices)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    satisfied_on = models.DateField(_("satisfied on"), null=True, blank=True)
    severity = models.CharField(max_length=10)
    category = models.CharField(max_length=20)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(fields=["case", "rule"], name="finding_case_rule"),
        ]
        indexes = [
            models.Index(fields=["rule", "status", "deadline"], name="finding_rule_status"),
            models.Index(fields=["status", "deadline"], name="finding_status_deadline"),
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.status}"
