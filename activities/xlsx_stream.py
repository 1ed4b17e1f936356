"""A one-sheet .xlsx made as a stream of bytes, row by row, for downloads that must not wait.

openpyxl's write-only mode keeps memory flat, but it writes the sheet to a temporary file and
zips the workbook only in save(): the first byte of a 100 000-row download would come after
the whole file is done, later than a proxy waits. Here openpyxl still writes every part of
the workbook except the rows (workbook, styles, theme, content types, and the sheet's frame:
column widths, frozen header, the header row), once, for a sample row that registers the
styles the rows use. The rows are then written as XML text straight into the zip member,
which the standard library's zipfile deflates on a writer that cannot seek (the sizes follow
each member in a data descriptor), so every compressed chunk can be sent as soon as it
exists. The cells are written as openpyxl writes them (inline strings, numbers through its
safe_string, dates and times as serial numbers with their number format), so a file reads
back the same whichever way it was made.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.cell.cell import ERROR_CODES
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

# openpyxl's limit for a text cell (Excel's): longer text is cut.
MAX_TEXT = 32767
# Flush the compressed bytes to the reader about this often.
CHUNK_BYTES = 256 * 1024
ROWS_PER_WRITE = 500
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_SAMPLE_ROW = re.compile(rb'<row r="2"[^>]*>.*?</row>', re.DOTALL)
_STYLE = re.compile(rb'<c r="([A-Z]+)2" s="(\d+)"')


@dataclass(frozen=True)
class Frame:
    """Everything of a workbook but its data rows: the zip members in openpyxl's order, and
    the sheet's XML split around where the rows go. `styles` maps a sample value's kind
    ("date", "time", "quoted") to its cellXfs index."""

    members: list[tuple[str, bytes]]
    sheet_name: str
    sheet_head: bytes
    sheet_tail: bytes
    styles: dict[str, str]


def make_frame(workbook, *, samples: dict[str, object]) -> Frame:
    """`workbook`: an openpyxl write-only workbook with one sheet, set up and holding its
    header row; `samples`: kind -> a cell (appended as row 2) whose style the rows use."""
    sheet = workbook.worksheets[0]
    kinds = list(samples)
    sheet.append([samples[kind] for kind in kinds])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    sheet_name = next(name for name, _data in members if name.startswith("xl/worksheets/"))
    xml = dict(members)[sheet_name]
    sample = _SAMPLE_ROW.search(xml)
    letters = {get_column_letter(index): kind for index, kind in enumerate(kinds, start=1)}
    styles = {letters[m[1].decode()]: m[2].decode() for m in _STYLE.finditer(sample[0])}
    return Frame(
        members=members,
        sheet_name=sheet_name,
        sheet_head=xml[: sample.start()],
        sheet_tail=xml[sample.end() :],
        styles=styles,
    )


class RowWriter:
    """Rows of Python values -> the sheet's <row> XML, cell for cell as openpyxl's write-only
    mode writes them (openpyxl.cell._writer), from row 2 on (row 1 is the header)."""

    def __init__(self, frame: Frame, *, columns: int, safe_text):
        """`safe_text(value) -> (text, quoted)`: the one rule for text that could be taken
        for a formula or holds control characters (activities.excel.safe_text)."""
        self.letters = [get_column_letter(index) for index in range(1, columns + 1)]
        self.date_style = frame.styles["date"]
        self.time_style = frame.styles["time"]
        self.quote_style = frame.styles["quoted"]
        self.safe_text = safe_text
        self.number = 1
        self._serials: dict[object, str] = {}

    def row(self, values: Iterable) -> str:
        self.number += 1
        number = self.number
        cells = []
        for letter, value in zip(self.letters, values, strict=False):
            if value is None:
                continue
            ref = f"{letter}{number}"
            kind = type(value)
            if kind is str:
                cells.append(self._text(ref, value))
            elif kind is int or kind is float or kind is Decimal or kind is bool:
                data_type = "b" if kind is bool else "n"
                cells.append(f'<c r="{ref}" t="{data_type}"><v>{safe_string(value)}</v></c>')
            elif kind is datetime.date or kind is datetime.datetime:
                cells.append(self._serial_cell(ref, self.date_style, value))
            elif kind is datetime.time:
                cells.append(self._serial_cell(ref, self.time_style, value))
            else:
                cells.append(self._text(ref, str(value)))
        return f'<row r="{number}">{"".join(cells)}</row>'

    def _serial_cell(self, ref: str, style: str, value) -> str:
        """A date or time: a serial number with its number format's style (a few thousand
        distinct dates, so each is converted once)."""
        serial = self._serials.get(value)
        if serial is None:
            serial = self._serials[value] = safe_string(to_excel(value))
        return f'<c r="{ref}" s="{style}" t="n"><v>{serial}</v></c>'

    def _text(self, ref: str, value: str) -> str:
        value, quoted = self.safe_text(value)
        style = ""
        data_type = "inlineStr"
        if quoted:
            style = f' s="{self.quote_style}"'
        else:
            # What openpyxl's Cell does with a plain text value (check_string, _bind_value).
            value = value[:MAX_TEXT]
            if value in ERROR_CODES:
                return f'<c r="{ref}" t="e"><v>{value}</v></c>'
        if not value:
            return f'<c r="{ref}"{style} t="{data_type}"></c>'
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return (
            f'<c r="{ref}"{style} t="{data_type}"><is><t{space}>'
            f"{value.translate(_ESCAPES)}</t></is></c>"
        )


class _Sink:
    """A write-only, unseekable file for zipfile: it keeps what is written until taken."""

    def __init__(self):
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        self.size = 0
        return data


def stream_workbook(frame: Frame, rows_xml: Iterable[str]) -> Iterator[bytes]:
    """The .xlsx bytes, chunk by chunk: the frame's members, with `rows_xml` (each a <row>)
    written into the sheet as they come."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in frame.members:
            if name != frame.sheet_name:
                archive.writestr(name, data)
                continue
            if sink.size:
                yield sink.take()
            with archive.open(name, "w") as member:
                member.write(frame.sheet_head)
                batch: list[str] = []
                for xml in rows_xml:
                    batch.append(xml)
                    if len(batch) >= ROWS_PER_WRITE:
                        member.write("".join(batch).encode())
                        batch.clear()
                        if sink.size >= CHUNK_BYTES:
                            yield sink.take()
                member.write("".join(batch).encode())
                member.write(frame.sheet_tail)
    yield sink.take()
