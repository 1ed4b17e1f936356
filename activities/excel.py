"""The activity plan as an Excel file: the column contract, the Swedish words, and writing.

DESIGN "Reports and interfaces": one sheet, a header row, one row per activity; the same file
imports again unchanged (see activities.imports). The words come from the TextChoices labels
in activities.models, read with Swedish active, so the UI, the export and the import share
one vocabulary.
"""

from __future__ import annotations

import datetime
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import QuerySet
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from activities.models import (
    AGE_BANDS,
    AGE_COUNT_FIELDS,
    TARGET_FIELDS,
    Activity,
    Collaboration,
    CultureArea,
    Holiday,
    Kind,
    Status,
)
from activities.xlsx_stream import Frame, RowWriter, make_frame, stream_workbook
from culture_plan.models import Goal, Plan, Unit
from culture_plan.validators import CONTROL_CHARACTERS, strip_control_characters

# The media type of an .xlsx file (downloads, the upload field's accept list).
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Column headers, in this order (DESIGN). The age columns are the bands themselves.
DATE = "Datum"
TITLE = "Titel"
STATUS = "Status"
AREA = "Prioriterat område"
GOALS = "Inriktningsmål"
KIND = "Typ"
COLLABORATION = "Samverkan"
PARTNERS = "Samverkansparter"
PLACE = "Ort"
HOLIDAY = "Lov"
CULTURE_AREA = "Kulturområde"
TARGET = "Målgrupp"
GIRLS = "Flickor"
BOYS = "Pojkar"
OTHER_GENDER = "Annat/ej angivet"
COST = "Kostnad (kr)"
SURVEY_ANSWERS = "Enkätsvar"
SURVEY_MEAN = "Medelbetyg"
DESCRIPTION = "Beskrivning"
CO_ARRANGERS = "Medarrangörer"
# Unique participants (people, not visits) of a done series or workshop: optional.
UNIQUE_PARTICIPANTS = "Unika deltagare"

HEADERS: list[str] = [
    DATE,
    TITLE,
    STATUS,
    AREA,
    GOALS,
    KIND,
    COLLABORATION,
    PARTNERS,
    PLACE,
    HOLIDAY,
    CULTURE_AREA,
    TARGET,
    GIRLS,
    BOYS,
    OTHER_GENDER,
    *AGE_BANDS,
    COST,
    SURVEY_ANSWERS,
    SURVEY_MEAN,
    DESCRIPTION,
    CO_ARRANGERS,
    UNIQUE_PARTICIPANTS,
]
# Columns a file may leave out (files from before they were added still import).
OPTIONAL_HEADERS: frozenset[str] = frozenset({CO_ARRANGERS, UNIQUE_PARTICIPANTS})

# The public culture calendar (DESIGN "Open and connected"): optional columns at the very end,
# after every other column, so that files without them still import.
PUBLIC = "Kulturkalendern"
PUBLIC_TEXT = "Kalendertext"
START_TIME = "Starttid"
END_TIME = "Sluttid"
PUBLIC_PLACE = "Kalenderplats"
PUBLIC_HEADERS: list[str] = [PUBLIC, PUBLIC_TEXT, START_TIME, END_TIME, PUBLIC_PLACE]
HEADERS.extend(PUBLIC_HEADERS)
OPTIONAL_HEADERS = OPTIONAL_HEADERS | frozenset(PUBLIC_HEADERS)
YES = "Ja"
TIME_FORMAT = "hh:mm"

# Count columns and the model field each fills.
COUNT_COLUMNS: dict[str, str] = {
    GIRLS: "girls",
    BOYS: "boys",
    OTHER_GENDER: "other_gender",
    **{band: AGE_COUNT_FIELDS[band] for band in AGE_BANDS},
}

COLUMN_WIDTHS: dict[str, int] = {
    DATE: 12,
    TITLE: 40,
    STATUS: 12,
    AREA: 10,
    GOALS: 14,
    KIND: 10,
    COLLABORATION: 18,
    PARTNERS: 30,
    PLACE: 16,
    HOLIDAY: 12,
    CULTURE_AREA: 26,
    TARGET: 20,
    COST: 14,
    SURVEY_ANSWERS: 11,
    SURVEY_MEAN: 11,
    DESCRIPTION: 60,
    PUBLIC: 14,
    PUBLIC_TEXT: 50,
    PUBLIC_PLACE: 24,
    CO_ARRANGERS: 30,
    UNIQUE_PARTICIPANTS: 12,
}
DEFAULT_WIDTH = 9

