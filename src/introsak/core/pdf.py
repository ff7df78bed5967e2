"""Tagged, accessible PDF documents (PDF/UA-1) rendered with WeasyPrint.

Every PDF Introsak makes (the statistics dashboard, an audit's findings report, a
data-subject export) goes through ``tagged_pdf``: headings, tables with header cells,
language and title are kept as structure so screen readers can read the document. WeasyPrint
fetches nothing while rendering except ``data:`` URIs (embedded charts): a template can
never make the server request a file or another host.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def tagged_pdf(html: str, *, stylesheets: Sequence[Path] = ()) -> bytes:
    """The HTML document as PDF/UA-1 bytes, with the given print stylesheets."""
    # Imported here: WeasyPrint takes a noticeable part of a second to load, and most
    # processes (the CLI, most requests) never render a PDF.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    document = HTML(string=html, url_fetcher=fetcher, base_url="data:,")
    return bytes(
        document.write_pdf(
            stylesheets=[CSS(filename=str(path)) for path in stylesheets],
            pdf_variant="pdf/ua-1",
            pdf_tags=True,
        )
    )
