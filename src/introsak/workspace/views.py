"""The caseworker workspace: worklist, case page and the recording forms.

Views translate HTTP into calls of the access gateway, the workspace queries and the domain
operations, and back; they hold no business rules.

Access logging: every response that shows a case is one opening with one access-log row,
except the page shown right after the user's own save.

* the case page opens the case with ``case_for_read`` (one row);
* a recording form shown on GET (full page or htmx partial, such as the journal refreshed
  with ``HX-Target: journal``) opens the case with ``case_for_read`` too: forms are
  pre-filled from the case (the plan, the recognition, the adviser) and the journal partial
  lists every note;
* the POST that saves fetches the case with ``case_for_write`` (the right to change it, no
  row); a form shown again with its errors (400, or 409 for a stale version) is an opening
  (``log_opening``);
* after a successful save the user is sent back to the case page. That page view is not a new
  opening: the save leaves a one-time mark in the session, and the case page, finding it,
  re-fetches the case with ``case_for_write`` instead of logging a second read. The htmx
  partial that refreshes the journal after a note is saved is rendered from the same un-logged
  re-fetch. The save itself is recorded as a ``CaseChange`` (who, when, which step).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from introsak.access.domain.gateway import (
    case_for_read,
    case_for_write,
    cases_for_write,
    has_permission,
    log_opening,
    require_permission,
)
from introsak.access.domain.protection import (
    display_adviser,
    display_name,
    display_national_id,
    protection_label,
    shows_identity,
)
from introsak.access.enums import Permission
from introsak.accounts.models import User
from introsak.accounts.requests import staff_user
from introsak.cases.domain.operations import (
    NON_FIELD,
    StaleCase,
    StepRejected,
    cases_reassign,
    event_correct,
)
from introsak.cases.domain.single import CaseRows, case_page_loader, case_rows
from introsak.cases.enums import EventKind, Step
from introsak.cases.models import EventCorrection, ProgrammeCase
from introsak.core import clock
from introsak.core.domain.law import unconfirmed_law
from introsak.core.reversing import fast_reverse
from introsak.web.views import can_see_parameters
from introsak.workspace.corrections import CORRECTIONS
from introsak.workspace.domain.casepage import RECENT_CHANGES, case_page, without_free_text
from introsak.workspace.domain.history import correction_view
from introsak.workspace.domain.saved import filter_delete, filter_save, saved_filters
from introsak.workspace.domain.worklist import (
    FILTERS,
    REASSIGN_LIMIT,
    Scope,
    district_advisers,
    parse_query,
    reassign_candidates,
)
from introsak.workspace.domain.worklist import worklist as build_worklist
from introsak.workspace.domain.workload import MAX_IDLE_DAYS, idle_days_from, workload
from introsak.workspace.interfaces import tables
from introsak.workspace.interfaces.forms import OUTCOME_LABELS, JournalForm, StepForm
from introsak.workspace.steps import STEPS, StepSpec, available_steps

_WRITTEN = "workspace_written"  # session key: the case the user has just saved
# Session key: what was just saved, shown once at the top of the section it changed, where
# the user lands (``#saved-message``) and which takes focus.
_SAVED = "workspace_saved"


def _is_htmx(request: HttpRequest, target: str) -> bool:
    return (
        request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == target
    )


# --- worklist -----------------------------------------------------------------------------


@login_required
@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    """ "Mine deltakere" (or the district's cases): one row per case with the nearest open
    deadline, ready filters with live counts, search, sorting and pages, all in the URL."""
    user = staff_user(request)
    require_permission(user, Permission.CASE_READ, path=request.path)
    today = clock.today()
    params = request.GET.dict()
    if "and" in request.GET:  # the combine form sends one ``and`` per chosen filter
        params["and"] = ",".join(request.GET.getlist("and"))
    query = parse_query(user, params)
    result = build_worklist(user, query, today)
    context = tables.worklist_context(result, user)
    context["advisers"] = list(district_advisers(user)) if query.scope is Scope.DISTRICT else []
    if has_permission(user, Permission.CASE_REASSIGN):
        context["reassign_href"] = reverse("workspace:reassign") + tables.query_string(query)
        context["workload_href"] = reverse("workspace:workload")
    context.update(_law_banner(user, today))
    if _is_htmx(request, "worklist-results"):
        context["oob"] = True
        return render(request, "workspace/partials/worklist_results.html", context)
    return render(request, "workspace/worklist.html", context)


@login_required
@require_GET
def help_page(request: HttpRequest) -> HttpResponse:
    """What the worklist's filters and statuses mean (a page without case data)."""
    require_permission(staff_user(request), Permission.CASE_READ, path=request.path)
    return render(request, "workspace/help.html", {"filters": FILTERS})


# --- the case page ------------------------------------------------------------------------


def _mark_written(request: HttpRequest, case_pk: int) -> None:
    request.session[_WRITTEN] = case_pk


def _take_written_mark(request: HttpRequest, case_pk: int) -> bool:
    return bool(request.session.pop(_WRITTEN, None) == case_pk)


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The case page: timeline, findings with explanations and sources, plan history,
    meetings, activities and the journal. Opening it writes one access-log row (not when
    it is the page shown right after the user's own save; see the module docstring)."""
    user = staff_user(request)
    load = _CASE_PAGE_LOADER
    if _take_written_mark(request, pk):
        case = case_for_write(user, case_pk=pk, path=request.path, load=load)
    else:
        case = case_for_read(user, case_pk=pk, purpose="case_page", path=request.path, load=load)
    context = _case_context(request, case, case_rows(case))
    context["saved"] = _take_saved(request, pk)
    if context["saved"] and context["saved"]["anchor"] == "journal":
        context["journal_saved"] = context["saved"]["text"]
    return render(request, "workspace/case.html", context)


# The case with every list the page shows, in the gateway's one query.
_CASE_PAGE_LOADER = case_page_loader(recent_changes=RECENT_CHANGES)


def _take_saved(request: HttpRequest, case_pk: int) -> dict[str, str] | None:
    saved = request.session.pop(_SAVED, None)
    if not isinstance(saved, dict) or saved.get("case") != case_pk:
        return None
    return {"anchor": str(saved["anchor"]), "text": str(saved["text"])}


def _law_banner(user: User, today: date) -> dict[str, object]:
    """The banner naming the unconfirmed law in force today (issue 13)."""
    return {
        "unconfirmed_law": unconfirmed_law(today, get_language() or "nb"),
        "can_see_parameters": can_see_parameters(user),
    }


def _case_context(
    request: HttpRequest,
    loaded: ProgrammeCase,
    rows: CaseRows,
    journal_form: StepForm | None = None,
) -> dict[str, Any]:
    """Everything the case page shows, for a case loaded with ``single.case_page_loader`` and
    its ``rows``. A user who may not see the case's identities (an auditor without
    ``show_identities``) gets the pseudonymised view."""
    user = staff_user(request)
    page = case_page(loaded, clock.today(), rows)
    pseudonymous = not shows_identity(user, loaded)
    if pseudonymous:
        page = without_free_text(page)
    actions = [
        {
            "step": spec.step.value,
            "title": spec.title,
            "href": fast_reverse("workspace:record", loaded.pk, spec.step.value),
        }
        for spec in available_steps(loaded, user)
    ]
    return {
        **_law_banner(user, page.today),
        "page": page,
        "case": loaded,
        **_who(user, loaded),
        "pseudonymous": pseudonymous,
        "adviser": display_adviser(user, loaded),
        "full_identity": display_national_id(user, loaded.person, masked=False),
        "actions": [a for a in actions if a["step"] != "reassign"],
        "action_map": {a["step"]: a for a in actions},
        "journal_form": journal_form or JournalForm(case=loaded),
        "journal_notes": sorted(
            rows.lists.journal_notes, key=lambda n: (n.written_on, n.pk or 0), reverse=True
        ),
        "can_write": has_permission(user, Permission.CASE_WRITE),
        "outcome_labels": OUTCOME_LABELS,
    }


def _journal_context(case: ProgrammeCase, form: StepForm) -> dict[str, Any]:
    notes = case.journal_notes.select_related("author").order_by("-written_on", "-pk")
    return {"case": case, "journal_form": form, "journal_notes": list(notes), "can_write": True}


def _who(user: User, case: ProgrammeCase) -> dict[str, Any]:
    """Who the case is about, as the user may see it (access.domain.protection)."""
    person = case.person
    return {
        "person": person,
        "name": display_name(user, person),
        "identity": display_national_id(user, person, masked=True),
        "protection": protection_label(person),
    }


# --- recording ----------------------------------------------------------------------------


def _stale_message(stale: StaleCase) -> str:
    if stale.changed_by and stale.changed_at:
        return _(
            "The case was changed by %(name)s at %(time)s after you opened it. Nothing was "
            "saved. Open the case again to see the change, then record your step again."
        ) % {
            "name": stale.changed_by,
            "time": formats.date_format(stale.changed_at, "DATETIME_FORMAT"),
        }
    return _(
        "The case was changed after you opened it. Nothing was saved. Open the case "
        "again to see the change, then record your step again."
    )


@login_required
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One recording form: shown on GET, saved through its domain operation on POST.

    A stale version is refused (409) with the colleague's name; an impossible order of
    events is shown on the fields (400); a save redirects to the case page, or, for the
    journal's htmx form, returns the refreshed journal section.
    """
    spec = STEPS.get(step)
    if spec is None:
        raise Http404
    user = staff_user(request)
    require_permission(user, spec.permission, path=request.path)
    purpose = f"record form {spec.step.value}"
    if request.method == "POST":
        case = case_for_write(user, case_pk=pk, path=request.path, permission=spec.permission)
    else:
        case = case_for_read(
            user, case_pk=pk, purpose=purpose, path=request.path, permission=Permission.CASE_WRITE
        )
    stale = ""
    status = 200
    if request.method == "POST":
        form = spec.form(request.POST, case=case)
        if form.is_valid():
            try:
                spec.operation(
                    case=case,
                    by=user,
                    expected_version=form.cleaned_data["version"],
                    **form.operation_kwargs(),
                )
            except StaleCase as refused:
                stale, status = _stale_message(refused), 409
            except StepRejected as rejected:
                _add_errors(form, rejected)
                status = 400
            else:
                return _saved(request, case.pk, spec)
        else:
            status = 400
        log_opening(user, case=case, purpose=purpose)  # the form is shown again
    else:
        form = spec.form(case=case)
    if spec.step == Step.JOURNAL and _is_htmx(request, "journal"):
        context = _journal_context(case, form)
        context["journal_stale"] = stale
        return render(request, "workspace/partials/journal.html", context, status=status)
    return render(
        request,
        "workspace/record.html",
        {
            "spec": spec,
            "form": form,
            "case": case,
            **_who(user, case),
            "stale": stale,
        },
        status=status,
    )


def _add_errors(form: StepForm, rejected: StepRejected) -> None:
    for field, errors in rejected.errors.items():
        target = field if field in form.fields and field != NON_FIELD else None
        for error in errors:
            form.add_error(target, error)


def _saved(request: HttpRequest, case_pk: int, spec: StepSpec) -> HttpResponse:
    if spec.step == Step.JOURNAL and _is_htmx(request, "journal"):
        # The un-logged re-fetch after the user's own write (see the module docstring).
        case = case_for_write(staff_user(request), case_pk=case_pk, path=request.path)
        context = _journal_context(case, JournalForm(case=case))
        context["journal_saved"] = spec.saved
        return render(request, "workspace/partials/journal.html", context)
    request.session[_SAVED] = {"case": case_pk, "anchor": spec.anchor, "text": str(spec.saved)}
    _mark_written(request, case_pk)
    return redirect(reverse("workspace:case", args=[case_pk]) + "#saved-message")


# --- completing and correcting recorded events ---------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def correct(request: HttpRequest, pk: int, kind: str, event: int) -> HttpResponse:
    """Complete or correct one recorded event: its recording form filled from the event,
    with the required reason, and the event's history so far. Access is logged as for the
    recording forms; a save goes back to the event on the case page."""
    spec = CORRECTIONS.get(kind)
    if spec is None:
        raise Http404
    user = staff_user(request)
    require_permission(user, Permission.CASE_WRITE, path=request.path)
    purpose = f"correct form {spec.kind.value}"
    if request.method == "POST":
        case = case_for_write(user, case_pk=pk, path=request.path)
    else:
        case = case_for_read(
            user, case_pk=pk, purpose=purpose, path=request.path, permission=Permission.CASE_WRITE
        )
    row = spec.model._default_manager.filter(case_id=case.pk, pk=event).first()
    if row is None:
        raise Http404
    stale = ""
    status = 200
    if request.method == "POST":
        form = spec.form(request.POST, case=case)
        if form.is_valid():
            try:
                event_correct(
                    case=case,
                    by=user,
                    expected_version=form.cleaned_data["version"],
                    event=spec.kind,
                    event_id=row.pk,
                    value=form.operation_kwargs()[spec.argument],
                    correction_reason=form.cleaned_data["correction_reason"],
                )
            except StaleCase as refused:
                stale, status = _stale_message(refused), 409
            except StepRejected as rejected:
                _add_errors(form, rejected)
                status = 400
            else:
                request.session[_SAVED] = {
                    "case": case.pk,
                    "anchor": spec.anchor,
                    "text": str(_("The correction is saved in the event's history.")),
                }
                _mark_written(request, case.pk)
                target = reverse("workspace:case", args=[case.pk])
                return redirect(f"{target}#history-{spec.kind.value}-{row.pk}")
        else:
            status = 400
        log_opening(user, case=case, purpose=purpose)  # the form is shown again
    else:
        form = spec.form(case=case, initial=spec.initial(row))
    corrections = EventCorrection.objects.filter(case=case, event=spec.kind.value)
    if spec.kind != EventKind.RECOGNITION:
        corrections = corrections.filter(event_id=row.pk)
    history = [correction_view(c) for c in corrections.select_related("user")]
    return render(
        request,
        "workspace/correct.html",
        {
            "spec": spec,
            "form": form,
            "case": case,
            "event_pk": row.pk,
            **_who(user, case),
            "stale": stale,
            "history": history,
        },
        status=status,
    )


# --- a coordinator's bulk reassignment -------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def reassign_many(request: HttpRequest) -> HttpResponse:
    """Choose several of the district's cases (the worklist's query: filters, adviser,
    search) and give them a new programme adviser in one action, logged per case (one
    ``CaseChange`` each). Team coordinators only (``case_reassign``)."""
    user = staff_user(request)
    require_permission(user, Permission.CASE_REASSIGN, path=request.path)
    today = clock.today()
    source = request.POST if request.method == "POST" else request.GET
    params = {k: v for k, v in source.dict().items() if k in _WORKLIST_PARAMS}
    query = replace(parse_query(user, params), scope=Scope.DISTRICT)
    errors: dict[str, list[str]] = {}
    chosen: set[int] = set()
    status = 200
    if request.method == "POST":
        chosen = {int(pk) for pk in request.POST.getlist("case") if pk.isdigit()}
        adviser_pk = _int(request.POST.get("new_adviser"))
        adviser = district_advisers(user).filter(pk=adviser_pk).first() if adviser_pk else None
        if not chosen:
            errors["cases"] = [_("Choose at least one case.")]
        if adviser is None:
            errors["new_adviser"] = [_("Choose the new programme adviser.")]
        if not errors:
            assert adviser is not None
            cases = cases_for_write(
                user, case_pks=chosen, path=request.path, permission=Permission.CASE_REASSIGN
            )
            versions = {pk: _int(request.POST.get(f"version-{pk}")) or 0 for pk in chosen}
            try:
                count = cases_reassign(
                    cases=cases, by=user, expected_versions=versions, adviser=adviser
                )
            except StaleCase as stale:
                errors[NON_FIELD] = [_stale_message(stale)]
                status = 409
            except StepRejected as rejected:
                for field, found in rejected.errors.items():
                    errors[{"adviser": "new_adviser"}.get(field, field)] = found
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)d case now has %(name)s as programme adviser.",
                        "%(n)d cases now have %(name)s as programme adviser.",
                        count,
                    )
                    % {"n": count, "name": adviser.identified_name()},
                )
                return redirect(reverse("workspace:reassign") + tables.query_string(query))
        status = status if status != 200 else 400
    rows = reassign_candidates(user, query, today)
    return render(
        request,
        "workspace/reassign.html",
        {
            "query": query,
            "rows": [(tables.row(case, today, user), case.version) for case in rows],
            "limit": REASSIGN_LIMIT,
            "advisers": list(district_advisers(user)),
            "chosen": chosen,
            "errors": errors,
            "chosen_adviser": _int(request.POST.get("new_adviser")) if request.POST else None,
            "back_href": reverse("workspace:worklist") + tables.query_string(query),
            "state": [(k, v) for k, v in params.items() if k != "page"],
        },
        status=status,
    )


_WORKLIST_PARAMS = frozenset({"filter", "and", "q", "adviser", "sort", "closed"})


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and len(raw) < 10 else None


# --- a coordinator's workload view -----------------------------------------------------------


@login_required
@require_GET
def workload_view(request: HttpRequest) -> HttpResponse:
    """Per programme adviser of the district: open cases, overdue, due within 14 days and
    no activity for ``days`` days (60 unless chosen), each number linking to the worklist
    where one exists. Team coordinators (``case_reassign``); a constant number of queries."""
    user = staff_user(request)
    require_permission(user, Permission.CASE_REASSIGN, path=request.path)
    today = clock.today()
    result = workload(user, today, idle_days_from(request.GET.get("days")))
    worklist_url = reverse("workspace:worklist")
    rows = [
        {
            "load": row,
            "name": row.adviser.identified_name() if row.adviser else "",
            "href": (
                f"{worklist_url}?scope=district&adviser={row.adviser.pk}" if row.adviser else ""
            ),
        }
        for row in result.rows
    ]
    return render(
        request,
        "workspace/workload.html",
        {"workload": result, "rows": rows, "today": today, "max_days": MAX_IDLE_DAYS},
    )


# --- saved filter sets -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def saved_filters_view(request: HttpRequest) -> HttpResponse:
    """The user's saved filter sets (a page, or the list the worklist loads with htmx); a
    POST saves the worklist view the form names (its filters, never its search text)."""
    user = staff_user(request)
    require_permission(user, Permission.CASE_READ, path=request.path)
    if request.method == "POST":
        params = {k: v for k, v in request.POST.dict().items() if k in _WORKLIST_PARAMS}
        params["scope"] = request.POST.get("scope", "")
        query = parse_query(user, params)
        try:
            saved = filter_save(user=user, name=request.POST.get("name", ""), query=query)
        except StepRejected as rejected:
            messages.error(request, " ".join(" ".join(v) for v in rejected.errors.values()))
            return redirect(reverse("workspace:worklist") + tables.query_string(query))
        messages.success(request, _("The filter set “%(name)s” is saved.") % {"name": saved.name})
        return redirect(reverse("workspace:worklist") + "?" + saved.query)
    worklist_url = reverse("workspace:worklist")
    context = {
        "saved": [
            {"pk": s.pk, "name": s.name, "href": f"{worklist_url}?{s.query}"}
            for s in saved_filters(user)
        ]
    }
    if _is_htmx(request, "saved-list"):
        return render(request, "workspace/partials/saved_list.html", context)
    return render(request, "workspace/saved.html", context)


@login_required
@require_http_methods(["POST"])
def saved_filter_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    require_permission(user, Permission.CASE_READ, path=request.path)
    if not filter_delete(user=user, pk=pk):
        raise Http404
    messages.success(request, _("The filter set is deleted."))
    return redirect(reverse("workspace:saved"))
