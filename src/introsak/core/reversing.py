"""``reverse`` for pages that link to many objects (a worklist's rows, a case's steps).

Django's ``reverse`` walks the URL resolver on every call: about 25 µs, half a millisecond
for a page of 25 rows. ``fast_reverse`` reverses each view once per process and script
prefix with placeholder arguments and fills in the real ones; arguments must be integers or
slugs (what the converters of those URLs take). Anything else goes through ``reverse``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.urls import get_script_prefix, reverse

# Placeholders every int and slug converter accepts, and no real key is.
_SLOTS = ("9187364520", "9187364521", "9187364522")
_SAFE = re.compile(r"[-\w]+\Z", re.ASCII)


@lru_cache(maxsize=256)
def _pattern(viewname: str, arity: int, script_prefix: str) -> str | None:
    url = reverse(viewname, args=_SLOTS[:arity])
    if any(url.count(f"/{slot}/") != 1 for slot in _SLOTS[:arity]):
        return None  # not a plain /…/<arg>/… path: leave it to reverse
    return url


def fast_reverse(viewname: str, *args: int | str) -> str:
    """``reverse(viewname, args=args)`` for integer and slug arguments."""
    url = _pattern(viewname, len(args), get_script_prefix()) if len(args) <= len(_SLOTS) else None
    texts = [str(arg) for arg in args]
    if url is None or not all(_SAFE.match(text) for text in texts):
        return reverse(viewname, args=args)
    for slot, text in zip(_SLOTS, texts, strict=False):
        url = url.replace(f"/{slot}/", f"/{text}/")
    return url
