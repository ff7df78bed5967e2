"""Malformed input never crashes Introsak: property tests (Hypothesis) of the case-facts
import and of every form that takes a POST.

The import either succeeds or raises ``ImportRejected`` naming the bad lines; a form either
saves or answers with its errors (or a refusal). Neither ever raises anything else or answers
500.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from copy import deepcopy
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from introsak.cases.domain.importing import ImportRejected, case_facts_import
from tests.access.personas import DISTRICT_A, World, client_for, make_world
from tests.factories import case_dict, with_national_id

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False)
    | st.text(max_size=40)
    | st.sampled_from(
        ["2024-02-30", "9999-12-31", "0000-01-01", "17059012345", "", "-1", "NaN", "1e309"]
    ),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path into a JSON value."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*prefix, index))
    return found


@st.composite
def mutated_cases(draw: Callable[..., Any]) -> dict[str, Any]:
    """A valid case with a few values replaced, removed or added."""
    case = with_national_id(
        case_dict(
            "F-1",
            district=DISTRICT_A,
            meetings=[{"kind": "three_party", "date": "2024-02-10", "documented": True}],
        )
    )
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(case)
        path = draw(st.sampled_from(paths))
        parent = case
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(json_values)
        elif action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(json_values)
    return deepcopy(case)


lines = (
    st.binary(max_size=200)
    | json_values.map(lambda v: json.dumps(v).encode())
    | mutated_cases().map(lambda c: json.dumps(c, ensure_ascii=False).encode())
)


def _import(data: bytes) -> None:
    with transaction.atomic():
        try:
            case_facts_import(stream=io.BytesIO(data))
        except ImportRejected as rejected:
            assert rejected.errors, "a rejection names at least one error"
        finally:
            transaction.set_rollback(True)


@FUZZ
@given(st.lists(lines, min_size=1, max_size=4).map(lambda xs: b"\n".join(xs)))
def test_import_of_malformed_input_is_imported_or_rejected_never_crashes(data: bytes) -> None:
    _import(data)


@FUZZ
@given(mutated_cases())
def test_import_of_a_mutated_case_is_imported_or_rejected(case: dict[str, Any]) -> None:
    _import(json.dumps(case).encode())


# --- forms --------------------------------------------------------------------------------

form_values = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "1",
            "99999999999999999999",
            "2024-02-30",
            "2024-08-07",
            "31.12.2024",
            "1e309",
            "NaN",
            "<script>alert(1)</script>",
            "=cmd|' /C",
            "A-1",
            "\u202e",
            "x" * 5000,
        ]
    ),
    st.integers(-(10**12), 10**12).map(str),
)


def _step_fields(step: str) -> list[str]:
    from introsak.workspace.steps import STEPS

    return list(STEPS[step].form.base_fields)


def _post_targets(world: World) -> list[tuple[str, str, list[str]]]:
    """(persona, URL, field names) for every form that takes a POST."""
    from introsak.workspace.steps import STEPS

    case = world.case_a.pk
    targets = [
        (
            "adviser_a",
            reverse("workspace:record", kwargs={"pk": case, "step": step}),
            _step_fields(step),
        )
        for step in STEPS
        if step != "reassign"
    ]
    targets += [
        (
            "coordinator_a",
            reverse("workspace:record", kwargs={"pk": case, "step": "reassign"}),
            _step_fields("reassign"),
        ),
        (
            "administrator",
            reverse("access:person_report"),
            ["case_number", "national_id", "start", "end", "format"],
        ),
        (
            "coordinator_a",
            reverse("access:subject_export", kwargs={"case_pk": case}),
            ["format", "purpose"],
        ),
        ("adviser_a", reverse("accounts:otp_setup"), ["token", "next"]),
        (
            "adviser_a",
            reverse("accounts:password_change"),
            ["old_password", "new_password1", "new_password2"],
        ),
        (
            "coordinator_a",
            reverse("audits:new"),
            [
                "name",
                "districts",
                "started_from",
                "started_to",
                "as_of",
                "sample_size",
                "stratify",
                "seed",
                "criteria",
                "manual_criteria",
            ],
        ),
        ("anonymous", reverse("login"), ["username", "password", "next"]),
    ]
    return targets


@settings(FUZZ, max_examples=25)
@given(data=st.data())
def test_no_form_answers_500_to_malformed_input(data: st.DataObject) -> None:
    with transaction.atomic():
        world = make_world()
        for persona, url, fields in _post_targets(world):
            payload = {
                name: data.draw(form_values | st.lists(form_values, max_size=3))
                for name in fields
                if data.draw(st.booleans())
            }
            response = client_for(world.users[persona]).post(url, payload)
            assert response.status_code < 500, (url, payload)
        transaction.set_rollback(True)
