"""Co-arranged activities in the activities app: who may read and change them, the form, the
"join instead" path for a likely duplicate, the list filter, the plan, and Excel."""

import datetime

import pytest
from django.urls import reverse

from activities.excel import CO_ARRANGERS, HEADERS, activities_for_export, write_activities
from activities.imports import import_activities, read_activity_file
from activities.models import Activity, ClosedMonth, Status
from activities.selectors import likely_duplicates, titles_similar
from culture_plan import permissions
from culture_plan.models import Role
from tests.activities import excel_fixtures
from tests.activities.excel_fixtures import good_row, read_sheet, workbook_bytes
from tests.factories import ActivityFactory, MembershipFactory, PlaceFactory, UserFactory

# Fixtures shared by the Excel tests live in a helper module; pytest finds them here.
fast_passwords = excel_fixtures.fast_passwords
plan_structure = excel_fixtures.plan_structure

DAY = datetime.date(2024, 3, 12)


@pytest.fixture
def people(tree, users):
    """The roles of the brief: the owner's staff, the co-arranger's staff, a manager above
    both, and someone of another unit; plus Bibliotek's manager (users["other_manager"])."""

    def member(username, unit, role):
        user = UserFactory(username=username)
        MembershipFactory(user=user, unit=unit, role=role)
        return user

    return {
        "owner": member("bibliotekarie", tree["library"], Role.STAFF),
        "co_arranger": users["staff"],  # staff of Kulturenheten
        "parent": member("forvaltningschef", tree["administration"], Role.MANAGER),
        "other": member("utomstaende", tree["other"], Role.ADMIN),
    }


@pytest.fixture
def joint(tree):
    """Bibliotek's reading festival, co-arranged by Kulturenheten."""
    place = PlaceFactory(unit=tree["library"], name="Flen")
    activity = ActivityFactory(
        unit=tree["library"], title="Läsfestival", date=DAY, place=place, status=Status.PLANNED
    )
    activity.co_arrangers.add(tree["culture"])
    return activity


# --- permissions ---------------------------------------------------------------------------

