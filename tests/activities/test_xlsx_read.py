"""activities.xlsx_read reads a sheet's rows as openpyxl does (values_only, data_only), and
the import refuses a sheet whose XML is unsafe or broken."""

import datetime
import io
import zipfile
from xml.sax.saxutils import escape

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from activities.excel import HEADERS
from activities.imports import read_activity_file
from activities.xlsx_read import sheet_values
from tests.activities import excel_fixtures

plan_structure = excel_fixtures.plan_structure
SHEET = "xl/worksheets/sheet1.xml"


def both(data: bytes) -> tuple[list, list]:
    """(openpyxl's rows, ours), trailing empty cells dropped (openpyxl pads rows to the
    sheet's width)."""

    def trimmed(rows):
        result = []
        for row in rows:
            row = list(row)
            while row and row[-1] is None:
                row.pop()
            result.append(row)
        return result

    theirs = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    ours = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    expected = trimmed(theirs.worksheets[0].iter_rows(values_only=True))
    actual = trimmed(sheet_values(ours, ours.worksheets[0]))
    return expected, actual


def saved(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_sheet(data: bytes, sheet_xml: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = sheet_xml if member.filename == SHEET else source.read(member)
            target.writestr(member, content)
    return output.getvalue()


@pytest.mark.parametrize("write_only", [False, True])
@pytest.mark.parametrize("epoch_1904", [False, True])
def test_values_as_openpyxl_reads_them(write_only, epoch_1904):
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet("Aktiviteter") if write_only else workbook.active
    if epoch_1904:
        workbook.epoch = datetime.datetime(1904, 1, 1)
    rows = [
        ["Datum", "Titel", "Antal", "Belopp", "Ja/nej", "Tid"],
        [datetime.date(2024, 3, 12), "Sommarteater", 10, 1500.5, True, datetime.time(18, 30)],
        [datetime.datetime(2024, 3, 12, 9, 15), "  mellanslag  ", -3, 1e21, False, None],
        [None, None, None, None, None, None],
        ["2024-03-12", "Flen & <Malmköping>", 0, 0.1, None, "18:30"],
        [None, "=1+1", "#N/A", "Två\nrader", None, datetime.timedelta(hours=2)],
    ]
    for values in rows:
        sheet.append(values)
    if not write_only:
        sheet["A9"] = "en rad längre ned"
        sheet["C9"] = "=SUM(C2:C3)"
    expected, actual = both(saved(workbook))
    assert actual == expected


def test_inline_rich_text_missing_references_and_gaps():
    workbook = Workbook()
    workbook.active.append(["Rubrik"])
    data = saved(workbook)
    sheet_xml = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>"
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>Rubrik</t></is></c></row>'
        b'<row r="3"><c t="inlineStr"><is><r><t>fet</t></r><r><t xml:space="preserve"> och'
        b' vanlig</t></r><rPh sb="0" eb="1"><t>ignoreras</t></rPh></is></c><c><v>7</v></c>'
        b'<c r="E3" t="b"><v>1</v></c><c t="str"><v>formeltext</v></c></row>'
        b'<row><c r="B4" t="e"><v>#DIV/0!</v></c><c r="C4" t="inlineStr"/></row>'
        b'<row r="6.0"><c r="A6" t="n"><v>2.5E3</v></c></row>'
        b"</sheetData></worksheet>"
    )
    expected, actual = both(with_sheet(data, sheet_xml))
    assert actual == expected
    assert actual[2] == ["fet och vanlig", 7, None, None, True, "formeltext"]


@pytest.mark.django_db
def test_a_sheet_declaring_entities_is_refused(tree):
    """openpyxl's defusedxml refuses the file before a row is read; lxml would not expand
    the entities either (resolve_entities=False)."""
    workbook = Workbook()
    workbook.active.append(["Rubrik"])
    sheet_xml = (
        b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 '
        b'"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    data = with_sheet(saved(workbook), sheet_xml)
    preview = read_activity_file(unit=tree["culture"], file=io.BytesIO(data))
    assert not preview.rows
    assert "kunde inte läsas som en Excel-fil" in preview.messages[0]


@pytest.mark.django_db
def test_a_sheet_broken_after_its_first_rows_is_refused_as_a_whole(tree, plan_structure):
    """With a <dimension> openpyxl opens the sheet without reading it through; the broken
    XML is found while the rows are read, and nothing of the file is kept."""
    workbook = Workbook()
    workbook.active.append(HEADERS)
    header = "".join(
        f'<c r="{get_column_letter(index)}1" t="inlineStr"><is><t>{escape(name)}</t></is></c>'
        for index, name in enumerate(HEADERS, start=1)
    )
    sheet_xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:AG3"/><sheetData><row r="1">{header}</row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>2024-03-12</t></is></c></row>'
        '<row r="3"><c r="A3"><v>1</v></c'
    ).encode()
    data = with_sheet(saved(workbook), sheet_xml)
    preview = read_activity_file(unit=tree["culture"], file=io.BytesIO(data))
    assert not preview.rows
    assert "kunde inte läsas som en Excel-fil" in preview.messages[-1]
