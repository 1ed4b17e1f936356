"""The calendar columns of the Excel file: exported at the end, imported when present, and
old files without them still import."""

from __future__ import annotations

import datetime

import pytest
from openpyxl import Workbook, load_workbook

from activities import excel
from activities.imports import import_activities, read_activity_file
from activities.models import Activity, Status
from tests.factories import ActivityFactory, PlaceFactory

BASE_ROW = {
    excel.DATE: "2026-12-07",
    excel.TITLE: "Julmarknad",
    excel.STATUS: "Planerad",
    excel.KIND: "Kultur",
    excel.COLLABORATION: "Egen regi",
    excel.PLACE: "Malmköping",
}


def write(path, headers, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    workbook.save(path)
    return path


OLD_HEADERS = [h for h in excel.HEADERS if h not in excel.PUBLIC_HEADERS]


def test_the_calendar_columns_come_last():
    assert excel.HEADERS[-5:] == [
        "Kulturkalendern",
        "Kalendertext",
        "Starttid",
        "Sluttid",
        "Kalenderplats",
    ]
    assert excel.HEADERS.index("Beskrivning") < excel.HEADERS.index("Kulturkalendern")


@pytest.mark.django_db
def test_an_old_file_without_the_columns_still_imports(tree, tmp_path):
    path = write(tmp_path / "old.xlsx", OLD_HEADERS, [BASE_ROW])
    result = import_activities(unit=tree["culture"], file=path)
    assert result.created == 1
    activity = Activity.objects.get(title="Julmarknad")
    assert activity.is_public is False
    assert activity.start_time is None and activity.public_text == ""


@pytest.mark.django_db
def test_a_file_with_the_columns_imports_them(tree, tmp_path):
    row = {
        **BASE_ROW,
        excel.PUBLIC: "ja",
        excel.PUBLIC_TEXT: "Luciatåg och kör",
        excel.START_TIME: datetime.time(12, 0),
        excel.END_TIME: "16.30",
        excel.PUBLIC_PLACE: "Torget, Malmköping",
    }
    path = write(tmp_path / "new.xlsx", excel.HEADERS, [row])
    import_activities(unit=tree["culture"], file=path)
    activity = Activity.objects.get(title="Julmarknad")
    assert activity.is_public is True
    assert activity.public_text == "Luciatåg och kör"
    assert activity.start_time == datetime.time(12, 0)
    assert activity.end_time == datetime.time(16, 30)
    assert activity.public_place == "Torget, Malmköping"


@pytest.mark.django_db
def test_bad_calendar_cells_are_named_by_row_and_column(tree, tmp_path):
    rows = [
        {**BASE_ROW, excel.PUBLIC: "kanske"},
        {**BASE_ROW, excel.START_TIME: "25:00"},
        {**BASE_ROW, excel.START_TIME: "18:00", excel.END_TIME: "17:00"},
        {**BASE_ROW, excel.END_TIME: "17:00"},
    ]
    path = write(tmp_path / "bad.xlsx", excel.HEADERS, rows)
    preview = read_activity_file(unit=tree["culture"], file=path)
    problems = [(error.row, error.column) for error in preview.errors]
    assert problems == [
        (2, "Kulturkalendern"),
        (3, "Starttid"),
        (4, "Sluttid"),
        (5, "Starttid"),
    ]
    assert Activity.objects.count() == 0


@pytest.mark.django_db
def test_an_export_with_calendar_fields_imports_again_unchanged(tree, tmp_path):
    culture = tree["culture"]
    place = PlaceFactory(unit=culture, name="Flen")
    ActivityFactory(
        unit=culture,
        title="Konsert",
        date=datetime.date(2026, 12, 7),
        status=Status.PLANNED,
        place=place,
        is_public=True,
        public_text="Välkommen!",
        start_time=datetime.time(18, 30),
        end_time=datetime.time(20, 0),
        public_place="Stadsparken",
    )
    path = tmp_path / "export.xlsx"
    excel.write_activities(activities=excel.activities_for_export(unit=culture), destination=path)
    sheet = load_workbook(path).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert row["Kulturkalendern"] == "Ja"
    assert row["Starttid"] == datetime.time(18, 30)
    Activity.objects.all().delete()
    import_activities(unit=culture, file=path)
    activity = Activity.objects.get()
    assert (activity.is_public, activity.public_text, activity.public_place) == (
        True,
        "Välkommen!",
        "Stadsparken",
    )
    assert (activity.start_time, activity.end_time) == (datetime.time(18, 30), datetime.time(20))
