"""Documents the app writes (DESIGN "Trust"): user text is data, never a formula, in every
workbook; WeasyPrint reads only bundled static files and data: URLs."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from openpyxl import load_workbook

from activities import excel
from culture_plan.pdf import RefusedURL, check_pdf_url, html_to_pdf, pdf_url_fetcher
from followup import rendering, reports, services
from tests.factories import ActivityFactory, GoalFactory, PriorityAreaFactory

FORMULAS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd"]


def all_cells(data: bytes):
    workbook = load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from row


def test_report_workbook_writes_formula_text_as_text(tree, users):
    report = services.report_get_or_create(unit=tree["culture"], year=2024, month=5)
    services.report_update(
        report=report,
        data={"v_comment": '=HYPERLINK("http://x")', "q_comment": "+1", "e_comment": "@x"},
        by=users["manager"],
    )
    ActivityFactory(unit=tree["culture"], title="-1+2", date=datetime.date(2024, 5, 3))
    data = rendering.render_xlsx(
        kind="vepaq", report=reports.vepaq_report(unit=tree["culture"], year=2024, month=5)
    )
    cells = [cell for cell in all_cells(data) if isinstance(cell.value, str)]
    risky = [cell for cell in cells if cell.value.startswith(("=", "+", "@", "-"))]
    assert {cell.value for cell in risky} >= {'=HYPERLINK("http://x")', "+1", "@x"}
    assert all(cell.data_type == "s" for cell in risky)


def test_annual_workbook_too(tree, flen_plan):
    area = PriorityAreaFactory(plan=flen_plan, number=1, name="=Barn")
    GoalFactory(area=area, code="=1.1", text="=2*3")
    data = rendering.render_xlsx(
        kind="annual", report=reports.annual_report(unit=tree["culture"], year=2024)
    )
    risky = [
        cell for cell in all_cells(data) if isinstance(cell.value, str) and cell.value[:1] == "="
    ]
    assert risky and all(cell.data_type == "s" for cell in risky)


def test_the_import_template_writes_goal_codes_and_the_plan_name_as_text(flen_plan):
    flen_plan.name = "=Kulturplan"
    flen_plan.save()
    area = PriorityAreaFactory(plan=flen_plan, number=1)
    for code in FORMULAS:
        GoalFactory(area=area, code=code)
    output = io.BytesIO()
    excel.write_template(plan=flen_plan, destination=output)
    values = load_workbook(io.BytesIO(output.getvalue()))[excel.VALUES_SHEET_TITLE]
    texts = {cell.value: cell for row in values.iter_rows() for cell in row if cell.value}
    for text in [*FORMULAS, "=Kulturplan"]:
        assert texts[text].data_type == "s", text


# WeasyPrint -------------------------------------------------------------------------------


def test_the_fetcher_refuses_other_urls():
    for url in [
        "http://127.0.0.1:9/x.css",
        "https://example.org/",
        "file:///etc/passwd",
        "ftp://x/y",
    ]:
        with pytest.raises(RefusedURL):
            check_pdf_url(url)


def test_the_fetcher_reads_static_files_and_data_urls():
    favicon = (Path(settings.BASE_DIR) / "static" / "favicon.svg").resolve()
    fetcher = pdf_url_fetcher()
    assert b"svg" in fetcher.fetch(favicon.as_uri()).read()
    assert fetcher.fetch("data:text/plain;base64,aGVq").read() == b"hej"
    escape = (Path(settings.BASE_DIR) / "static" / ".." / "pyproject.toml").resolve()
    with pytest.raises(RefusedURL):
        fetcher.fetch(escape.as_uri())


def test_a_pdf_never_fetches_from_a_server_or_the_file_system(httpserver):
    httpserver.expect_request("/secret.png").respond_with_data(b"x", content_type="image/png")
    html = (
        f'<html><head><link rel="stylesheet" href="{httpserver.url_for("/style.css")}">'
        f'</head><body><p>Rapport</p><img src="{httpserver.url_for("/secret.png")}">'
        '<img src="file:///etc/passwd"><object data="file:///etc/passwd"></object>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<img src="favicon.svg"></body></html>'
    )
    pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF")
    assert httpserver.log == []  # no request reached the server
    assert b"root:" not in pdf
