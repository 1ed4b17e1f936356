"""Every report PDF of the demo (annual, tertial, VEPAQ, indicators, internal control), as read
and archived, checked by outside tools: the `pdfua` checker (0 errors, 0 warnings) and pikepdf
on what a screen reader and an archive need: every table header cell with a /Scope, links
with descriptions, and the archive copy PDF/A-3a and still tagged."""

from __future__ import annotations

import io

import pikepdf
import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from pdfua import validate

from culture_plan.models import Unit
from demo.seed import seed_demo
from followup.report_kinds import KINDS

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
pytestmark = pytest.mark.django_db
CALLS = {
    "annual": {"year": 2024},
    "tertial": {"year": 2024, "tertial": 2},
    "vepaq": {"year": 2024, "month": 3},
    "indicators": {"year": 2024},
    "internal_control": {"year": 2024},
}


@pytest.fixture(scope="module")
def pdfs(django_db_setup, django_db_blocker, tmp_path_factory):
    """{(kind, archive): path} of the demo's PDFs, rendered once for the module."""
    folder = tmp_path_factory.mktemp("pdfs")
    hashers = override_settings(PASSWORD_HASHERS=[FAST_HASHER, *settings.PASSWORD_HASHERS])
    made = {}
    with django_db_blocker.unblock(), hashers, transaction.atomic():
        seed_demo()
        unit = Unit.objects.get(slug="kulturenheten")
        for kind, params in CALLS.items():
            report = KINDS[kind].build(unit=unit, **params)
            for archive in (False, True):
                path = folder / f"{kind}{'-archive' if archive else ''}.pdf"
                path.write_bytes(KINDS[kind].render_pdf(report, archive=archive))
                made[kind, archive] = path
        transaction.set_rollback(True)
    return made


CASES = [(kind, archive) for kind in CALLS for archive in (False, True)]


def _ids(case):
    kind, archive = case
    return f"{kind}-archive" if archive else kind


def elements(node):
    """Every structure element under `node`, depth first."""
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from elements(kid)


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_pdfua_finds_no_error_and_no_warning(pdfs, case):
    report = validate(str(pdfs[case]))
    findings = [(f.rule_id, f.severity.name, f.message[:120]) for f in report.findings]
    assert findings == []


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_every_header_cell_has_a_scope_and_every_link_a_description(pdfs, case):
    with pikepdf.open(pdfs[case]) as pdf:
        cells = [e for e in elements(pdf.Root.StructTreeRoot) if e.S == "/TH"]
        assert cells
        scopes = {str(cell.A.Scope) for cell in cells}
        assert scopes <= {"/Column", "/Row"}
        assert "/Column" in scopes
        for table in (e for e in elements(pdf.Root.StructTreeRoot) if e.S == "/Table"):
            assert any(e.S == "/TR" for e in elements(table)), "a table without rows"
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                if annotation.get("/Subtype") == "/Link":
                    contents = str(annotation.Contents)
                    assert contents and not contents.startswith("avsnitt-"), contents


@pytest.mark.parametrize("kind", list(CALLS))
def test_the_archive_copy_is_pdfa_3a_and_tagged(pdfs, kind):
    with pikepdf.open(io.BytesIO(pdfs[kind, True].read_bytes())) as pdf:
        metadata = pdf.open_metadata()
        assert metadata.get("pdfaid:part") == "3"
        assert metadata.get("pdfaid:conformance") == "A"
        assert metadata.get("pdfuaid:part") == "1"
        assert metadata.get("dc:title")
        xmp = pdf.Root.Metadata.read_bytes()
        assert b"pdfaExtension:schemas" in xmp and b"http://www.aiim.org/pdfua/ns/id/" in xmp
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        assert str(pdf.Root.Lang) == "sv"
        assert "/OutputIntents" in pdf.Root
        assert "/ID" in pdf.trailer
