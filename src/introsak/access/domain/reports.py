"""Access-log reports: "who looked at this person" and "what did this user look at".

Both read the append-only access log for a date range (inclusive, Oslo time). Rows are
exported as JSON Lines whose keys are ArcSight Common Event Format (CEF) names, as NAV's
audit logging uses them (``suid`` who, ``duid`` whom, ``end`` when, ``act`` what, a custom
string for the purpose); ``duid`` is Introsak's person id, never an identity number. Looking
up a person for a report is itself written to the access log (``LOG_REPORT``), so the person
can see that the log was consulted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from introsak.access.domain.gateway import require_permission
from introsak.access.enums import AccessAction, Permission
from introsak.access.models import AccessLogEntry, SecurityEvent
from introsak.casefacts.enums import ProtectedAddress
from introsak.cases.models import Person, ProgrammeCase
from introsak.core.tabular import Cell

CEF_VENDOR = "Introsak"
CEF_VERSION = "1.0"
DENIED_PREFIX = "denied_"


@dataclass(frozen=True)
class Period:
    """A date range, both ends included."""

    start: date
    end: date

    def bounds(self) -> tuple[datetime, datetime]:
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, zone),
            datetime.combine(self.end + timedelta(days=1), time.min, zone),
        )


@dataclass(frozen=True)
class ReportRow:
    """One access-log row as the report shows it."""

    entry: AccessLogEntry
    case_number: str  # empty for a strictly confidential person
    protected: bool


def person_for_report(
    *, viewer: Any, case_number: str = "", national_id: str = "", path: str = ""
) -> Person | None:
    """The person a "who looked" report is about, found by case number or identity number.

    Side effects: writes the security log if the viewer may not read the access log; writes
    one access-log row (``LOG_REPORT``) when a person is found.
    """
    require_permission(viewer, Permission.ACCESS_LOG_VIEW, path=path)
    case = None
    if case_number.strip():
        case = ProgrammeCase.objects.filter(case_id=case_number.strip()).first()
    elif national_id.strip():
        case = ProgrammeCase.objects.filter(person__national_id=national_id.strip()).first()
    if case is None:
        return None
    AccessLogEntry.objects.create(
        user=viewer,
        person_id=case.person_id,
        case_id=case.pk,
        action=AccessAction.LOG_REPORT,
        purpose="access-log report (who looked at this person)",
    )
    return case.person


def entries_for_person(person_id: int, period: Period) -> QuerySet[AccessLogEntry]:
    start, end = period.bounds()
    return (
        AccessLogEntry.objects.filter(person_id=person_id, at__gte=start, at__lt=end)
        .select_related("user", "user__district")
        .order_by("at", "id")
    )


def entries_for_user(user_id: int, period: Period) -> QuerySet[AccessLogEntry]:
    start, end = period.bounds()
    return (
        AccessLogEntry.objects.filter(user_id=user_id, at__gte=start, at__lt=end)
        .select_related("user", "user__district")
        .order_by("at", "id")
    )


def security_events(period: Period) -> QuerySet[SecurityEvent]:
    start, end = period.bounds()
    return (
        SecurityEvent.objects.filter(at__gte=start, at__lt=end)
        .select_related("user")
        .order_by("at", "id")
    )


def report_rows(entries: Iterable[AccessLogEntry]) -> list[ReportRow]:
    """Rows with the case number, except for strictly confidential persons (two queries)."""
    rows = list(entries)
    cases = {
        pk: (number, grading)
        for pk, number, grading in ProgrammeCase.objects.filter(
            pk__in={e.case_id for e in rows}
        ).values_list("pk", "case_id", "person__protected_address")
    }
    out = []
    for entry in rows:
        number, grading = cases.get(entry.case_id, ("", ProtectedAddress.NONE))
        strict = grading == ProtectedAddress.STRICTLY_CONFIDENTIAL
        out.append(
            ReportRow(
                entry=entry,
                case_number="" if strict else number,
                protected=grading != ProtectedAddress.NONE,
            )
        )
    return out


# --- CEF ----------------------------------------------------------------------------------


def _epoch_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def cef_access(row: ReportRow) -> dict[str, Any]:
    """One access-log row with CEF field names (NAV's audit-log conventions)."""
    entry = row.entry
    return {
        "version": 0,
        "deviceVendor": CEF_VENDOR,
        "deviceProduct": "AccessLog",
        "deviceVersion": CEF_VERSION,
        "deviceEventClassId": "audit:access",
        "name": "Access log",
        "severity": "WARN" if row.protected else "INFO",
        "end": _epoch_ms(entry.at),
        "suid": entry.user.username,
        "duid": str(entry.person_id),
        "act": entry.action,
        "msg": str(AccessAction(entry.action).label),
        "cn1Label": "case",
        "cn1": entry.case_id,
        "cs3Label": "purpose",
        "cs3": entry.purpose,
        "cs5Label": "caseNumber",
        "cs5": row.case_number,
        "flexString1Label": "Decision",
        "flexString1": "Permit",
    }


def cef_security(event: SecurityEvent) -> dict[str, Any]:
    """One security-log row with CEF field names; denials have ``Decision=Deny``."""
    denied = event.event.startswith(DENIED_PREFIX)
    return {
        "version": 0,
        "deviceVendor": CEF_VENDOR,
        "deviceProduct": "SecurityLog",
        "deviceVersion": CEF_VERSION,
        "deviceEventClassId": "audit:deny" if denied else f"security:{event.event}",
        "name": "Security log",
        "severity": "WARN",
        "end": _epoch_ms(event.at),
        "suid": event.user.username if event.user else "",
        "act": event.event,
        "request": event.path,
        "msg": event.detail,
        "flexString1Label": "Decision",
        "flexString1": "Deny" if denied else "",
    }


def json_lines(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    for record in records:
        yield json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n"


REPORT_COLUMNS = ("time", "user", "role", "district", "action", "purpose", "person", "case")


def table_rows(rows: Iterable[ReportRow]) -> Iterator[list[Cell]]:
    """Rows for the CSV/Excel export (cells made spreadsheet-safe by ``core.tabular``)."""
    for row in rows:
        e = row.entry
        yield [
            timezone.localtime(e.at).replace(tzinfo=None),
            e.user.username,
            e.user.role,
            e.user.district.slug if e.user.district else "",
            e.action,
            e.purpose,
            e.person_id,
            row.case_number,
        ]
