"""Import of case facts: all or nothing, idempotent, every bad record named."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from introsak.cases import models
from introsak.cases.domain.importing import ImportRejected, case_facts_import
from introsak.rules import RULES
from tests.factories import case_dict, import_cases, jsonl, user, with_national_id

pytestmark = pytest.mark.django_db

AS_OF = date(2024, 8, 7)


def _import_bytes(data: bytes) -> None:
    case_facts_import(stream=io.BytesIO(data), as_of=AS_OF)


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            models.Person,
            models.ProgrammeCase,
            models.IntegrationPlan,
            models.PlanItem,
            models.Meeting,
            models.Activity,
            models.CaseFinding,
        )
    }


def test_import_creates_case_with_all_rows_and_findings() -> None:
    import_cases(
        [
            case_dict(
                "C-1", meetings=[{"kind": "three_party", "date": "2024-02-10", "documented": True}]
            )
        ]
    )
    case = models.ProgrammeCase.objects.get(case_id="C-1")
    assert case.person.residence_basis == "collective_protection"
    assert case.district.slug == "st_hanshaugen"
    assert case.plans.count() == 1
    assert list(case.plans.get().items.values_list("kind", "text")) == [
        ("element", "Norskopplæring"),
        ("element", "Språkpraksis"),
    ]
    assert case.meetings.get().documented is True
    assert case.findings.count() == len(RULES)
    assert case.findings_as_of == AS_OF
    assert case.stage == "in_programme"


def test_reimport_updates_same_case_and_bumps_version() -> None:
    import_cases([case_dict("C-1")])
    first = models.ProgrammeCase.objects.get(case_id="C-1")
    import_cases(
        [
            case_dict(
                "C-1",
                contract_date="2024-01-10",
                meetings=[{"kind": "three_party", "date": "2024-02-10", "documented": True}],
            )
        ]
    )
    again = models.ProgrammeCase.objects.get(case_id="C-1")
    assert (again.pk, again.person_id) == (first.pk, first.person_id)
    assert again.version == first.version + 1
    assert again.contract_date == date(2024, 1, 10)
    assert again.meetings.count() == 1
    assert models.ProgrammeCase.objects.count() == 1
    assert models.Person.objects.count() == 1
    assert again.findings.count() == len(RULES)


def test_reimport_of_identical_file_gives_identical_rows() -> None:
    data = jsonl([case_dict("C-1"), case_dict("C-2")])
    _import_bytes(data)
    before = _counts()
    _import_bytes(data)
    assert _counts() == before


def test_one_bad_record_among_1000_changes_nothing_and_is_named() -> None:
    import_cases([case_dict("EXISTING")])
    before = _counts()
    cases = [case_dict(f"C-{i}") for i in range(1000)]
    cases[637]["start_date"] = "2023-12-01"  # before the decision (2024-01-10)
    with pytest.raises(ImportRejected) as raised:
        _import_bytes(jsonl(cases))
    assert [str(e) for e in raised.value.errors] == [
        "line 638: start_date: before decision_date (2024-01-10)"
    ]
    assert _counts() == before


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"case_id": "X", ', "line 2: (json):"),
        (
            json.dumps(case_dict("X", person__residence_basis="asylum")),
            "line 2: person.residence_basis:",
        ),
        (json.dumps(case_dict("X", colour="blue")), "line 2: colour: unknown field"),
        (
            json.dumps(case_dict("X", person__national_id="01019012345")),
            "line 2: person.national_id:",
        ),
        (json.dumps(case_dict("X", end_date="2024-01-01")), "line 2: end_date:"),
        (json.dumps(case_dict("X", decision_date="2024-02-30")), "line 2: decision_date:"),
    ],
    ids=[
        "broken-json",
        "unknown-enum",
        "unknown-field",
        "bad-identity-number",
        "end-before-start",
        "impossible-date",
    ],
)
def test_bad_input_is_named_and_nothing_written(line: str, expected: str) -> None:
    data = jsonl([case_dict("OK")]) + line.encode() + b"\n"
    with pytest.raises(ImportRejected) as raised:
        _import_bytes(data)
    assert len(raised.value.errors) == 1
    assert str(raised.value.errors[0]).startswith(expected)
    assert models.ProgrammeCase.objects.count() == 0


def test_wrong_encoding_is_rejected_with_line() -> None:
    data = (
        jsonl([case_dict("OK")])
        + json.dumps(case_dict("X", person__name="Åse Øvre"), ensure_ascii=False).encode("latin-1")
        + b"\n"
    )
    with pytest.raises(ImportRejected) as raised:
        _import_bytes(data)
    assert [e.line for e in raised.value.errors] == [2]
    assert raised.value.errors[0].field == "(encoding)"
    assert models.ProgrammeCase.objects.count() == 0


def test_unknown_adviser_is_an_error_unless_placeholders_are_created() -> None:
    data = jsonl([case_dict("C-1", adviser="nobody.here")])
    with pytest.raises(ImportRejected) as raised:
        _import_bytes(data)
    assert [str(e) for e in raised.value.errors] == ["line 1: adviser: unknown user 'nobody.here'"]
    case_facts_import(stream=io.BytesIO(data), as_of=AS_OF, missing_users="create")
    case = models.ProgrammeCase.objects.select_related("adviser").get(case_id="C-1")
    assert case.adviser is not None
    assert case.adviser.username == "nobody.here"
    assert case.adviser.is_active is False
    assert case.adviser.has_usable_password() is False


def test_known_adviser_is_linked() -> None:
    adviser = user("radgiver.a", "programme_adviser", "st_hanshaugen")
    import_cases([case_dict("C-1", adviser="radgiver.a")])
    assert models.ProgrammeCase.objects.get(case_id="C-1").adviser == adviser


def test_identity_number_of_another_case_is_rejected() -> None:
    import_cases([with_national_id(case_dict("C-1"), serial=1)])
    clash = with_national_id(case_dict("C-2"), serial=1)
    with pytest.raises(ImportRejected) as raised:
        import_cases([clash])
    assert [str(e) for e in raised.value.errors] == [
        "line 1: person.national_id: identity number used by another case"
    ]


def test_strictly_confidential_person_with_address_is_rejected() -> None:
    bad = case_dict(
        "C-1",
        person__protected_address="strictly_confidential",
        person__address="Storgata 1, 0155 Oslo",
    )
    with pytest.raises(ImportRejected) as raised:
        import_cases([bad])
    assert [e.field for e in raised.value.errors] == ["person.address"]
