"""The audit workbench's pages. Each view checks access, calls one domain function and
renders; the audit itself is reached only through ``audit_for`` and a case only through the
access gateway."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from introsak.access.domain.gateway import (
    case_for_permission,
    case_for_read,
    log_opening,
    require_permission,
    visible_cases,
)
from introsak.access.enums import AccessAction, Permission
from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.accounts.requests import staff_user
from introsak.audits.domain.access import audit_for, audits_for, district_scope, revealed_rows
from introsak.audits.domain.audits import audit_create
from introsak.audits.domain.control_forms import assessment_record, drawn_rows
from introsak.audits.domain.criteria import spec_for, title_in
from introsak.audits.domain.evidence import describe
from introsak.audits.domain.sampling import exclusion_record, sample_draw, sample_verify
from introsak.audits.enums import AuditKind, Outcome
from introsak.audits.interfaces.exports import (
    control_forms_jsonl,
    findings_pdf,
    findings_xlsx,
)
from introsak.audits.interfaces.forms import AssessmentForm, AuditForm, ExclusionForm
from introsak.audits.interfaces.report import report_view
from introsak.audits.models import Audit, ControlFormEntry, FrameCase

OUTCOME_COLOURS = {
    Outcome.YES: "success",
    Outcome.NO: "danger",
    Outcome.NOT_APPLICABLE: "neutral",
    Outcome.OPEN: "warning",
}


def _audit(request: HttpRequest, pk: int) -> Audit:
    require_permission(request.user, Permission.AUDIT_RUN, path=request.path)
    return audit_for(staff_user(request), audit_pk=pk, path=request.path)


@login_required
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, Permission.AUDIT_RUN, path=request.path)
    audits = (
        audits_for(staff_user(request))
        .prefetch_related("districts")
        .annotate(drawn=Count("sample__frame", filter=Q(sample__frame__drawn=True)))
    )
    return render(
        request,
        "audits/list.html",
        {
            "audits": audits,
            "can_create": district_scope(request.user).exists(),
        },
    )


@login_required
def audit_new(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    require_permission(user, Permission.AUDIT_RUN, path=request.path)
    scope = district_scope(user)
    if not scope.exists():
        raise PermissionDenied
    form = AuditForm(request.POST or None, user=user, scope=scope)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # an audit is never left without its sample
            audit = _create_and_draw(form, user)
        messages.success(request, _("The audit is created and its sample drawn."))
        return redirect("audits:detail", pk=audit.pk)
    return render(request, "audits/new.html", {"form": form})


def _create_and_draw(form: AuditForm, user: User) -> Audit:
    """A coordinator's audit is a self-assessment of their district; an auditor's is an
    external audit."""
    data = form.cleaned_data
    self_assessment = user.role == Role.TEAM_COORDINATOR
    audit = audit_create(
        name=data["name"],
        districts=list(data["districts"]),
        started_from=data["started_from"],
        started_to=data["started_to"],
        as_of=data["as_of"],
        criteria=data["criteria"],
        manual_criteria=form.manual_lines(),
        kind=AuditKind.SELF_ASSESSMENT if self_assessment else AuditKind.EXTERNAL,
        sample_size=data["sample_size"],
        stratify=data["stratify"],
        auditors=list(data.get("auditors") or []),
        created_by=user,
    )
    sample_draw(audit=audit, cases=visible_cases(user), by=user, seed=data["seed"])
    return audit


@login_required
@require_GET
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit(request, pk)
    frame = list(
        FrameCase.objects.filter(sample__audit=audit)
        .select_related("district", "case", "control_form")
        .annotate(
            assessed=Count(
                "control_form__entries", filter=Q(control_form__entries__assessment__gt="")
            )
        )
        .order_by("district__number", "rank")
    )
    revealed = revealed_rows(request.user, frame)
    districts: dict[str, list[tuple[FrameCase, str]]] = {}
    for row in frame:
        label = row.case_number if row.pk in revealed else row.pseudonym
        districts.setdefault(row.district.name, []).append((row, label))
    verification = sample_verify(audit, cases=visible_cases(request.user))
    return render(
        request,
        "audits/detail.html",
        {
            "audit": audit,
            "districts": districts,
            "verification": verification,
            "criteria": [
                (
                    c,
                    title_in(
                        spec_for(code=c.code, text=c.text), translation.get_language() or "nb"
                    ),
                )
                for c in audit.criteria.all()
            ],
        },
    )


def _drawn_row(audit: Audit, row_pk: int) -> FrameCase:
    row = (
        FrameCase.objects.filter(sample__audit=audit, pk=row_pk, drawn=True)
        .select_related("district", "case", "control_form")
        .first()
    )
    if row is None:
        raise Http404
    return row


@login_required
def control_form(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    """One drawn case's control form. Showing it is one opening of the case (one access-log
    row); a save is not another: the POST checks access without a row and redirects to the
    form, whose GET writes the row (a form shown again with errors writes it itself)."""
    audit = _audit(request, pk)
    row = _drawn_row(audit, row_pk)
    purpose = f"audit {audit.pk}: control form"
    if request.method == "POST":
        case = case_for_permission(
            staff_user(request),
            case_pk=row.case_id,
            permission=Permission.CASE_READ,
            path=request.path,
        )
    else:
        case = case_for_read(
            staff_user(request),
            case_pk=row.case_id,
            action=AccessAction.AUDIT,
            purpose=purpose,
            path=request.path,
        )
    entries = list(row.control_form.entries.select_related("criterion", "assessed_by"))
    forms = [
        AssessmentForm(
            request.POST if request.method == "POST" else None,
            prefix=f"e{e.pk}",
            initial={"assessment": e.assessment, "comment": e.comment},
            computed=e.computed_outcome,
        )
        for e in entries
    ]
    neighbours = _neighbours(audit, row)
    revealed = row.pk in revealed_rows(request.user, [row])
    label = row.case_number if revealed else row.pseudonym
    if request.method == "POST" and all(f.is_valid() for f in forms):
        return _saved(request, audit, row, label, entries, forms, neighbours)
    if request.method == "POST":
        log_opening(staff_user(request), case=case, action=AccessAction.AUDIT, purpose=purpose)
    items = _items(entries, forms, revealed)
    return render(
        request,
        "audits/control_form.html",
        {
            "audit": audit,
            "row": row,
            "case": case,
            "revealed": revealed,
            "label": label,
            "items": items,
            "errors": _errors(items),
            "district_findings": _district_findings(audit, row, request),
            "neighbours": neighbours,
            "exclusion_form": ExclusionForm(),
        },
    )


# Where the control form's buttons go after saving: "Save" stays on the form, "Previous
# case" and "Next case" save first and then move (audit work is never lost on the way).
_GO = ("previous", "next")


def _saved(
    request: HttpRequest,
    audit: Audit,
    row: FrameCase,
    label: str,
    entries: list[ControlFormEntry],
    forms: list[AssessmentForm],
    neighbours: dict[str, int | None],
) -> HttpResponse:
    changed = _record(entries, forms, staff_user(request))
    go = request.POST.get("go", "")
    target = neighbours.get(go) if go in _GO else None
    if target is None:
        if changed:
            messages.success(request, _("The control form is saved."))
        return redirect("audits:control_form", pk=audit.pk, row_pk=row.pk)
    if changed:
        messages.success(request, _("Control form %(label)s is saved.") % {"label": label})
    return redirect("audits:control_form", pk=audit.pk, row_pk=target)


@transaction.atomic
def _record(entries: list[ControlFormEntry], forms: list[AssessmentForm], user: User) -> bool:
    """Save the changed assessments of one control form, all or none; whether any changed."""
    changed = False
    for entry, form in zip(entries, forms, strict=True):
        if form.has_changed():
            assessment_record(
                entry=entry,
                assessment=form.cleaned_data["assessment"],
                comment=form.cleaned_data["comment"],
                by=user,
            )
            changed = True
    return changed


def _errors(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Every error of the control form, each naming its criterion and linking to its field
    (the error summary at the top of the form)."""
    return [
        {"href": f"#{form[name].id_for_label}", "criterion": item["title"], "message": message}
        for item in items
        for form in [item["form"]]
        for name, messages_ in form.errors.items()
        if name in form.fields
        for message in messages_
    ]


