"""HTML to PDF for every report of every app: one place for WeasyPrint's settings.

Tagged PDF/UA-1 (fonts embedded, structure for screen readers) by default; for the archive
PDF/A-3a, which is tagged too (structure tree, MarkInfo, DisplayDocTitle) and also declares
PDF/UA-1. WeasyPrint may read only bundled static files and data: URLs (DESIGN "Trust").

What WeasyPrint leaves out, pikepdf adds afterwards (finish_pdf): a /Scope on every table
header cell (Column for a row of headers, Row for a row's first cell; PDF/UA matterhorn 15)
and a description of every link (its text in the HTML) instead of the bare target.
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import unquote, urlparse

import pikepdf
from django.conf import settings
from lxml import etree
from lxml import html as lxml_html


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
    PDF/UA-1, or with `archive` PDF/A-3a (tagged as well). Relative URLs resolve in the
    static folder."""
    from weasyprint import HTML  # noqa: PLC0415 (about a second to import; see above)

    roots = _static_roots()
    base = roots[0] if roots else Path(settings.BASE_DIR)
    variant = "pdf/a-3a" if archive else "pdf/ua-1"
    content = HTML(
        string=html, base_url=f"{base.as_uri()}/", url_fetcher=pdf_url_fetcher()
    ).write_pdf(pdf_variant=variant)
    return finish_pdf(content, links=link_descriptions(html), archive=archive)


def link_descriptions(html: str) -> dict[str, str]:
    """Each link target of the page (an anchor's id without "#", or a URL) → the text of the
    first link to it, which is what a reader of the PDF should hear for the link."""
    descriptions: dict[str, str] = {}
    for anchor in lxml_html.fromstring(html).iter("a"):
        href = (anchor.get("href") or "").strip()
        text = " ".join(anchor.text_content().split()) or (anchor.get("aria-label") or "")
        if href and text:
            descriptions.setdefault(href.removeprefix("#"), text)
    return descriptions


def finish_pdf(content: bytes, *, links: dict[str, str], archive: bool = False) -> bytes:
    """The PDF with a /Scope on each table header cell and a description on each link; an
    archive copy also declares PDF/UA-1 in its XMP (with the PDF/A extension schema)."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        structure = pdf.Root.get("/StructTreeRoot")
        if structure is not None:
            _join_split_tables(structure)
            _scope_header_cells(structure)
            _describe_links(pdf, links)
        if archive:
            _declare_pdfua(pdf)
        out = io.BytesIO()
        pdf.save(out, fix_metadata_version=False)
    return out.getvalue()


def _children(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def _rows(table) -> list:
    rows = []
    for child in _children(table):
        if child.S == "/TR":
            rows.append(child)
        elif child.S in ("/THead", "/TBody", "/TFoot"):
            rows.extend(_rows(child))
    return rows


def _tables_in_order(element) -> list:
    found = []
    for child in _children(element):
        if child.S == "/Table":
            found.append((element, child))
        found.extend(_tables_in_order(child))
    return found


def _join_split_tables(structure) -> None:
    """A table whose caption ends a page and whose rows begin the next comes out of WeasyPrint
    as two Table elements, the first holding only the caption: the caption goes to the rows'
    table (first), and the empty one is removed."""
    tables = _tables_in_order(structure)
    for index, (parent, table) in enumerate(tables):
        if _rows(table) or index + 1 >= len(tables):
            continue
        following = tables[index + 1][1]
        captions = [kid for kid in _children(table) if kid.S == "/Caption"]
        if not captions or len(captions) != len(_children(table)):
            continue
        for caption in captions:
            caption.P = following
        rest = following.get("/K")
        rest = list(rest) if isinstance(rest, pikepdf.Array) else ([] if rest is None else [rest])
        following.K = pikepdf.Array([*captions, *rest])
        siblings = parent.K if isinstance(parent.K, pikepdf.Array) else pikepdf.Array([parent.K])
        parent.K = pikepdf.Array([kid for kid in siblings if kid.objgen != table.objgen])


def _scope_header_cells(element) -> None:
    """TH in a row of only header cells: Column; TH in a row with data cells: Row."""
    for child in _children(element):
        if child.S == "/Table":
            for row in _rows(child):
                cells = [cell for cell in _children(row) if cell.S in ("/TH", "/TD")]
                scope = "/Column" if all(cell.S == "/TH" for cell in cells) else "/Row"
                for cell in cells:
                    if cell.S != "/TH":
                        continue
                    attributes = cell.get("/A")
                    if not isinstance(attributes, pikepdf.Dictionary):
                        attributes = pikepdf.Dictionary(O=pikepdf.Name("/Table"))
                        cell.A = attributes
                    attributes.Scope = pikepdf.Name(scope)
        _scope_header_cells(child)


def _describe_links(pdf, links: dict[str, str]) -> None:
    """/Contents of each link annotation, and /Alt of its tagged Link element: the link's
    text in the HTML ("1. Sammanfattning"), not its target ("avsnitt-summary")."""
    parents = pdf.Root.StructTreeRoot.get("/ParentTree")
    by_number = dict(pikepdf.NumberTree(parents).items()) if parents is not None else {}
    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annotation:
                target = str(annotation.Dest)
            elif "/A" in annotation and "/URI" in annotation.A:
                target = str(annotation.A.URI)
            else:
                continue
            description = links.get(target)
            if not description:
                continue
            annotation.Contents = pikepdf.String(description)
            element = by_number.get(int(annotation.get("/StructParent", -1)))
            if isinstance(element, pikepdf.Dictionary):
                element.Alt = pikepdf.String(description)


RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/"
# pdfuaid:part 1, and the extension schema PDF/A asks for a namespace it does not predefine.
PDFUA_DESCRIPTION = f"""
<rdf:Description rdf:about="" xmlns:rdf="{RDF_NS}" xmlns:pdfuaid="{PDFUA_NS}"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#" pdfuaid:part="1">
  <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>{PDFUA_NS}</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
      <pdfaProperty:name>part</pdfaProperty:name>
      <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
      <pdfaProperty:category>internal</pdfaProperty:category>
      <pdfaProperty:description>Part of ISO 14289 the file follows</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
  </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"""


def _declare_pdfua(pdf) -> None:
    """The archive copy is PDF/A-3a and, being tagged as PDF/UA asks, says so in its XMP."""
    metadata = pdf.Root.get("/Metadata")
    if metadata is None:
        return
    root = etree.fromstring(metadata.read_bytes())
    rdf = root.find(f".//{{{RDF_NS}}}RDF")
    if rdf is None or PDFUA_NS in etree.tostring(root).decode():
        return
    rdf.append(etree.fromstring(PDFUA_DESCRIPTION.strip()))
    packet = (
        b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        + etree.tostring(root, encoding="utf-8")
        + b'\n<?xpacket end="r"?>'
    )
    metadata.write(packet)
