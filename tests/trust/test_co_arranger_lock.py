"""A month approved by a co-arranger is locked too (issue 21, DESIGN "VEPAQ": an approved month
is locked). Kulturenheten approves March 2024; Bibliotek's activity of 12 March that
Kulturenheten co-arranges may then not be created, changed, deleted, cancelled, moved or get
or lose a co-arranger, on any path, and the message names Kulturenheten. Each path both ways:
refused in the closed month, allowed in an open one."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from activities import services
from activities.excel import CO_ARRANGERS
from activities.imports import (
    ImportFileError,
    _check_months_still_open,
    import_activities,
    read_activity_file,
)
from activities.models import Activity, ClosedMonth, MonthLockedError, Status
from culture_plan.guards import DeleteRefused
from tests.activities import excel_fixtures
from tests.activities.conftest import activity_post
from tests.activities.excel_fixtures import good_row, workbook_bytes
from tests.activities.test_admin import admin_post
from tests.factories import ActivityFactory, GoalFactory, PriorityAreaFactory

fast_passwords = excel_fixtures.fast_passwords
plan_structure = excel_fixtures.plan_structure

MARCH = datetime.date(2024, 3, 12)
APRIL = datetime.date(2024, 4, 9)
NAMED = "Kulturenheten har godkänt mars 2024 (2024-03), och månaden är låst."


def joint_activity(tree, date=MARCH, **extra):
    """Bibliotek's activity, co-arranged by Kulturenheten."""
    activity = ActivityFactory(
        unit=tree["library"], title="Läsfestival", date=date, status=Status.DONE, girls=5, **extra
    )
    activity.co_arrangers.add(tree["culture"])
    return activity


def close_march(tree, unit="culture"):
    return ClosedMonth.objects.create(unit=tree[unit], year=2024, month=3)


@pytest.fixture
def joint(tree):
    activity = joint_activity(tree)
    close_march(tree)
    return Activity.objects.get(pk=activity.pk)


@pytest.fixture
def library_client(client, users):
    client.force_login(users["other_manager"])  # chef-bibliotek, manager of Bibliotek only
    return client


# --- the model: save, delete, cancel, move ---------------------------------------------------


def test_the_message_names_the_unit_whose_month_is_closed(joint):
    joint.girls = 60
    with pytest.raises(MonthLockedError) as raised:
        joint.save()
    assert raised.value.messages[0].startswith(NAMED)
    assert raised.value.unit.slug == "kulturenheten"


def test_owner_open_co_arranger_closed_refuses_save_and_delete(joint):
    joint.girls = 60
    with pytest.raises(MonthLockedError):
        joint.save()
    with pytest.raises(MonthLockedError):
        Activity.objects.get(pk=joint.pk).delete()
    assert Activity.objects.get(pk=joint.pk).girls == 5


def test_cancel_is_refused(joint):
    joint.status = Status.CANCELLED
    joint.girls = 0
    with pytest.raises(MonthLockedError):
        joint.save()


def test_a_month_closed_above_the_co_arranger_names_that_unit(tree):
    activity = joint_activity(tree)
    close_march(tree, unit="administration")
    activity.title = "Ändrad"
    with pytest.raises(MonthLockedError) as raised:
        activity.save()
    assert raised.value.messages[0].startswith(
        "Barn-, utbildnings- och kulturförvaltningen har godkänt mars 2024"
    )


def test_moving_out_of_and_into_the_co_arrangers_closed_month_is_refused(tree):
    activity = joint_activity(tree)
    april = joint_activity(tree, date=APRIL)
    close_march(tree)
    activity.date = APRIL  # out of March
    with pytest.raises(MonthLockedError):
        activity.save()
    april.date = MARCH  # into March
    with pytest.raises(MonthLockedError):
        april.save()


def test_an_open_month_saves_and_deletes(tree):
    activity = joint_activity(tree)
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=4)
    activity.girls = 60
    activity.save()
    assert Activity.objects.get(pk=activity.pk).girls == 60
    activity.delete()
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_a_new_activity_with_a_closed_co_arranger_is_refused_in_the_service(tree):
    close_march(tree)
    activity = Activity(unit=tree["library"], title="Ny", date=MARCH, status=Status.PLANNED)
    activity.set_target_bands(["13-15"])
    with pytest.raises(ValidationError) as raised:
        services.activity_save(
            activity=activity,
            goals=[],
            partner_names=[],
            place_name="",
            by=None,
            co_arrangers=[tree["culture"]],
        )
    assert NAMED in raised.value.message_dict["co_arrangers"][0]
    assert not Activity.objects.filter(title="Ny").exists()


# --- co-arrangers through the ORM (the m2m signal) -------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        lambda activity, tree: activity.co_arrangers.remove(tree["culture"]),
        lambda activity, tree: activity.co_arrangers.clear(),
        lambda activity, tree: activity.co_arrangers.set([]),
        lambda activity, tree: activity.co_arrangers.add(tree["administration"]),
        lambda activity, tree: tree["culture"].co_arranged_activities.remove(activity),
        lambda activity, tree: tree["culture"].co_arranged_activities.clear(),
    ],
    ids=["remove", "clear", "set", "add-other", "reverse-remove", "reverse-clear"],
)
def test_co_arrangers_changed_through_the_orm_are_refused(joint, tree, change):
    # The refusal breaks the write's transaction (as any error would): a savepoint here.
    with pytest.raises(MonthLockedError), transaction.atomic():
        change(joint, tree)
    assert list(joint.co_arrangers.values_list("slug", flat=True)) == ["kulturenheten"]


def test_adding_a_co_arranger_whose_month_is_closed_is_refused(tree):
    activity = ActivityFactory(unit=tree["library"], date=MARCH, status=Status.PLANNED)
    close_march(tree)
    with pytest.raises(MonthLockedError), transaction.atomic():
        activity.co_arrangers.add(tree["culture"])
    with pytest.raises(MonthLockedError), transaction.atomic():
        tree["culture"].co_arranged_activities.add(activity)
    assert not activity.co_arrangers.exists()


def test_co_arrangers_change_through_the_orm_in_an_open_month(tree):
    activity = joint_activity(tree)
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=4)
    activity.co_arrangers.add(tree["administration"])
    activity.co_arrangers.remove(tree["culture"])
    assert list(activity.co_arrangers.values_list("slug", flat=True)) == ["bukf"]


# --- the form (edit, create, copy, series), mark done, delete, join ---------------------------


def test_the_audits_edit_is_refused_and_kulturenhetens_figures_stay(library_client, tree, joint):
    """The audit's case: Bibliotek's manager raises girls 5 → 60 on the co-arranged activity."""
    response = library_client.post(
        reverse("activities:edit", args=[joint.pk]),
        activity_post(
            tree["library"],
            title=joint.title,
            date="2024-03-12",
            girls="60",
            co_arrangers=[str(tree["culture"].pk)],
            version=str(joint.version),
        ),
    )
    assert response.status_code == 200
    assert NAMED in response.content.decode()
    assert Activity.objects.get(pk=joint.pk).girls == 5


def test_edit_in_an_open_month_saves(library_client, tree):
    activity = joint_activity(tree)
    response = library_client.post(
        reverse("activities:edit", args=[activity.pk]),
        activity_post(
            tree["library"],
            title=activity.title,
            date="2024-03-12",
            girls="60",
            co_arrangers=[str(tree["culture"].pk)],
            version=str(activity.version),
        ),
    )
    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).girls == 60


def test_removing_the_co_arranger_in_the_form_is_refused(library_client, tree, joint):
    response = library_client.post(
        reverse("activities:edit", args=[joint.pk]),
        activity_post(tree["library"], title=joint.title, date="2024-03-12", girls="5"),
    )
    assert response.status_code == 200
    assert NAMED in response.content.decode()
    assert joint.co_arrangers.count() == 1


@pytest.mark.parametrize("date, refused", [("2024-03-19", True), ("2024-04-16", False)])
def test_a_copy_with_the_co_arranger(library_client, tree, joint, date, refused):
    response = library_client.post(
        reverse("activities:copy", args=[joint.pk]),
        activity_post(
            tree["library"],
            title="Kopia",
            date=date,
            status="planned",
            co_arrangers=[str(tree["culture"].pk)],
        ),
    )
    assert (NAMED in response.content.decode()) is refused
    assert Activity.objects.filter(title="Kopia").exists() is not refused


@pytest.mark.parametrize("start, refused", [("2024-03-01", True), ("2024-04-01", False)])
def test_a_series_with_the_co_arranger(library_client, tree, joint, start, refused):
    response = library_client.post(
        reverse("activities:series"),
        {
            "unit": str(tree["library"].pk),
            "title": "Läxhjälp",
            "start_date": start,
            "last_date": start[:8] + "28",
            "weekdays": ["1"],
            "target_bands": ["6-9"],
            "kind": "culture",
            "collaboration": "own",
            "co_arrangers": [str(tree["culture"].pk)],
        },
    )
    assert (NAMED in response.content.decode()) is refused
    assert Activity.objects.filter(title="Läxhjälp").exists() is not refused


@pytest.mark.parametrize("month, refused", [(3, True), (4, False)])
def test_mark_done(library_client, tree, month, refused):
    activity = ActivityFactory(
        unit=tree["library"], date=datetime.date(2024, month, 12), status=Status.PLANNED
    )
    activity.set_target_bands(["13-15"])
    activity.save()
    activity.co_arrangers.add(tree["culture"])
    close_march(tree)
    response = library_client.post(
        reverse("activities:mark_done", args=[activity.pk]),
        {"girls": "3", "boys": "2", "other_gender": "0", "version": str(activity.version)},
    )
    assert (NAMED in response.content.decode()) is refused
    stored = Activity.objects.get(pk=activity.pk)
    assert (stored.status == Status.DONE) is not refused


