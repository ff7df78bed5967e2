"""Pages of the placements app: the market board, employers, offers (with ranked
participants) and a participant's work page (profile, ranked offers, the pipeline).

Access logging follows the workspace (CONTRIBUTING, "A new page or URL"): the participant's
work page and every form about one case open the case with ``case_for_read`` (one row); a
POST fetches it with ``case_for_write`` and a form shown again with errors is an opening
(``log_opening``); the page shown right after the user's own save is not. Lists of
participants (an offer's ranked participants) come from ``visible_cases`` and write no row.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from introsak.access.domain.gateway import (
    case_for_read,
    case_for_write,
    has_permission,
    log_opening,
    require_permission,
    visible_cases,
)
from introsak.access.domain.protection import display_name, display_national_id, protection_label
from introsak.access.enums import Permission
from introsak.accounts.models import User
from introsak.accounts.requests import staff_user
from introsak.casefacts import enums as facts
from introsak.cases.domain.operations import StaleCase, StepRejected, work_profile_record
from introsak.cases.domain.single import select_case
from introsak.cases.models import ProgrammeCase
from introsak.core import clock
from introsak.placements import brreg
from introsak.placements.domain import fairs as fair_domain
from introsak.placements.domain import pipeline
from introsak.placements.domain import statistics as stats_domain
from introsak.placements.domain.board import board_context, need_post
from introsak.placements.domain.employers import EmployerInput, employer_save
from introsak.placements.domain.errors import Rejected
from introsak.placements.domain.matching import cases_for_offer, offers_for_case
from introsak.placements.domain.offers import OfferInput, offer_create
from introsak.placements.domain.participant import participant_page, work_profile_of
from introsak.placements.domain.requirements import catalogue
from introsak.placements.enums import NEXT_STATUSES, PlacementStatus
from introsak.placements.interfaces import forms as f
from introsak.placements.models import (
    Employer,
    JobFair,
    JobFairInvitation,
    Placement,
    PlacementOffer,
)

_WRITTEN = "placements_written"
PURPOSE = "placements"


def _add_errors(form: Any, errors: dict[str, list[str]]) -> None:
    for field, found in errors.items():
        for message in found:
            form.add_error(field if field in form.fields else None, message)


def _who(user: User, case: ProgrammeCase) -> dict[str, Any]:
    return {
        "case": case,
        "name": display_name(user, case.person),
        "identity": display_national_id(user, case.person),
        "protection": protection_label(case.person),
    }


def _open(request: HttpRequest, pk: int) -> ProgrammeCase:
    """The case for a page about it: one access-log row, except right after a save."""
    user = staff_user(request)
    if request.session.pop(_WRITTEN, None) == pk:
        return case_for_write(user, case_pk=pk, path=request.path, load=select_case)
    return _read(request, pk)


def _read(request: HttpRequest, pk: int) -> ProgrammeCase:
    """One opening of a case for the work pages, which are for the district staff who may
    change it (auditors and analysts get the same 404 as for a case out of scope)."""
    return case_for_read(
        staff_user(request),
        case_pk=pk,
        purpose=PURPOSE,
        path=request.path,
        load=select_case,
        permission=Permission.CASE_WRITE,
    )


def _saved(request: HttpRequest, pk: int, message: str) -> HttpResponse:
    request.session[_WRITTEN] = pk
    messages.success(request, message)
    return redirect("placements:participant", pk=pk)


# --- the board, employers and offers (no case content) --------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def board(request: HttpRequest) -> HttpResponse:
    """The market board: needs and open offers, the user's district first, then city-wide."""
    user = staff_user(request)
    require_permission(user, Permission.CASE_READ, path=request.path)
    form = f.NeedForm(request.POST or None)
    if request.method == "POST":
        require_permission(user, Permission.CASE_WRITE, path=request.path)
        if form.is_valid():
            try:
                need_post(data=form.cleaned_data, by=user)
            except Rejected as rejected:
                _add_errors(form, rejected.errors)
            else:
                messages.success(request, _("The need is on the board."))
                return redirect("placements:board")
    context = board_context(user, clock.today())
    context.update(form=form, can_write=has_permission(user, Permission.CASE_WRITE))
    return render(request, "placements/board.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def employers(request: HttpRequest) -> HttpResponse:
    """The employers registry, with a form to register one (or update it by orgnr)."""
    user = staff_user(request)
    require_permission(user, Permission.CASE_READ, path=request.path)
    form = f.EmployerForm(request.POST or None)
    found: brreg.Entity | None = None
    lookup_failed = None
    if request.method == "POST" and "lookup" in request.POST:
        # Look-up in the register: pre-fills the form, saves nothing; a failure only says
        # why, and the form stays as typed for a manual registration.
        require_permission(user, Permission.CASE_WRITE, path=request.path)
        typed = request.POST.dict()
        try:
            found = brreg.lookup(typed.get("orgnr", ""))
        except brreg.LookupFailed as failed:
            lookup_failed = failed.message
        else:
            typed.update(found.form_values())
            if not typed.get("notes") and found.address_line:
                typed["notes"] = found.address_line
        form = f.EmployerForm(initial=typed)
    elif request.method == "POST":
        require_permission(user, Permission.CASE_WRITE, path=request.path)
        if form.is_valid():
            try:
                employer_save(data=EmployerInput(**form.cleaned_data))
            except Rejected as rejected:
                _add_errors(form, rejected.errors)
            else:
                messages.success(request, _("The employer is registered."))
                return redirect("placements:employers")
    rows = Employer.objects.select_related("district").order_by("name")
    context = {
        "employers": rows,
        "form": form,
        "can_write": has_permission(user, Permission.CASE_WRITE),
        "lookup_enabled": brreg.enabled(),
        "found": found,
        "lookup_failed": lookup_failed,
    }
    return render(request, "placements/employers.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def offer_new(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    require_permission(user, Permission.CASE_WRITE, path=request.path)
    form = f.OfferForm(request.POST or None, initial={"start": clock.today(), "capacity": 1})
    if request.method == "POST" and form.is_valid():
        try:
            offer = offer_create(data=OfferInput(**form.cleaned_data), by=user)
        except Rejected as rejected:
            _add_errors(form, rejected.errors)
        else:
            messages.success(request, _("The offer is registered."))
            return redirect("placements:offer", pk=offer.pk)
    status = 400 if form.errors else 200
    return render(request, "placements/offer_new.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET"])
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An offer and the participants the user may see, ranked, with reasons (no row per
    case: a list from ``visible_cases``, showing names and the match only)."""
    user = staff_user(request)
    require_permission(user, Permission.CASE_READ, path=request.path)
    offer = get_object_or_404(PlacementOffer.objects.select_related("employer", "district"), pk=pk)
    ranked = cases_for_offer(user, offer.pk, today=clock.today())
    rows = [
        {"case": r.case, "name": display_name(user, r.case.person), "assessment": r.assessment}
        for r in ranked
    ]
    entry = catalogue().get(offer.requirement)
    requirement = entry.title(get_language() or "nb") if entry else ""
    context = {"offer": offer, "rows": rows, "requirement": requirement}
    return render(request, "placements/offer.html", context)


# --- statistics -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def statistics(request: HttpRequest) -> HttpResponse:
    """Figure 9, the practice share, outcomes and decline reasons for this year so far, in
    whole months, suppressed unless the user may see small counts (``docs/statistics.md``)."""
    user = staff_user(request)
    require_permission(user, Permission.STATS_VIEW, path=request.path)
    today = clock.today()
    period = stats_domain.Period(date(today.year, 1, 1), _last_whole_month_end(today))
    suppressed = not has_permission(user, Permission.STATS_UNSUPPRESSED)
    tables = [
        table
        for name in stats_domain.VIEWS
        for table in stats_domain.compute(name, period, suppressed=suppressed)
    ]
    context = {"tables": tables, "period": period, "suppressed": suppressed}
    return render(request, "placements/statistics.html", context)


def _last_whole_month_end(today: date) -> date:
    """The last day of the last whole month (the statistics' periods are whole months)."""
    return today.replace(day=1) - timedelta(days=1)


# --- job fairs ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def fairs(request: HttpRequest) -> HttpResponse:
    """The job fairs of the user's district and city-wide, with a form to add one."""
    user = staff_user(request)
    require_permission(user, Permission.CASE_READ, path=request.path)
    form = f.FairForm(request.POST or None)
    if request.method == "POST":
        require_permission(user, Permission.CASE_WRITE, path=request.path)
        if form.is_valid():
            try:
                fair = fair_domain.fair_create(**form.cleaned_data)
            except Rejected as rejected:
                _add_errors(form, rejected.errors)
            else:
                return redirect("placements:fair", pk=fair.pk)
    context = {
        "fairs": list(fair_domain.fairs_for(user)),
        "form": form,
        "can_write": has_permission(user, Permission.CASE_WRITE),
    }
    return render(request, "placements/fairs.html", context, status=400 if form.errors else 200)


def _fair(request: HttpRequest, pk: int) -> JobFair:
    return get_object_or_404(fair_domain.fairs_for(staff_user(request)), pk=pk)


@login_required
@require_http_methods(["GET"])
def fair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One fair: the invited participants the user may see (a list: no log row), totals."""
    user = staff_user(request)
    require_permission(user, Permission.CASE_READ, path=request.path)
    fair = _fair(request, pk)
    visible = JobFairInvitation.objects.filter(fair=fair, case__in=visible_cases(user))
    rows = [
        {"invitation": i, "name": display_name(user, i.case.person), "form": f.InvitationForm(
            initial={"sessions_attended": i.sessions_attended, "interviews": i.interviews,
                     "offers": i.offers, "hired": i.hired, "attended": i.attended},
            prefix=f"i{i.pk}",
        )}
        for i in visible.select_related("case__person").order_by("pk")
    ]  # fmt: skip
    context = {
        "fair": fair,
        "rows": rows,
        "totals": fair_domain.fair_totals(visible),
        "invite_form": f.InviteForm(),
        "can_write": has_permission(user, Permission.CASE_WRITE),
    }
    return render(request, "placements/fair.html", context)


@login_required
@require_POST
def fair_invite(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    require_permission(user, Permission.CASE_WRITE, path=request.path)
    fair = _fair(request, pk)
    number = request.POST.get("case_number", "").strip()
    case_pk = visible_cases(user).filter(case_id=number).values_list("pk", flat=True).first()
    if case_pk is None:
        messages.error(request, _("No participant of yours has that case number."))
    else:
        case = case_for_write(user, case_pk=case_pk, path=request.path, load=select_case)
        fair_domain.fair_invite(fair=fair, case=case)
        messages.success(request, _("The participant is invited."))
    return redirect("placements:fair", pk=fair.pk)


@login_required
@require_POST
def invitation(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    user = staff_user(request)
    require_permission(user, Permission.CASE_WRITE, path=request.path)
    fair = _fair(request, pk)
    found = get_object_or_404(
        JobFairInvitation.objects.select_related("fair"),
        pk=invitation_pk,
        fair=fair,
        case__in=visible_cases(user, permission=Permission.CASE_WRITE),
    )
    form = f.InvitationForm(request.POST, prefix=f"i{found.pk}")
    if form.is_valid():
        try:
            fair_domain.invitation_record(
                invitation=found, outcome=fair_domain.Outcome(**form.cleaned_data)
            )
        except Rejected as rejected:
            for errors in rejected.errors.values():
                for message in errors:
                    messages.error(request, message)
        else:
            messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Check the numbers: whole numbers from 0."))
    return redirect("placements:fair", pk=fair.pk)


# --- one participant -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def participant(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant's work page: profile, ranked offers with reasons and the pipeline."""
    user = staff_user(request)
    case = _open(request, pk)
    page = participant_page(case, clock.today())
    context = {
        **_who(user, case),
        "page": page,
        "can_write": has_permission(user, Permission.CASE_WRITE),
        "ranked": offers_for_case(case, today=clock.today()),
    }
    return render(request, "placements/participant.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    if request.method == "GET":
        case = _read(request, pk)
        profile = work_profile_of(case)
        form = f.WorkProfileForm(initial={"version": case.version}, profile=profile)
        return render(request, "placements/profile.html", {**_who(user, case), "form": form})
    case = case_for_write(user, case_pk=pk, path=request.path, load=select_case)
    form = f.WorkProfileForm(request.POST)
    if form.is_valid():
        try:
            work_profile_record(
                case=case,
                by=user,
                expected_version=form.cleaned_data["version"],
                profile=form.profile(),
            )
        except StepRejected as rejected:
            _add_errors(form, rejected.errors)
        except StaleCase:
            form.add_error(
                None, _("Someone changed the case after you opened the form. Open it again.")
            )
        else:
            return _saved(request, pk, _("The work profile is saved."))
    log_opening(user, case=case, purpose=PURPOSE)
    context = {**_who(user, case), "form": form}
    return render(request, "placements/profile.html", context, status=400)


@login_required
@require_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    case = case_for_write(user, case_pk=pk, path=request.path, load=select_case)
    try:
        offer_pk = int(request.POST.get("offer", ""))
    except ValueError as exc:
        raise Http404 from exc
    try:
        pipeline.placement_propose(case=case, offer_pk=offer_pk, by=user)
    except Rejected as rejected:
        for found in rejected.errors.values():
            for message in found:
                messages.error(request, message)
        return _saved(request, pk, _("Nothing was proposed."))
    return _saved(request, pk, _("The offer is proposed."))


# Each step: its form (None: a date only), its operation and its title.
STEP_FORMS: dict[str, type[Any]] = {
    "offer": f.DateForm,
    "accept": f.DateForm,
    "decline": f.DeclineForm,
    "start": f.StartForm,
    "end": f.EndForm,
}
STEP_STATUS = {
    "offer": facts.PlacementStatus.OFFERED,
    "accept": facts.PlacementStatus.ACCEPTED,
    "decline": facts.PlacementStatus.DECLINED,
    "start": facts.PlacementStatus.STARTED,
    "end": facts.PlacementStatus.ENDED,
}


def _run_step(
    step: str, case: ProgrammeCase, placement: Placement, user: User, data: dict[str, Any]
) -> None:
    common: dict[str, Any] = {"case": case, "placement_pk": placement.pk, "by": user}
    if step == "offer":
        pipeline.placement_offer(**common, on=data["on"])
    elif step == "accept":
        pipeline.placement_accept(**common, on=data["on"])
    elif step == "decline":
        pipeline.placement_decline(
            **common, reason=data["reason"], note=data["note"], on=data["on"]
        )
    elif step == "start":
        pipeline.placement_start(
            **common, start=data["start"], end=data["end"], hours_per_week=data["hours_per_week"]
        )
    else:
        pipeline.placement_end(
            **common,
            ended_on=data["ended_on"],
            evaluation_on=data["evaluation_on"],
            evaluation=data["evaluation"],
            outcome=data["outcome"],
        )


@login_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, pk: int, placement_pk: int, step: str) -> HttpResponse:
    """One step of the pipeline for one placement: its form, and the operation on POST."""
    if step not in STEP_FORMS:
        raise Http404
    user = staff_user(request)
    if request.method == "GET":
        case = _read(request, pk)
    else:
        case = case_for_write(user, case_pk=pk, path=request.path, load=select_case)
    placement = get_object_or_404(
        Placement.objects.select_related("offer__employer"), pk=placement_pk, case=case
    )
    if STEP_STATUS[step] not in NEXT_STATUSES[placement.status]:
        raise Http404
    form = STEP_FORMS[step](request.POST or None, initial=_initial(step, placement))
    if request.method == "POST" and form.is_valid():
        try:
            _run_step(step, case, placement, user, form.cleaned_data)
        except Rejected as rejected:
            _add_errors(form, rejected.errors)
        else:
            return _saved(request, pk, _("The placement is updated."))
    if request.method == "POST":
        log_opening(user, case=case, purpose=PURPOSE)
    context = {
        **_who(user, case),
        "placement": placement,
        "form": form,
        "step": step,
        "title": PlacementStatus(STEP_STATUS[step]).label,
    }
    return render(request, "placements/step.html", context, status=400 if form.errors else 200)


def _initial(step: str, placement: Placement) -> dict[str, Any]:
    today = clock.today()
    offer = placement.offer
    if step == "start":
        return {
            "start": max(today, offer.start),
            "end": offer.end,
            "hours_per_week": offer.hours_per_week,
        }
    if step == "end":
        return {"ended_on": today, "evaluation_on": today}
    return {"on": today}
