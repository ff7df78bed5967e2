"""Norwegian identity numbers: fødselsnummer, D-number, H-number, and the DUF number.

Pure Python (no Django), built on python-stdnum's ``stdnum.no.fodselsnummer`` for the
classic check-digit arithmetic, with what stdnum does not cover added here: synthetic test
numbers, the check-digit rule that applies from 2032, and refusing to read sex from a number.

Layout of the 11 digits ``DDMMYY III K1 K2``
    ``DDMMYY`` is the date part, ``III`` the individual number, ``K1 K2`` the check digits.

    * D-number: the first digit is raised by 4 (day 41–71).
    * H-number (KITH/HIS 1001 auxiliary number): the third digit is raised by 4 (month 41–52).
    * Synthetic test numbers from Skatteetaten's Test-Norge population (searchable in Tenor):
      the month is raised by 80 (month 81–92), for fødselsnumre and D-numbers alike. Source:
      NAV's Dolly documentation, https://github.com/navikt/testnorge
      (docs/applications/dolly/testnorge.md: "syntetiske fnr/dnr hvor det er lagt til 80 på
      måned"). They are accepted only when the caller passes ``allow_synthetic=True``.
    * NAV's own synthetic numbers (Dolly) raise the month by 40 instead. That is exactly the
      H-number encoding, so the two cannot be told apart; such numbers are reported as
      ``h_number`` (as NAV's own validator, navikt/fnrvalidator, does).

Check digits, before and from 2032
    Skatteetaten, "Nytt fødselsnummer fra 2032",
    https://skatteetaten.github.io/folkeregisteret-api-dokumentasjon/nytt-fodselsnummer-fra-2032/
    (also https://www.skatteetaten.no/deling/opplysninger/folkeregisteropplysninger/pid/).

    ``K1`` uses the weights 3 7 6 1 8 9 4 5 2 over the first nine digits. Until 2032 the
    weighted sum plus ``K1`` must leave remainder 0 modulo 11. Numbers issued from
    1 January 2032 may leave remainder 0, 1, 2 or 3 (``K1 = {11,12,13,14} - (sum mod 11)``,
    reduced modulo 11), so one date and individual number can carry up to four values of
    ``K1``; as before, a ``K1`` that would be 10 is never issued. ``K2`` is unchanged: weights
    5 4 3 2 7 6 5 4 3 2 over the first ten digits (including ``K1``), remainder 0. Systems must
    accept both rules side by side, and this module always does: whether a number is valid
    must not depend on the day a file is checked, and case files outlive 2032.

    Two further consequences, also from that page, shape this module:

    * New numbers are sex-neutral. Nothing here reads sex from a number (the ninth digit);
      sex is a separate fact (``person.sex``).
    * The individual number no longer tells the century. ``IdentityNumber.birth_date`` is
      therefore only the date part read with the classic century table, and ``None`` when
      that table does not apply (a number valid only under the 2032 rule, an individual
      number outside the table for its year, or a date the table's century lacks, such as
      29 February 1900). The date part must still be a real day and month in one of the
      centuries a number can belong to. For D-numbers the date part may even be the
      registration date (UDI, https://www.udi.no/ord-og-begreper/d-nummer/
      d-nummer-stemmer-ikke-med-fodselsdato/). The Folkeregister's birth date, not the
      number, is the fact to rely on.

DUF number
    The immigration authorities' 12-digit case number, ``YYYY`` (registration year) followed
    by six serial digits and two check digits. The check digits are the weighted sum of the
    first ten digits with weights 4 6 3 2 4 6 3 2 7 5, modulo 11, written as two digits
    (``00``–``10``). We found no public specification from UDI; this is the check in
    Statistics Norway's KOSTRA control programme (https://github.com/statisticsnorway/
    kostra-kontrollprogram, ``no.ssb.kostra.utils.Fnr.isValidDUFnr``), which validates the DUF
    numbers municipalities report for the introduction programme, and in other public
    validators (e.g. oyms/NorwegianTypes). The year part is not checked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stdnum.exceptions import ValidationError
from stdnum.no import fodselsnummer
from stdnum.no import orgnr as stdnum_orgnr

from introsak.env import env_bool, env_str

_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
_K1_REMAINDERS_FROM_2032 = frozenset({0, 1, 2, 3})
_DUF_WEIGHTS = (4, 6, 3, 2, 4, 6, 3, 2, 7, 5)
_ELEVEN_DIGITS = re.compile(r"[0-9]{11}")
_TWELVE_DIGITS = re.compile(r"[0-9]{12}")

_D_NUMBER_DAY_OFFSET = 40
_H_NUMBER_MONTH_OFFSET = 40
_SYNTHETIC_MONTH_OFFSET = 80

SYNTHETIC_IDS_ENV = "INTROSAK_ALLOW_SYNTHETIC_IDS"


class IdentityKind(StrEnum):
    FODSELSNUMMER = "fodselsnummer"
    D_NUMBER = "d_number"
    H_NUMBER = "h_number"


@dataclass(frozen=True, slots=True)
class IdentityNumber:
    """A validated identity number. ``birth_date`` is a hint only (see the module docstring)."""

    value: str
    kind: IdentityKind
    synthetic: bool
    birth_date: date | None


class InvalidIdentityNumber(ValueError):
    """The number is not valid; ``reason`` is short English and never contains the number."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_identity_number(value: str, *, allow_synthetic: bool) -> IdentityNumber:
    """Validate an 11-digit fødselsnummer, D-number or H-number (no separators allowed).

    Raises ``InvalidIdentityNumber`` with the first problem found: "not 11 digits",
    "check digits do not match", "not a real date", "synthetic test number not allowed".
    """
    if not isinstance(value, str) or not _ELEVEN_DIGITS.fullmatch(value):
        raise InvalidIdentityNumber("not 11 digits")
    if not check_digits_match(value):
        raise InvalidIdentityNumber("check digits do not match")
    day, month, kind, synthetic = _decode_date_part(value)
    if synthetic and not allow_synthetic:
        raise InvalidIdentityNumber("synthetic test number not allowed")
    return IdentityNumber(
        value=value,
        kind=kind,
        synthetic=synthetic,
        birth_date=_birth_date_hint(value, day, month),
    )


