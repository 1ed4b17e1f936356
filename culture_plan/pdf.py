"""HTML to PDF for every report of every app: one place for WeasyPrint's settings.

Tagged PDF/UA-1 (fonts embedded, structure for screen readers) by default, PDF/A-3b for the
archive; WeasyPrint may read only bundled static files and data: URLs (DESIGN "Trust").
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings


class RefusedURL(ValueError):
    """WeasyPrint asked for something other than a bundled static file or a data: URL."""


def _static_roots() -> list[Path]:
    roots = [Path(root) for root in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


def check_pdf_url(url: str) -> None:
    """Raise RefusedURL unless `url` is a data: URL or a file under the static folders."""
    if url.startswith("data:"):
        return
    parsed = urlparse(url)
    if parsed.scheme == "file" and parsed.netloc in ("", "localhost"):
        path = Path(unquote(parsed.path)).resolve()
        if any(path.is_relative_to(root) for root in _static_roots()) and path.is_file():
            return
    raise RefusedURL(f"Refused to fetch {url!r} for a PDF.")


def pdf_url_fetcher():
    """WeasyPrint's fetcher, limited to data: URLs and files under the app's static folders:
    even if raw HTML ever reached a report, it could not make the server fetch an internal
    address (SSRF) or read a file such as /etc/passwd into the PDF."""
    # WeasyPrint takes about a second to import: loaded when the first PDF is made, not by
    # every process and command that imports the reports.
    from weasyprint.urls import URLFetcher  # noqa: PLC0415

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            check_pdf_url(url)
            return super().fetch(url, headers)

    return StaticOnlyFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)


def html_to_pdf(html: str, *, archive: bool = False) -> bytes:
    """A4 PDF from HTML (the page sizes come from the templates' @page rules): tagged
    PDF/UA-1, or with `archive` PDF/A-3b. Relative URLs resolve in the static folder."""
    from weasyprint import HTML  # noqa: PLC0415 (about a second to import; see above)

    roots = _static_roots()
    base = roots[0] if roots else Path(settings.BASE_DIR)
    variant = "pdf/a-3b" if archive else "pdf/ua-1"
    return HTML(string=html, base_url=f"{base.as_uri()}/", url_fetcher=pdf_url_fetcher()).write_pdf(
        pdf_variant=variant
    )
