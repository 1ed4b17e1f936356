"""The annual report's workbook writes years as numbers (Excel sorts and filters them as
such), checked with openpyxl and, where it is installed, with LibreOffice itself."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from followup.rendering import render_html, render_xlsx
from followup.reports import annual_report
from tests.followup.test_figures import youth


@pytest.fixture
def workbook_bytes(tree):
    unit = tree["culture"]
    youth(unit, date=datetime.date(2024, 3, 2), girls=5, boys=3, age_13_15=8)
    youth(unit, date=datetime.date(2023, 3, 2))
    report = annual_report(unit=unit, year=2024)
    return report, render_xlsx(kind="annual", report=report)


def test_years_are_numbers_in_the_workbook(workbook_bytes, tmp_path):
    _report, content = workbook_bytes
    path = tmp_path / "annual.xlsx"
    path.write_bytes(content)
    workbook = load_workbook(path)
    shares = workbook["Andel unga"]
    assert [(c.value, c.data_type) for c in (shares["A3"], shares["A4"])] == [
        (2024, "n"),
        (2023, "n"),
    ]
    months = workbook["Unga per månad"]
    assert [(c.value, c.data_type) for c in months[2]][1:] == [(2024, "n"), (2023, "n")]
    matrix = workbook["Matris"]
    years = [row[1] for row in matrix.iter_rows(min_row=3)]
    assert all(cell.data_type == "n" and isinstance(cell.value, int) for cell in years)
    # No cell anywhere holds a year as text.
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                assert not (isinstance(cell.value, str) and re.fullmatch(r"20\d\d", cell.value))


def test_years_on_the_page_have_no_thousands_space(workbook_bytes):
    report, _content = workbook_bytes
    html = render_html(kind="annual", report=report)
    assert '<th scope="row">2024</th>' in html
    assert "2 024" not in html and "2\u00a0024" not in html


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_reads_the_years_as_numbers(workbook_bytes, tmp_path):
    _report, content = workbook_bytes
    (tmp_path / "annual.xlsx").write_bytes(content)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "fods",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "annual.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    flat = (tmp_path / "annual.fods").read_text(encoding="utf-8")
    # A number cell: office:value-type="float" office:value="2024"; a text cell would be
    # office:value-type="string" with <text:p>2024</text:p>.
    assert 'office:value-type="float" office:value="2024"' in flat
    assert 'office:value="2023"' in flat
    assert not re.search(r'office:value-type="string"[^>]*>\s*<text:p>20\d\d</text:p>', flat)
