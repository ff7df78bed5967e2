"""Size limits and the JSON error wording of ``iter_records`` (issue 12, items 10 and 14).

A free text is at most ``MAX_TEXT_CHARS`` characters and a line at most ``MAX_LINE_BYTES``
bytes; a longer line is reported with its length and never read whole into memory.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from introsak.casefacts.parse import MAX_LINE_BYTES, MAX_TEXT_CHARS, iter_records


def messages(data: bytes | str) -> list[str]:
    stream: io.BytesIO | io.StringIO
    stream = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)
    records = iter_records(stream, allow_synthetic_ids=True, as_of=None)
    return [str(error) for record in records for error in record.errors]


def line_of(case: dict[str, Any]) -> str:
    return json.dumps(case, ensure_ascii=False)


# --- item 14: the wording of a broken line ----------------------------------------------------


def test_unterminated_string_says_at_once_and_where_the_line_breaks_off(
    minimal_case: dict[str, Any],
) -> None:
    whole = line_of(minimal_case | {"adviser": "x" * 1400})
    cut = whole[:1500]  # a line cut off inside the adviser's name
    start = cut.index('"xxx') + 1
    assert messages(f"{cut}\n".encode()) == [
        f"line 1: (json): Unterminated string starting at column {start}; "
        "the line breaks off after column 1500"
    ]


def test_invalid_control_character_says_at_once() -> None:
    assert messages(b'{"case_id": "A\tB"}\n') == [
        "line 1: (json): Invalid control character at column 15"
    ]


# --- item 10: free texts and lines -----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (("journal_notes", 0, "text"), "journal_notes[0].text"),
        (("meetings", 1, "minutes", "attendance"), "meetings[1].minutes.attendance"),
        (("plans", 0, "justification"), "plans[0].justification"),
        (("plans", 0, "sub_goals", 0), "plans[0].sub_goals[0]"),
        (("leaves", 0, "reason"), "leaves[0].reason"),
        (("extensions", 0, "justification"), "extensions[0].justification"),
    ],
)
def test_a_free_text_over_the_limit_is_refused_naming_the_field(
    full_case: dict[str, Any], path: tuple[Any, ...], field: str
) -> None:
    at_limit, over = "ø" * MAX_TEXT_CHARS, "ø" * (MAX_TEXT_CHARS + 1)
    target: Any = full_case
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = at_limit
    assert messages(line_of(full_case).encode()) == []
    target[path[-1]] = over
    assert messages(line_of(full_case).encode()) == [
        f"line 1: {field}: at most {MAX_TEXT_CHARS} characters, got {MAX_TEXT_CHARS + 1}"
    ]


def test_a_line_over_the_limit_is_refused_with_its_length_and_the_next_line_is_read(
    minimal_case: dict[str, Any],
) -> None:
    good = line_of(minimal_case)
    padding = MAX_LINE_BYTES + 10 - len(good.encode())
    long_line = good[:-1] + ', "adviser": "' + "x" * padding + '"}'
    size = len(long_line.encode())
    data = f"{good}\n{long_line}\r\n{line_of(minimal_case | {'case_id': 'B'})}\n".encode()
    stream = io.BytesIO(data)
    records = list(iter_records(stream, allow_synthetic_ids=True, as_of=None))
    assert [str(e) for r in records for e in r.errors] == [f"line 2: line too long ({size} bytes)"]
    assert [(r.line, r.ok) for r in records] == [(1, True), (2, False), (3, True)]


def test_a_line_of_exactly_the_limit_is_read(minimal_case: dict[str, Any]) -> None:
    good = line_of(minimal_case)
    padding = MAX_LINE_BYTES - len(good.encode()) - len(', "adviser": ""')
    line = good[:-1] + ', "adviser": "' + "x" * padding + '"}'
    assert len(line.encode()) == MAX_LINE_BYTES
    assert messages(f"{line}\r\n".encode()) == [
        f"line 1: adviser: at most {MAX_TEXT_CHARS} characters, got {padding}"
    ]


def test_a_long_line_is_never_read_whole_into_memory() -> None:
    """The reader asks the stream for at most the limit (plus a line end) at a time."""

    class Recording(io.BytesIO):
        largest = 0

        def readline(self, size: int | None = -1) -> bytes:
            chunk = super().readline(size)
            Recording.largest = max(Recording.largest, len(chunk))
            return chunk

    stream = Recording(b"x" * (20 * MAX_LINE_BYTES) + b"\n{}\n")
    records = list(iter_records(stream, allow_synthetic_ids=True, as_of=None))
    assert [str(e) for e in records[0].errors] == [
        f"line 1: line too long ({20 * MAX_LINE_BYTES} bytes)"
    ]
    assert records[1].line == 2
    assert Recording.largest <= MAX_LINE_BYTES + 2


def test_a_text_stream_counts_bytes_not_characters(minimal_case: dict[str, Any]) -> None:
    good = line_of(minimal_case)
    chars = MAX_LINE_BYTES // 2  # "ø" is two bytes in UTF-8
    line = good[:-1] + ', "adviser": "' + "ø" * chars + '"}'
    size = len(line.encode())
    assert len(line) < MAX_LINE_BYTES < size
    assert messages(line + "\n") == [f"line 1: line too long ({size} bytes)"]
