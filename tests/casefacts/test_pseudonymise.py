"""Pseudonymisation: identities and free text go, pseudonyms are keyed and deterministic."""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Any

import pytest
from hypothesis import given, settings
from tests.strategies import case_facts

from introsak.casefacts.model import CaseFacts, JournalNote
from introsak.casefacts.parse import parse_case
from introsak.casefacts.serialize import (
    REMOVED_TEXT,
    adviser_pseudonym,
    case_pseudonym,
    case_to_dict,
    dumps_case,
    pseudonymise,
)

KEY = b"0123456789abcdef0123456789abcdef"
OTHER_KEY = b"fedcba9876543210fedcba9876543210"


def test_pseudonymise_removes_identities_and_free_text(full_case: dict[str, Any]) -> None:
    original = parse_case(full_case).case
    line = dumps_case(pseudonymise(original, KEY))
    for secret in (
        "BJ-2023-0042",
        "Amina",
        "01819000049",
        "201212345603",
        "Testveien",
        "Førerkort",
        "sykepleier",
        "Godt oppmøte",
        "Språkpraksis.",
        "Bjerke voksenopplæring",
        "Ferie",
        "Trenger mer tid",
        "Startet i programmet",
        "kari.veileder",
    ):
        assert secret not in line


def test_pseudonymise_keeps_the_facts_the_rules_need(full_case: dict[str, Any]) -> None:
    original = parse_case(full_case).case
    result = case_to_dict(pseudonymise(original, KEY))
    expected = case_to_dict(original)
    expected["person"] = {
        key: value
        for key, value in expected["person"].items()
        if key not in {"name", "national_id", "duf_number", "address"}
    }
    for plan in expected["plans"]:
        plan.pop("sub_goals", None)
        plan.pop("justification", None)
    for part in ("meetings", "activities", "leaves", "extensions"):
        for item in expected[part]:
            for key in ("minutes", "provider", "reason", "justification"):
                item.pop(key, None)
    expected["case_id"] = result["case_id"]
    expected["adviser"] = result["adviser"]
    expected["journal_notes"] = [{"written_on": "2023-03-16", "text": REMOVED_TEXT}]
    assert result == expected


def test_pseudonyms_are_keyed_hmacs_with_a_prefix(full_case: dict[str, Any]) -> None:
    case = parse_case(full_case).case
    first, again = pseudonymise(case, KEY), pseudonymise(case, KEY)
    other = pseudonymise(case, OTHER_KEY)
    assert first == again
    assert re.fullmatch(r"P-[0-9a-f]{20}", first.case_id)
    assert re.fullmatch(r"A-[0-9a-f]{20}", first.adviser or "")
    assert other.case_id != first.case_id
    assert other.adviser != first.adviser
    assert first.case_id == case_pseudonym("BJ-2023-0042", key=KEY)
    assert first.adviser == adviser_pseudonym("kari.veileder", key=KEY)


def test_pseudonyms_are_pinned() -> None:
    # HMAC-SHA256(KEY, purpose + NUL + value), first 20 hex digits. Pinned so that pseudonyms in
    # earlier exports stay matchable whatever happens to the code.
    assert case_pseudonym("BJ-2023-0042", key=KEY) == "P-bdc2752090034c00e69c"
    assert adviser_pseudonym("kari", key=KEY) == "A-381b30ee93e3c3c5b4a6"
    assert _hmac_hex(b"case_id\x00BJ-2023-0042") == "bdc2752090034c00e69c"


def _hmac_hex(message: bytes) -> str:
    return hmac.new(KEY, message, hashlib.sha256).hexdigest()[:20]


def test_the_same_string_as_case_id_and_adviser_gets_unrelated_pseudonyms(
    full_case: dict[str, Any],
) -> None:
    full_case["adviser"] = full_case["case_id"]
    result = pseudonymise(parse_case(full_case).case, KEY)
    assert result.case_id[2:] != (result.adviser or "")[2:]


def test_pseudonymise_refuses_a_short_key(full_case: dict[str, Any]) -> None:
    with pytest.raises(ValueError) as refused:
        pseudonymise(parse_case(full_case).case, b"short")
    assert str(refused.value) == "the pseudonymisation key must be at least 16 bytes"


@settings(max_examples=200, deadline=None)
@given(case_facts())
def test_pseudonymised_cases_are_valid_and_carry_no_identity(case: CaseFacts) -> None:
    result = pseudonymise(case, KEY)
    assert parse_case(case_to_dict(result)).case == result
    person = result.person
    assert (person.name, person.national_id, person.duf_number, person.address) == (None,) * 4
    assert all(m.minutes is None for m in result.meetings)
    assert all(p.sub_goals == () and p.justification is None for p in result.plans)
    assert all(a.provider is None for a in result.activities)
    assert all(leave.reason is None for leave in result.leaves)
    assert all(e.justification is None for e in result.extensions)
    assert all(x.decline_note is None and x.evaluation is None for x in result.placements)
    assert [x.status for x in result.placements] == [x.status for x in case.placements]
    assert result.journal_notes == tuple(
        JournalNote(written_on=n.written_on, text=REMOVED_TEXT) for n in case.journal_notes
    )
    assert result.case_id == pseudonymise(case, KEY).case_id
