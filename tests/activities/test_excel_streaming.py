"""The streamed export (activities.xlsx_stream): the same cells as the activities hold, the
first bytes before the rows are read, and a download that streams and imports back."""

import datetime
import io
import zipfile
from decimal import Decimal
from itertools import cycle

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from activities import xlsx_stream
from activities.excel import HEADERS, ActivityExport, activities_for_export
from activities.imports import import_activities
from activities.models import AGE_BANDS, Activity
from tests.activities import excel_fixtures
from tests.activities.excel_fixtures import read_sheet
from tests.factories import ActivityFactory, PartnerFactory, PlaceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

empty_unit = excel_fixtures.empty_unit
fast_passwords = excel_fixtures.fast_passwords
plan_structure = excel_fixtures.plan_structure

# DESIGN's words, written out here rather than read from the code under test.
STATUS = {"done": "Genomförd", "planned": "Planerad", "cancelled": "Inställd"}
KIND = {"culture": "Kultur", "art": "Konst", "dialogue": "Dialog"}
COLLABORATION = {
    "own": "Egen regi",
    "internal": "Intern samverkan",
    "external": "Extern samverkan",
}
HOLIDAY = {"": None, "sportlov": "Sportlov", "sommarlov": "Sommarlov", "jullov": "Jullov"}
CULTURE_AREA = {"": None, "performing": "Teater, dans och musik", "film": "Film", "other": "Annat"}
TEXTS = [
    "Vanlig text",
    " börjar med mellanslag",
    "slutar med mellanslag ",
    "Två rader\r\nmed Windows-radslut & <tecken> > och ”citat”",
    "=1+1",
    "+46 157 123",
    "-minus först",
    "@SUM(A1)",
    "kontroll\x07tecken",
    "\x01=dold formel",
    "#N/A",
    "",
]


@pytest.fixture
def many_activities(tree, plan_structure):
    """Sixty activities of kulturenheten that vary every column, with edge-case text."""
    unit = tree["culture"]
    areas, goals = plan_structure["areas"], plan_structure["goals"]
    partners = [
        PartnerFactory(unit=unit, name=name)
        for name in ["bygdegården", "Region Sörmland", "Arbetarnas bildningsförbund", "=partner"]
    ]
    places = [PlaceFactory(unit=unit, name="Flen"), PlaceFactory(unit=unit, name="Malmköping")]
    statuses, kinds = cycle(STATUS), cycle(KIND)
    collaborations, holidays = cycle(COLLABORATION), cycle(HOLIDAY)
    culture_areas, texts = cycle(CULTURE_AREA), cycle(TEXTS)
    created = []
    for n in range(60):
        text = next(texts)
        status = next(statuses)
        activity = ActivityFactory(
            unit=unit,
            title=text or f"Titel {n}",
            description=next(texts),
            date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n * 5),
            status=status,
            priority_area=areas[n % 4 + 1] if n % 5 else None,
            kind=next(kinds),
            collaboration=next(collaborations),
            place=places[n % 3] if n % 3 < 2 else None,
            holiday=next(holidays),
            culture_area=next(culture_areas),
            girls=n,
            boys=2 * n,
            other_gender=n % 3,
            age_10_12=n // 2,
            age_65_plus=n % 4,
            cost_kr=Decimal(f"{n * 100}.{n % 100:02d}") if n % 2 else None,
            survey_answers=n if n % 3 == 0 else None,
            survey_mean=Decimal("4.25") if n % 4 == 0 else None,
            is_public=n % 2 == 0,
            public_text=next(texts) if n % 2 == 0 else "",
            start_time=datetime.time(18, 30) if n % 2 == 0 else None,
            end_time=datetime.time(20, 0) if n % 4 == 0 else None,
            public_place="Stadsparken" if n % 6 == 0 else "",
        )
        activity.set_target_bands(AGE_BANDS[n % 8 : n % 8 + n % 3])
        activity.save()
        if activity.priority_area_id:
            number = activity.priority_area.number
            codes = [code for code in goals if code.startswith(f"{number}.")]
            activity.goals.set([goals[code] for code in codes[: n % 3 + 1]])
        activity.partners.set(partners[: n % 5])
        if n % 7 == 0:
            activity.co_arrangers.set([tree["library"]])
        created.append(activity)
    return created


