"""The activity plan as an Excel file: the column contract, the Swedish words, and writing.

DESIGN "Reports and interfaces": one sheet, a header row, one row per activity; the same file
imports again unchanged (see activities.imports). The words come from the TextChoices labels
in activities.models, read with Swedish active, so the UI, the export and the import share
one vocabulary.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet
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
    Partner,
    Status,
)
from culture_plan.models import Goal, Plan, Unit
from culture_plan.validators import CONTROL_CHARACTERS, strip_control_characters

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
]
# Columns a file may leave out (files from before they were added still import).
OPTIONAL_HEADERS: frozenset[str] = frozenset({CO_ARRANGERS})

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
    with everything a row needs, in date order."""
    queryset = Activity.objects.filter(unit=unit)
    if year is not None:
        queryset = queryset.filter(date__year=year)
    return (
        queryset.select_related("priority_area", "place")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.only("id", "code")),
            Prefetch("partners", queryset=Partner.objects.only("id", "name")),
            Prefetch("co_arrangers", queryset=Unit.objects.only("id", "name")),
        )
        .order_by("date", "pk")
    )


def goal_sort_key(goal: Goal) -> list:
    """ "1.2" before "1.10": codes compare part by part, numbers as numbers."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in goal.code.split(".")]


def activity_values(activity: Activity, vocabulary: dict[str, dict[str, str]]) -> list:
    """One row of the sheet, in HEADERS order; Python values, not yet cells."""
    goals = sorted(activity.goals.all(), key=goal_sort_key)
    partners = sorted((partner.name for partner in activity.partners.all()), key=str.lower)
    if activity.status == Status.DONE:
        counts = [getattr(activity, field) for field in COUNT_COLUMNS.values()]
    else:
        # Participants are known only once an activity has happened: leave the cells empty.
        counts = [None] * len(COUNT_COLUMNS)
    return [
        activity.date,
        activity.title,
        vocabulary["status"].get(activity.status, activity.status),
        activity.priority_area.number if activity.priority_area_id else None,
        join_list(goal.code for goal in goals),
        vocabulary["kind"].get(activity.kind, activity.kind),
        vocabulary["collaboration"].get(activity.collaboration, activity.collaboration),
        join_list(partners),
        activity.place.name if activity.place_id else "",
        vocabulary["holiday"].get(activity.holiday, activity.holiday),
        vocabulary["culture_area"].get(activity.culture_area, activity.culture_area),
        join_list(band for band, field in TARGET_FIELDS.items() if getattr(activity, field)),
        *counts,
        activity.cost_kr,
        activity.survey_answers,
        activity.survey_mean,
        activity.description,
        join_list(sorted((unit.name for unit in activity.co_arrangers.all()), key=str.lower)),
    ] + public_values(activity)


def public_values(activity: Activity) -> list:
    """The calendar columns (PUBLIC_HEADERS) of one row."""
    return [
        YES if activity.is_public else "",
        activity.public_text,
        activity.start_time,
        activity.end_time,
        activity.public_place,
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


def iter_rows(activities: QuerySet[Activity], *, chunk_size: int = 2000) -> Iterator[list]:
    """Rows of Python values; the queryset is streamed with its prefetches done per chunk."""
    words_by_field = vocabulary()
    for activity in activities.iterator(chunk_size=chunk_size):
        yield activity_values(activity, words_by_field)


def write_activities(*, activities: QuerySet[Activity], destination) -> int:
    """Write the activity plan to `destination` (a path or a binary file object) with
    openpyxl's write-only mode, so that memory stays flat however many rows there are.
    Returns the number of activity rows written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    set_up_sheet(sheet)
    sheet.append(header_cells(sheet))
    written = 0
    for values in iter_rows(activities):
        sheet.append([make_cell(sheet, value) for value in values])
        written += 1
    workbook.save(destination)
    return written


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
