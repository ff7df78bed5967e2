"""Identity numbers are refused in addresses in every spelling (issue 12, item 8).

People paste identity numbers as ``209079 00011``, ``209079-00011``, ``20.90.79 000 11``,
with full-width digits from an Asian keyboard, or a link percent-encodes them (once or twice).
Every spelling, in the path or the query, is refused with 400 and one security-log row that
does not hold the number; ordinary addresses with dates and ids still work.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from introsak.access.models import SecurityEvent
from introsak.identity import contains_identity_number, make_synthetic_identity_number

NUMBER = make_synthetic_identity_number(date(1979, 9, 20), 3)
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
SEPARATORS = [" ", "  ", "   ", "-", " - ", "/", ".", "_", "\u3000", "－", "／", "\u2013", "+"]


@st.composite
def spellings(draw: st.DrawFn) -> str:
    """A valid identity number written the way people and links write them."""
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2024, 12, 31)))
    number = make_synthetic_identity_number(
        birth, draw(st.integers(0, 40)), d_number=draw(st.booleans())
    )
    cuts = sorted(draw(st.sets(st.integers(1, 10), max_size=4)))
    groups = [number[a:b] for a, b in zip([0, *cuts], [*cuts, 11], strict=True)]
    separators = [draw(st.sampled_from(SEPARATORS)) for _ in groups[1:]]
    spelled = groups[0] + "".join(s + g for s, g in zip(separators, groups[1:], strict=True))
    return spelled.translate(FULL_WIDTH) if draw(st.booleans()) else spelled


def encoded(text: str, times: int) -> str:
    for _ in range(times):
        text = quote(text, safe="")
    return text


@given(spelled=spellings(), before=st.sampled_from(["", "x ", "q=", "1 x "]))
def test_every_spelling_is_found(spelled: str, before: str) -> None:
    assert contains_identity_number(before + spelled.replace("+", " ") + " 2024-08-07")


@pytest.mark.parametrize(
    "text",
    [
        "/stats/end-reasons/?from=2024-01-01&to=2024-12-31",
        "/cases/12345/meeting/",
        "/cases/?q=12345678901",  # eleven digits, but the check digits do not match
        "/cases/?q=201212345603",  # a twelve-digit DUF number is not an identity number
        "/audits/3/rows/17/?page=2&sort=-deadline",
        "/cases/?q=2024-08-07 14:30",
    ],
)
def test_ordinary_addresses_hold_no_identity_number(text: str) -> None:
    assert not contains_identity_number(text)


def _refused(client: Client, url: str) -> tuple[int, list[tuple[str, str]]]:
    before = SecurityEvent.objects.count()
    status = client.get(url).status_code
    rows = SecurityEvent.objects.order_by("pk")[before:]
    return status, [(e.event, e.path) for e in rows]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "spelled",
    [
        NUMBER[:6] + "-" + NUMBER[6:],
        NUMBER[:6] + "   " + NUMBER[6:],
        NUMBER[:6] + "/" + NUMBER[6:],
        ".".join([NUMBER[:2], NUMBER[2:4], NUMBER[4:6], NUMBER[6:]]),
        NUMBER.translate(FULL_WIDTH),
    ],
)
@pytest.mark.parametrize("times", [0, 1, 2])
@pytest.mark.parametrize("where", ["path", "query"])
def test_every_spelling_is_refused_in_path_and_query(spelled: str, times: int, where: str) -> None:
    text = encoded(spelled, times) if times else quote(spelled, safe="-/. ")
    url = f"/cases/{text}/" if where == "path" else f"/cases/?q={text}"
    status, rows = _refused(Client(), url)
    assert status == 400
    assert len(rows) == 1
    event, path = rows[0]
    assert event == "identity_in_url"
    assert not any(c.isdecimal() for c in path)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(
    spelled=spellings(),
    times=st.integers(0, 2),
    where=st.sampled_from(["path", "query"]),
)
def test_any_spelling_in_any_encoding_is_refused(spelled: str, times: int, where: str) -> None:
    text = encoded(spelled, times) if times else quote(spelled, safe="-/. +")
    url = f"/cases/{text}/" if where == "path" else f"/cases/?q={text}"
    status, rows = _refused(Client(), url)
    assert (status, [event for event, _ in rows]) == (400, ["identity_in_url"])
