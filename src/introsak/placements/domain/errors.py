"""The error every placements operation raises for bad input: messages per field."""

from __future__ import annotations

Errors = dict[str, list[str]]


class Rejected(Exception):
    """Bad input; nothing was written. ``errors`` maps field names to translated messages."""

    def __init__(self, errors: Errors) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors
