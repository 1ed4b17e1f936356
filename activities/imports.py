"""Importing an activity plan from Excel: read and check every row, then write all or nothing.

`read_activity_file` checks the whole file in one pass with every lookup loaded up front
(plans in force, areas, goals, partners, places, closed months) and returns a preview: the
activities it would create, the partners and places that are new to the unit, and one
Swedish message per bad cell naming the sheet row (header = row 1) and the column.
`import_activities` writes a clean file with bulk inserts in one transaction.
"""

from __future__ import annotations

import datetime
import functools
import re
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from simple_history.utils import bulk_create_with_history

from activities import bulk_history, excel, summaries
from activities.models import (
    AGE_BANDS,
    Activity,
    MonthLockedError,
    MonthLocks,
    Partner,
    Place,
    Status,
)
from activities.selectors import likely_duplicates_of
from activities.xlsx_read import XMLErrors, sheet_values
from culture_plan.models import Goal, Plan, PriorityArea, Unit
from culture_plan.selectors import plan_in_force
from culture_plan.validators import validate_no_control_characters

MAX_ROWS = 50_000
# What the server reads of an upload at most (DESIGN "Trust"): checked on the zip's members
# before openpyxl opens it, so that a small file cannot unpack to gigabytes or millions of
# shared strings ("Excel bomb").
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_SHARED_STRINGS = 1_000_000
MAX_SHOWN_ERRORS = 200
DATE_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# Model fields that Activity.clean_fields checks in plain Python, and the column each came from.
CHECKED_FIELDS = {
    "date": excel.DATE,
    "title": excel.TITLE,
    "description": excel.DESCRIPTION,
    "cost_kr": excel.COST,
    "survey_answers": excel.SURVEY_ANSWERS,
    "survey_mean": excel.SURVEY_MEAN,
    **{field_name: column for column, field_name in excel.COUNT_COLUMNS.items()},
    "public_text": excel.PUBLIC_TEXT,
    "public_place": excel.PUBLIC_PLACE,
    "unique_participants": excel.UNIQUE_PARTICIPANTS,
}


@functools.cache
def unchecked_fields() -> frozenset[str]:
    """The Activity fields clean_fields skips on import (a set: it is asked once per field
    and row)."""
    return frozenset(
        field.name for field in Activity._meta.concrete_fields if field.name not in CHECKED_FIELDS
    )


TIME_TEXT = re.compile(r"^(\d{1,2})[:.](\d{2})$")
NAME_MAX_LENGTH = 200


def duplicate_message(row: int, other: Activity) -> str:
    """One line per likely duplicate, for the preview and the command."""
    return _(
        "Rad %(row)s liknar ”%(title)s” %(date)s%(place)s, som %(owner)s redan har "
        "registrerat. Är det samma händelse, lägg till er som medarrangör där i stället."
    ) % {
        "row": row,
        "title": other.title,
        "date": other.date.isoformat(),
        "place": f", {other.place.name}" if other.place_id else "",
        "owner": other.unit.name,
    }


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    problem: str

    def __str__(self) -> str:
        if self.column:
            return _("Rad %(row)s, %(column)s: %(problem)s") % {
                "row": self.row,
                "column": self.column,
                "problem": self.problem,
            }
        return _("Rad %(row)s: %(problem)s") % {"row": self.row, "problem": self.problem}


@dataclass
class ParsedRow:
    """One activity to create, with its related names and ids resolved."""

    row: int
    activity: Activity
    goal_ids: list[int] = field(default_factory=list)
    goal_codes: list[str] = field(default_factory=list)
    partner_names: list[str] = field(default_factory=list)
    place_name: str = ""
    area_number: int | None = None
    co_arranger_ids: list[int] = field(default_factory=list)


class CappedErrors(list):
    """The first MAX_SHOWN_ERRORS errors; the rest are only counted (`more`), so that a file
    of a million bad rows gives one page, not four million lines."""

    def __init__(self, *args):
        super().__init__()
        self.more = 0
        self.extend(*args)

    def append(self, error) -> None:
        if len(self) < MAX_SHOWN_ERRORS:
            super().append(error)
        else:
            self.more += 1

    def extend(self, errors=()) -> None:
        for error in errors:
            self.append(error)

    @property
    def total(self) -> int:
        return len(self) + self.more