EXPECTED = {
    # role: (detail, edit, mark done)
    "owner": (200, 200, 200),
    "co_arranger": (200, 403, 403),
    "parent": (200, 200, 200),
    "other": (404, 404, 404),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_only_the_owner_and_those_above_change_co_arrangers_read(client, people, joint, role):
    client.force_login(people[role])
    pages = ["detail", "edit", "mark_done"]
    got = tuple(
        client.get(reverse(f"activities:{page}", args=[joint.pk])).status_code for page in pages
    )
    assert got == EXPECTED[role]
    if EXPECTED[role][1] != 200:
        response = client.post(reverse("activities:edit", args=[joint.pk]), {"title": "Ändrad"})
        assert response.status_code == EXPECTED[role][1]
        joint.refresh_from_db()
        assert joint.title == "Läsfestival"


def test_permission_functions(people, joint, tree):
    assert permissions.can_view_activity(people["co_arranger"], joint)
    assert not permissions.can_change_activity(people["co_arranger"], joint)
    assert permissions.can_change_activity(people["owner"], joint)
    assert permissions.can_change_activity(people["parent"], joint)
    assert not permissions.can_view_activity(people["other"], joint)
    assert not permissions.can_join_activity(people["other"], joint, tree["other"])
    assert permissions.can_join_activity(people["co_arranger"], joint, tree["culture"])
    assert not permissions.can_join_activity(people["owner"], joint, tree["library"])


def test_detail_names_the_co_arrangers_and_tells_a_co_arranger_who_owns_it(client, people, joint):
    client.force_login(people["co_arranger"])
    page = client.get(reverse("activities:detail", args=[joint.pk])).content.decode()
    assert "Medarrangörer" in page and "Kulturenheten" in page
    assert "Er enhet är medarrangör" in page
    assert reverse("activities:edit", args=[joint.pk]) not in page


def test_the_co_arrangers_plan_marks_it_and_the_list_filters_it(client, people, joint, tree):
    ActivityFactory(unit=tree["culture"], title="Egen konsert", date=DAY)
    client.force_login(people["co_arranger"])
    plan = client.get(reverse("activities:plan", args=["kulturenheten", 2024])).content.decode()
    assert "Läsfestival" in plan and "Medarrangör" in plan and "arrangeras av Bibliotek" in plan
    listed = client.get(reverse("activities:list"), {"co_arranger": tree["culture"].pk})
    titles = [activity.title for activity in listed.context["page"].object_list]
    assert titles == ["Läsfestival"]
    everything = client.get(reverse("activities:list"))
    assert {a.title for a in everything.context["page"].object_list} == {
        "Läsfestival",
        "Egen konsert",
    }
    owner_plan = client.get(reverse("activities:plan", args=["bibliotek", 2024]))
    assert owner_plan.status_code == 404  # the co-arranger reads the activity, not the unit


# --- the form -------------------------------------------------------------------------------


def test_the_form_saves_co_arrangers_with_history(client, users, tree, post_data):
    client.force_login(users["other_manager"])  # Bibliotek's manager
    response = client.post(
        reverse("activities:create"),
        post_data(tree["library"], title="Läsfestival", co_arrangers=[str(tree["culture"].pk)]),
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Läsfestival")
    assert list(activity.co_arrangers.all()) == [tree["culture"]]
    record = activity.history.order_by("-history_id").first()
    assert [link.unit for link in record.co_arrangers.all()] == [tree["culture"]]
    assert record.history_user == users["other_manager"]


def test_the_form_refuses_another_municipality_as_co_arranger(client, users, tree, post_data):
    client.force_login(users["admin"])  # sees flens-kommun only
    response = client.post(
        reverse("activities:create"),
        post_data(tree["library"], title="Läsfestival", co_arrangers=[str(tree["other"].pk)]),
    )
    assert response.status_code == 200
    assert "co_arrangers" in response.context["form"].errors
    assert not Activity.objects.filter(title="Läsfestival").exists()


def test_unique_participants_in_the_form(client, users, tree, post_data):
    client.force_login(users["staff"])
    response = client.post(
        reverse("activities:create"),
        post_data(tree["culture"], title="Workshop", girls="8", unique_participants="5"),
    )
    assert response.status_code == 302
    assert Activity.objects.get(title="Workshop").unique_participants == 5
    too_many = client.post(
        reverse("activities:create"),
        post_data(tree["culture"], title="Workshop 2", girls="3", unique_participants="5"),
    )
    assert too_many.status_code == 200
    assert "unique_participants" in too_many.context["form"].errors


# --- likely duplicates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "similar"),
    [
        ("Läsfestival", "läsfestival!", True),
        ("Läsfestival", "Läsfestival i Flen", True),
        ("Läsfestivalen 2024", "Läsfestival 2024", True),
        ("Läsfestival", "Konsert i parken", False),
        ("Sagostund", "", False),
    ],
)
def test_similar_titles(first, second, similar):
    assert titles_similar(first, second) is similar


def test_likely_duplicates_need_same_date_place_and_municipality(tree, joint):
    found = likely_duplicates(
        unit=tree["culture"], date=DAY, title="läsfestival", place_name="flen"
    )
    assert found == [joint]
    other_day = DAY + datetime.timedelta(days=1)
    assert not likely_duplicates(
        unit=tree["culture"], date=other_day, title="Läsfestival", place_name="Flen"
    )
    assert not likely_duplicates(
        unit=tree["culture"], date=DAY, title="Läsfestival", place_name="Malmköping"
    )
    assert not likely_duplicates(
        unit=tree["library"], date=DAY, title="Läsfestival", place_name="Flen"
    )
    assert not likely_duplicates(
        unit=tree["other"], date=DAY, title="Läsfestival", place_name="Flen"
    )


def test_the_form_offers_to_join_and_lets_them_save_anyway(client, users, tree, joint, post_data):
    joint.co_arrangers.clear()
    client.force_login(users["staff"])  # Kulturenheten
    data = post_data(
        tree["culture"], title="Läsfestival", place_name="Flen", status="planned", girls=None
    )
    response = client.post(reverse("activities:create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lägg till oss som medarrangör" in page
    assert "registrerad av Bibliotek" in page
    assert response.context["duplicates"] == [joint]
    assert 'value="Läsfestival"' in page  # what was typed stays
    assert Activity.objects.filter(title="Läsfestival").count() == 1  # nothing saved yet
    anyway = client.post(reverse("activities:create"), {**data, "save_anyway": "1"})
    assert anyway.status_code == 302
    assert Activity.objects.filter(title="Läsfestival").count() == 2  # never refused


def test_join_instead_adds_the_unit_as_co_arranger(client, users, tree, joint):
    joint.co_arrangers.clear()
    client.force_login(users["staff"])
    response = client.post(
        reverse("activities:join", args=[joint.pk]), {"unit": tree["culture"].pk}
    )
    assert response.status_code == 302
    assert response["Location"] == joint.get_absolute_url()
    assert list(joint.co_arrangers.all()) == [tree["culture"]]
    assert Activity.objects.count() == 1
    assert client.get(joint.get_absolute_url()).status_code == 200  # now they read it
    record = joint.history.order_by("-history_id").first()
    assert record.history_user == users["staff"]


def test_join_is_refused_for_others_and_for_a_closed_month(client, users, people, tree, joint):
    joint.co_arrangers.clear()
    client.force_login(people["other"])  # another municipality: does not even see it
    url = reverse("activities:join", args=[joint.pk])
    assert client.post(url, {"unit": tree["other"].pk}).status_code == 404
    client.force_login(users["viewer"])  # reads the municipality, logs nothing
    assert client.post(url, {"unit": tree["municipality"].pk}).status_code == 403
    client.force_login(users["staff"])
    assert client.post(url, {"unit": tree["library"].pk}).status_code == 403  # not their unit
    assert client.post(url, {"unit": "x"}).status_code == 403
    assert client.get(url).status_code == 405
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)
    response = client.post(url, {"unit": tree["culture"].pk})
    assert response.status_code == 302
    assert not joint.co_arrangers.exists()


# --- Excel ----------------------------------------------------------------------------------


def test_medarrangorer_comes_right_after_beskrivning():
    assert HEADERS[HEADERS.index("Beskrivning") + 1] == CO_ARRANGERS


def test_import_with_the_column_links_co_arrangers_case_insensitively(tree, plan_structure):
    data = workbook_bytes([good_row(**{CO_ARRANGERS: "kulturenheten, BUKF"})])
    data.name = "a.xlsx"
    tree["administration"].name = "BUKF"
    tree["administration"].save()
    result = import_activities(unit=tree["library"], file=data)
    assert result.created == 1
    activity = Activity.objects.get(unit=tree["library"])
    assert {unit.slug for unit in activity.co_arrangers.all()} == {"kulturenheten", "bukf"}
    record = activity.history.first()
    assert {link.unit.slug for link in record.co_arrangers.all()} == {"kulturenheten", "bukf"}


def test_import_without_the_column_still_imports(tree, plan_structure):
    headers = [header for header in HEADERS if header != CO_ARRANGERS]
    result = import_activities(
        unit=tree["library"], file=workbook_bytes([good_row()], headers=headers)
    )
    assert result.created == 1
    assert not Activity.objects.get(unit=tree["library"]).co_arrangers.exists()


def test_import_names_unknown_and_own_units(tree, plan_structure):
    rows = [
        good_row(**{CO_ARRANGERS: "Kulturenheten, Annan kommun"}),
        good_row(**{CO_ARRANGERS: "Bibliotek"}),
    ]
    preview = read_activity_file(unit=tree["library"], file=workbook_bytes(rows))
    assert [str(error) for error in preview.errors] == [
        'Rad 2, Medarrangörer: "Annan kommun" är inga enheter i kommunen. Tillåtna: '
        "Barn-, utbildnings- och kulturförvaltningen, Flens kommun, Kulturenheten.",
        "Rad 3, Medarrangörer: Den egna enheten kan inte också vara medarrangör.",
    ]


def test_import_preview_names_likely_duplicates(client, users, tree, plan_structure, joint):
    rows = [
        good_row(Titel="Läsfestival", Datum="2024-03-12", Ort="flen"),
        good_row(Titel="Något annat", Datum="2024-03-12", Ort="Flen"),
    ]
    preview = read_activity_file(unit=tree["culture"], file=workbook_bytes(rows))
    assert preview.is_valid  # a warning, not an error
    assert [(row, other) for row, other in preview.duplicates] == [(2, joint)]
    assert preview.duplicate_messages == [
        "Rad 2 liknar ”Läsfestival” 2024-03-12, Flen, som Bibliotek redan har registrerat. "
        "Är det samma händelse, lägg till er som medarrangör där i stället."
    ]


def test_an_export_with_co_arrangers_imports_again_unchanged(tree, plan_structure, tmp_path):
    joint = ActivityFactory(unit=tree["library"], title="Läsfestival", date=DAY)
    joint.co_arrangers.add(tree["culture"], tree["administration"])
    path = tmp_path / "export.xlsx"
    write_activities(activities=activities_for_export(unit=tree["library"]), destination=path)
    rows = read_sheet(path)
    column = rows[0].index(CO_ARRANGERS)
    assert rows[1][column] == "Barn-, utbildnings- och kulturförvaltningen, Kulturenheten"
    joint.co_arrangers.clear()
    joint.delete()
    with path.open("rb") as handle:
        import_activities(unit=tree["library"], file=handle)
    again = tmp_path / "again.xlsx"
    write_activities(activities=activities_for_export(unit=tree["library"]), destination=again)
    assert read_sheet(again) == rows


def test_a_co_arranger_cannot_be_added_in_a_month_it_has_closed(client, users, tree, post_data):
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)
    client.force_login(users["other_manager"])
    response = client.post(
        reverse("activities:create"),
        post_data(tree["library"], title="Läsfestival", co_arrangers=[str(tree["culture"].pk)]),
    )
    assert response.status_code == 200
    assert "Kulturenheten har godkänt mars 2024" in str(response.context["form"].errors)
    assert not Activity.objects.filter(title="Läsfestival").exists()


def test_an_existing_co_arranger_is_told_instead_of_offered_to_join(
    client, users, tree, joint, post_data
):
    client.force_login(users["staff"])
    data = post_data(tree["culture"], title="Läsfestival", place_name="Flen", status="planned")
    page = client.post(reverse("activities:create"), data).content.decode()
    assert "Kulturenheten är redan medarrangör" in page
    assert "Lägg till oss som medarrangör" not in page