DATE_FORMAT = "yyyy-mm-dd"
SHEET_TITLE = "Aktiviteter"
VALUES_SHEET_TITLE = "Värden"
# Text that a spreadsheet could take for a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def words(choices) -> dict[str, str]:
    """code -> the Swedish word of a TextChoices, whatever language is active."""
    with override("sv"):
        return {value: str(label) for value, label in choices.choices}


def status_words() -> dict[str, str]:
    return words(Status)


def kind_words() -> dict[str, str]:
    return words(Kind)


def collaboration_words() -> dict[str, str]:
    return words(Collaboration)


def holiday_words() -> dict[str, str]:
    """No holiday is an empty cell, not the UI's "Inget lov"."""
    mapping = words(Holiday)
    mapping[Holiday.NONE] = ""
    return mapping


def culture_area_words() -> dict[str, str]:
    mapping = words(CultureArea)
    mapping[""] = ""
    return mapping


def join_list(items: Iterable[str]) -> str:
    return ", ".join(items)


def activities_for_export(*, unit: Unit, year: int | None = None) -> QuerySet[Activity]:
    """The unit's own activities (not its children's: the file imports back into one unit),
    in date order. iter_rows reads their values in SQL."""
    queryset = Activity.objects.filter(unit=unit)
    if year is not None:
        queryset = queryset.filter(date__year=year)
    return queryset.order_by("date", "pk")


