"""Logging that never writes an identity number.

``MaskIdentityNumbersFilter`` is attached to every handler in ``settings.LOGGING``: it
replaces every run of 11 digits (a fødselsnummer, D- or H-number, also written ``DDMMYY
NNNNN``) and of 12 digits (a DUF number) in the message, its arguments and any traceback with
asterisks, before a formatter sees the record. Loggers should log ids and counts anyway; this
is the safety net for the message nobody thought about (an exception quoting a value, a
request path, a user typing an identity number into the user-name field).
"""

from __future__ import annotations

import logging
import re

_IDENTITY_RUN = re.compile(r"(?<!\d)(?:\d{6}[ .]?\d{5}|\d{12})(?!\d)")


def mask_identity_numbers(text: str) -> str:
    """The text with every 11- or 12-digit run replaced by asterisks of the same length."""
    return _IDENTITY_RUN.sub(lambda m: re.sub(r"\d", "*", m.group(0)), text)


class MaskIdentityNumbersFilter(logging.Filter):
    """Mask identity numbers in a log record (message, arguments, traceback)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: keep the raw text, masked
            message = str(record.msg)
        record.msg = mask_identity_numbers(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_identity_numbers(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_identity_numbers(record.stack_info)
        return True
