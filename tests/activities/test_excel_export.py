"""The Excel export and template: the column contract, safe text, and export → import."""

import datetime
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from activities.excel import HEADERS, activities_for_export, write_activities, write_template
from activities.imports import import_activities
from activities.models import Activity
from tests.activities import excel_fixtures
from tests.activities.excel_fixtures import read_sheet
from tests.factories import ActivityFactory, PartnerFactory, PlaceFactory

pytestmark = pytest.mark.django_db

# Fixtures shared by the Excel tests live in a helper module; pytest finds them here.
empty_unit = excel_fixtures.empty_unit
fast_passwords = excel_fixtures.fast_passwords
plan_structure = excel_fixtures.plan_structure

# DESIGN "Reports and interfaces", word for word.
CONTRACT_HEADERS = [
    "Datum", "Titel", "Status", "Prioriterat område", "Inriktningsmål", "Typ", "Samverkan",
    "Samverkansparter", "Ort", "Lov", "Kulturområde", "Målgrupp", "Flickor", "Pojkar",
    "Annat/ej angivet", "0-5", "6-9", "10-12", "13-15", "16-19", "20-25", "26-64", "65+",
    "Kostnad (kr)", "Enkätsvar", "Medelbetyg", "Beskrivning", "Medarrangörer",
    # Unique participants (people, not visits; issue 24), optional on import.
    "Unika deltagare",
]  # fmt: skip
# DESIGN "Open and connected": the public calendar's columns, at the end (optional on import).
CONTRACT_HEADERS += ["Kulturkalendern", "Kalendertext", "Starttid", "Sluttid", "Kalenderplats"]

COMPARED_FIELDS = [
    "title", "description", "date", "status", "kind", "collaboration", "holiday",
    "culture_area", "girls", "boys", "other_gender", "age_0_5", "age_6_9", "age_10_12",
    "age_13_15", "age_16_19", "age_20_25", "age_26_64", "age_65_plus", "target_0_5",
    "target_6_9", "target_10_12", "target_13_15", "target_16_19", "target_20_25",
    "target_26_64", "target_65_plus", "cost_kr", "survey_answers", "survey_mean",
    "unique_participants",
]  # fmt: skip


def export(tmp_path, unit, year=None):
    path = tmp_path / "export.xlsx"
    write_activities(activities=activities_for_export(unit=unit, year=year), destination=path)
    return path


@pytest.fixture
def varied_activities(tree, plan_structure):
    """Activities of kulturenheten that use every column."""
    unit = tree["culture"]
    goals = plan_structure["goals"]
    areas = plan_structure["areas"]
    vuxenskolan = PartnerFactory(unit=unit, name="Studieförbundet Vuxenskolan")
    sormland = PartnerFactory(unit=unit, name="Region Sörmland")
    flen = PlaceFactory(unit=unit, name="Flen")
    done = ActivityFactory(
        unit=unit,
        title="Sommarteater i parken",
        description="Föreställning.\nTvå akter; ”citat” & <tecken>.",
        date=datetime.date(2024, 6, 20),
        status="done",
        priority_area=areas[1],
        kind="culture",
        collaboration="external",
        place=flen,
        holiday="sommarlov",
        culture_area="performing",
        girls=40,
        boys=35,
        other_gender=3,
        age_0_5=2,
        age_6_9=10,
        age_10_12=20,
        age_13_15=15,
        age_16_19=5,
        age_20_25=4,
        age_26_64=12,
        age_65_plus=6,
        cost_kr=Decimal("12500.50"),
        survey_answers=31,
        survey_mean=Decimal("4.35"),
    )
    done.set_target_bands(["10-12", "13-15", "16-19"])
    done.save()
    done.goals.set([goals["1.3"], goals["1.1"]])
    done.partners.set([vuxenskolan, sormland])
    planned = ActivityFactory(
        unit=unit,
        title="Dialogmöte med unga",
        date=datetime.date(2024, 11, 5),
        status="planned",
        priority_area=areas[2],
        kind="dialogue",
        collaboration="internal",
        culture_area="",
    )
    planned.goals.set([goals["2.4"]])
    cancelled = ActivityFactory(
        unit=unit,
        title="Konstvandring",
        date=datetime.date(2024, 2, 14),
        status="cancelled",
        kind="art",
        holiday="sportlov",
        culture_area="visual",
    )
    cancelled.set_target_bands(["65+"])
    cancelled.save()
    ActivityFactory(unit=unit, title="Förra året", date=datetime.date(2023, 9, 1))
    ActivityFactory(unit=tree["library"], title="Bibliotekets egen", date=datetime.date(2024, 1, 9))
    return [cancelled, done, planned]


