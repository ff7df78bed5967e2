"""Norwegian identity numbers: table-driven checks of ``introsak.identity``.

Numbers are literals (computed once, several from public sources named beside them), so that
a change in the arithmetic shows up here instead of being mirrored by the test.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from introsak import identity
from introsak.env import EnvError
from introsak.identity import (
    IdentityKind,
    IdentityNumber,
    InvalidIdentityNumber,
    allow_synthetic_ids_from_env,
    duf_check_digits,
    make_synthetic_identity_number,
    mask_identity_number,
    parse_identity_number,
    validate_duf_number,
)

FNR = IdentityKind.FODSELSNUMMER
DNR = IdentityKind.D_NUMBER
HNR = IdentityKind.H_NUMBER


@pytest.mark.parametrize(
    ("value", "kind", "synthetic", "birth_date"),
    [
        # python-stdnum's own example
        ("15108695088", FNR, False, date(1986, 10, 15)),
        ("01019000083", FNR, False, date(1990, 1, 1)),
        # Skatteetaten's worked examples for 2032: classic check digits, individual number 999
        ("02013299997", FNR, False, date(2032, 1, 2)),
        ("30108299920", FNR, False, date(1982, 10, 30)),
        # D-numbers: first digit + 4
        ("41017012337", DNR, False, date(1970, 1, 1)),
        ("71018500056", DNR, False, date(1985, 1, 31)),
        # H-number: third digit + 4 (navikt/fnrvalidator's README example and one of ours)
        ("13527248013", HNR, False, date(1972, 12, 13)),
        ("13527200029", HNR, False, date(1972, 12, 13)),
        # NAV Dolly's synthetic numbers (month + 40) are indistinguishable from H-numbers
        ("15507600333", HNR, False, date(1976, 10, 15)),
        # 29 February 2000 exists, 1900's does not: the classic century (individual < 500)
        # says 1900, but from 2032 the individual number no longer tells the century
        ("29020000064", FNR, False, None),
    ],
)
def test_parse_identity_number_accepts_valid(
    value: str, kind: IdentityKind, synthetic: bool, birth_date: date | None
) -> None:
    assert parse_identity_number(value, allow_synthetic=False) == IdentityNumber(
        value=value, kind=kind, synthetic=synthetic, birth_date=birth_date
    )


@pytest.mark.parametrize(
    ("value", "kind", "birth_date"),
    [
        # Test-Norge (Tenor) numbers, month + 80
        ("17912099997", FNR, date(2020, 11, 17)),
        ("29822099635", FNR, date(2020, 2, 29)),
        ("05840399895", FNR, date(2003, 4, 5)),
        ("12829499914", FNR, date(1994, 2, 12)),
        ("12905299938", FNR, date(1952, 10, 12)),
        ("01819000049", FNR, date(1990, 1, 1)),
        ("55861050431", DNR, date(2010, 6, 15)),
    ],
)
def test_synthetic_numbers_accepted_only_when_allowed(
    value: str, kind: IdentityKind, birth_date: date
) -> None:
    assert parse_identity_number(value, allow_synthetic=True) == IdentityNumber(
        value=value, kind=kind, synthetic=True, birth_date=birth_date
    )
    with pytest.raises(InvalidIdentityNumber) as refused:
        parse_identity_number(value, allow_synthetic=False)
    assert refused.value.reason == "synthetic test number not allowed"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("15108695077", "check digits do not match"),
        ("15108695089", "check digits do not match"),
        ("01019000084", "check digits do not match"),
        ("0101900008", "not 11 digits"),
        ("010190000833", "not 11 digits"),
        ("", "not 11 digits"),
        ("010190 00083", "not 11 digits"),
        ("01019000O83", "not 11 digits"),
        ("0101900008３", "not 11 digits"),  # a full-width digit is not an ASCII digit
        ("31029000096", "not a real date"),  # 31 February
        ("29020100085", "not a real date"),  # 29 February in 1801, 1901 and 2001
        ("00019000044", "not a real date"),  # day 0
        ("01139000001", "not a real date"),  # month 13
        ("01219000150", "not a real date"),  # month 21: no known offset
        ("81019000060", "not a real date"),  # first digit 8 (FH-numbers are not supported)
        ("53527200012", "not a real date"),  # D- and H-offsets together
        ("55507608360", "not a real date"),  # a Dolly D-number: also both offsets
    ],
)
def test_parse_identity_number_rejects(value: str, reason: str) -> None:
    with pytest.raises(InvalidIdentityNumber) as invalid:
        parse_identity_number(value, allow_synthetic=True)
    assert invalid.value.reason == reason
    assert str(invalid.value) == reason


def test_parse_identity_number_rejects_non_string() -> None:
    with pytest.raises(InvalidIdentityNumber) as invalid:
        parse_identity_number(15108695088, allow_synthetic=True)  # type: ignore[arg-type]
    assert invalid.value.reason == "not 11 digits"


# Skatteetaten, "Nytt fødselsnummer fra 2032": for 301082 999, the weighted sum for K1 is 196
# (remainder 9). K1 may now make the remainder 0, 1, 2 or 3; K2 is computed as before.
@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("30108299920", True),  # remainder 0: the classic rule
        ("30108299939", True),  # remainder 1: Skatteetaten's "person 2"
        ("30108299947", True),  # remainder 2
        ("30108299955", True),  # remainder 3
        ("30108299963", False),  # remainder 4
        ("30108299971", False),  # remainder 5
        ("30108299998", False),  # remainder 7
        ("30108299904", False),  # remainder 9
        ("30108299912", False),  # remainder 10
        ("30108299938", False),  # remainder 1 but K2 wrong
    ],
)
def test_check_digits_follow_the_2032_rule(value: str, valid: bool) -> None:
    assert identity.check_digits_match(value) is valid


def test_numbers_valid_only_under_the_2032_rule_carry_no_birth_date() -> None:
    assert parse_identity_number("30108299939", allow_synthetic=False) == IdentityNumber(
        value="30108299939", kind=FNR, synthetic=False, birth_date=None
    )


def test_nothing_reads_sex_from_a_number() -> None:
    public = [name for name in dir(identity) if not name.startswith("_")]
    assert [n for n in public if "sex" in n.lower() or "gender" in n.lower()] == []
    assert [f.name for f in fields(IdentityNumber)] == ["value", "kind", "synthetic", "birth_date"]


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("01019000083", "010190*****"),
        ("41017012337", "410170*****"),
        ("0101900008", "010190****"),
        ("010190000833", "010190******"),
        ("0101900", "010190*"),
        ("010190", "******"),
        ("12345", "*****"),
        ("", ""),
    ],
)
def test_mask_identity_number_shows_only_the_date_part(value: str, masked: str) -> None:
    assert mask_identity_number(value) == masked


@pytest.mark.parametrize(
    ("birth_date", "serial", "d_number", "expected"),
    [
        (date(1990, 1, 1), 0, False, "01819000049"),
        (date(2010, 6, 15), 3, True, "55861050431"),
        (date(1899, 12, 31), 0, False, "31929950081"),
    ],
)
def test_make_synthetic_identity_number_examples(
    birth_date: date, serial: int, d_number: bool, expected: str
) -> None:
    assert make_synthetic_identity_number(birth_date, serial, d_number=d_number) == expected


@settings(max_examples=300, deadline=None)
@given(
    birth_date=st.dates(date(1854, 1, 1), date(2039, 12, 31)),
    serial=st.integers(0, 200),  # 1854–1899 has about 200 per date, later years over 400
    d_number=st.booleans(),
)
def test_make_synthetic_identity_number_round_trips(
    birth_date: date, serial: int, d_number: bool
) -> None:
    value = make_synthetic_identity_number(birth_date, serial, d_number=d_number)
    assert parse_identity_number(value, allow_synthetic=True) == IdentityNumber(
        value=value, kind=DNR if d_number else FNR, synthetic=True, birth_date=birth_date
    )
    assert 81 <= int(value[2:4]) <= 92  # never a real person's number


CENTURY_EDGES = [
    date(1854, 1, 1),
    date(1899, 12, 31),
    date(1900, 1, 1),
    date(1999, 12, 31),
    date(2000, 2, 29),
    date(2039, 12, 31),
]


@pytest.mark.parametrize("day", CENTURY_EDGES)
def test_make_synthetic_identity_number_gives_distinct_numbers_per_serial(day: date) -> None:
    numbers = [make_synthetic_identity_number(day, serial) for serial in range(200)]
    assert len(set(numbers)) == 200


@pytest.mark.parametrize(
    ("birth_date", "serial", "message"),
    [
        (date(1853, 12, 31), 0, "birth year 1853 is outside 1854–2039, which numbers can encode"),
        (date(2040, 1, 1), 0, "birth year 2040 is outside 1854–2039, which numbers can encode"),
        (date(1990, 1, 1), -1, "serial must be 0 or more, not -1"),
        (date(1990, 1, 1), 500, "serial 500 is beyond the valid numbers for 1990-01-01"),
    ],
)
def test_make_synthetic_identity_number_refuses(
    birth_date: date, serial: int, message: str
) -> None:
    with pytest.raises(ValueError) as refused:
        make_synthetic_identity_number(birth_date, serial)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("synthetic_ids", "environment", "expected"),
    [
        (None, None, True),
        (None, "development", True),
        (None, "production", False),
        (None, " Production ", False),
        ("1", "production", True),
        ("true", "production", True),
        ("YES", None, True),
        ("0", None, False),
        ("false", "development", False),
        ("no", None, False),
    ],
)
def test_allow_synthetic_ids_from_env(
    monkeypatch: pytest.MonkeyPatch,
    synthetic_ids: str | None,
    environment: str | None,
    expected: bool,
) -> None:
    for name, value in (
        ("INTROSAK_ALLOW_SYNTHETIC_IDS", synthetic_ids),
        ("INTROSAK_ENV", environment),
    ):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert allow_synthetic_ids_from_env() is expected


def test_allow_synthetic_ids_from_env_rejects_other_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTROSAK_ALLOW_SYNTHETIC_IDS", "maybe")
    with pytest.raises(EnvError) as invalid:
        allow_synthetic_ids_from_env()
    assert str(invalid.value) == "INTROSAK_ALLOW_SYNTHETIC_IDS must be true or false, not 'maybe'"


@pytest.mark.parametrize("value", ["201212345603", "201900000101", "200500000007", "201500000010"])
def test_validate_duf_number_accepts(value: str) -> None:
    assert validate_duf_number(value) == value


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("201212345604", "check digits do not match"),
        ("201212345630", "check digits do not match"),
        ("201500000001", "check digits do not match"),  # the check value 10 is written "10"
        ("20121234560", "not 12 digits"),
        ("2012123456033", "not 12 digits"),
        ("2012 12345603", "not 12 digits"),
        ("2012-123456-03", "not 12 digits"),
        ("", "not 12 digits"),
    ],
)
def test_validate_duf_number_rejects(value: str, reason: str) -> None:
    with pytest.raises(InvalidIdentityNumber) as invalid:
        validate_duf_number(value)
    assert invalid.value.reason == reason


def test_duf_check_digits_are_the_weighted_sum_modulo_11() -> None:
    # 2·4 + 0·6 + 1·3 + 2·2 + 1·4 + 2·6 + 3·3 + 4·2 + 5·7 + 6·5 = 113; 113 mod 11 = 3
    assert duf_check_digits("2012123456") == "03"