def check_digits_match(value: str) -> bool:
    """Both check digits of 11 digits hold, under the classic rule or the 2032 rule."""
    digits = [int(c) for c in value]
    k1_remainder = sum(w * d for w, d in zip(_K1_WEIGHTS, digits[:10], strict=True)) % 11
    k2_remainder = sum(w * d for w, d in zip(_K2_WEIGHTS, digits, strict=True)) % 11
    return k1_remainder in _K1_REMAINDERS_FROM_2032 and k2_remainder == 0


def _classic_k1_holds(value: str) -> bool:
    return fodselsnummer.calc_check_digit1(value[:9]) == value[9]


def _decode_date_part(value: str) -> tuple[int, int, IdentityKind, bool]:
    """Undo the D, H and synthetic offsets; raise unless the rest is a real day and month."""
    day, month = int(value[0:2]), int(value[2:4])
    kind = IdentityKind.FODSELSNUMMER
    synthetic = False
    if day > _D_NUMBER_DAY_OFFSET:
        day -= _D_NUMBER_DAY_OFFSET
        kind = IdentityKind.D_NUMBER
    if month > _SYNTHETIC_MONTH_OFFSET:
        month -= _SYNTHETIC_MONTH_OFFSET
        synthetic = True
    elif month > _H_NUMBER_MONTH_OFFSET and kind is IdentityKind.FODSELSNUMMER:
        month -= _H_NUMBER_MONTH_OFFSET
        kind = IdentityKind.H_NUMBER
    if not _is_real_in_some_century(day, month, int(value[4:6])):
        raise InvalidIdentityNumber("not a real date")
    return day, month, kind, synthetic


def _is_real_in_some_century(day: int, month: int, two_digit_year: int) -> bool:
    """29 February is real if any of the centuries a number can belong to makes it a leap year."""
    return any(_real_date(century + two_digit_year, month, day) for century in (1800, 1900, 2000))


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _birth_date_hint(value: str, day: int, month: int) -> date | None:
    """The date part read with the classic century table, when that table applies."""
    if not _classic_k1_holds(value):
        return None  # valid only under the 2032 rule: the century is not encoded
    year = _classic_century(int(value[6:9]), int(value[4:6]))
    return None if year is None else _real_date(year, month, day)


def _classic_century(individual: int, yy: int) -> int | None:
    """Folkeregisterforskriften's series of individual numbers per birth year (before 2032)."""
    if individual < 500:
        return 1900 + yy
    if individual < 750 and yy >= 54:
        return 1800 + yy
    if yy < 40:
        return 2000 + yy
    if individual >= 900:
        return 1900 + yy
    return None


# Characters people put between the digits of an identity number: spaces, hyphens and dashes,
# dots, slashes and underscores (full-width forms become these under NFKC).
_SEPARATOR = r"[\s\-\u2010-\u2015\u2212./_]"
_DIGIT_GROUPS = re.compile(rf"[0-9]+(?:{_SEPARATOR}+[0-9]+)*")
_GROUP_SPLIT = re.compile(rf"{_SEPARATOR}+")