def test_headers_are_the_contract(tree, tmp_path):
    assert HEADERS == CONTRACT_HEADERS
    rows = read_sheet(export(tmp_path, tree["culture"]))
    assert rows == [CONTRACT_HEADERS]


def test_rows_in_swedish_words_real_dates_frozen_header(tree, varied_activities, tmp_path):
    path = export(tmp_path, tree["culture"], year=2024)
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 40
    rows = [list(values) for values in sheet.iter_rows(values_only=True)]
    assert [row[1] for row in rows[1:]] == [
        "Konstvandring",
        "Sommarteater i parken",
        "Dialogmöte med unga",
    ]
    done = dict(zip(HEADERS, rows[2], strict=True))
    assert done["Datum"] == datetime.datetime(2024, 6, 20)
    assert sheet["A3"].number_format == "yyyy-mm-dd"
    assert sheet["A3"].is_date
    assert done["Status"] == "Genomförd"
    assert done["Prioriterat område"] == 1
    assert done["Inriktningsmål"] == "1.1, 1.3"
    assert done["Typ"] == "Kultur"
    assert done["Samverkan"] == "Extern samverkan"
    assert done["Samverkansparter"] == "Region Sörmland, Studieförbundet Vuxenskolan"
    assert done["Ort"] == "Flen"
    assert done["Lov"] == "Sommarlov"
    assert done["Kulturområde"] == "Teater, dans och musik"
    assert done["Målgrupp"] == "10-12, 13-15, 16-19"
    assert (done["Flickor"], done["Pojkar"], done["Annat/ej angivet"]) == (40, 35, 3)
    assert done["10-12"] == 20 and done["65+"] == 6
    assert done["Kostnad (kr)"] == 12500.5
    assert (done["Enkätsvar"], done["Medelbetyg"]) == (31, 4.35)
    planned = dict(zip(HEADERS, rows[3], strict=True))
    assert (planned["Status"], planned["Typ"], planned["Samverkan"]) == (
        "Planerad",
        "Dialog",
        "Intern samverkan",
    )
    assert planned["Lov"] is None and planned["Kulturområde"] is None
    assert planned["Flickor"] is None and planned["65+"] is None  # no counts until done
    cancelled = dict(zip(HEADERS, rows[1], strict=True))
    assert (cancelled["Status"], cancelled["Lov"], cancelled["Målgrupp"]) == (
        "Inställd",
        "Sportlov",
        "65+",
    )


def test_export_without_year_has_every_year_of_the_unit_only(tree, varied_activities, tmp_path):
    titles = [row[1] for row in read_sheet(export(tmp_path, tree["culture"]))[1:]]
    assert titles[0] == "Förra året"
    assert len(titles) == 4
    assert "Bibliotekets egen" not in titles


@pytest.mark.parametrize(
    "title", ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1:A2)", "=1+1"]
)
def test_formula_looking_text_is_written_as_text(tree, tmp_path, title):
    unit = tree["culture"]
    partner = PartnerFactory(unit=unit, name="=cmd|' /C calc'!A0")
    activity = ActivityFactory(unit=unit, title=title, description="=2*3")
    activity.partners.set([partner])
    sheet = load_workbook(export(tmp_path, unit)).worksheets[0]
    title_cell, partner_cell, description_cell = sheet["B2"], sheet["H2"], sheet["AA2"]
    for cell, expected in [
        (title_cell, title),
        (partner_cell, "=cmd|' /C calc'!A0"),
        (description_cell, "=2*3"),
    ]:
        assert cell.data_type == "s"
        assert cell.value == expected
        assert cell.quotePrefix


def test_export_query_count_does_not_grow_with_rows(
    tree, plan_structure, tmp_path, django_assert_num_queries
):
    unit = tree["culture"]
    partner = PartnerFactory(unit=unit)
    for n in range(30):
        activity = ActivityFactory(
            unit=unit, title=f"A{n}", priority_area=plan_structure["areas"][1]
        )
        activity.goals.set([plan_structure["goals"]["1.1"]])
        activity.partners.set([partner])
    # activities (with area and place), goals, partners, co-arrangers: one query each per
    # chunk.
    with django_assert_num_queries(4):
        export(tmp_path, unit)


