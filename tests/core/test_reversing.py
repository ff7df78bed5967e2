"""``fast_reverse`` gives exactly what ``reverse`` gives."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from introsak.core.reversing import fast_reverse


@pytest.mark.parametrize(
    ("viewname", "args"),
    [
        ("workspace:case", (1,)),
        ("workspace:case", (987654321,)),
        ("workspace:record", (42, "meeting")),
        ("workspace:record", (7, "end-and-outcome")),
        ("workspace:worklist", ()),
    ],
)
def test_same_as_reverse(viewname: str, args: tuple[int | str, ...]) -> None:
    assert fast_reverse(viewname, *args) == reverse(viewname, args=args)


def test_script_prefix_is_kept_apart() -> None:
    try:
        set_script_prefix("/introsak/")
        assert fast_reverse("workspace:case", 5) == "/introsak/cases/5/"
    finally:
        set_script_prefix("/")
    assert fast_reverse("workspace:case", 5) == reverse("workspace:case", args=[5])


def test_anything_but_ints_and_slugs_goes_through_reverse() -> None:
    with pytest.raises(NoReverseMatch):
        fast_reverse("workspace:record", 5, "a/b")
    with pytest.raises(NoReverseMatch):
        fast_reverse("workspace:case", "x y")
