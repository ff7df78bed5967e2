"""The gateway, called directly: who sees which case, and what each call writes to the logs."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from introsak.access.domain.gateway import (
    case_for_read,
    case_for_write,
    has_permission,
    require_permission,
    visible_cases,
)
from introsak.access.domain.protection import person_grading_set
from introsak.access.enums import AccessAction, Permission
from introsak.access.models import AccessLogEntry, SecurityEvent
from tests.access.personas import (
    ANONYMOUS,
    DISTRICT_A,
    DISTRICT_B,
    GRADINGS,
    NONE,
    PERSONAS,
    STRICT,
    make_world,
    may_read,
    may_write,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("grading", GRADINGS)
def test_visible_cases_follow_role_district_grant_and_grading(grading: str) -> None:
    world = make_world(grading)
    actual = {
        name: sorted(visible_cases(user).values_list("case_id", flat=True))
        for name, user in world.users.items()
        if user is not None
    }
    expected = {
        name: sorted(
            [
                c
                for c, slug in (("A-1", DISTRICT_A), ("B-1", DISTRICT_B))
                if may_read(name, grading if c == "A-1" else NONE, slug)
            ]
        )
        for name in PERSONAS
        if name != ANONYMOUS
    }
    assert actual == expected


@pytest.mark.parametrize("grading", GRADINGS)
def test_writable_cases_exclude_auditors_and_other_districts(grading: str) -> None:
    world = make_world(grading)
    actual = {
        name: visible_cases(user, permission=Permission.CASE_WRITE)
        .filter(pk=world.case_a.pk)
        .exists()
        for name, user in world.users.items()
        if user is not None
    }
    assert actual == {name: may_write(name, grading) for name in actual}


def test_case_for_read_writes_exactly_one_access_log_row() -> None:
    world = make_world()
    adviser = world.staff("adviser_a")
    case = case_for_read(adviser, case_pk=world.case_a.pk, purpose="case work", path="/x/")
    assert case.pk == world.case_a.pk
    assert list(
        AccessLogEntry.objects.values_list(
            "user__username", "person_id", "case_id", "action", "purpose"
        )
    ) == [("adviser_a", world.case_a.person_id, world.case_a.pk, "view", "case work")]
    assert SecurityEvent.objects.count() == 0


@pytest.mark.parametrize("case_key", ["other_district", "missing"])
def test_refused_and_missing_case_both_404_with_security_log_and_no_access_row(
    case_key: str,
) -> None:
    world = make_world()
    pk = world.case_b.pk if case_key == "other_district" else 999_999
    with pytest.raises(Http404):
        case_for_read(world.staff("adviser_a"), case_pk=pk, purpose="case work", path="/c/")
    assert AccessLogEntry.objects.count() == 0
    assert list(SecurityEvent.objects.values_list("user__username", "event", "path", "detail")) == [
        ("adviser_a", "denied_case_read", "/c/", f"case {pk}")
    ]


def test_export_action_needs_export_permission() -> None:
    world = make_world()
    with pytest.raises(Http404):
        case_for_read(
            world.staff("adviser_a"),
            case_pk=world.case_a.pk,
            action=AccessAction.EXPORT,
            purpose="export",
        )
    case_for_read(
        world.staff("coordinator_a"),
        case_pk=world.case_a.pk,
        action=AccessAction.EXPORT,
        purpose="export",
    )
    assert list(AccessLogEntry.objects.values_list("user__username", "action")) == [
        ("coordinator_a", "export")
    ]
    assert list(SecurityEvent.objects.values_list("event", flat=True)) == ["denied_case_export"]


def test_auditor_with_valid_grant_cannot_write() -> None:
    world = make_world()
    with pytest.raises(Http404):
        case_for_write(world.staff("auditor_valid"), case_pk=world.case_a.pk)
    assert (
        case_for_read(world.staff("auditor_valid"), case_pk=world.case_a.pk, purpose="audit").pk
        == world.case_a.pk
    )


def test_case_for_write_with_the_reassign_permission_is_for_coordinators_only() -> None:
    world = make_world()
    with pytest.raises(Http404):
        case_for_write(
            world.staff("adviser_a"),
            case_pk=world.case_a.pk,
            permission=Permission.CASE_REASSIGN,
            path="/cases/1/reassign/",
        )
    assert list(SecurityEvent.objects.values_list("event", "path")) == [
        ("denied_case_reassign", "/cases/1/reassign/")
    ]
    coordinator = world.staff("coordinator_a")
    case = case_for_write(coordinator, case_pk=world.case_a.pk, permission=Permission.CASE_REASSIGN)
    assert case.pk == world.case_a.pk


def test_garbage_case_pk_is_a_plain_404() -> None:
    world = make_world()
    with pytest.raises(Http404):
        case_for_read(world.staff("adviser_a"), case_pk="1 OR 1=1", purpose="x")  # type: ignore[arg-type]
    assert list(SecurityEvent.objects.values_list("detail", flat=True)) == ["case ?"]


def test_inactive_user_has_no_permission_and_sees_nothing() -> None:
    world = make_world()
    adviser = world.staff("adviser_a")
    assert adviser is not None
    adviser.is_active = False
    adviser.save()
    assert has_permission(adviser, Permission.CASE_READ) is False
    assert visible_cases(adviser).count() == 0


def test_user_without_role_has_no_permission_at_all() -> None:
    world = make_world()
    assert [p for p in Permission if has_permission(world.staff("no_role"), p)] == []


def test_require_permission_logs_refusal_for_anonymous() -> None:
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        require_permission(AnonymousUser(), Permission.STATS_VIEW, path="/stats/")
    refusal = SecurityEvent.objects.get()
    assert (refusal.user_id, refusal.event, refusal.path) == (None, "denied_stats_view", "/stats/")


def test_grading_change_takes_effect_on_next_call() -> None:
    world = make_world()
    adviser = world.staff("adviser_a")
    assert visible_cases(adviser).filter(pk=world.case_a.pk).exists()
    person_grading_set(
        person=world.case_a.person, grading=STRICT, changed_by=world.staff("administrator")
    )
    assert not visible_cases(adviser).filter(pk=world.case_a.pk).exists()
    world.case_a.person.refresh_from_db()
    assert world.case_a.person.address == ""
    assert list(SecurityEvent.objects.values_list("event", "detail")) == [
        ("grading_changed", f"person {world.case_a.person_id}")
    ]