def test_export_then_import_into_an_empty_unit_gives_the_same_activities(
    tree, varied_activities, empty_unit, tmp_path
):
    path = export(tmp_path, tree["culture"], year=2024)
    with path.open("rb") as handle:
        result = import_activities(unit=empty_unit, file=handle)
    assert result.created == 3
    assert result.new_partners == ["Region Sörmland", "Studieförbundet Vuxenskolan"]
    assert result.new_places == ["Flen"]
    copies = list(Activity.objects.filter(unit=empty_unit).order_by("date"))
    for original, copy in zip(varied_activities, copies, strict=True):
        for field in COMPARED_FIELDS:
            assert getattr(copy, field) == getattr(original, field), field
        assert copy.priority_area_id == original.priority_area_id
        assert sorted(g.pk for g in copy.goals.all()) == sorted(g.pk for g in original.goals.all())
        assert sorted(p.name for p in copy.partners.all()) == sorted(
            p.name for p in original.partners.all()
        )
        assert all(p.unit_id == empty_unit.pk for p in copy.partners.all())
        assert (copy.place.name if copy.place else None) == (
            original.place.name if original.place else None
        )
    # And the copy exports to the same rows.
    again = read_sheet(export(tmp_path, empty_unit, year=2024))
    assert again == read_sheet(export(tmp_path, tree["culture"], year=2024))


def test_template_has_drop_downs_and_the_plans_values(tree, plan_structure, tmp_path):
    path = tmp_path / "mall.xlsx"
    write_template(plan=plan_structure["plan"], destination=path)
    workbook = load_workbook(path)
    sheet, values = workbook["Aktiviteter"], workbook["Värden"]
    assert [cell.value for cell in sheet[1]] == CONTRACT_HEADERS
    assert sheet.freeze_panes == "A2"
    lists = {
        values.cell(row=1, column=column).value: [
            values.cell(row=row, column=column).value
            for row in range(2, values.max_row + 1)
            if values.cell(row=row, column=column).value is not None
        ]
        for column in range(1, values.max_column + 1)
    }
    assert lists["Status"] == ["Planerad", "Genomförd", "Inställd"]
    assert lists["Typ"] == ["Kultur", "Konst", "Dialog"]
    assert lists["Samverkan"] == ["Egen regi", "Intern samverkan", "Extern samverkan"]
    assert lists["Lov"] == ["Sportlov", "Påsklov", "Sommarlov", "Höstlov", "Jullov"]
    assert lists["Kulturområde"][0] == "Teater, dans och musik"
    assert lists["Kulturområde"][-1] == "Annat"
    assert lists["Prioriterat område"] == [1, 2, 3, 4]
    assert lists["Inriktningsmål"] == [
        "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "4.1", "4.2",
    ]  # fmt: skip
    validations = {
        str(validation.sqref).split(":")[0]: validation
        for validation in sheet.data_validations.dataValidation
    }
    column = {header: index for index, header in enumerate(HEADERS)}

    for header in ["Status", "Typ", "Samverkan", "Lov", "Kulturområde", "Prioriterat område"]:
        validation = validations[f"{get_column_letter(column[header] + 1)}2"]
        assert validation.type == "list"
        assert validation.formula1.startswith("'Värden'!$")


def test_template_without_a_plan_in_force_still_has_the_word_lists(tree, tmp_path):
    path = tmp_path / "mall.xlsx"
    write_template(plan=None, destination=path)
    workbook = load_workbook(path)
    assert len(workbook["Aktiviteter"].data_validations.dataValidation) == 5


def test_export_command(tree, varied_activities, tmp_path, capsys):
    path = tmp_path / "ut.xlsx"
    call_command("export_activities", unit="kulturenheten", year=2024, output=str(path))
    assert "3 aktiviteter skrivna till" in capsys.readouterr().out
    assert len(read_sheet(path)) == 4
    with pytest.raises(CommandError, match="finns inte"):
        call_command("export_activities", unit="nej", output=str(path))


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_does_not_evaluate_formula_looking_text(tree, tmp_path):
    """The real check: a spreadsheet program shows the text, it does not run it. A control
    file with a true formula shows that LibreOffice would evaluate one."""
    unit = tree["culture"]
    ActivityFactory(unit=unit, title="=1+1", description="+2+3")
    path = export(tmp_path, unit)
    control = tmp_path / "control.xlsx"
    workbook = Workbook()
    workbook.active.append(["=1+1"])
    workbook.save(control)
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(path),
            str(control),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    exported = (tmp_path / "export.csv").read_text(encoding="latin-1").splitlines()
    assert exported[1].split(",")[1] == "=1+1"
    assert exported[1].split(",")[CONTRACT_HEADERS.index("Beskrivning")] == "+2+3"
    assert (tmp_path / "control.csv").read_text().strip() == "2"


def test_unique_participants_column_exported_for_done_activities(tree, tmp_path):
    ActivityFactory(
        unit=tree["culture"], title="Serie", status="done", girls=12, unique_participants=5
    )
    rows = read_sheet(export(tmp_path, tree["culture"]))
    column = rows[0].index("Unika deltagare")
    assert column == rows[0].index("Medarrangörer") + 1
    assert rows[1][column] == 5
