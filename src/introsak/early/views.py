"""Early contact's pages: the staff's (persons before settlement, letters, answers, draft
mapping, settlement, pre-course, statistics) and the participant's (questionnaire and own
view, no account). Views translate HTTP into domain calls and back; no business rules here.

The participant pages are rendered in the person's language (``translation.override``), with
a language menu of the participant languages; a link that is wrong, expired, revoked or
already used gets the very same response as one that never existed (404), and a client
with too many failed attempts gets 429 for every link until the window has passed.
"""

from __future__ import annotations

import time
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from jwt import PyJWTError
from requests import RequestException

from introsak.access.domain.gateway import (
    case_for_permission,
    case_for_write,
    has_permission,
    require_permission,
)
from introsak.access.enums import Permission
from introsak.accounts.client import client_ip
from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.accounts.requests import staff_user
from introsak.cases.domain.facts import work_profile_to_facts
from introsak.cases.domain.operations import StaleCase
from introsak.cases.models import ProgrammeCase, WorkProfile
from introsak.core import clock
from introsak.early import idporten
from introsak.early.domain import operations as ops
from introsak.early.domain import ownview, stats
from introsak.early.domain.mapping import MAPPING_KEYS, draft
from introsak.early.domain.profile import PROFILE_KEYS
from introsak.early.domain.profile import draft as profile_draft
from introsak.early.domain.subject_export import may_export, person_subject_export
from introsak.early.forms import (
    GroupForm,
    OwnViewLinkForm,
    PersonForm,
    SettleForm,
    SubjectExportForm,
)
from introsak.early.languages import CODES, LANGUAGE_CHOICES, PARTICIPANT_LANGUAGES, language
from introsak.early.models import AcceptedMappingField, EarlyPerson, PreCourseGroup
from introsak.early.participant import questionnaire as q
from introsak.early.participant.words import NOT_FOUND, TOO_MANY

SESSION_PERSON = "early_person"
SESSION_CASE = "early_own_case"
SESSION_LANGUAGE = "early_language"
SESSION_SEEN = "early_seen_at"
# A participant's session (questionnaire or own view) ends after this long without a request,
# like the staff's idle limit: phones are shared, and the link opens it again.
PARTICIPANT_IDLE_SECONDS = 30 * 60


# --- Staff -------------------------------------------------------------------------------


def _early_staff(request: HttpRequest) -> User:
    user = staff_user(request)
    roles = (Role.SETTLEMENT_WORKER, Role.PROGRAMME_ADVISER, Role.TEAM_COORDINATOR)
    if user.role not in roles or not user.district_id:
        raise PermissionDenied
    return user