def contains_identity_number(text: str) -> bool:
    """Whether the text holds a valid identity number in any spelling: the 11 digits
    together or in groups split by spaces, hyphens, dots, slashes or underscores, in any
    Unicode digits (full-width ``２０９…`` too). Synthetic test numbers count. A run of more
    than 11 digits without a separator (a DUF number, a long id) is not an identity number.
    Undo any percent-encoding before calling this.
    """
    normal = _ascii_digits(unicodedata.normalize("NFKC", text))
    for run in _DIGIT_GROUPS.finditer(normal):
        groups = _GROUP_SPLIT.split(run.group(0))
        for first in range(len(groups)):
            digits = ""
            for group in groups[first:]:
                digits += group
                if len(digits) >= 11:
                    break
            if len(digits) == 11 and _is_identity_number(digits):
                return True
    return False


def _ascii_digits(text: str) -> str:
    """Every Unicode decimal digit (Arabic-Indic, Devanagari …) as its ASCII digit."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def _is_identity_number(digits: str) -> bool:
    try:
        parse_identity_number(digits, allow_synthetic=True)
    except InvalidIdentityNumber:
        return False
    return True


def mask_identity_number(value: str) -> str:
    """Show only the first six characters (the date part), e.g. ``010190*****``.

    Anything of six characters or fewer is masked entirely, so that no caller can leak a
    short fragment by accident.
    """
    if len(value) <= 6:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 6)


def make_synthetic_identity_number(birth_date: date, serial: int, *, d_number: bool = False) -> str:
    """A valid synthetic (Test-Norge style, month + 80) number for demo data and tests.

    ``serial`` picks the n-th individual number, counting only those that give valid
    classic check digits for this date (about 200 per date for 1854–1899, over 400 for later
    years), so distinct serials give distinct numbers and
    ``parse_identity_number(...).birth_date`` gives ``birth_date`` back.
    The month offset guarantees it can never be a real person's number.
    """
    if serial < 0:
        raise ValueError(f"serial must be 0 or more, not {serial}")
    first, last = _individual_series(birth_date.year)
    day = birth_date.day + (_D_NUMBER_DAY_OFFSET if d_number else 0)
    date_part = f"{day:02d}{birth_date.month + _SYNTHETIC_MONTH_OFFSET:02d}{birth_date:%y}"
    remaining = serial
    for individual in range(first, last + 1):
        number = _with_classic_check_digits(f"{date_part}{individual:03d}")
        if number is not None:
            if remaining == 0:
                return number
            remaining -= 1
    raise ValueError(f"serial {serial} is beyond the valid numbers for {birth_date.isoformat()}")


def _individual_series(year: int) -> tuple[int, int]:
    if 1854 <= year <= 1899:
        return 500, 749
    if 1900 <= year <= 1999:
        return 0, 499
    if 2000 <= year <= 2039:
        return 500, 999
    raise ValueError(f"birth year {year} is outside 1854–2039, which numbers can encode")


def _with_classic_check_digits(first_nine: str) -> str | None:
    k1 = fodselsnummer.calc_check_digit1(first_nine)
    if k1 == "10":
        return None
    k2 = fodselsnummer.calc_check_digit2(first_nine + k1)
    return None if k2 == "10" else first_nine + k1 + k2


def validate_duf_number(value: str) -> str:
    """Return ``value`` if it is 12 digits whose last two are its check digits, else raise."""
    if not isinstance(value, str) or not _TWELVE_DIGITS.fullmatch(value):
        raise InvalidIdentityNumber("not 12 digits")
    if value[10:] != duf_check_digits(value[:10]):
        raise InvalidIdentityNumber("check digits do not match")
    return value


def clean_orgnr(raw: str) -> str:
    """The nine digits of a valid organisation number (spaces allowed in ``raw``).

    The one place that validates one (python-stdnum's ``no.orgnr``: nine digits, MOD11
    check digit): the employers registry and the case-facts ``placements`` extension use it.
    Raises ``ValueError`` with the reason in English.
    """
    try:
        return str(stdnum_orgnr.validate(raw))
    except ValidationError as exc:
        raise ValueError(str(exc).rstrip(".").lower()) from exc


def duf_check_digits(first_ten: str) -> str:
    """The two check digits of a DUF number (see the module docstring for the source)."""
    remainder = sum(w * int(d) for w, d in zip(_DUF_WEIGHTS, first_ten, strict=True)) % 11
    return f"{remainder:02d}"


def allow_synthetic_ids_from_env() -> bool:
    """Whether synthetic test numbers are accepted: ``INTROSAK_ALLOW_SYNTHETIC_IDS``.

    Unset, they are accepted everywhere except production (``INTROSAK_ENV=production``),
    where a synthetic number in real data is a mistake worth stopping at.
    """
    in_production = env_str("INTROSAK_ENV").strip().lower() == "production"
    return env_bool(SYNTHETIC_IDS_ENV, default=not in_production)
