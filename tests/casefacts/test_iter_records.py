"""``iter_records``: reading files of case facts, including broken and mis-encoded ones."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest

from introsak.casefacts.parse import FieldError, Record, iter_records


def line_of(case: dict[str, Any], **changes: Any) -> str:
    return json.dumps(case | changes, ensure_ascii=False)


def read(data: bytes | str, *, as_of: date | None = None, synthetic: bool = True) -> list[Record]:
    stream: io.BytesIO | io.StringIO
    stream = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)
    return list(iter_records(stream, allow_synthetic_ids=synthetic, as_of=as_of))


def messages(records: list[Record]) -> list[str]:
    return [str(error) for record in records for error in record.errors]


def test_valid_lines_become_cases_and_blank_lines_are_skipped(full_case: dict[str, Any]) -> None:
    text = "\n" + line_of(full_case) + "\n  \n\n" + line_of(full_case, case_id="B") + "\n\n"
    records = read(text.encode())
    assert [(r.line, r.ok, r.case and r.case.case_id) for r in records] == [
        (2, True, "BJ-2023-0042"),
        (5, True, "B"),
    ]


def test_windows_line_endings_are_accepted(minimal_case: dict[str, Any]) -> None:
    data = (line_of(minimal_case) + "\r\n" + line_of(minimal_case, case_id="2") + "\r\n").encode()
    assert [r.ok for r in read(data)] == [True, True]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"case_id": "A",', "Expecting property name enclosed in double quotes at column 17"),
        ("{'case_id': 'A'}", "Expecting property name enclosed in double quotes at column 2"),
        ('{"case_id": "A"} x', "Extra data at column 18"),
        ("case_id,district", "Expecting value at column 1"),
        ('{"case_id": NaN}', "NaN is not valid JSON"),
        ('{"case_id": -Infinity}', "-Infinity is not valid JSON"),
        ('{"case_id": "A", "case_id": "B"}', 'repeated field "case_id"'),
        ('{"person": {"name": "A", "name": "B"}}', 'repeated field "name"'),
        ("[1, 2]", "expected a JSON object, got an array"),
        ('"a case"', "expected a JSON object, got a string"),
        ("null", "expected a JSON object, got null"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_broken_json_is_reported_with_its_line(line: str, reason: str) -> None:
    records = read(f"\n{line}\n".encode())
    assert records == [Record(2, None, [FieldError(2, "(json)", reason)], [])]


def test_repeated_key_check_is_not_fooled_by_colons_in_strings(
    minimal_case: dict[str, Any],
) -> None:
    records = read(line_of(minimal_case, adviser='a": b "c" : d').encode())
    assert [r.ok for r in records] == [True]


def test_a_record_with_errors_does_not_stop_the_file(minimal_case: dict[str, Any]) -> None:
    data = "\n".join(
        [line_of(minimal_case), "{", line_of(minimal_case, case_id="2", part_time_percent=0)]
    )
    records = read(data.encode())
    assert [r.ok for r in records] == [True, False, False]
    assert messages(records) == [
        "line 2: (json): Expecting property name enclosed in double quotes at column 2",
        "line 3: part_time_percent: must be between 1 and 100, got 0",
    ]


def test_duplicate_case_ids_are_errors_on_the_later_lines(minimal_case: dict[str, Any]) -> None:
    data = "\n".join(
        [
            line_of(minimal_case),
            line_of(minimal_case, case_id="other"),
            line_of(minimal_case),
            line_of(minimal_case, part_time_percent=0),
        ]
    )
    records = read(data.encode())
    assert [r.ok for r in records] == [True, True, False, False]
    assert messages(records) == [
        "line 3: case_id: duplicate case_id (first on line 1)",
        "line 4: part_time_percent: must be between 1 and 100, got 0",
        "line 4: case_id: duplicate case_id (first on line 1)",
    ]


def test_utf8_byte_order_mark_is_accepted(minimal_case: dict[str, Any]) -> None:
    data = "\ufeff" + line_of(minimal_case, person=minimal_case["person"] | {"name": "Åse Ødegård"})
    records = read(data.encode("utf-8"))
    assert [(r.ok, r.case and r.case.person.name) for r in records] == [(True, "Åse Ødegård")]


def test_text_streams_are_read_too_with_or_without_a_bom(minimal_case: dict[str, Any]) -> None:
    records = read("\ufeff" + line_of(minimal_case) + "\n" + line_of(minimal_case, case_id="2"))
    assert [r.ok for r in records] == [True, True]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_latin1_and_windows_1252_are_reported_per_line(
    minimal_case: dict[str, Any], encoding: str
) -> None:
    names = ["Ola", "Åse", "Per", "Bjørn"]
    lines = [line_of(minimal_case, case_id=str(n), adviser=name) for n, name in enumerate(names, 1)]
    records = read("\n".join(lines).encode(encoding))
    assert [r.ok for r in records] == [True, False, True, False]
    # everything before the name is ASCII, so a character's index is its byte's
    position_of_a, position_of_o = lines[1].index("Å") + 1, lines[3].index("ø") + 1
    assert messages(records) == [
        f"line 2: (encoding): not UTF-8 (byte 0xc5 at position {position_of_a}); "
        "save the file as UTF-8",
        f"line 4: (encoding): not UTF-8 (byte 0xf8 at position {position_of_o}); "
        "save the file as UTF-8",
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_reported_once_and_reading_stops(
    minimal_case: dict[str, Any], encoding: str
) -> None:
    data = "\n".join([line_of(minimal_case)] * 3).encode(encoding)
    assert messages(read(data)) == [
        "line 1: (encoding): looks like UTF-16 (it has NUL bytes or a UTF-16 byte-order mark); "
        "save the file as UTF-8"
    ]


def test_a_text_stream_that_cannot_be_decoded_gives_an_error_not_a_traceback(
    minimal_case: dict[str, Any],
) -> None:
    data = (line_of(minimal_case) + "\n" + line_of(minimal_case, adviser="Bjørn")).encode("latin-1")
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    records = list(iter_records(stream, allow_synthetic_ids=True, as_of=None))
    # the decoder reads ahead (here: the whole file at once), so the line is where it stopped
    assert messages(records) == [
        "line 1: (encoding): not UTF-8 (invalid start byte) at or after this line; "
        "save the file as UTF-8"
    ]


def test_records_carry_warnings_and_options(full_case: dict[str, Any]) -> None:
    records = read(line_of(full_case).encode(), as_of=date(2025, 8, 31), synthetic=False)
    assert messages(records) == [
        "line 1: person.national_id: synthetic test number not allowed (018190*****)"
    ]
    records = read(line_of(full_case).encode(), as_of=date(2025, 8, 31))
    assert [str(w) for w in records[0].warnings] == [
        "line 1: certificate_issued_date: after the as-of date (2025-08-31)"
    ]
