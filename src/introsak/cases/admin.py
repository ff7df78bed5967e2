"""Admin for the case models.

Administrators manage users and settings, not case content: the case models are shown
read-only, with structural fields only (no names, identity numbers, residence basis or free
text), and strictly confidential persons and their rows are left out of every list (they
appear nowhere but to users cleared for them). Case work happens in the workspace, through the
access gateway, where it is logged.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from introsak.casefacts.enums import ProtectedAddress
from introsak.cases import models


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    # The lookup from the model to the person's grading (strictly confidential rows hidden).
    grading_lookup = "case__person__protected_address"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return (
            super()
            .get_queryset(request)
            .exclude(**{self.grading_lookup: ProtectedAddress.STRICTLY_CONFIDENTIAL})
        )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.ProgrammeCase)
class ProgrammeCaseAdmin(ReadOnlyAdmin):
    grading_lookup = "person__protected_address"
    list_display = [
        "case_id",
        "district",
        "adviser",
        "stage",
        "next_deadline_rule",
        "next_deadline_date",
        "version",
    ]
    list_filter = ["district", "stage"]
    search_fields = ["case_id"]
    fields = [
        "case_id",
        "district",
        "adviser",
        "stage",
        "decision_date",
        "start_date",
        "end_date",
        "end_reason",
        "version",
        "findings_as_of",
    ]
    list_select_related = ["district", "adviser"]


@admin.register(models.Person)
class PersonAdmin(ReadOnlyAdmin):
    grading_lookup = "protected_address"
    list_display = ["id", "created_at", "updated_at"]
    fields = ["created_at", "updated_at"]


@admin.register(models.IntegrationPlan)
class IntegrationPlanAdmin(ReadOnlyAdmin):
    list_display = ["case", "decided_on", "end_goal", "duration_months"]
    fields = ["case", "decided_on", "end_goal", "duration_months"]
    list_select_related = ["case"]


@admin.register(models.PlanItem)
class PlanItemAdmin(ReadOnlyAdmin):
    grading_lookup = "plan__case__person__protected_address"
    list_display = ["plan", "kind", "position"]
    fields = ["plan", "kind", "position"]


@admin.register(models.Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "date", "documented"]
    list_filter = ["kind", "documented"]
    fields = ["case", "kind", "date", "documented"]
    list_select_related = ["case"]


@admin.register(models.Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "start", "end", "hours_per_week"]
    list_filter = ["kind"]
    fields = ["case", "kind", "start", "end", "hours_per_week"]
    list_select_related = ["case"]


@admin.register(models.Leave)
class LeaveAdmin(ReadOnlyAdmin):
    list_display = ["case", "start", "end", "approved"]
    fields = ["case", "start", "end", "approved"]


@admin.register(models.Extension)
class ExtensionAdmin(ReadOnlyAdmin):
    list_display = ["case", "decided_on", "months"]
    fields = ["case", "decided_on", "months"]


@admin.register(models.EducationRecognition)
class EducationRecognitionAdmin(ReadOnlyAdmin):
    list_display = ["case", "relevant", "sent_date", "sent_by", "outcome"]
    fields = ["case", "relevant", "sent_date", "sent_by", "outcome"]


@admin.register(models.JournalNote)
class JournalNoteAdmin(ReadOnlyAdmin):
    list_display = ["case", "written_on", "author"]
    fields = ["case", "written_on", "author"]


@admin.register(models.CaseFinding)
class CaseFindingAdmin(ReadOnlyAdmin):
    list_display = ["case", "rule", "status", "deadline", "satisfied_on"]
    list_filter = ["rule", "status"]
    fields = ["case", "rule", "status", "deadline", "satisfied_on", "severity", "category"]
