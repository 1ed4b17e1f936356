"""The rows of a sheet that openpyxl opened read-only, parsed with lxml: the same values as
`sheet.iter_rows(values_only=True)` at a fraction of the time.

openpyxl parses a read-only sheet with the standard library's ElementTree and builds a dict
per cell in Python, which was most of the time of reading a 10 000-row import. openpyxl still
opens the workbook (shared strings, styles and which of them are dates, the 1900 or 1904
epoch, where the sheet is); only the sheet's rows are read here, cell for cell as openpyxl's
WorkSheetParser.parse_cell reads them with data_only (cached values, not formulas). The
parser resolves no entities and loads nothing from the network, like the defusedxml that
openpyxl uses. When the workbook lacks what this needs (another openpyxl), openpyxl reads.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.xml.constants import SHEET_MAIN_NS

ROW = f"{{{SHEET_MAIN_NS}}}row"
CELL = f"{{{SHEET_MAIN_NS}}}c"
VALUE = f"{{{SHEET_MAIN_NS}}}v"
INLINE = f"{{{SHEET_MAIN_NS}}}is"
TEXT = f"{{{SHEET_MAIN_NS}}}t"
RUN = f"{{{SHEET_MAIN_NS}}}r"

# Raised by a sheet whose XML is broken (lxml's, and ElementTree's when openpyxl reads).
XMLErrors = (etree.XMLSyntaxError, SyntaxError)


def sheet_values(workbook, sheet) -> Iterator[tuple]:
    """Each row of `sheet` as a tuple of values, rows missing from the file as empty tuples,
    so that the n-th tuple is sheet row n."""
    try:
        archive = workbook._archive
        path = sheet._worksheet_path
        strings = sheet._shared_strings
        dates = workbook._date_formats
        durations = workbook._timedelta_formats
        epoch = workbook.epoch
    except AttributeError:
        yield from sheet.iter_rows(values_only=True)
        return
    with archive.open(path) as source:
        rows = etree.iterparse(
            source,
            events=("end",),
            tag=ROW,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
        )
        expected = 1
        number = 0
        for _event, row in rows:
            number = _row_number(row.get("r"), number)
            while expected < number:
                expected += 1
                yield ()
            if expected == number:
                expected += 1
                yield _row_values(row, strings, dates, durations, epoch)
            # Keep memory flat: drop the row and the rows before it.
            row.clear()
            parent = row.getparent()
            while row.getprevious() is not None:
                del parent[0]


def _row_number(attribute: str | None, previous: int) -> int:
    if not attribute:
        return previous + 1
    number = float(attribute)
    if not number.is_integer():
        raise ValueError(f"{attribute} is not a valid row number")
    return int(number)


def _row_values(row, strings, dates, durations, epoch) -> tuple:
    cells: dict[int, object] = {}
    column = 0
    for cell in row.iterchildren(CELL):
        reference = cell.get("r")
        column = coordinate_to_tuple(reference)[1] if reference else column + 1
        cells[column] = _cell_value(cell, strings, dates, durations, epoch)
    if not cells:
        return ()
    values = [None] * max(cells)
    for index, value in cells.items():
        values[index - 1] = value
    return tuple(values)


def _cell_value(cell, strings, dates, durations, epoch):
    """openpyxl.worksheet._reader.WorkSheetParser.parse_cell, data_only, value only."""
    data_type = cell.get("t", "n")
    if data_type == "inlineStr":
        inline = cell.find(INLINE)
        return _text(inline) if inline is not None else None
    value = cell.findtext(VALUE) or None
    if value is None:
        return None
    if data_type == "n":
        number = float(value) if "." in value or "E" in value or "e" in value else int(value)
        style = int(cell.get("s") or 0)
        if style in dates:
            try:
                return from_excel(number, epoch, timedelta=style in durations)
            except (OverflowError, ValueError):
                return "#VALUE!"
        return number
    if data_type == "s":
        return strings[int(value)]
    if data_type == "b":
        return bool(int(value))
    if data_type == "d":
        return from_ISO8601(value)
    return value  # "str" (a formula's text) and "e" (an error such as #N/A)


def _text(element) -> str:
    """An inline string: its plain text and the text of its runs (not phonetic hints)."""
    parts = []
    for child in element:
        if child.tag == TEXT:
            parts.append(child.text or "")
        elif child.tag == RUN:
            text = child.find(TEXT)
            if text is not None and text.text is not None:
                parts.append(text.text)
    return "".join(parts)
