"""The Excel import: every bad cell named by row and column, and all or nothing."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from activities import summaries
from activities.excel import HEADERS
from activities.imports import ImportFileError, import_activities, read_activity_file
from activities.models import (
    Activity,
    ActivityMonthSummary,
    ClosedMonth,
    GoalMonthSummary,
    Partner,
    Place,
    Status,
)
from tests.activities import excel_fixtures
from tests.activities.excel_fixtures import good_row, workbook_bytes
from tests.factories import ActivityFactory, PartnerFactory, PlaceFactory

pytestmark = pytest.mark.django_db

# Fixtures shared by the Excel tests live in a helper module; pytest finds them here.
fast_passwords = excel_fixtures.fast_passwords
plan_structure = excel_fixtures.plan_structure
upload_root = excel_fixtures.upload_root


def messages_for(unit, rows, **kwargs):
    preview = read_activity_file(unit=unit, file=workbook_bytes(rows, **kwargs))
    return preview.messages


def test_broken_file_names_every_bad_row_and_imports_nothing(tree, plan_structure):
    unit = tree["culture"]
    ActivityFactory(unit=unit)
    before = Activity.objects.count()
    rows = [
        good_row(),  # row 2 is fine
        good_row(Datum="2024-13-01"),  # 3
        good_row(Status="Klar"),  # 4
        good_row(Flickor=-3),  # 5
        good_row(**{"Målgrupp": "10-12, 7-8"}),  # 6
        good_row(Titel="  "),  # 7
        good_row(**{"Inriktningsmål": "2.1"}),  # 8: goal of another area
    ]
    with pytest.raises(ImportFileError) as raised:
        import_activities(unit=unit, file=workbook_bytes(rows))
    messages = raised.value.messages
    assert Activity.objects.count() == before
    assert not Partner.objects.filter(unit=unit).exists()
    assert 'Rad 3, Datum: "2024-13-01" är inte ett giltigt datum (ÅÅÅÅ-MM-DD).' in messages
    assert (
        'Rad 4, Status: "Klar" är inte ett tillåtet värde. '
        "Tillåtna värden: Planerad, Genomförd, Inställd." in messages
    )
    assert any(m.startswith('Rad 5, Flickor: "-3" är negativt') for m in messages)
    assert any(m.startswith('Rad 6, Målgrupp: "7-8" är ingen åldersgrupp') for m in messages)
    assert "Rad 7, Titel: Titel saknas. Varje rad behöver en titel." in messages
    assert "Rad 8, Inriktningsmål: Målen 2.1 hör inte till område 1." in messages
    assert not any(m.startswith("Rad 2") for m in messages)
    assert len(messages) == 6


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            {"Prioriterat område": 7},
            'Rad 2, Prioriterat område: "7" är inget område i Kulturplan 2022–2025, som gäller '
            "2024. Tillåtna: 1, 2, 3, 4.",
        ),
        (
            {"Inriktningsmål": "1.9"},
            "Rad 2, Inriktningsmål: 1.9 finns inte i Kulturplan 2022–2025.",
        ),
        (
            {"Prioriterat område": None, "Inriktningsmål": "1.1"},
            "Rad 2, Inriktningsmål: Ange Prioriterat område för inriktningsmålen.",
        ),
        (
            {"10-12": 15, "13-15": 10},
            "Rad 2, 0-5 … 65+: Åldrarna summerar till 25, deltagarna till 20 (flickor + pojkar "
            "+ annat/ej angivet). Deltagare per ålder kan inte vara fler än deltagarna.",
        ),
        (
            {"Status": "Planerad"},
            "Rad 2, Status: Bara en genomförd aktivitet har deltagare. Ändra status till "
            "Genomförd eller ta bort deltagarna.",
        ),
        (
            {
                "Status": "inställd",
                "Flickor": None,
                "Pojkar": None,
                "Annat/ej angivet": 1,
                "10-12": None,
                "13-15": None,
            },
            "Rad 2, Status: Bara en genomförd aktivitet har deltagare. Ändra status till "
            "Genomförd eller ta bort deltagarna.",
        ),
        ({"Datum": None}, "Rad 2, Datum: Datum saknas. Skriv det som ÅÅÅÅ-MM-DD."),
        (
            {"Datum": "12/3/2024"},
            'Rad 2, Datum: "12/3/2024" är inte ett giltigt datum (ÅÅÅÅ-MM-DD).',
        ),
        (
            {"Typ": "Musik"},
            'Rad 2, Typ: "Musik" är inte ett tillåtet värde. Tillåtna värden: Kultur, Konst, '
            "Dialog.",
        ),
        (
            {"Lov": "Vinterlov"},
            'Rad 2, Lov: "Vinterlov" är inte ett tillåtet värde. Tillåtna värden: Sportlov, '
            "Påsklov, Sommarlov, Höstlov, Jullov.",
        ),
        ({"Pojkar": "många"}, 'Rad 2, Pojkar: "många" är inte ett heltal.'),
        ({"Pojkar": 2.5}, 'Rad 2, Pojkar: "2.5" är inte ett heltal.'),
        ({"Kostnad (kr)": "gratis"}, 'Rad 2, Kostnad (kr): "gratis" är inte ett tal.'),
        (
            {"Medelbetyg": 7},
            "Rad 2, Medelbetyg: Kontrollera att detta värde är mindre än eller lika med 5.",
        ),
        (
            {"Titel": "x" * 301},
            "Rad 2, Titel: Säkerställ att detta värde har som mest 300 tecken (den har 301).",
        ),
        (
            {"Datum": "2031-05-01"},
            None,  # the plan stays in force after 2025: area 1 is still valid
        ),
    ],
)
def test_each_rule_has_a_clear_message(tree, plan_structure, overrides, expected):
    messages = messages_for(tree["culture"], [good_row(**overrides)])
    if expected is None:
        assert messages == []
    else:
        assert messages == [expected]


def test_no_plan_in_force_before_the_plan_began(tree, plan_structure):
    messages = messages_for(tree["culture"], [good_row(Datum="2019-05-01")])
    assert messages == ["Rad 2, Prioriterat område: Ingen kulturplan gäller för enheten 2019."]


def test_a_closed_month_refuses_its_rows(tree, plan_structure):
    unit = tree["culture"]
    ClosedMonth.objects.create(unit=tree["municipality"], year=2024, month=3)
    rows = [good_row(), good_row(Datum="2024-04-02")]
    with pytest.raises(ImportFileError) as raised:
        import_activities(unit=unit, file=workbook_bytes(rows))
    assert raised.value.messages == [
        "Rad 2, Datum: Flens kommun har godkänt mars 2024 (2024-03), och månaden är låst. "
        "En chef för Flens kommun måste öppna månaden igen först."
    ]
    assert not Activity.objects.exists()


def test_missing_headers_are_named(tree, plan_structure):
    headers = [header for header in HEADERS if header not in ("Titel", "65+")]
    messages = messages_for(tree["culture"], [good_row()], headers=headers)
    assert len(messages) == 1
    assert messages[0].startswith("Rad 1: Rubrikraden saknar kolumnerna Titel, 65+.")


def test_not_an_excel_file(tree):
    preview = read_activity_file(unit=tree["culture"], file=io.BytesIO(b"Datum;Titel\n"))
    assert preview.messages[0].startswith("Rad 1: Filen kunde inte läsas som en Excel-fil")


def test_an_empty_file_is_an_error(tree):
    assert messages_for(tree["culture"], []) == ["Rad 2: Filen innehåller inga aktiviteter."]


def test_words_match_case_insensitively_and_ignore_spaces(tree, plan_structure):
    unit = tree["culture"]
    row = good_row(
        Status="  genomFÖRD ",
        Typ="KONST",
        Samverkan=" intern samverkan",
        Lov="sommarlov ",
        **{"Kulturområde": "bild OCH form", "Målgrupp": " 65+ ,0–5", "Datum": " 2024-07-01 "},
    )
    result = import_activities(unit=unit, file=workbook_bytes([row]))
    assert result.created == 1
    activity = Activity.objects.get()
    assert (activity.status, activity.kind, activity.collaboration) == ("done", "art", "internal")
    assert (activity.holiday, activity.culture_area) == ("sommarlov", "visual")
    assert activity.target_bands == ["0-5", "65+"]
    assert activity.date == datetime.date(2024, 7, 1)


def test_import_creates_activities_partners_places_and_history(tree, plan_structure, users):
    unit = tree["culture"]
    PartnerFactory(unit=unit, name="Flens konstförening")
    PlaceFactory(unit=unit, name="Malmköping")
    rows = [
        good_row(Samverkansparter="flens KONSTFÖRENING, Nya teatern", Ort="malmköping"),
        good_row(
            Titel="Läsecirkel",
            Datum=datetime.datetime(2024, 5, 2),
            Status="Planerad",
            **{
                "Flickor": None,
                "Pojkar": None,
                "Annat/ej angivet": None,
                "10-12": None,
                "13-15": None,
                "Prioriterat område": 3,
                "Inriktningsmål": "3.3",
                "Samverkansparter": "nya Teatern",
                "Ort": "Sparreholm",
                "Kostnad (kr)": "1 250,50",
                "Enkätsvar": None,
                "Medelbetyg": None,
            },
        ),
        {},  # an empty row is skipped
    ]
    preview = read_activity_file(unit=unit, file=workbook_bytes(rows))
    assert preview.is_valid, preview.messages
    assert preview.new_partners == ["Nya teatern"]
    assert preview.new_places == ["Sparreholm"]

    result = import_activities(unit=unit, file=workbook_bytes(rows), user=users["staff"])
    assert result.created == 2
    assert sorted(Partner.objects.filter(unit=unit).values_list("name", flat=True)) == [
        "Flens konstförening",
        "Nya teatern",
    ]
    assert Place.objects.filter(unit=unit).count() == 2
    first, second = Activity.objects.order_by("date")
    assert first.place.name == "Malmköping"
    assert sorted(p.name for p in first.partners.all()) == ["Flens konstförening", "Nya teatern"]
    assert sorted(g.code for g in first.goals.all()) == ["1.1", "1.2"]
    assert first.created_by == users["staff"]
    assert second.status == Status.PLANNED
    assert second.cost_kr == Decimal("1250.50")
    assert second.survey_answers is None
    assert [g.code for g in second.goals.all()] == ["3.3"]
    assert second.priority_area.number == 3
    assert first.history.count() == 1
    record = first.history.first()
    assert record.history_user == users["staff"]
    assert sorted(link.goal.code for link in record.goals.all()) == ["1.1", "1.2"]
    assert sorted(link.partner.name for link in record.partners.all()) == [
        "Flens konstförening",
        "Nya teatern",
    ]
    # The summary tables got the imported rows in the same transaction (issue 17).

    assert summaries.check() == []
    assert ActivityMonthSummary.objects.filter(unit=unit).count() == 2
    assert GoalMonthSummary.objects.filter(unit=unit).count() == 2  # done ones only


def test_command_reports_errors_and_exits_non_zero(tree, plan_structure, tmp_path, capsys):
    path = tmp_path / "fel.xlsx"
    path.write_bytes(workbook_bytes([good_row(), good_row(Status="Klar")]).getvalue())
    with pytest.raises(CommandError, match="Inget importerades: 1 fel"):
        call_command("import_activities", str(path), unit="kulturenheten")
    assert 'Rad 3, Status: "Klar" är inte ett tillåtet värde' in capsys.readouterr().err
    assert not Activity.objects.exists()


def test_command_exit_status_from_the_shell_is_non_zero(tree, plan_structure, tmp_path):
    path = tmp_path / "fel.xlsx"
    path.write_bytes(workbook_bytes([good_row(Flickor=-1)]).getvalue())
    utility = ManagementUtility(
        ["manage.py", "import_activities", str(path), "--unit", "kulturenheten"]
    )
    with pytest.raises(SystemExit) as exited:
        utility.execute()
    assert exited.value.code == 1


def test_command_dry_run_writes_nothing(tree, plan_structure, tmp_path, capsys):
    path = tmp_path / "ok.xlsx"
    path.write_bytes(workbook_bytes([good_row(), good_row(Titel="Två")]).getvalue())
    call_command("import_activities", str(path), unit="kulturenheten", dry_run=True)
    out = capsys.readouterr().out
    assert "2 aktiviteter skulle importeras till Kulturenheten." in out
    assert "Nya samverkansparter: Studieförbundet Vuxenskolan" in out
    assert "Nya orter: Flen" in out
    assert not Activity.objects.exists()
    assert not Partner.objects.exists()
    assert not Place.objects.exists()


def test_command_imports(tree, plan_structure, tmp_path, capsys):
    path = tmp_path / "ok.xlsx"
    path.write_bytes(workbook_bytes([good_row()]).getvalue())
    call_command("import_activities", str(path), unit="kulturenheten")
    assert "1 aktiviteter importerade till Kulturenheten." in capsys.readouterr().out
    assert Activity.objects.filter(unit=tree["culture"]).count() == 1


def test_command_unknown_unit_and_missing_file(tree, tmp_path):
    with pytest.raises(CommandError, match="Enheten 'finns-ej' finns inte"):
        call_command("import_activities", str(tmp_path / "x.xlsx"), unit="finns-ej")
    with pytest.raises(CommandError, match="finns inte"):
        call_command("import_activities", str(tmp_path / "x.xlsx"), unit="kulturenheten")


def test_reading_uses_a_fixed_number_of_queries(
    tree, plan_structure, django_assert_max_num_queries
):
    rows = [good_row(Titel=f"Aktivitet {n}", Samverkansparter=f"Part {n % 7}") for n in range(300)]
    data = workbook_bytes(rows)
    with django_assert_max_num_queries(12):
        preview = read_activity_file(unit=tree["culture"], file=data)
    assert len(preview.rows) == 300


def test_row_numbers_count_empty_rows_like_the_sheet_does(tree, plan_structure):
    messages = messages_for(tree["culture"], [good_row(), {}, {}, good_row(Status="Klar")])
    assert len(messages) == 1
    assert messages[0].startswith('Rad 5, Status: "Klar"')


def test_the_history_records_are_what_simple_history_would_write(tree, plan_structure, users):
    """The import writes its history rows in SQL (INSERT … SELECT); they hold what
    bulk_history_create would: every tracked field, "+", the user, the reason, and the
    links of the activity on that record, and nothing for activities already there."""
    unit = tree["culture"]
    earlier = ActivityFactory(unit=unit, title="Fanns redan")
    rows = [
        good_row(Medarrangörer="Bibliotek", Samverkansparter="Nya teatern, Vuxenskolan"),
        good_row(Titel="Andra", Datum="2024-04-02", **{"Inriktningsmål": "1.4"}),
    ]
    result = import_activities(unit=unit, file=workbook_bytes(rows), user=users["staff"])
    assert result.created == 2
    assert earlier.history.count() == 1
    tracked = [field.attname for field in Activity.history.model.tracked_fields]
    for activity in Activity.objects.filter(unit=unit).exclude(pk=earlier.pk):
        (record,) = activity.history.all()
        assert record.history_type == "+"
        assert record.history_user == users["staff"]
        assert record.history_change_reason == "Import från Excel"
        for name in tracked:
            assert getattr(record, name) == getattr(activity, name), name
        assert sorted(link.goal_id for link in record.goals.all()) == sorted(
            activity.goals.values_list("pk", flat=True)
        )
        assert sorted(link.partner_id for link in record.partners.all()) == sorted(
            activity.partners.values_list("pk", flat=True)
        )
        assert [link.unit_id for link in record.co_arrangers.all()] == list(
            activity.co_arrangers.values_list("pk", flat=True)
        )
    first = Activity.objects.get(unit=unit, title="Sommarteater i parken")
    assert [u.slug for u in first.co_arrangers.all()] == ["bibliotek"]


def test_unique_participants_column_imports_and_is_optional(tree, plan_structure):
    unit = tree["culture"]
    rows = [good_row(**{"Unika deltagare": 6}), good_row(Titel="Utan unika")]
    import_activities(unit=unit, file=workbook_bytes(rows))
    assert Activity.objects.get(title="Sommarteater i parken").unique_participants == 6
    assert Activity.objects.get(title="Utan unika").unique_participants is None
    # A file from before the column existed still imports.
    older = [header for header in HEADERS if header != "Unika deltagare"]
    import_activities(unit=unit, file=workbook_bytes([good_row(Titel="Äldre fil")], headers=older))
    assert Activity.objects.get(title="Äldre fil").unique_participants is None


def test_unique_participants_column_names_its_errors(tree, plan_structure):
    (more_than_visits,) = messages_for(tree["culture"], [good_row(**{"Unika deltagare": 99})])
    assert more_than_visits.startswith("Rad 2, Unika deltagare: Unika deltagare (99) kan inte")
    (not_a_count,) = messages_for(tree["culture"], [good_row(**{"Unika deltagare": "många"})])
    assert not_a_count.startswith("Rad 2, Unika deltagare: ")
