"""The permission matrix: every persona × every URL that can return personal data × every
protected-address grading.

The URL list is not written by hand: ``named_urls()`` walks the project's URL resolver and
``test_every_named_url_is_classified`` fails for any named URL that ``URLS`` does not classify,
so a new page cannot ship without saying who may see it. Each classified URL is then requested
by each persona for a case in district A with each grading, and the status, the access-log
rows and the security-log rows written by that one request are compared with the rules written
out by hand in ``tests.access.personas``.

Adding a URL: add an entry to ``URLS`` (kind, permission, how to build its arguments, how many
access-log rows one request writes), or to ``SKIPPED`` with the reason and the test that
covers it instead.

Case A holds every kind of free text (``FREE_TEXTS``): any response that shows one of them
without writing an access-log row fails the matrix (every response that shows case content
is one opening), and so does an auditor without ``show_identities`` who sees one, the case
number or the adviser's name (pseudonymised views show what the pseudonymised export shows).
``test_every_recording_form_and_partial_is_one_opening`` requests every recording form, also
as the htmx partial, since the matrix requests one step only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

import pytest
from django.contrib.admin import site as admin_site
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from introsak.access.domain.protection import case_pseudonym
from introsak.access.enums import Permission
from introsak.access.models import AccessLogEntry, SecurityEvent
from introsak.core.models import District
from introsak.workspace.steps import STEPS
from tests.access.personas import (
    ADVISER_A_NAME,
    ANONYMOUS,
    DISTRICT_A,
    DISTRICT_A_ROLES,
    FREE_TEXTS,
    GRADINGS,
    NAME_A,
    NAME_B,
    NONE,
    PERSONAS,
    STRICT,
    World,
    client_for,
    has,
    make_world,
    may_export,
    may_read,
    may_write,
)

pytestmark = pytest.mark.django_db

P = Permission


class Kind(StrEnum):
    PUBLIC = "public"  # no log-in, no personal data
    LOGIN = "login"  # any logged-in user; only the user's own data
    PAGE = "page"  # needs a permission; shows no participant
    LIST = "list"  # needs a permission; lists participants (never writes the access log)
    CASE = "case"  # one case by id: permission, district, grant, grading; 404 otherwise
    AUDIT = "audit"  # one audit by id: the audit app's rules on top of the gateway
    ADMIN = "admin"  # the admin site: administrators only, no case content


Args = Callable[[World], dict[str, Any]]
Expect = Callable[[str, str], tuple[int, int]]  # (persona, grading) → (status, log rows)


@dataclass(frozen=True)
class Spec:
    kind: Kind
    permission: Permission | None = None
    kwargs: Args = field(default=lambda world: {})
    query: str = ""
    logs: int = 0  # access-log rows one allowed request writes
    shows_person: bool = False  # the page names the participant (or their pseudonym)
    gradings: tuple[str, ...] = GRADINGS
    expect: Expect | None = None  # overrides the rule derived from kind and permission
    # CASE: the answer to a user whose role lacks the permission altogether (a 403 says
    # nothing about the case; a 404 is the same as for a case out of scope)
    no_permission_status: int = 404
    personas: tuple[str, ...] = PERSONAS  # fewer only where a request is very slow


def _case(world: World) -> dict[str, Any]:
    return {"pk": world.case_a.pk}


def _meeting_of(world: World) -> int:
    meeting = world.case_a.meetings.order_by("pk").first()
    assert meeting is not None
    return meeting.pk


def _stats_view(world: World) -> dict[str, Any]:
    return {"name": "end-reasons"}


# --- the audits app: one external audit of district A, auditors on it ----------------------


def _audit_allowed(persona: str) -> bool:
    return persona == "auditor_valid"


def _audit_expect(persona: str, grading: str) -> tuple[int, int]:
    if _audit_allowed(persona):
        return 200, 0
    return (404 if has(persona, P.AUDIT_RUN) else 403), 0


def _audit_case_expect(persona: str, grading: str) -> tuple[int, int]:
    if _audit_allowed(persona):
        return (200, 1) if may_read(persona, grading) else (404, 0)
    return (404 if has(persona, P.AUDIT_RUN) else 403), 0


def _audit_new_expect(persona: str, grading: str) -> tuple[int, int]:
    return (200 if persona in ("auditor_valid", "coordinator_a") else 403), 0


def _audit_args(world: World) -> dict[str, Any]:
    audit = _make_audit(world)
    return {"pk": audit.pk}


def _audit_row_args(world: World) -> dict[str, Any]:
    from introsak.audits.models import FrameCase

    audit = _make_audit(world)
    row = FrameCase.objects.get(sample__audit=audit, case=world.case_a)
    assert row.drawn
    return {"pk": audit.pk, "row_pk": row.pk}


def _make_audit(world: World) -> Any:
    from introsak.audits.domain.audits import audit_create
    from introsak.audits.domain.criteria import REPORT_CRITERIA
    from introsak.audits.domain.sampling import sample_draw
    from introsak.audits.models import Audit
    from introsak.cases.models import ProgrammeCase

    existing = Audit.objects.first()
    if existing is not None:
        return existing
    auditors = [world.staff(n) for n in ("auditor_valid", "auditor_expired", "auditor_none")]
    audit = audit_create(
        name="Matrix audit",
        districts=[District.objects.get(slug=DISTRICT_A)],
        started_from=date(2023, 1, 1),
        started_to=date(2024, 12, 31),
        as_of=date(2024, 8, 7),
        criteria=REPORT_CRITERIA[:2],
        sample_size=5,
        auditors=auditors,
        created_by=world.staff("auditor_valid"),
    )
    sample_draw(
        audit=audit,
        cases=ProgrammeCase.objects.filter(pk=world.case_a.pk),
        by=world.users["auditor_valid"],
        seed=1,
    )
    return audit


# --- placements (issue 15): an offer in district A, proposed to case A ----------------------


def _offer(world: World) -> Any:
    from introsak.placements.models import Employer, PlacementOffer

    existing = PlacementOffer.objects.first()
    if existing is not None:
        return existing
    employer = Employer.objects.create(
        orgnr="974760673", name="Matrise barnehage", sector="kindergarten", ownership="municipal"
    )
    return PlacementOffer.objects.create(
        employer=employer,
        kind="language_practice",
        title="Språkpraksis i barnehage",
        occupation="53",
        hours_per_week=15,
        start=date(2024, 8, 1),
    )


def _offer_args(world: World) -> dict[str, Any]:
    return {"pk": _offer(world).pk}


def _fair_args(world: World) -> dict[str, Any]:
    from introsak.placements.models import JobFair, JobFairInvitation

    fair = JobFair.objects.first() or JobFair.objects.create(
        name="Jobbmesse", held_on=date(2024, 9, 1), preparation_sessions=5
    )
    JobFairInvitation.objects.get_or_create(fair=fair, case=world.case_a)
    return {"pk": fair.pk}


def _placement_args(world: World) -> dict[str, Any]:
    from introsak.placements.models import Placement

    placement, _created = Placement.objects.get_or_create(
        case=world.case_a, offer=_offer(world), defaults={"proposed_on": date(2024, 8, 7)}
    )
    return {"pk": world.case_a.pk, "placement_pk": placement.pk, "step": "decline"}


# --- every named URL -------------------------------------------------------------------------

URLS: dict[str, Spec] = {
    # home sends a user to the first area their role opens; a user without a role stays
    "home": Spec(Kind.LOGIN, expect=lambda p, g: (200 if p == "no_role" else 302, 0)),
    "login": Spec(Kind.PUBLIC, expect=lambda p, g: (200 if p == ANONYMOUS else 302, 0)),
    "health": Spec(Kind.PUBLIC),
    # The rule parameters: analysts (statistics) and administrators; no participant shown.
    "rule_parameters": Spec(
        Kind.PAGE,
        P.STATS_VIEW,
        gradings=(NONE,),
        expect=lambda p, g: (200, 0) if has(p, P.STATS_VIEW) or has(p, P.USERS_ADMIN) else (403, 0),
    ),
    "accounts:otp_setup": Spec(Kind.LOGIN),
    "accounts:password_change": Spec(Kind.LOGIN),
    "accounts:password_change_done": Spec(Kind.LOGIN),
    # access: reports for the administrator (data protection), the data-subject export
    "access:reports": Spec(Kind.PAGE, P.ACCESS_LOG_VIEW),
    "access:person_report": Spec(Kind.PAGE, P.ACCESS_LOG_VIEW),
    "access:user_report": Spec(
        Kind.LIST, P.ACCESS_LOG_VIEW, query="?username=adviser_a&start=2000-01-01&end=2100-01-01"
    ),
    "access:security_log": Spec(
        Kind.LIST, P.ACCESS_LOG_VIEW, query="?start=2000-01-01&end=2100-01-01"
    ),
    "access:subject_export": Spec(
        Kind.CASE, P.CASE_EXPORT, kwargs=lambda w: {"case_pk": w.case_a.pk}
    ),
    # workspace
    "workspace:worklist": Spec(Kind.LIST, P.CASE_READ, query="?scope=district", shows_person=True),
    "workspace:help": Spec(Kind.PAGE, P.CASE_READ),
    "workspace:case": Spec(Kind.CASE, P.CASE_READ, kwargs=_case, logs=1, shows_person=True),
    "workspace:record": Spec(
        Kind.CASE,
        P.CASE_WRITE,
        kwargs=lambda w: {"pk": w.case_a.pk, "step": "meeting"},
        logs=1,
        shows_person=True,
        no_permission_status=403,
    ),
    "workspace:correct": Spec(
        Kind.CASE,
        P.CASE_WRITE,
        kwargs=lambda w: {"pk": w.case_a.pk, "kind": "meeting", "event": _meeting_of(w)},
        logs=1,
        shows_person=True,
        no_permission_status=403,
    ),
    "workspace:reassign": Spec(
        Kind.LIST, P.CASE_REASSIGN, query="?scope=district", shows_person=True
    ),
    "workspace:workload": Spec(Kind.PAGE, P.CASE_REASSIGN),
    "workspace:saved": Spec(Kind.PAGE, P.CASE_READ),
    # statistics: aggregated, suppressed for small cells (the stats app's own tests)
    "stats:dashboard": Spec(Kind.PAGE, P.STATS_VIEW),
    # Issue 16: the planner's forecast (aggregates of a simulation; no participant).
    "intake:forecast": Spec(Kind.PAGE, P.FORECAST_VIEW, gradings=(NONE,)),
    "stats:view": Spec(Kind.PAGE, P.STATS_VIEW, kwargs=_stats_view),
    "stats:chart": Spec(Kind.PAGE, P.STATS_VIEW, kwargs=_stats_view),
    "stats:download": Spec(
        Kind.PAGE, P.STATS_VIEW, kwargs=lambda w: {"name": "end-reasons", "fmt": "csv"}
    ),
    # the dashboard PDF takes a minute to render: only the refusals here; the PDF itself is
    # tested by tests/stats
    "stats:pdf": Spec(
        Kind.PAGE, P.STATS_VIEW, gradings=(NONE,), personas=(ANONYMOUS, "no_role", "administrator")
    ),
    # audits: only the auditors on an audit, within their grant; cases through the gateway
    "audits:list": Spec(Kind.PAGE, P.AUDIT_RUN),
    "audits:new": Spec(Kind.AUDIT, P.AUDIT_RUN, expect=_audit_new_expect),
    "audits:detail": Spec(Kind.AUDIT, P.AUDIT_RUN, kwargs=_audit_args, expect=_audit_expect),
    "audits:findings": Spec(Kind.AUDIT, P.AUDIT_RUN, kwargs=_audit_args, expect=_audit_expect),
    "audits:control_form": Spec(
        Kind.AUDIT,
        P.AUDIT_RUN,
        kwargs=_audit_row_args,
        expect=_audit_case_expect,
        shows_person=True,
    ),
    "audits:export": Spec(
        Kind.AUDIT,
        P.AUDIT_RUN,
        kwargs=lambda w: {**_audit_args(w), "fmt": "jsonl"},
        expect=_audit_case_expect,
    ),
}

URLS |= {
    # placements: the board, employers and offers show no participant; an offer's ranked
    # participants are a list (no log row); the work pages are for staff who may record
    "placements:board": Spec(Kind.PAGE, P.CASE_READ),
    "placements:employers": Spec(Kind.PAGE, P.CASE_READ),
    "placements:offer_new": Spec(Kind.PAGE, P.CASE_WRITE),
    "placements:offer": Spec(Kind.LIST, P.CASE_READ, kwargs=_offer_args, shows_person=True),
    "placements:fairs": Spec(Kind.PAGE, P.CASE_READ),
    "placements:statistics": Spec(Kind.PAGE, P.STATS_VIEW),
    "placements:fair": Spec(Kind.LIST, P.CASE_READ, kwargs=_fair_args, shows_person=True),
    "placements:participant": Spec(
        Kind.CASE, P.CASE_WRITE, kwargs=_case, logs=1, shows_person=True
    ),
    "placements:profile": Spec(Kind.CASE, P.CASE_WRITE, kwargs=_case, logs=1, shows_person=True),
    "placements:step": Spec(
        Kind.CASE, P.CASE_WRITE, kwargs=_placement_args, logs=1, shows_person=True
    ),
}

# Named URLs not requested here, with the reason and where they are tested instead.
SKIPPED: dict[str, str] = {
    "placements:propose": "POST only; proposing an offer (tests/placements/test_pages.py)",
    "placements:fair_invite": "POST only; inviting to a job fair (tests/placements/test_fairs.py)",
    "placements:invitation": "POST only; a job-fair outcome (tests/placements/test_fairs.py)",
    "logout": "POST only; ends the session (tests/accounts/test_sessions.py)",
    "set_language": "POST only; sets the language, no data",
    "accounts:otp_verify": "sends users without a device to enrolment "
    "(tests/accounts/test_two_factor.py)",
    "audits:exclude": "POST only; excluding a case (tests/audits/test_views.py)",
    "workspace:saved-delete": "POST only; the user's own saved filter set "
    "(tests/workspace/test_worklist_power.py)",
    **{
        f"early:{name}": "early contact: persons before settlement have no case yet, and the "
        "participant's pages have no account (tests/early/test_access.py)"
        for name in [
            "list",
            "create",
            "person",
            "link_create",
            "link_revoke",
            "consent_withdraw",
            "settle",
            "mapping_accept",
            "own_view_link",
            "case_section",
            "groups",
            "group",
            "stats",
            "open",
            "questionnaire",
            "own_open",
            "own_view",
            "leave",
        ]
    },
    "early:profile_accept": "POST only; the draft work profile (tests/early/test_profile.py)",
    "early:subject_export": "a person before settlement has no case "
    "(tests/early/test_subject_export.py)",
    "early:idporten_start": "the participant's ID-porten log-in (tests/early/test_idporten.py)",
    "early:idporten_callback": "the participant's ID-porten log-in (tests/early/test_idporten.py)",
}

ADMIN_PREFIX = "admin:"
URL_NAME = re.compile(r"^[\w:-]+$")


def named_urls() -> dict[str, str]:
    """Every named URL of the project (``namespace:name``) with its route."""
    found: dict[str, str] = {}

    def walk(patterns: list[Any], namespace: str, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                found[namespace + pattern.name] = prefix + str(pattern.pattern)

    walk(get_resolver().url_patterns, "", "/")
    return found


def test_every_named_url_is_classified() -> None:
    names = {n for n in named_urls() if not n.startswith(ADMIN_PREFIX)}
    unclassified = sorted(names - set(URLS) - set(SKIPPED))
    stale = sorted((set(URLS) | set(SKIPPED)) - names)
    assert (unclassified, stale) == ([], []), (
        "classify every URL in tests/access/test_permission_matrix.py (URLS or SKIPPED)"
    )


def test_no_url_takes_an_identity_number() -> None:
    routes = named_urls().values()
    assert [r for r in routes if re.search(r"national|fnr|identity|duf", r, re.I)] == []


def test_no_view_is_exempt_from_csrf() -> None:
    exempt = []

    def walk(patterns: list[Any]) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif getattr(pattern.callback, "csrf_exempt", False):
                exempt.append(pattern.name)

    walk(get_resolver().url_patterns)
    assert exempt == []


# --- the expected outcome of one request -----------------------------------------------------


def expected(spec: Spec, persona: str, grading: str) -> tuple[int, int, int]:
    """(status, access-log rows, security-log rows) for one request. Every refusal (403 or
    404 from a check) writes exactly one security-log row."""
    if spec.kind == Kind.PUBLIC:
        return (*spec.expect(persona, grading), 0) if spec.expect else (200, 0, 0)
    if persona == ANONYMOUS:
        return 302, 0, 0
    status, logs = _status_and_logs(spec, persona, grading)
    return status, logs, int(status in (403, 404))


def _status_and_logs(spec: Spec, persona: str, grading: str) -> tuple[int, int]:
    if spec.expect is not None:
        return spec.expect(persona, grading)
    if spec.kind == Kind.LOGIN:
        return 200, 0
    assert spec.permission is not None
    if spec.kind == Kind.CASE:
        if not has(persona, spec.permission):
            return spec.no_permission_status, 0
        allowed = {P.CASE_READ: may_read, P.CASE_WRITE: may_write, P.CASE_EXPORT: may_export}[
            spec.permission
        ](persona, grading)
        return (200, spec.logs) if allowed else (404, 0)
    return (200, 0) if has(persona, spec.permission) else (403, 0)


def request_once(world: World, persona: str, url: str) -> tuple[int, int, int, str]:
    logs, events = AccessLogEntry.objects.count(), SecurityEvent.objects.count()
    response = client_for(world.users[persona]).get(url)
    body = (
        response.content.decode("utf-8", "replace")
        if "text/html" in response.get("Content-Type", "")
        else ""
    )
    return (
        response.status_code,
        AccessLogEntry.objects.count() - logs,
        SecurityEvent.objects.count() - events,
        body,
    )


def _cells() -> list[tuple[str, str]]:
    return [(name, grading) for name, spec in URLS.items() for grading in spec.gradings]


@pytest.mark.parametrize(("url_name", "grading"), _cells())
def test_persona_matrix(url_name: str, grading: str) -> None:
    world = make_world(grading)
    spec = URLS[url_name]
    url = reverse(url_name, kwargs=spec.kwargs(world)) + spec.query
    actual, wanted, leaks = {}, {}, []
    for persona in spec.personas:
        status, logs, events, body = request_once(world, persona, url)
        actual[persona] = (status, logs, events)
        wanted[persona] = expected(spec, persona, grading)
        leaks += person_leaks(spec, world, persona, grading, status, body)
        leaks += content_leaks(persona, status, logs, body)
    assert actual == wanted
    assert leaks == []


def content_leaks(persona: str, status: int, logs: int, body: str) -> list[str]:
    """Case content shown without an access-log row, and what a pseudonymised view shows
    too much of (the auditors in the matrix have no ``show_identities``)."""
    if status != 200 or not body:
        return []
    shown = sorted(key for key, text in FREE_TEXTS.items() if text in body)
    problems = []
    if shown and not logs:
        problems.append(f"{persona} sees {', '.join(shown)} without an access-log row")
    if persona.startswith("auditor"):
        problems += [f"{persona} sees the free text {key}" for key in shown]
        if " ".join(ADVISER_A_NAME) in body:
            problems.append(f"{persona} sees the adviser's name")
        if re.search(r"\bA-1\b", body):
            problems.append(f"{persona} sees the case number")
    return problems


def person_leaks(
    spec: Spec, world: World, persona: str, grading: str, status: int, body: str
) -> list[str]:
    """What a page shows of the participant that the persona may not see."""
    if status != 200 or not body:
        return []
    shown = NAME_A in body
    national_id = world.case_a.person.national_id or "-"
    full_id = national_id in body
    sees_identity = persona in DISTRICT_A_ROLES and may_read(persona, grading)
    problems = []
    if shown and not (spec.shows_person and sees_identity):
        problems.append(f"{persona} sees the name")
    if full_id and not (spec.kind == Kind.CASE and spec.logs and sees_identity):
        problems.append(f"{persona} sees the full identity number")
    if spec.shows_person and spec.kind == Kind.LIST and sees_identity and not shown:
        problems.append(f"{persona} does not find the participant in the list")
    if (
        spec.shows_person
        and spec.kind in (Kind.CASE, Kind.AUDIT)
        and persona.startswith("auditor")
        and case_pseudonym(world.case_a) not in body
    ):
        problems.append(f"{persona} does not see the pseudonym")
    if world.case_a.person.address and world.case_a.person.address in body and not sees_identity:
        problems.append(f"{persona} sees the address")
    return problems


HX_JOURNAL = {"HX-Request": "true", "HX-Target": "journal"}


@pytest.mark.parametrize("step", sorted(STEPS))
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_every_recording_form_and_partial_is_one_opening(step: str, htmx: bool) -> None:
    """Every recording form, as a page and as the journal's htmx partial, shows the case:
    one access-log row each, and case content only with that row."""
    world = make_world()
    url = reverse("workspace:record", kwargs={"pk": world.case_a.pk, "step": step})
    client = client_for(world.users["coordinator_a"])  # may record every step, reassign too
    before = AccessLogEntry.objects.count()
    response = client.get(url, headers=HX_JOURNAL if htmx else {})
    rows = AccessLogEntry.objects.count() - before
    body = response.content.decode()
    assert (response.status_code, rows) == (200, 1)
    assert content_leaks("coordinator_a", 200, rows, body) == []
    if step == "journal" and htmx:
        assert FREE_TEXTS["journal"] in body


# --- ids in URLs ----------------------------------------------------------------------------

CASE_URLS = [name for name, spec in URLS.items() if spec.kind == Kind.CASE]
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.mark.parametrize("url_name", CASE_URLS)
def test_changing_the_id_never_reveals_another_districts_case(url_name: str) -> None:
    """Adviser A asks for district B's case and for an id that does not exist: the same 404,
    nothing opened, one security-log row each."""
    world = make_world()
    spec = URLS[url_name]
    results = []
    for pk in (world.case_b.pk, world.case_b.pk + 1000):
        kwargs = {k: (pk if k in ("pk", "case_pk") else v) for k, v in spec.kwargs(world).items()}
        status, logs, events, body = request_once(
            world, "adviser_a", reverse(url_name, kwargs=kwargs)
        )
        results.append((status, logs, events, _CSRF.sub("", body)))
    assert results[0][:3] == results[1][:3] == (404, 0, 1)
    assert results[0][3] == results[1][3]
    assert NAME_B not in results[0][3]


# --- the admin site ---------------------------------------------------------------------------


def admin_urls() -> list[str]:
    """The admin's index and every model's list and add page (the ones without an id)."""
    urls = [reverse("admin:index")]
    for model in admin_site._registry:
        opts = model._meta
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    return urls


@pytest.mark.parametrize("grading", (NONE, STRICT))
def test_admin_site_is_for_administrators_only_and_shows_no_case_content(grading: str) -> None:
    world = make_world(grading)
    urls = admin_urls()
    actual = {}
    leaks = []
    for persona in PERSONAS:
        client = client_for(world.users[persona])
        statuses = set()
        for url in urls:
            response = client.get(url)
            statuses.add(response.status_code)
            body = response.content.decode()
            strict_listed = grading == STRICT and ">A-1<" in body
            if NAME_A in body or (world.case_a.person.national_id or "-") in body or strict_listed:
                leaks.append((persona, url))
        actual[persona] = statuses
    assert actual == {p: {200} if p == "administrator" else {302} for p in PERSONAS}
    assert leaks == []
    listed = (
        client_for(world.users["administrator"])
        .get(reverse("admin:cases_programmecase_changelist"))
        .content.decode()
    )
    assert (">B-1<" in listed, ">A-1<" in listed) == (True, grading != STRICT)


def test_case_and_list_urls_run_every_persona_and_grading() -> None:
    short = [
        name
        for name, spec in URLS.items()
        if spec.kind in (Kind.CASE, Kind.LIST, Kind.AUDIT)
        and (spec.personas != PERSONAS or spec.gradings != GRADINGS)
    ]
    assert short == []