def _person(user: User, pk: int) -> EarlyPerson:
    person = (
        ops.persons_in_scope(user)
        .select_related("district", "settlement_worker", "adviser", "case", "case__adviser")
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise Http404
    return person


@login_required
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    user = _early_staff(request)
    persons = list(
        ops.persons_in_scope(user).select_related("case").prefetch_related("links", "answers")
    )
    rows = [(person, ops.questionnaire_status(person)) for person in persons]
    return render(request, "early/staff/list.html", {"rows": rows, "user_role": user.role})


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    user = _early_staff(request)
    if user.role != Role.SETTLEMENT_WORKER:
        raise PermissionDenied
    form = PersonForm(request.POST or None, district_id=user.district_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = ops.person_create(
                by=user,
                data=ops.PersonInput(
                    name=data["name"],
                    birth_date=data["birth_date"],
                    national_id=data["national_id"].strip(),
                    duf_number=data["duf_number"].strip(),
                    reception_centre=data["reception_centre"],
                    expected_settlement_date=data["expected_settlement_date"],
                    household=data["household"],
                    language=data["language"],
                    consent_given_on=data["consent_given_on"],
                    adviser=data["adviser"],
                ),
            )
        except ops.EarlyRejected as rejected:
            for field, reason in rejected.errors.items():
                form.add_error(field if field in form.fields else None, reason)
        else:
            messages.success(request, _("The person is registered."))
            return redirect("early:person", pk=person.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "early/staff/person_form.html", {"form": form}, status=status)


def _person_context(user: User, person: EarlyPerson) -> dict[str, Any]:
    answers = None
    rows: list[tuple[str, str]] = []
    mapping = []
    if ops.may_read_answers(user, person):
        answers = ops.answers_for_staff(user=user, person=person) or {}
        rows = [
            (str(question.label), q.display_value(question, answers.get(question.key)))
            for page in q.PAGES
            for question in page.questions
        ]
        accepted = dict(
            AcceptedMappingField.objects.filter(person=person).values_list("key", "value")
        )
        mapping = draft(answers, accepted)
    profile = []
    case_version = None
    if person.case is not None and user.role == Role.PROGRAMME_ADVISER and answers:
        current = work_profile_to_facts(WorkProfile.objects.filter(case=person.case).first())
        profile = profile_draft(answers, current)
        case_version = person.case.version
    return {
        "person": person,
        "status": ops.questionnaire_status(person),
        "may_read": ops.may_read_answers(user, person),
        "answers": answers,
        "answer_rows": rows,
        "mapping": mapping,
        "profile": profile,
        "case_version": case_version,
        "is_adviser": user.role == Role.PROGRAMME_ADVISER,
        "is_worker": user.pk == person.settlement_worker_id,
        "links": list(person.links.all()),
        "groups": list(person.pre_course_groups.all()),
        "language_name": language(person.language).name,
        "settle_form": SettleForm(district_id=person.district_id),
        "own_view_form": OwnViewLinkForm(initial={"language": person.language}),
        "now": clock.now(),
        "may_export": may_export(user, person),
    }


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _early_staff(request)
    person = _person(user, pk)
    return render(request, "early/staff/person.html", _person_context(user, person))


@login_required
@require_POST
def link_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue a link and show the printable letter at once: the token exists only now."""
    user = _early_staff(request)
    person = _person(user, pk)
    try:
        token = ops.link_issue(by=user, person=person)
    except PermissionError as error:
        raise PermissionDenied from error
    except ops.EarlyRejected as rejected:
        messages.error(request, " ".join(rejected.errors.values()))
        return redirect("early:person", pk=person.pk)
    url = request.build_absolute_uri(reverse("early:open", args=[token]))
    qr = segno.make(url, error="m").svg_data_uri(scale=4, border=2)
    newest = person.links.order_by("-created_at", "-pk").first()
    with translation.override(person.language):
        return render(
            request,
            "early/participant/letter.html",
            {
                "person": person,
                "url": url,
                "qr": qr,
                "expires": newest.expires_at if newest else None,
                "current_language": language(person.language),
            },
        )


@login_required
@require_POST
def link_revoke(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    user = _early_staff(request)
    person = _person(user, pk)
    link = get_object_or_404(person.links, pk=link_pk)
    try:
        ops.link_revoke(by=user, link=link)
    except PermissionError as error:
        raise PermissionDenied from error
    messages.success(request, _("The link is revoked."))
    return redirect("early:person", pk=person.pk)


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = _early_staff(request)
    person = _person(user, pk)
    try:
        ops.consent_withdraw(by=user, person=person)
    except PermissionError as error:
        raise PermissionDenied from error
    messages.success(request, _("Consent withdrawn: the answers are deleted."))
    return redirect("early:person", pk=person.pk)


@login_required
@require_POST
def settle(request: HttpRequest, pk: int) -> HttpResponse:
    user = _early_staff(request)
    person = _person(user, pk)
    form = SettleForm(request.POST, district_id=person.district_id)
    if form.is_valid():
        data = form.cleaned_data
        try:
            case = ops.person_settle(
                by=user,
                person=person,
                data=ops.SettlementInput(
                    settlement_date=data["settlement_date"],
                    residence_basis=data["residence_basis"],
                    permit_date=data["permit_date"],
                    education_level=data["education_level"],
                    settled_by_agreement=data["settled_by_agreement"],
                    adviser=data["adviser"],
                ),
            )
        except PermissionError as error:
            raise PermissionDenied from error
        except ops.EarlyRejected as rejected:
            for field, reason in rejected.errors.items():
                form.add_error(field if field in form.fields else None, reason)
        else:
            messages.success(request, _("Settled: the case is created."))
            return redirect("workspace:case", pk=case.pk)
    context = _person_context(user, person) | {"settle_form": form}
    return render(request, "early/staff/person.html", context, status=400)


@login_required
@require_POST
def mapping_accept(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    user = _early_staff(request)
    person = _person(user, pk)
    if key not in MAPPING_KEYS:
        raise Http404
    try:
        ops.mapping_accept(by=user, person=person, key=key, value=request.POST.get("value", ""))
    except PermissionError as error:
        raise PermissionDenied from error
    except ops.EarlyRejected as rejected:
        messages.error(request, " ".join(rejected.errors.values()))
    if request.headers.get("HX-Request"):
        answers, _record = ops.answers_of(person)
        accepted = dict(
            AcceptedMappingField.objects.filter(person=person).values_list("key", "value")
        )
        field = next(f for f in draft(answers, accepted) if f.key == key)
        return render(request, "early/staff/mapping_row.html", {"field": field, "person": person})
    return redirect(reverse("early:person", args=[person.pk]) + "#mapping")


@login_required
@require_POST
def profile_accept(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """Accept one field of the draft work profile into the settled person's case."""
    user = _early_staff(request)
    person = _person(user, pk)
    if key not in PROFILE_KEYS or person.case_id is None:
        raise Http404
    try:
        version = int(request.POST.get("version", ""))
    except ValueError as error:
        raise Http404 from error
    if not ops.may_read_answers(user, person) or user.role != Role.PROGRAMME_ADVISER:
        raise PermissionDenied
    case = case_for_write(user, case_pk=person.case_id, path=request.path)
    try:
        ops.profile_accept(
            by=user,
            person=person,
            case=case,
            expected_version=version,
            key=key,
            value=request.POST.get("value", ""),
            years=request.POST.get("years", ""),
        )
    except PermissionError as error:
        raise PermissionDenied from error
    except ops.EarlyRejected as rejected:
        messages.error(request, " ".join(rejected.errors.values()))
    except StaleCase:
        messages.error(
            request, _("Someone changed the case after you opened the page. Check and try again.")
        )
    else:
        messages.success(request, _("Accepted into the work profile."))
    return redirect(reverse("early:person", args=[person.pk]) + "#profile")


@login_required
@require_http_methods(["GET", "POST"])
def subject_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about a person before settlement, as JSON (GDPR art. 15), for a user
    with the export permission in the person's district; logged with its purpose."""
    user = _early_staff(request)
    person = _person(user, pk)
    if not may_export(user, person):
        raise PermissionDenied
    form = SubjectExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        content = person_subject_export(
            user=user, person=person, purpose=form.cleaned_data["purpose"]
        )
        response = HttpResponse(content, content_type="application/json")
        name = f"introsak-early-person-{person.pk}-{clock.today().isoformat()}.json"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response
    status = 400 if request.method == "POST" else 200
    context = {"person": person, "form": form}
    return render(request, "early/staff/subject_export.html", context, status=status)


@login_required
@require_POST
def own_view_link_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    user = _early_staff(request)
    case = case_for_write(user, case_pk=case_pk, path=request.path)
    form = OwnViewLinkForm(request.POST)
    if not form.is_valid():
        raise Http404
    token = ops.own_view_link_issue(by=user, case=case, language=form.cleaned_data["language"])
    url = request.build_absolute_uri(reverse("early:own_open", args=[token]))
    qr = segno.make(url, error="m").svg_data_uri(scale=4, border=2)
    return render(request, "early/staff/own_view_link.html", {"case": case, "url": url, "qr": qr})


@login_required
@require_GET
def case_section(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Early contact's section of the case page (loaded by htmx): nothing (204) for users
    who may not change the case; it shows no case content beyond the questionnaire status."""
    user = staff_user(request)
    roles = (Role.SETTLEMENT_WORKER, Role.PROGRAMME_ADVISER, Role.TEAM_COORDINATOR)
    if user.role not in roles or not has_permission(user, Permission.CASE_WRITE):
        return HttpResponse(status=204)
    case = case_for_permission(
        user, case_pk=case_pk, permission=Permission.CASE_WRITE, path=request.path
    )
    person = EarlyPerson.objects.filter(case=case).prefetch_related("links", "answers").first()
    return render(
        request,
        "early/staff/case_section.html",
        {
            "case": case,
            "person": person,
            "status": ops.questionnaire_status(person) if person else "",
            "languages": LANGUAGE_CHOICES,
            "language": person.language if person else "nb",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def groups(request: HttpRequest) -> HttpResponse:
    user = _early_staff(request)
    form = GroupForm(request.POST or None, initial={"weeks": 6})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = ops.group_create(
                by=user,
                name=data["name"],
                language=data["language"],
                first_session=data["first_session"],
                weeks=data["weeks"],
            )
        except ops.EarlyRejected as rejected:
            for field, reason in rejected.errors.items():
                form.add_error(field if field in form.fields else None, reason)
        else:
            return redirect("early:group", pk=group.pk)
    listed = PreCourseGroup.objects.filter(district=user.district).prefetch_related("members")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "early/staff/groups.html", {"groups": listed, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _early_staff(request)
    group = get_object_or_404(PreCourseGroup, pk=pk, district=user.district)
    if request.method == "POST":
        try:
            if "add" in request.POST:
                person = _person(user, int(request.POST.get("person", "0") or 0))
                ops.group_add(by=user, group=group, person=person)
            elif "session" in request.POST:
                session = get_object_or_404(group.sessions, pk=int(request.POST["session"]))
                present = {
                    member.pk: request.POST.get(f"present-{member.pk}") == "on"
                    for member in group.members.all()
                }
                ops.attendance_record(by=user, session=session, present=present)
                messages.success(request, _("Attendance saved."))
        except ops.EarlyRejected as rejected:
            messages.error(request, " ".join(rejected.errors.values()))
        except (PermissionError, ValueError) as error:
            raise PermissionDenied from error
        return redirect("early:group", pk=group.pk)
    members = list(group.members.all())
    sessions = list(group.sessions.prefetch_related("attendance"))
    table = [
        (
            session,
            [
                (member, {a.person_id: a.present for a in session.attendance.all()}.get(member.pk))
                for member in members
            ],
        )
        for session in sessions
    ]
    candidates = ops.persons_in_scope(user).exclude(pk__in=[m.pk for m in members])
    return render(
        request,
        "early/staff/group.html",
        {"group": group, "members": members, "table": table, "candidates": candidates},
    )


@login_required
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    require_permission(user, Permission.STATS_VIEW, path=request.path)
    return render(request, "early/staff/stats.html", {"table": stats.early_contact_table()})


# --- Participant -------------------------------------------------------------------------


def _participant_context(code: str) -> dict[str, Any]:
    current = language(code)
    return {"participant_languages": PARTICIPANT_LANGUAGES, "current_language": current}


def _language_of(request: HttpRequest, fallback: str) -> str:
    chosen = request.GET.get("lang") or request.session.get(SESSION_LANGUAGE) or fallback
    if chosen not in CODES:
        chosen = fallback
    request.session[SESSION_LANGUAGE] = chosen
    return chosen


def _in_every_language(title: Promise, text: Promise) -> list[dict[str, Any]]:
    """A short message in every participant language: who cannot open their link cannot be
    told apart, so the page cannot be in the person's own language alone."""
    messages_ = []
    for choice in PARTICIPANT_LANGUAGES:
        with translation.override(choice.code):
            messages_.append(
                {
                    "code": choice.code,
                    "rtl": translation.get_language_bidi(),
                    "title": str(title),
                    "text": str(text),
                }
            )
    return messages_


def _not_found(request: HttpRequest) -> HttpResponse:
    """The one answer for every link that does not open (wrong, expired, revoked, used)."""
    with translation.override("nb"):
        return render(
            request,
            "early/participant/not_found.html",
            {"messages_": _in_every_language(*NOT_FOUND)},
            status=404,
        )


def _too_many(request: HttpRequest) -> HttpResponse:
    with translation.override("nb"):
        response = render(
            request,
            "early/participant/throttled.html",
            {"messages_": _in_every_language(*TOO_MANY)},
            status=429,
        )
    response["Retry-After"] = str(int(ops.THROTTLE_WINDOW.total_seconds()))
    return response


@require_GET
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    address = client_ip(request)
    if ops.throttled(address):
        return _too_many(request)
    person = ops.link_open(token=token, address=address)
    if person is None:
        return _not_found(request)
    request.session.cycle_key()
    request.session[SESSION_PERSON] = person.pk
    request.session[SESSION_LANGUAGE] = person.language
    request.session[SESSION_SEEN] = time.time()
    return redirect("early:questionnaire")


def _still_active(request: HttpRequest) -> bool:
    """False (and the session ended) after ``PARTICIPANT_IDLE_SECONDS`` without a request."""
    seen = request.session.get(SESSION_SEEN)
    if seen is None:  # no participant session (opening a link starts one)
        return True
    now = time.time()
    if now - float(seen) > PARTICIPANT_IDLE_SECONDS:
        request.session.flush()
        return False
    request.session[SESSION_SEEN] = now
    return True


def _session_person(request: HttpRequest) -> EarlyPerson | None:
    if not _still_active(request):
        return None
    pk = request.session.get(SESSION_PERSON)
    if not pk:
        return None
    return EarlyPerson.objects.filter(pk=pk, consent_withdrawn_at__isnull=True).first()


@require_http_methods(["GET", "POST"])
def questionnaire(request: HttpRequest) -> HttpResponse:
    person = _session_person(request)
    if person is None:
        return _not_found(request)
    code = _language_of(request, person.language)
    answers, record = ops.answers_of(person)
    pages = len(q.PAGES)
    try:
        number = int(request.POST.get("page") or request.GET.get("page") or 0)
    except ValueError:
        number = 0
    if not 1 <= number <= pages:
        number = min((record.last_page if record else 0) + 1, pages)
    errors: dict[str, Any] = {}
    with translation.override(code):
        if request.method == "POST":
            action = request.POST.get("action", "next")
            try:
                ops.answers_save(
                    person=person,
                    page_number=number,
                    data=request.POST,
                    submit=action == "send",
                )
            except q.AnswerErrors as invalid:
                errors = invalid.errors
                # show everything the person typed on this page again, not only the errors
                page_sent = q.PAGES[number - 1]
                answers = answers | {
                    question.key: (
                        request.POST.getlist(question.key)
                        if question.kind == "multi"
                        else request.POST.get(question.key, "")
                    )
                    for question in page_sent.questions
                }
            else:
                if action == "later":
                    return render(
                        request, "early/participant/saved.html", _participant_context(code)
                    )
                if action == "send":
                    return render(
                        request, "early/participant/thanks.html", _participant_context(code)
                    )
                if action == "back":
                    return redirect(f"{reverse('early:questionnaire')}?page={max(number - 1, 1)}")
                return redirect(f"{reverse('early:questionnaire')}?page={min(number + 1, pages)}")
        page = q.PAGES[number - 1]
        context = {
            "page": page,
            "number": number,
            "pages": pages,
            "fields": [
                _field(question, answers.get(question.key), errors.get(question.key))
                for question in page.questions
            ],
            "errors": errors,
            "last": number == pages,
            "submitted": bool(record and record.submitted_at),
            **_participant_context(code),
        }
        return render(
            request,
            "early/participant/questionnaire.html",
            context,
            status=400 if errors else 200,
        )


def _field(question: q.Question, value: Any, error: Any) -> dict[str, Any]:
    selected = value if isinstance(value, list) else [value] if value not in (None, "") else []
    return {
        "question": question,
        "value": "" if value is None else value,
        "selected": [str(v) for v in selected],
        "error": error,
    }


@require_GET
def own_open(request: HttpRequest, token: str) -> HttpResponse:
    address = client_ip(request)
    if ops.throttled(address):
        return _too_many(request)
    link = ops.own_view_open(token=token, address=address)
    if link is None:
        return _not_found(request)
    request.session.cycle_key()
    request.session[SESSION_CASE] = link.case_id
    request.session[SESSION_LANGUAGE] = link.language
    request.session[SESSION_SEEN] = time.time()
    return redirect("early:own_view")


SESSION_IDPORTEN = "early_idporten"


@require_GET
def idporten_start(request: HttpRequest) -> HttpResponse:
    """Send the participant to ID-porten (only when configured; otherwise as a missing link)."""
    if not idporten.enabled():
        return _not_found(request)
    code = _language_of(request, "nb")
    url, kept = idporten.start(request.build_absolute_uri(reverse("early:idporten_callback")), code)
    request.session[SESSION_IDPORTEN] = kept
    return redirect(url)


@require_GET
def idporten_callback(request: HttpRequest) -> HttpResponse:
    """Back from ID-porten: the ``pid`` opens the person's own case only; anything else (an
    unknown person, a wrong state, a bad token) gets the same answer as a missing link."""
    if not idporten.enabled():
        return _not_found(request)
    address = client_ip(request)
    if ops.throttled(address):
        return _too_many(request)
    kept = request.session.pop(SESSION_IDPORTEN, None)
    code = request.GET.get("code", "")
    if not kept or not code or request.GET.get("state") != kept.get("state"):
        return _not_found(request)
    try:
        pid = idporten.identity_number(
            code=code,
            redirect_uri=request.build_absolute_uri(reverse("early:idporten_callback")),
            kept=kept,
        )
    except (SuspiciousOperation, RequestException, PyJWTError, ValueError):
        return _not_found(request)
    case = idporten.case_of(pid)
    if case is None:
        return _not_found(request)
    language_code = _language_of(request, "nb")
    request.session.cycle_key()
    request.session[SESSION_CASE] = case.pk
    request.session[SESSION_LANGUAGE] = language_code
    request.session[SESSION_SEEN] = time.time()
    return redirect("early:own_view")


@require_GET
def own_view(request: HttpRequest) -> HttpResponse:
    case_pk = request.session.get(SESSION_CASE) if _still_active(request) else None
    case = (
        ProgrammeCase.objects.select_related("person", "district", "adviser")
        .filter(pk=case_pk)
        .first()
        if case_pk
        else None
    )
    if case is None:
        return _not_found(request)
    code = _language_of(request, "nb")
    ops.own_view_logged(case)
    with translation.override(code):
        return render(
            request,
            "early/participant/own_view.html",
            {"view": ownview.own_view(case, today=clock.today()), **_participant_context(code)},
        )


@require_POST
def participant_leave(request: HttpRequest) -> HttpResponse:
    """End the participant's session (the questionnaire or own view)."""
    request.session.flush()
    code = _language_of(request, "nb")
    with translation.override(code):
        return render(request, "early/participant/left.html", _participant_context(code))