def _items(
    entries: list[ControlFormEntry], forms: list[AssessmentForm], revealed: bool
) -> list[dict[str, Any]]:
    language = translation.get_language() or "nb"
    return [
        {
            "entry": e,
            "form": f,
            "title": title_in(spec_for(code=e.criterion.code, text=e.criterion.text), language),
            "explanation": e.explanation(language),
            "evidence": [describe(item, reveal=revealed) for item in e.evidence],
            "computed_colour": OUTCOME_COLOURS[Outcome(e.computed_outcome)],
            "assessed_colour": OUTCOME_COLOURS[e.assessed_outcome],
        }
        for e, f in zip(entries, forms, strict=True)
    ]


def _district_findings(audit: Audit, row: FrameCase, request: HttpRequest) -> list[Any]:
    report = report_view(audit, user=request.user, language=translation.get_language() or "nb")
    return [
        {"title": c.title, "cell": cell}
        for c in report.criteria
        for cell in c.cells
        if cell.district_slug == row.district.slug
    ]


def _neighbours(audit: Audit, row: FrameCase) -> dict[str, int | None]:
    ids = list(
        FrameCase.objects.filter(sample__audit=audit, drawn=True)
        .order_by("district__number", "rank")
        .values_list("pk", flat=True)
    )
    i = ids.index(row.pk)
    return {
        "previous": ids[i - 1] if i > 0 else None,
        "next": ids[i + 1] if i + 1 < len(ids) else None,
    }