def cell(value):
    """What openpyxl reads back for a value the export writes."""
    if value in ("", None):
        return None
    if isinstance(value, str):
        value = "".join(ch for ch in value if ch not in "\x01\x07")
        return value or None
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def goal_key(code: str) -> list[int]:
    return [int(part) for part in code.split(".")]


def expected(activity: Activity) -> list:
    """The row DESIGN asks for, computed from the model object."""
    done = activity.status == "done"
    counts = [
        activity.girls,
        activity.boys,
        activity.other_gender,
        activity.age_0_5,
        activity.age_6_9,
        activity.age_10_12,
        activity.age_13_15,
        activity.age_16_19,
        activity.age_20_25,
        activity.age_26_64,
        activity.age_65_plus,
    ]
    row = [
        activity.date,
        activity.title,
        STATUS[activity.status],
        activity.priority_area.number if activity.priority_area else None,
        ", ".join(sorted((g.code for g in activity.goals.all()), key=goal_key)),
        KIND[activity.kind],
        COLLABORATION[activity.collaboration],
        ", ".join(sorted((p.name for p in activity.partners.all()), key=str.lower)),
        activity.place.name if activity.place else None,
        HOLIDAY[activity.holiday],
        CULTURE_AREA[activity.culture_area],
        ", ".join(activity.target_bands),
        *(counts if done else [None] * len(counts)),
        activity.cost_kr,
        activity.survey_answers,
        activity.survey_mean,
        activity.description,
        ", ".join(sorted(u.name for u in activity.co_arrangers.all())),
        activity.unique_participants if done else None,
        "Ja" if activity.is_public else None,
        activity.public_text,
        activity.start_time,
        activity.end_time,
        activity.public_place,
    ]
    return [cell(value) for value in row]


def test_export_has_the_cells_of_the_activities(tree, many_activities):
    data = b"".join(ActivityExport(activities_for_export(unit=tree["culture"])))
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = [list(values) for values in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADERS
    ordered = sorted(many_activities, key=lambda activity: (activity.date, activity.pk))
    assert rows[1:] == [expected(activity) for activity in ordered]
    # Formats: dates and times with the contract's formats, formula-looking text as text.
    date_column, start_column = HEADERS.index("Datum") + 1, HEADERS.index("Starttid") + 1
    assert {sheet.cell(row=r, column=date_column).number_format for r in range(2, 62)} == {
        "yyyy-mm-dd"
    }
    assert sheet.cell(row=2, column=start_column).number_format == "hh:mm"
    assert all(cell.font.b for cell in sheet[1])
    quoted = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.quotePrefix]
    assert {cell.value[0] for cell in quoted} == {"=", "+", "-", "@"}
    assert all(cell.data_type == "s" for cell in quoted)
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 40


def test_first_bytes_leave_before_the_rows_are_read(tree, many_activities, monkeypatch):
    monkeypatch.setattr(xlsx_stream, "CHUNK_BYTES", 1)
    monkeypatch.setattr(xlsx_stream, "ROWS_PER_WRITE", 10)
    export = ActivityExport(activities_for_export(unit=tree["culture"]))
    chunks = iter(export)
    first = next(chunks)
    assert first.startswith(b"PK")
    assert export.written == 0
    second = next(chunks)
    assert 0 < export.written < len(many_activities)
    rest = b"".join(chunks)
    assert export.written == len(many_activities)
    assert zipfile.ZipFile(io.BytesIO(first + second + rest)).testzip() is None


def test_download_is_streamed_and_imports_back(client, users, tree, many_activities, empty_unit):
    client.force_login(users["viewer"])
    url = reverse("activities:excel_export", kwargs={"slug": "kulturenheten"})
    response = client.get(url + "?year=2024")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="aktiviteter-kulturenheten-2024.xlsx"'
    )
    data = b"".join(response.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    rows = read_sheet(data)
    assert len(rows) == 1 + len(many_activities)

    result = import_activities(unit=empty_unit, file=io.BytesIO(data))
    assert result.created == len(many_activities)
    again = b"".join(ActivityExport(activities_for_export(unit=empty_unit)))
    # The copy exports to the same rows (the import trims the text it reads).
    assert read_sheet(again) == [[trimmed(value) for value in row] for row in rows]


def trimmed(value):
    if isinstance(value, str):
        return value.strip() or None
    return value