def code_sort_key(code: str) -> list:
    """ "1.2" before "1.10": codes compare part by part, numbers as numbers."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in code.split(".")]


def goal_sort_key(goal: Goal) -> list:
    return code_sort_key(goal.code)


# What a row reads of an activity, in one query (the area's number and the place's name
# joined); the goals, partners and co-arrangers come per chunk of rows (linked_names).
ROW_FIELDS: list[str] = [
    "pk",
    "date",
    "title",
    "status",
    "priority_area__number",
    "kind",
    "collaboration",
    "place__name",
    "holiday",
    "culture_area",
    *TARGET_FIELDS.values(),
    *COUNT_COLUMNS.values(),
    "cost_kr",
    "survey_answers",
    "survey_mean",
    "description",
    "unique_participants",
    "is_public",
    "public_text",
    "start_time",
    "end_time",
    "public_place",
]
_AT = {name: index for index, name in enumerate(ROW_FIELDS)}
_TARGETS = slice(_AT[next(iter(TARGET_FIELDS.values()))], _AT[next(iter(COUNT_COLUMNS.values()))])
_COUNTS = slice(_TARGETS.stop, _AT["cost_kr"])
_TARGET_BANDS = list(TARGET_FIELDS)
# The links of a row: (through model's field to the other side, the text shown, sort key).
LINKS = {
    GOALS: (Activity.goals.through, "goal__code", code_sort_key),
    PARTNERS: (Activity.partners.through, "partner__name", str.lower),
    CO_ARRANGERS: (Activity.co_arrangers.through, "unit__name", str.lower),
}


def linked_names(ids: list[int]) -> dict[str, dict[int, str]]:
    """column -> activity id -> the joined, sorted names of its goals, partners or
    co-arrangers: one query each for a chunk of activities, reading text, not objects."""
    joined: dict[str, dict[int, str]] = {}
    for column, (through, name, key) in LINKS.items():
        names: dict[int, list[str]] = defaultdict(list)
        for activity_id, text in (
            through.objects.filter(activity_id__in=ids)
            .order_by(name)
            .values_list("activity_id", name)
            .iterator()
        ):
            names[activity_id].append(text)
        joined[column] = {
            activity_id: join_list(sorted(items, key=key)) for activity_id, items in names.items()
        }
    return joined


def row_values(row: tuple, links: dict[str, dict[int, str]], words: dict[str, dict]) -> list:
    """One row of the sheet, in HEADERS order, from a ROW_FIELDS tuple; Python values, not
    yet cells. Participants are known only once an activity has happened: the counts of a
    planned or cancelled one are empty cells."""
    at = _AT
    pk = row[0]
    status = row[at["status"]]
    counts = list(row[_COUNTS]) if status == Status.DONE else [None] * len(COUNT_COLUMNS)
    targets = row[_TARGETS]
    return [
        row[at["date"]],
        row[at["title"]],
        words["status"].get(status, status),
        row[at["priority_area__number"]],
        links[GOALS].get(pk, ""),
        words["kind"].get(row[at["kind"]], row[at["kind"]]),
        words["collaboration"].get(row[at["collaboration"]], row[at["collaboration"]]),
        links[PARTNERS].get(pk, ""),
        row[at["place__name"]] or "",
        words["holiday"].get(row[at["holiday"]], row[at["holiday"]]),
        words["culture_area"].get(row[at["culture_area"]], row[at["culture_area"]]),
        join_list(band for band, chosen in zip(_TARGET_BANDS, targets, strict=True) if chosen),
        *counts,
        row[at["cost_kr"]],
        row[at["survey_answers"]],
        row[at["survey_mean"]],
        row[at["description"]],
        links[CO_ARRANGERS].get(pk, ""),
        row[at["unique_participants"]] if status == Status.DONE else None,
        # The calendar columns (PUBLIC_HEADERS).
        YES if row[at["is_public"]] else "",
        row[at["public_text"]],
        row[at["start_time"]],
        row[at["end_time"]],
        row[at["public_place"]],
    ]


def vocabulary() -> dict[str, dict[str, str]]:
    return {
        "status": status_words(),
        "kind": kind_words(),
        "collaboration": collaboration_words(),
        "holiday": holiday_words(),
        "culture_area": culture_area_words(),
    }


def set_safe_value(cell, value) -> None:
    """Put `value` into `cell` as data, never as a formula: the one rule for every workbook
    the app writes (export, template, reports). Text that a spreadsheet could take for a
    formula becomes a text cell (data type "s", with Excel's quote prefix); control
    characters, which Excel refuses (openpyxl raises), are dropped."""
    if isinstance(value, str):
        value = strip_control_characters(value)
        if value.startswith(FORMULA_PREFIXES):
            cell._value = value
            cell.data_type = "s"
            cell.quotePrefix = True
            return
    cell.value = value


def make_cell(sheet, value):
    """What to append for one value: text that looks like a formula becomes a text cell (data
    type "s", with Excel's quote prefix), a date a cell with the contract's date format."""
    if isinstance(value, str) and (
        value.startswith(FORMULA_PREFIXES) or CONTROL_CHARACTERS.search(value)
    ):
        cell = WriteOnlyCell(sheet, value=None)
        set_safe_value(cell, value)
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, datetime.time):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = TIME_FORMAT
        return cell
    # Plain values: openpyxl writes them through one reused cell, which is much faster.
    return value


def set_up_sheet(sheet) -> None:
    """Column widths and a frozen header row; in write-only mode this must come first."""
    for index, header in enumerate(HEADERS, start=1):
        width = COLUMN_WIDTHS.get(header, DEFAULT_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def header_cells(sheet) -> list:
    bold = Font(bold=True)
    cells = []
    for header in HEADERS:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        cells.append(cell)
    return cells


def safe_text(value: str) -> tuple[str, bool]:
    """(the text to write, whether it must be a quoted text cell): set_safe_value's rule for
    the streamed export, which writes cell XML itself (activities.xlsx_stream)."""
    if value.startswith(FORMULA_PREFIXES) or CONTROL_CHARACTERS.search(value):
        value = strip_control_characters(value)
        return value, value.startswith(FORMULA_PREFIXES)
    return value, False


def iter_rows(activities: QuerySet[Activity], *, chunk_size: int = 2000) -> Iterator[list]:
    """Rows of Python values, read as values in SQL: the activities streamed in chunks, each
    chunk's goals, partners and co-arrangers in three more queries."""
    words_by_field = vocabulary()
    rows = activities.values_list(*ROW_FIELDS).iterator(chunk_size=chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        links = linked_names([row[0] for row in chunk])
        for row in chunk:
            yield row_values(row, links, words_by_field)


def export_frame() -> Frame:
    """The activity plan's workbook without its rows (see activities.xlsx_stream)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    set_up_sheet(sheet)
    sheet.append(header_cells(sheet))
    samples = {
        "date": make_cell(sheet, datetime.date(2000, 1, 1)),
        "time": make_cell(sheet, datetime.time(12, 0)),
        "quoted": make_cell(sheet, "=quoted"),
    }
    return make_frame(workbook, samples=samples)


class ActivityExport:
    """The activity plan as .xlsx bytes, chunk by chunk while the rows are read (for a
    streamed download or a file); `written` counts the activity rows so far."""

    def __init__(self, activities: QuerySet[Activity]):
        self.activities = activities
        self.written = 0

    def __iter__(self) -> Iterator[bytes]:
        frame = export_frame()
        cells = RowWriter(frame, columns=len(HEADERS), safe_text=safe_text)
        yield from stream_workbook(frame, self._rows_xml(cells))

    def _rows_xml(self, cells: RowWriter) -> Iterator[str]:
        for values in iter_rows(self.activities):
            self.written += 1
            yield cells.row(values)


def write_activities(*, activities: QuerySet[Activity], destination) -> int:
    """Write the activity plan to `destination` (a path or a binary file object); memory
    stays flat however many rows there are. Returns the number of activity rows written."""
    export = ActivityExport(activities)
    if isinstance(destination, str | os.PathLike):
        with open(destination, "wb") as output:
            for chunk in export:
                output.write(chunk)
    else:
        for chunk in export:
            destination.write(chunk)
    return export.written


def export_filename(*, unit: Unit, year: int | None) -> str:
    suffix = f"-{year}" if year else ""
    return f"aktiviteter-{unit.slug}{suffix}.xlsx"


# The template -----------------------------------------------------------------------------


# (header, list of allowed words) for the drop-downs; Lov and Kulturområde may be empty.
def template_lists(*, plan: Plan | None) -> list[tuple[str, list[str]]]:
    holiday = [word for word in holiday_words().values() if word]
    culture = [word for word in culture_area_words().values() if word]
    lists = [
        (STATUS, list(status_words().values())),
        (KIND, list(kind_words().values())),
        (COLLABORATION, list(collaboration_words().values())),
        (HOLIDAY, holiday),
        (CULTURE_AREA, culture),
        (TARGET, list(AGE_BANDS)),
    ]
    if plan is not None:
        areas = list(plan.areas.order_by("number"))
        goals = Goal.objects.filter(plan=plan).order_by("area__number", "order", "code")
        lists.append((AREA, [area.number for area in areas]))
        lists.append((GOALS, [goal.code for goal in goals]))
    return lists


DROPDOWN_COLUMNS = (STATUS, KIND, COLLABORATION, HOLIDAY, CULTURE_AREA, AREA)
TEMPLATE_ROWS = 2000


def write_template(*, plan: Plan | None, destination) -> None:
    """An empty activity plan with the headers, drop-down lists of the allowed words, and the
    plan's area numbers and goal codes on the sheet "Värden"."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(HEADERS)
    for index, header in enumerate(HEADERS, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        width = COLUMN_WIDTHS.get(header, DEFAULT_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.column_dimensions[get_column_letter(index)].number_format = (
            DATE_FORMAT if header == DATE else "General"
        )
    sheet.freeze_panes = "A2"

    values = workbook.create_sheet(VALUES_SHEET_TITLE)
    lists = template_lists(plan=plan)
    for column, (header, items) in enumerate(lists, start=1):
        values.cell(row=1, column=column, value=header).font = Font(bold=True)
        for row, item in enumerate(items, start=2):
            set_safe_value(values.cell(row=row, column=column), item)
        values.column_dimensions[get_column_letter(column)].width = max(
            12, *(len(str(item)) + 2 for item in items)
        )
        if header not in DROPDOWN_COLUMNS or not items:
            continue
        letter = get_column_letter(column)
        source = f"{quote_sheetname(VALUES_SHEET_TITLE)}!${letter}$2:${letter}${len(items) + 1}"
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=header,
            error="Välj ett värde i listan.",
        )
        target = get_column_letter(HEADERS.index(header) + 1)
        validation.add(f"{target}2:{target}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(validation)
    if plan is not None:
        name_cell = values.cell(row=1, column=len(lists) + 2)
        set_safe_value(name_cell, plan.name)
        name_cell.font = Font(italic=True)
    workbook.save(destination)