@dataclass
class ImportPreview:
    unit: Unit
    rows: list[ParsedRow] = field(default_factory=list)
    errors: CappedErrors = field(default_factory=CappedErrors)
    new_partners: list[str] = field(default_factory=list)
    new_places: list[str] = field(default_factory=list)
    # Rows that look like an activity another unit of the municipality already logged
    # (same date and place, a similar title): (sheet row, that activity). A warning only.
    duplicates: list[tuple[int, Activity]] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def more_errors(self) -> int:
        return self.errors.more

    @property
    def messages(self) -> list[str]:
        messages = [str(error) for error in self.errors]
        if self.errors.more:
            messages.append(_("och %(count)s fel till") % {"count": self.errors.more})
        return messages

    @property
    def duplicate_messages(self) -> list[str]:
        return [duplicate_message(row, other) for row, other in self.duplicates]

    @property
    def missing_target_rows(self) -> list[ParsedRow]:
        """Planned and done rows with an empty Målgrupp: imported all the same (old files have
        none), but they never count as youth-targeted, so the preview warns about them
        (Activity.target_errors is the rule the form applies)."""
        return [row for row in self.rows if row.activity.target_errors()]

    @property
    def warnings(self) -> list[str]:
        rows = self.missing_target_rows
        if not rows:
            return []
        return [
            ngettext(
                "%(count)s aktivitet saknar målgrupp (rad %(rows)s). Den räknas inte som "
                "riktad till unga; fyll i Målgrupp i Excel eller i aktiviteten efteråt.",
                "%(count)s aktiviteter saknar målgrupp (rad %(rows)s). De räknas inte som "
                "riktade till unga; fyll i Målgrupp i Excel eller i aktiviteterna efteråt.",
                len(rows),
            )
            % {"count": len(rows), "rows": ", ".join(str(row.row) for row in rows)}
        ]