@login_required
@require_POST
def case_exclude(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    audit = _audit(request, pk)
    row = _drawn_row(audit, row_pk)
    form = ExclusionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the participant cannot take part."))
        return redirect("audits:control_form", pk=audit.pk, row_pk=row.pk)
    user = staff_user(request)
    exclusion_record(
        audit=audit,
        frame_case=row,
        note=form.cleaned_data["note"],
        by=user,
        cases=visible_cases(user),
    )
    messages.success(
        request, _("The case is excluded and the next case in the random order is drawn instead.")
    )
    return redirect("audits:detail", pk=audit.pk)


@login_required
@require_GET
def findings(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit(request, pk)
    report = report_view(audit, user=request.user, language=translation.get_language() or "nb")
    return render(request, "audits/findings.html", {"audit": audit, "report": report})


EXPORTS = {
    "pdf": ("application/pdf", "pdf"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "jsonl": ("application/x-ndjson", "jsonl"),
}


@login_required
@require_GET
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The report (PDF, Excel) or the raw control forms (JSON Lines). Every case in it is
    read through the gateway, one access-log row each."""
    if fmt not in EXPORTS:
        raise Http404
    audit = _audit(request, pk)
    rows = list(drawn_rows(audit))
    for row in rows:
        case_for_read(
            staff_user(request),
            case_pk=row.case_id,
            action=AccessAction.AUDIT,
            purpose=f"audit {audit.pk}: {fmt} export",
            path=request.path,
        )
    revealed = revealed_rows(request.user, rows)
    language = translation.get_language() or "nb"
    if fmt == "jsonl":
        body = control_forms_jsonl(audit, rows, revealed)
    else:
        report = report_view(audit, user=request.user, language=language)
        body = findings_pdf(report) if fmt == "pdf" else findings_xlsx(report, rows, revealed)
    content_type, extension = EXPORTS[fmt]
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="audit-{audit.pk}.{extension}"'
    return response
