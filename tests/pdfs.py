"""Reading the accessibility marks of a generated PDF (tagged, with a language)."""

from __future__ import annotations

from pypdf import PdfReader
from pypdf.generic import DictionaryObject


def catalog(reader: PdfReader) -> DictionaryObject:
    """The document catalogue (``/Root``): where ``/Lang``, ``/MarkInfo`` and the structure
    tree of a tagged PDF are declared."""
    return reader.root_object


def is_tagged(reader: PdfReader) -> bool:
    """Whether the PDF is marked as tagged (``/MarkInfo /Marked true``) and has a structure
    tree (``/StructTreeRoot``)."""
    root = catalog(reader)
    mark_info = root.get("/MarkInfo")
    marked = isinstance(mark_info, DictionaryObject) and bool(mark_info.get("/Marked"))
    return marked and "/StructTreeRoot" in root


def language(reader: PdfReader) -> str:
    """The document's declared language (``/Lang``)."""
    return str(catalog(reader)["/Lang"])