@dataclass
class ImportResult:
    created: int
    new_partners: list[str]
    new_places: list[str]
    duplicates: list[tuple[int, Activity]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class ImportFileError(ValidationError):
    """The file has problems; nothing was imported. `messages` holds one line per problem."""

    def __init__(self, preview: ImportPreview):
        self.preview = preview
        super().__init__(preview.messages or [_("Filen kunde inte läsas.")])


# Reading cells ------------------------------------------------------------------------------


class CellError(Exception):
    """A problem with one cell; the reader adds the row and the column."""


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def shown(value) -> str:
    """A cell's value as the user typed it, for messages."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d")
    return text(value)


def parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    if not raw:
        raise CellError(_("Datum saknas. Skriv det som ÅÅÅÅ-MM-DD."))
    match = DATE_TEXT.match(raw)
    try:
        if not match:
            raise ValueError
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise CellError(
            _('"%(value)s" är inte ett giltigt datum (ÅÅÅÅ-MM-DD).') % {"value": raw}
        ) from None


class Words:
    """One field's vocabulary, ready for matching: casefolded word -> code."""

    def __init__(self, words: dict[str, str]):
        self.codes = {word.casefold(): code for code, word in words.items() if word}
        self.allowed = ", ".join(word for word in words.values() if word)


def parse_choice(value, words: Words, *, required: bool) -> str:
    """A Swedish word of the vocabulary -> its code; case and surrounding spaces ignored."""
    raw = text(value)
    if not raw:
        if required:
            raise CellError(
                _("Värde saknas. Tillåtna värden: %(allowed)s.") % {"allowed": words.allowed}
            )
        return ""
    try:
        return words.codes[raw.casefold()]
    except KeyError:
        raise CellError(
            _('"%(value)s" är inte ett tillåtet värde. Tillåtna värden: %(allowed)s.')
            % {"value": raw, "allowed": words.allowed}
        ) from None


def parse_count(value) -> int:
    """A whole number of 0 or more; an empty cell is 0."""
    if value is None or text(value) == "":
        return 0
    if isinstance(value, bool):
        raise CellError(_('"%(value)s" är inte ett heltal.') % {"value": shown(value)})
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        raw = text(value).replace("\u00a0", "").replace(" ", "")
        if not re.fullmatch(r"[-+]?\d+", raw):
            raise CellError(_('"%(value)s" är inte ett heltal.') % {"value": shown(value)})
        number = int(raw)
    if number < 0:
        raise CellError(
            _('"%(value)s" är negativt. Antal kan inte vara mindre än 0.') % {"value": number}
        )
    return number


def parse_decimal(value, *, places: int) -> Decimal | None:
    """A decimal number (comma or point, spaces allowed), rounded to `places` decimals."""
    if value is None or text(value) == "":
        return None
    if isinstance(value, bool):
        raise CellError(_('"%(value)s" är inte ett tal.') % {"value": shown(value)})
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        raw = text(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise CellError(_('"%(value)s" är inte ett tal.') % {"value": shown(value)}) from None
        if not number.is_finite():
            raise CellError(_('"%(value)s" är inte ett tal.') % {"value": shown(value)})
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def parse_time(value) -> datetime.time | None:
    """A clock time: an Excel time cell or text HH:MM (or HH.MM); an empty cell is none."""
    if isinstance(value, datetime.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0)
    raw = text(value)
    if not raw:
        return None
    match = TIME_TEXT.match(raw)
    try:
        if not match:
            raise ValueError
        return datetime.time(int(match.group(1)), int(match.group(2)))
    except ValueError:
        raise CellError(
            _('"%(value)s" är ingen giltig tid. Skriv den som TT:MM, till exempel 18:30.')
            % {"value": raw}
        ) from None


def parse_yes(value) -> bool:
    """Ja (any case) is yes; an empty cell or Nej is no."""
    raw = text(value).casefold()
    if raw in ("", "nej"):
        return False
    if raw == excel.YES.casefold():
        return True
    raise CellError(_('"%(value)s" ska vara Ja eller tomt.') % {"value": text(value)})


def split_list(value) -> list[str]:
    """A comma-separated cell -> its non-empty items, trimmed, duplicates dropped."""
    items = []
    seen = set()
    for item in text(value).split(","):
        item = item.strip()
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            items.append(item)
    return items


def parse_bands(value) -> list[str]:
    bands = []
    unknown = []
    for item in split_list(value):
        band = item.replace("–", "-").replace("—", "-").replace(" ", "")
        if band in AGE_BANDS:
            bands.append(band)
        else:
            unknown.append(item)
    if unknown:
        raise CellError(
            _("%(values)s är ingen åldersgrupp. Tillåtna: %(allowed)s.")
            % {
                "values": ", ".join(f'"{item}"' for item in unknown),
                "allowed": ", ".join(AGE_BANDS),
            }
        )
    return bands


# The archive, before openpyxl reads it ------------------------------------------------------

CHUNK = 1024 * 1024


def check_archive(file) -> str:
    """A Swedish message when the .xlsx (a zip) would unpack to more than the server reads,
    else "". The members' declared sizes are summed first; the shared strings (which openpyxl
    loads whole into memory) are then streamed and counted, with their real size, so that a
    zip lying about its sizes is caught too. A file that is no zip is left to openpyxl's
    own message."""
    position = file.tell() if hasattr(file, "tell") else None
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            declared = sum(member.file_size for member in members)
            if declared > MAX_UNCOMPRESSED_BYTES:
                return _too_big_message()
            shared = next(
                (m for m in members if m.filename.lower().endswith("sharedstrings.xml")), None
            )
            if shared is not None:
                count = 0
                read = 0
                tail = b""
                with archive.open(shared) as handle:
                    while chunk := handle.read(CHUNK):
                        read += len(chunk)
                        if read > max(shared.file_size, 0) or read > MAX_UNCOMPRESSED_BYTES:
                            return _too_big_message()
                        # A tag split between two chunks is complete in the next one; the
                        # 4-byte tail cannot hold a whole tag, so none is counted twice.
                        data = tail + chunk
                        count += data.count(b"</si>") + data.count(b"<si/>")
                        tail = data[-4:]
                        if count > MAX_SHARED_STRINGS:
                            return _(
                                "Filen innehåller fler än %(max)s olika texter och läses "
                                "inte. Dela upp den eller spara om den i Excel."
                            ) % {"max": f"{MAX_SHARED_STRINGS:,}".replace(",", " ")}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return ""
    except zipfile.LargeZipFile:
        return _too_big_message()
    finally:
        if position is not None:
            file.seek(position)
    return ""


def _too_big_message() -> str:
    return _(
        "Filen packas upp till mer än %(max)s MB och läses inte. Dela upp den i flera filer."
    ) % {"max": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}


# The lookups, loaded once per file ----------------------------------------------------------


class Lookups:
    """Everything a row is checked against, read from the database once per file."""

    def __init__(self, unit: Unit):
        self.unit = unit
        self._plans: dict[int, Plan | None] = {}
        self._areas: dict[int, dict[int, PriorityArea]] = {}
        self._goals: dict[int, dict[str, Goal]] = {}
        self.partners = {
            partner.name.casefold(): partner for partner in Partner.objects.filter(unit=unit)
        }
        self.places = {place.name.casefold(): place for place in Place.objects.filter(unit=unit)}
        self.vocabulary = {name: Words(words) for name, words in excel.vocabulary().items()}
        # Possible co-arrangers: the units of the same municipality, by name.
        municipality = f"/{unit.ancestor_slugs()[0]}/"
        self.units = {
            other.name.casefold(): other
            for other in Unit.objects.filter(path__startswith=municipality)
        }
        # The closed months of the unit and of every possible co-arranger (and above).
        self.locks = MonthLocks([unit, *self.units.values()])

    def plan(self, year: int) -> Plan | None:
        if year not in self._plans:
            plan = plan_in_force(unit=self.unit, year=year)
            self._plans[year] = plan
            if plan is not None and plan.pk not in self._areas:
                self._areas[plan.pk] = {area.number: area for area in plan.areas.all()}
                self._goals[plan.pk] = {
                    goal.code.casefold(): goal for goal in Goal.objects.filter(plan=plan)
                }
        return self._plans[year]

    def areas(self, plan: Plan) -> dict[int, PriorityArea]:
        return self._areas[plan.pk]

    def goals(self, plan: Plan) -> dict[str, Goal]:
        return self._goals[plan.pk]


# Reading the file ---------------------------------------------------------------------------


def read_activity_file(*, unit: Unit, file) -> ImportPreview:
    """Check the whole file (a path or a binary file object) and say what an import would do.

    Nothing is written. Every problem is reported, not just the first, so that one round of
    corrections in Excel is enough.
    """
    preview = ImportPreview(unit=unit)
    too_big = check_archive(file)
    if too_big:
        preview.errors.append(RowError(row=1, column="", problem=too_big))
        return preview
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError):
        preview.errors.append(_unreadable())
        return preview
    try:
        sheet = workbook.worksheets[0]
        rows = sheet_values(workbook, sheet)
        header = next(rows, None)
        columns = _header_columns(header, preview)
        if columns is None:
            return preview
        lookups = Lookups(unit)
        new_partners: dict[str, str] = {}
        new_places: dict[str, str] = {}
        data_rows = 0
        for number, values in enumerate(rows, start=2):
            if values is None or all(text(value) == "" for value in values):
                continue
            data_rows += 1  # good and bad rows alike
            if data_rows > MAX_ROWS:
                preview.errors.append(
                    RowError(
                        row=number,
                        column="",
                        problem=_("Filen har fler än %(max)s aktiviteter. Dela upp den.")
                        % {"max": MAX_ROWS},
                    )
                )
                break
            cells = {
                header: values[index] if index < len(values) else None
                for header, index in columns.items()
            }
            parsed = _read_row(number, cells, lookups, preview.errors)
            if parsed is None:
                continue
            preview.rows.append(parsed)
            for name in parsed.partner_names:
                if name.casefold() not in lookups.partners:
                    new_partners.setdefault(name.casefold(), name)
            if parsed.place_name and parsed.place_name.casefold() not in lookups.places:
                new_places.setdefault(parsed.place_name.casefold(), parsed.place_name)
        if not preview.rows and not preview.errors:
            preview.errors.append(
                RowError(row=2, column="", problem=_("Filen innehåller inga aktiviteter."))
            )
        preview.new_partners = sorted(new_partners.values(), key=str.casefold)
        preview.duplicates = _likely_duplicates(unit=unit, rows=preview.rows)
        preview.new_places = sorted(new_places.values(), key=str.casefold)
    except XMLErrors:
        # The sheet's XML breaks off somewhere: nothing of it is imported.
        preview.rows.clear()
        preview.errors.append(_unreadable())
    finally:
        workbook.close()
    return preview


def _unreadable() -> RowError:
    return RowError(
        row=1,
        column="",
        problem=_(
            "Filen kunde inte läsas som en Excel-fil (.xlsx). Spara den som .xlsx i "
            "Excel och försök igen."
        ),
    )


def _header_columns(header, preview: ImportPreview) -> dict[str, int] | None:
    """Header text -> column index; every contract header must be there (order is free)."""
    found: dict[str, int] = {}
    known = {name.casefold(): name for name in excel.HEADERS}
    for index, value in enumerate(header or ()):
        name = known.get(text(value).casefold().replace("–", "-"))
        if name and name not in found:
            found[name] = index
    missing = [
        name for name in excel.HEADERS if name not in found and name not in excel.OPTIONAL_HEADERS
    ]
    if missing:
        preview.errors.append(
            RowError(
                row=1,
                column="",
                problem=_(
                    "Rubrikraden saknar kolumnerna %(missing)s. Använd mallen: rubrikerna ska "
                    "vara %(headers)s."
                )
                % {"missing": ", ".join(missing), "headers": ", ".join(excel.HEADERS)},
            )
        )
        return None
    return found


def _read_row(number: int, cells: dict, lookups: Lookups, errors: list[RowError]):
    """Check one row and build its (unsaved) Activity; None when the row has problems.

    Runs the rules of Activity.clean (participants only on done activities, age counts not
    above the total, area of the plan in force, no closed month) and Activity.validate_goals
    without a query per row, plus the field validators through Activity.clean_fields.
    """
    row_errors: list[RowError] = []

    def cell(column: str, reader, *args, **kwargs):
        try:
            return reader(cells[column], *args, **kwargs)
        except CellError as error:
            row_errors.append(RowError(row=number, column=column, problem=str(error)))
            return None

    words = lookups.vocabulary
    date = cell(excel.DATE, parse_date)
    title = text(cells[excel.TITLE])
    if not title:
        row_errors.append(
            RowError(
                row=number,
                column=excel.TITLE,
                problem=_("Titel saknas. Varje rad behöver en titel."),
            )
        )
    status = cell(excel.STATUS, parse_choice, words["status"], required=True)
    kind = cell(excel.KIND, parse_choice, words["kind"], required=True)
    collaboration = cell(excel.COLLABORATION, parse_choice, words["collaboration"], required=True)
    holiday = cell(excel.HOLIDAY, parse_choice, words["holiday"], required=False)
    culture_area = cell(excel.CULTURE_AREA, parse_choice, words["culture_area"], required=False)
    bands = cell(excel.TARGET, parse_bands)
    counts = {column: cell(column, parse_count) for column in excel.COUNT_COLUMNS}
    cost = cell(excel.COST, parse_decimal, places=2)
    survey_answers = (
        cell(excel.SURVEY_ANSWERS, parse_count) if text(cells[excel.SURVEY_ANSWERS]) else None
    )
    survey_mean = cell(excel.SURVEY_MEAN, parse_decimal, places=2)
    # The calendar columns are optional: a file without them imports as not public.
    is_public = bool(cell(excel.PUBLIC, parse_yes)) if excel.PUBLIC in cells else False
    start_time = cell(excel.START_TIME, parse_time) if excel.START_TIME in cells else None
    end_time = cell(excel.END_TIME, parse_time) if excel.END_TIME in cells else None
    unique = (
        cell(excel.UNIQUE_PARTICIPANTS, parse_count)
        if text(cells.get(excel.UNIQUE_PARTICIPANTS))
        else None
    )
    partner_names = split_list(cells[excel.PARTNERS])
    co_arrangers = _co_arrangers(cells.get(excel.CO_ARRANGERS), lookups, number, row_errors)
    place_name = text(cells[excel.PLACE])
    for name in [*partner_names, place_name]:
        column = excel.PLACE if name == place_name else excel.PARTNERS
        try:
            validate_no_control_characters(name)
        except ValidationError as error:
            row_errors.append(RowError(row=number, column=column, problem=error.messages[0]))
        if len(name) > NAME_MAX_LENGTH:
            row_errors.append(
                RowError(
                    row=number,
                    column=column,
                    problem=_("Namnet får vara högst %(max)s tecken.") % {"max": NAME_MAX_LENGTH},
                )
            )

    # Area and goals of the plan in force at the activity's date.
    area = None
    goals: list[Goal] = []
    area_text = text(cells[excel.AREA])
    goal_codes = split_list(cells[excel.GOALS])
    if (area_text or goal_codes) and date is not None:
        plan = lookups.plan(date.year)
        if plan is None:
            row_errors.append(
                RowError(
                    row=number,
                    column=excel.AREA if area_text else excel.GOALS,
                    problem=_("Ingen kulturplan gäller för enheten %(year)s.")
                    % {"year": date.year},
                )
            )
        else:
            areas = lookups.areas(plan)
            if area_text:
                try:
                    area_number = parse_count(cells[excel.AREA])
                except CellError:
                    area_number = None
                area = areas.get(area_number) if area_number is not None else None
                if area is None:
                    row_errors.append(
                        RowError(
                            row=number,
                            column=excel.AREA,
                            problem=_(
                                '"%(value)s" är inget område i %(plan)s, som gäller %(year)s. '
                                "Tillåtna: %(allowed)s."
                            )
                            % {
                                "value": area_text,
                                "plan": plan.name,
                                "year": date.year,
                                "allowed": ", ".join(str(number) for number in sorted(areas)),
                            },
                        )
                    )
            elif goal_codes:
                row_errors.append(
                    RowError(
                        row=number,
                        column=excel.GOALS,
                        problem=_("Ange Prioriterat område för inriktningsmålen."),
                    )
                )
            known_goals = lookups.goals(plan)
            unknown = []
            other_area = []
            for code in goal_codes:
                goal = known_goals.get(code.casefold())
                if goal is None:
                    unknown.append(code)
                elif area is not None and goal.area_id != area.pk:
                    other_area.append(code)
                else:
                    goals.append(goal)
            if unknown:
                row_errors.append(
                    RowError(
                        row=number,
                        column=excel.GOALS,
                        problem=_("%(codes)s finns inte i %(plan)s.")
                        % {"codes": ", ".join(unknown), "plan": plan.name},
                    )
                )
            if other_area and area is not None:
                row_errors.append(
                    RowError(
                        row=number,
                        column=excel.GOALS,
                        problem=_("Målen %(codes)s hör inte till område %(area)s.")
                        % {"codes": ", ".join(other_area), "area": area.number},
                    )
                )

    if date is not None:
        locked = _month_locked(lookups.locks, lookups.unit, co_arrangers, date=date)
        if locked is not None:
            row_errors.append(RowError(row=number, column=locked[0], problem=locked[1]))

    activity = Activity(
        unit=lookups.unit,
        title=title,
        description=text(cells[excel.DESCRIPTION]),
        date=date,
        status=status or Status.PLANNED,
        priority_area=area,
        kind=kind or "",
        collaboration=collaboration or "",
        holiday=holiday or "",
        culture_area=culture_area or "",
        cost_kr=cost,
        survey_answers=survey_answers,
        survey_mean=survey_mean,
        is_public=is_public,
        public_text=text(cells.get(excel.PUBLIC_TEXT)),
        start_time=start_time,
        end_time=end_time,
        public_place=text(cells.get(excel.PUBLIC_PLACE)),
        unique_participants=unique,
    )
    for column, field_name in excel.COUNT_COLUMNS.items():
        setattr(activity, field_name, counts[column] or 0)
    activity.set_target_bands(bands or [])

    # The rules of Activity.clean that need no database (skipped after a bad count, so that
    # one typo gives one message).
    if status is not None and None not in counts.values():
        for field_name, message in activity.participant_errors().items():
            column = {
                "girls": excel.STATUS,
                "unique_participants": excel.UNIQUE_PARTICIPANTS,
            }.get(field_name, f"{AGE_BANDS[0]} … {AGE_BANDS[-1]}")
            row_errors.append(RowError(row=number, column=column, problem=str(message)))
    already = {error.column for error in row_errors}
    for field_name, message in activity.time_errors().items():
        column = excel.START_TIME if field_name == "start_time" else excel.END_TIME
        if column not in already:
            row_errors.append(RowError(row=number, column=column, problem=str(message)))
    # Field validators (lengths, ranges, decimal places) straight from the model.
    already = {error.column for error in row_errors}
    try:
        activity.clean_fields(exclude=unchecked_fields())
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            column = CHECKED_FIELDS[field_name]
            if column in already:
                continue
            for message in messages:
                row_errors.append(RowError(row=number, column=column, problem=message))

    if row_errors:
        errors.extend(row_errors)
        return None
    return ParsedRow(
        row=number,
        activity=activity,
        goal_ids=[goal.pk for goal in goals],
        goal_codes=[goal.code for goal in goals],
        partner_names=partner_names,
        place_name=place_name,
        area_number=area.number if area else None,
        co_arranger_ids=[other.pk for other in co_arrangers],
    )


def _month_locked(
    locks: MonthLocks, unit: Unit, co_arrangers: list[Unit], *, date: datetime.date
) -> tuple[str, str] | None:
    """(column, message) when the row's month is closed for its unit or one of its
    co-arrangers (Activity.check_not_locked's rule, from the closed months read once)."""
    for column, units in ((excel.DATE, [unit]), (excel.CO_ARRANGERS, co_arrangers)):
        closer = locks.closing(units, year=date.year, month=date.month)
        if closer is not None:
            error = MonthLockedError(year=date.year, month=date.month, unit=closer)
            return column, error.messages[0]
    return None


def _co_arrangers(value, lookups: Lookups, number: int, errors: list[RowError]) -> list[Unit]:
    """The units named in `Medarrangörer` (comma-separated, case-insensitive): other units of
    the same municipality (Activity.validate_co_arrangers, without a query per row)."""
    found, unknown = [], []
    for name in split_unit_names(value, lookups.units):
        other = lookups.units.get(name.casefold())
        if other is None:
            unknown.append(name)
        elif other.pk == lookups.unit.pk:
            errors.append(
                RowError(
                    row=number,
                    column=excel.CO_ARRANGERS,
                    problem=_("Den egna enheten kan inte också vara medarrangör."),
                )
            )
        elif other not in found:
            found.append(other)
    if unknown:
        errors.append(
            RowError(
                row=number,
                column=excel.CO_ARRANGERS,
                problem=_("%(names)s är inga enheter i kommunen. Tillåtna: %(allowed)s.")
                % {
                    "names": ", ".join(f'"{name}"' for name in unknown),
                    "allowed": ", ".join(
                        sorted(
                            other.name
                            for other in lookups.units.values()
                            if other.pk != lookups.unit.pk
                        )
                    ),
                },
            )
        )
    return found


def split_unit_names(value, known: dict) -> list[str]:
    """Split a comma-separated cell of unit names, keeping a known name that itself holds a
    comma ("Barn-, utbildnings- och kulturförvaltningen") in one piece: at each place the
    longest run of parts that names a known unit wins; an unknown part stands alone."""
    parts = [" ".join(part.split()) for part in text(value).split(",")]
    parts = [part for part in parts if part]
    names: list[str] = []
    index = 0
    while index < len(parts):
        end = next(
            (
                stop
                for stop in range(len(parts), index, -1)
                if ", ".join(parts[index:stop]).casefold() in known
            ),
            index + 1,
        )
        name = ", ".join(parts[index:end])
        if name.casefold() not in {seen.casefold() for seen in names}:
            names.append(name)
        index = end
    return names


def _likely_duplicates(*, unit: Unit, rows: list[ParsedRow]) -> list[tuple[int, Activity]]:
    """Rows that look like activities other units of the municipality already logged (the
    form's rule, activities.selectors.likely_duplicates_of), in one query."""
    found = likely_duplicates_of(
        unit=unit,
        candidates=[(row.activity.date, row.activity.title, row.place_name) for row in rows],
    )
    return [(rows[index].row, other) for index, matches in found.items() for other in matches]


# Writing ------------------------------------------------------------------------------------

BATCH_SIZE = 500
CHANGE_REASON = "Import från Excel"


def import_activities(*, unit: Unit, file, user=None, dry_run: bool = False) -> ImportResult:
    """Import a checked file into `unit`: all activities or none.

    Raises ImportFileError (with one message per problem) when any row is bad. New partners and
    places are created; the activities are inserted in bulk, then their goals, partners and
    co-arrangers, then their history records and the same links on them
    (activities.bulk_history), each in a few set-based statements. bulk_create skips
    Activity.save(), so the closed months were checked while reading, and are checked again
    here under the transaction.
    """
    preview = read_activity_file(unit=unit, file=file)
    if not preview.is_valid:
        raise ImportFileError(preview)
    if dry_run:
        return ImportResult(
            created=len(preview.rows),
            new_partners=preview.new_partners,
            new_places=preview.new_places,
            duplicates=preview.duplicates,
            warnings=preview.warnings,
        )
    with summaries.tracking():
        _check_months_still_open(unit=unit, preview=preview)
        partners = _get_or_create_named(Partner, unit=unit, user=user, names=preview.new_partners)
        places = _get_or_create_named(Place, unit=unit, user=user, names=preview.new_places)
        activities = []
        for parsed in preview.rows:
            activity = parsed.activity
            activity.created_by = user
            if parsed.place_name:
                activity.place = places[parsed.place_name.casefold()]
            activities.append(activity)
        created = _insert_activities(activities)
        _link_goals_and_partners(preview=preview, created=created, partners=partners)
        # The history records, and the links on them, copied by the database
        # (activities.bulk_history: simple_history's bulk API measured three times slower).
        ids = [activity.pk for activity in created]
        history_date = bulk_history.created_history(
            Activity, ids=ids, user=user, reason=CHANGE_REASON
        )
        for name in LINKS:
            bulk_history.link_history(Activity, field_name=name, ids=ids, history_date=history_date)
        # Inserted without signals: the summary tables are told, in the same transaction.
        summaries.record_created(ids)
    return ImportResult(
        created=len(created),
        new_partners=preview.new_partners,
        new_places=preview.new_places,
        duplicates=preview.duplicates,
        warnings=preview.warnings,
    )


def _insert_activities(activities: list[Activity]) -> list[Activity]:
    """Insert the new activities (multi-row INSERT … RETURNING, so each gets its id)."""
    created = Activity.objects.bulk_create(activities, batch_size=BATCH_SIZE)
    if any(activity.pk is None for activity in created):
        raise RuntimeError("The database did not return the ids of the inserted rows.")
    return created


# The m2m fields of Activity the import fills, each with the through model's field that points
# at the other side.
LINKS = {"goals": "goal", "partners": "partner", "co_arrangers": "unit"}


def _link_goals_and_partners(*, preview: ImportPreview, created: list, partners: dict) -> None:
    """Insert the goal, partner and co-arranger links: one executemany per through table (its
    names from the model's _meta), the fastest way to put 35 000 pairs in."""
    rows: dict[str, list] = {name: [] for name in LINKS}
    for parsed, activity in zip(preview.rows, created, strict=True):
        targets = {
            "goals": parsed.goal_ids,
            "partners": [partners[name.casefold()].pk for name in parsed.partner_names],
            "co_arrangers": parsed.co_arranger_ids,
        }
        for name in LINKS:
            rows[name].extend((activity.pk, target_id) for target_id in targets[name])
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for name, target in LINKS.items():
            if not rows[name]:
                continue
            meta = getattr(Activity, name).through._meta
            own = quote(meta.get_field("activity").column)
            other = quote(meta.get_field(target).column)
            cursor.executemany(
                f"INSERT INTO {quote(meta.db_table)} ({own}, {other}) VALUES (%s, %s)",
                rows[name],
            )


def _check_months_still_open(*, unit: Unit, preview: ImportPreview) -> None:
    """The closed months again, under the import's transaction: for the unit and each row's
    co-arrangers."""
    co_arranger_ids = {pk for row in preview.rows for pk in row.co_arranger_ids}
    co_arrangers = Unit.objects.in_bulk(co_arranger_ids)
    locks = MonthLocks([unit, *co_arrangers.values()])
    errors = []
    for row in preview.rows:
        locked = _month_locked(
            locks,
            unit,
            [co_arrangers[pk] for pk in row.co_arranger_ids],
            date=row.activity.date,
        )
        if locked is not None:
            errors.append(RowError(row=row.row, column=locked[0], problem=locked[1]))
    if errors:
        preview.errors.extend(errors)
        raise ImportFileError(preview)


def _get_or_create_named(model, *, unit: Unit, user, names: list[str]) -> dict:
    """casefolded name -> the unit's Partner or Place, creating the missing ones."""
    existing = {obj.name.casefold(): obj for obj in model.objects.filter(unit=unit)}
    missing = [name for name in names if name.casefold() not in existing]
    if missing:
        bulk_create_with_history(
            [model(unit=unit, name=name) for name in missing],
            model,
            default_user=user,
            default_change_reason=CHANGE_REASON,
        )
        existing = {obj.name.casefold(): obj for obj in model.objects.filter(unit=unit)}
    return existing
