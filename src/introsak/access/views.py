"""Access-log reports, the security log and the data-subject export (HTTP only; the work is
in ``access.domain``). All pages need ``ACCESS_LOG_VIEW`` (the administrator role) except the
data-subject export, which needs the export permission for the case (the gateway decides)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from introsak.access.domain.gateway import case_for_permission, require_permission
from introsak.access.domain.reports import (
    REPORT_COLUMNS,
    ReportRow,
    cef_access,
    cef_security,
    entries_for_person,
    entries_for_user,
    json_lines,
    person_for_report,
    report_rows,
    security_events,
    table_rows,
)
from introsak.access.domain.security_log import security_event
from introsak.access.domain.subject_export import subject_export
from introsak.access.enums import Permission
from introsak.access.interfaces.forms import (
    PeriodForm,
    PersonReportForm,
    SubjectExportForm,
    UserReportForm,
)
from introsak.accounts.models import User
from introsak.accounts.requests import staff_user
from introsak.core.security import SecurityEventKind
from introsak.core.tabular import Cell, csv_bytes

View = Callable[..., HttpResponse]


def _log_reader(view: View) -> View:
    """Log-in required, and the access-log permission (refusals go to the security log)."""

    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require_permission(request.user, Permission.ACCESS_LOG_VIEW, path=request.path)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _download(content: bytes | Iterable[str], content_type: str, filename: str) -> HttpResponse:
    body = content if isinstance(content, bytes) else "".join(content).encode("utf-8")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _access_response(
    request: HttpRequest,
    form: PeriodForm,
    rows: list[ReportRow],
    template: str,
    context: dict[str, Any],
    stem: str,
) -> HttpResponse:
    fmt = form.cleaned_data["format"]
    if fmt == "jsonl":
        return _download(
            json_lines(cef_access(r) for r in rows),
            "application/x-ndjson; charset=utf-8",
            f"{stem}.jsonl",
        )
    if fmt == "csv":
        return _download(
            csv_bytes(REPORT_COLUMNS, table_rows(rows)), "text/csv; charset=utf-8", f"{stem}.csv"
        )
    return render(request, template, {**context, "form": form, "rows": rows})


@require_GET
@_log_reader
def reports(request: HttpRequest) -> HttpResponse:
    """The access-log reports: who looked at a person, what a user looked at."""
    return render(
        request,
        "access/reports.html",
        {
            "person_form": PersonReportForm(),
            "user_form": UserReportForm(),
            "period_form": PeriodForm(),
        },
    )


@require_http_methods(["GET", "POST"])
@_log_reader
def person_report(request: HttpRequest) -> HttpResponse:
    """Who opened one person's case in a period (the lookup posts: identity numbers never
    travel in an address)."""
    form = PersonReportForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "rows": None}
    if request.method == "POST" and form.is_valid():
        person = person_for_report(
            viewer=request.user,
            case_number=form.cleaned_data["case_number"],
            national_id=form.cleaned_data["national_id"],
            path=request.path,
        )
        if person is None:
            form.add_error(None, _("No person with that case number or identity number."))
        else:
            rows = report_rows(entries_for_person(person.pk, form.period))
            return _access_response(
                request,
                form,
                rows,
                "access/person_report.html",
                {"person_id": person.pk},
                f"access-log-person-{person.pk}",
            )
    return render(request, "access/person_report.html", context)


@require_GET
@_log_reader
def user_report(request: HttpRequest) -> HttpResponse:
    """What one user opened in a period."""
    form = UserReportForm(request.GET if "username" in request.GET else None)
    if form.is_bound and form.is_valid():
        account = User.objects.filter(username=form.cleaned_data["username"]).first()
        if account is None:
            form.add_error("username", _("No user with that user name."))
        else:
            rows = report_rows(entries_for_user(account.pk, form.period))
            return _access_response(
                request,
                form,
                rows,
                "access/user_report.html",
                {"account": account},
                f"access-log-user-{account.pk}",
            )
    return render(request, "access/user_report.html", {"form": form, "rows": None})


@require_GET
@_log_reader
def security_log(request: HttpRequest) -> HttpResponse:
    """Refused requests and other security events in a period."""
    form = PeriodForm(request.GET if "start" in request.GET else None)
    events = None
    if form.is_bound and form.is_valid():
        events = list(security_events(form.period))
        if form.cleaned_data["format"] == "jsonl":
            return _download(
                json_lines(cef_security(e) for e in events),
                "application/x-ndjson; charset=utf-8",
                "security-log.jsonl",
            )
        if form.cleaned_data["format"] == "csv":
            rows: list[list[Cell]] = [
                [
                    e.at.replace(tzinfo=None),
                    e.user.username if e.user else "",
                    e.event,
                    e.path,
                    e.detail,
                ]
                for e in events
            ]
            return _download(
                csv_bytes(("time", "user", "event", "path", "detail"), rows),
                "text/csv; charset=utf-8",
                "security-log.csv",
            )
    return render(request, "access/security_log.html", {"form": form, "events": events})


@login_required
@require_http_methods(["GET", "POST"])
def subject_export_view(request: HttpRequest, case_pk: int) -> HttpResponse:
    """All data about the person of a case, as PDF or JSON, for the person's request for
    access (GDPR art. 15). Needs the export permission for the case."""
    case = case_for_permission(
        staff_user(request), case_pk=case_pk, permission=Permission.CASE_EXPORT, path=request.path
    )
    form = SubjectExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        export = subject_export(
            user=staff_user(request),
            case_pk=case.pk,
            fmt=form.cleaned_data["format"],
            purpose=form.cleaned_data["purpose"],
            path=request.path,
        )
        return _download(export.content, export.content_type, export.filename)
    return render(request, "access/subject_export.html", {"case": case, "form": form})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF failure view, with the refusal written to the security log."""
    security_event(
        event=SecurityEventKind.CSRF_FAILURE,
        user=getattr(request, "user", None),
        path=request.path,
        detail=reason[:200],
    )
    return render(request, "access/csrf_failure.html", status=403)