@pytest.mark.parametrize("month, refused", [(3, True), (4, False)])
def test_delete_page(library_client, tree, month, refused):
    activity = joint_activity(tree, date=datetime.date(2024, month, 12))
    close_march(tree)
    library_client.post(reverse("activities:delete", args=[activity.pk]))
    assert Activity.objects.filter(pk=activity.pk).exists() is refused


@pytest.mark.parametrize("closed, refused", [("culture", True), ("library", True), (None, False)])
def test_join_as_co_arranger(client, users, tree, closed, refused):
    """ "Lägg till oss som medarrangör": refused when the month is closed for the joining unit
    or for the owner."""
    activity = ActivityFactory(unit=tree["library"], date=MARCH, status=Status.PLANNED)
    if closed:
        close_march(tree, unit=closed)
    client.force_login(users["manager"])  # chef of Kulturenheten
    client.post(reverse("activities:join", args=[activity.pk]), {"unit": str(tree["culture"].pk)})
    assert activity.co_arrangers.exists() is not refused


# --- the Excel import ------------------------------------------------------------------------


@pytest.mark.parametrize("date, refused", [("2024-03-12", True), ("2024-04-12", False)])
def test_import_row_with_a_closed_co_arranger(tree, plan_structure, date, refused):
    close_march(tree)
    rows = [good_row(Datum=date, **{CO_ARRANGERS: "Kulturenheten"})]
    preview = read_activity_file(unit=tree["library"], file=workbook_bytes(rows))
    messages = [str(error) for error in preview.errors]
    if refused:
        assert messages == [
            f"Rad 2, Medarrangörer: {NAMED} En chef för Kulturenheten måste "
            "öppna månaden igen först."
        ]
    else:
        assert messages == []
        assert import_activities(unit=tree["library"], file=workbook_bytes(rows)).created == 1


def test_import_checks_co_arrangers_again_under_the_transaction(tree, plan_structure):
    """A month closed between the preview and the confirmation."""
    rows = [good_row(**{CO_ARRANGERS: "Kulturenheten"})]
    preview = read_activity_file(unit=tree["library"], file=workbook_bytes(rows))
    assert preview.is_valid
    close_march(tree)
    with pytest.raises(ImportFileError) as raised:
        _check_months_still_open(unit=tree["library"], preview=preview)
    assert NAMED in raised.value.preview.messages[0]


# --- the admin ---------------------------------------------------------------------------------


@pytest.fixture
def superuser_client(client, db, django_user_model):
    user = django_user_model.objects.create_superuser("superuser", password="x")
    client.force_login(user)
    return client


def test_admin_change_is_refused_at_the_field(superuser_client, joint):
    response = superuser_client.post(
        reverse("admin:activities_activity_change", args=[joint.pk]),
        admin_post(joint, girls="60", co_arrangers=[]),
    )
    assert response.status_code == 200
    assert NAMED in response.content.decode()
    stored = Activity.objects.get(pk=joint.pk)
    assert stored.girls == 5 and stored.co_arrangers.count() == 1


def test_admin_change_in_an_open_month_saves(superuser_client, tree):
    activity = joint_activity(tree, date=APRIL)
    close_march(tree)
    response = superuser_client.post(
        reverse("admin:activities_activity_change", args=[activity.pk]),
        admin_post(activity, girls="60", co_arrangers=[str(tree["culture"].pk)]),
    )
    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).girls == 60


def test_admin_delete_is_refused(superuser_client, tree, joint):
    open_one = joint_activity(tree, date=APRIL)
    url = reverse("admin:activities_activity_delete", args=[joint.pk])
    assert superuser_client.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:activities_activity_changelist")
    response = superuser_client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [joint.pk, open_one.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Activity.objects.filter(pk__in=[joint.pk, open_one.pk]).count() == 2
    superuser_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [open_one.pk], "post": "yes"}
    )
    assert list(Activity.objects.all()) == [joint]


# --- the API and what activities point at ----------------------------------------------------


def test_the_api_has_no_write_path_for_activities(client, users, joint):
    client.force_login(users["other_manager"])
    response = client.post("/api/v1/activities/", {"title": "x"})
    assert response.status_code == 405


def test_a_goal_of_a_co_arranged_activity_in_a_closed_month_is_not_deleted(tree, flen_plan):
    area = PriorityAreaFactory(plan=flen_plan, number=1)
    goal = GoalFactory(area=area, code="1.1")
    activity = joint_activity(tree, priority_area=area)
    activity.goals.add(goal)
    close_march(tree)
    with pytest.raises(DeleteRefused):
        goal.delete()
