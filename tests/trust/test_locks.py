"""An approved month stays locked whatever path writes (DESIGN "Trust"): moving an activity to
another unit, deleting what locked activities use, admin reverts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from activities import services
from activities.models import Activity, ClosedMonth, MonthLockedError, Partner, Place
from culture_plan.guards import DeleteRefused
from culture_plan.models import Goal, PriorityArea
from followup.models import MatrixAssessment
from tests.activities.test_admin import admin_post

LOCKED = "(2024-03), och månaden är låst"


# 1. A move to another unit is checked against the old unit's months -----------------------


def test_moving_to_another_unit_is_refused_in_the_service(locked_march, tree):
    activity = Activity.objects.get(pk=locked_march["activity"].pk)
    activity.unit = tree["library"]
    with pytest.raises(ValidationError) as raised:
        services.activity_save(
            activity=activity, goals=[], partner_names=[], place_name="", by=None
        )
    assert LOCKED in raised.value.messages[0]
    assert Activity.objects.get(pk=activity.pk).unit == tree["culture"]


def test_moving_to_another_unit_is_refused_in_the_model(locked_march, tree):
    """Also a bare save (a command, the shell) and a delete after an in-memory move."""
    activity = Activity.objects.get(pk=locked_march["activity"].pk)
    activity.unit = tree["library"]
    with pytest.raises(MonthLockedError):
        activity.save()
    with pytest.raises(MonthLockedError):
        activity.delete()
    assert Activity.objects.filter(pk=activity.pk, unit=tree["culture"]).exists()


def test_moving_into_another_units_open_month_from_an_open_month_works(tree):
    activity = Activity.objects.create(
        unit=tree["culture"], title="Flytt", date=datetime.date(2024, 4, 2)
    )
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)
    activity.unit = tree["library"]
    activity.save()
    assert Activity.objects.get(pk=activity.pk).unit == tree["library"]


def test_moving_in_the_admin_is_refused_with_the_message(admin_client, locked_march, tree):
    activity = locked_march["activity"]
    response = admin_client.post(
        reverse("admin:activities_activity_change", args=[activity.pk]),
        admin_post(
            activity,
            unit=str(tree["library"].pk),
            priority_area=str(locked_march["area"].pk),
            goals=[str(locked_march["goal"].pk)],
            partners=[str(locked_march["partner"].pk)],
            place=str(locked_march["place"].pk),
        ),
    )
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).unit == tree["culture"]


# 2. Deleting what locked activities use ---------------------------------------------------


@pytest.mark.parametrize("name", ["goal", "partner"])
def test_deleting_what_a_locked_activity_uses_is_refused(locked_march, name):
    obj = locked_march[name]
    with pytest.raises(DeleteRefused) as raised:
        obj.delete()
    assert "godkända och låsta månader (2024-03)" in raised.value.messages[0]
    assert type(obj).objects.filter(pk=obj.pk).exists()
    activity = locked_march["activity"]
    assert activity.goals.count() == 1 and activity.partners.count() == 1


def test_a_cascade_from_the_area_is_refused_too(locked_march):
    """The area's own activities are protected by the foreign key; its goals by the guard."""
    activity = locked_march["activity"]
    Activity.objects.filter(pk=activity.pk).update(priority_area=None)
    with pytest.raises(DeleteRefused):
        locked_march["area"].delete()
    assert PriorityArea.objects.filter(pk=locked_march["area"].pk).exists()
    assert Goal.objects.filter(pk=locked_march["goal"].pk).exists()


def test_deleting_after_the_month_is_reopened_works(locked_march):
    ClosedMonth.objects.all().delete()
    locked_march["partner"].delete()
    assert not Partner.objects.exists()


def test_matrix_assessment_of_a_locked_year_is_protected(locked_march, tree):
    item = MatrixAssessment.objects.create(
        unit=tree["culture"], goal=locked_march["goal"], year=2024, assessment="started"
    )
    with pytest.raises(DeleteRefused):
        item.delete()
    other_year = MatrixAssessment.objects.create(
        unit=tree["culture"], goal=locked_march["goal"], year=2025, assessment="started"
    )
    other_year.delete()
    assert MatrixAssessment.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize(
    ("name", "url_name"),
    [("goal", "admin:culture_plan_goal_delete"), ("partner", "admin:activities_partner_delete")],
)
def test_admin_delete_is_refused_with_a_swedish_message(admin_client, locked_march, name, url_name):
    obj = locked_march[name]
    url = reverse(url_name, args=[obj.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "godkända och låsta månader (2024-03)" in page.content.decode()
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200  # the refusal page again, never a 500
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_admin_bulk_delete_is_refused_with_a_message(admin_client, locked_march):
    response = admin_client.post(
        reverse("admin:activities_partner_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(locked_march["partner"].pk)],
            "post": "yes",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "godkända och låsta månader" in response.content.decode()
    assert Partner.objects.filter(pk=locked_march["partner"].pk).exists()


def test_admin_inline_delete_of_a_goal_is_a_message(admin_client, locked_march):
    area = locked_march["area"]
    goal = locked_march["goal"]
    response = admin_client.post(
        reverse("admin:culture_plan_priorityarea_change", args=[area.pk]),
        {
            "plan": str(area.plan_id),
            "number": "1",
            "name": area.name,
            "description": "",
            "goals-TOTAL_FORMS": "1",
            "goals-INITIAL_FORMS": "1",
            "goals-MIN_NUM_FORMS": "0",
            "goals-MAX_NUM_FORMS": "1000",
            "goals-0-id": str(goal.pk),
            "goals-0-area": str(area.pk),
            "goals-0-code": goal.code,
            "goals-0-text": goal.text,
            "goals-0-order": "0",
            "goals-0-DELETE": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "godkända och låsta månader" in response.content.decode()
    assert Goal.objects.filter(pk=goal.pk).exists()


# 3. An admin history revert into a locked month ------------------------------------------


def test_admin_revert_into_a_locked_month_is_refused(admin_client, tree):
    activity = Activity.objects.create(
        unit=tree["culture"], title="Vernissage", date=datetime.date(2024, 3, 5)
    )
    march_record = activity.history.latest()
    activity.date = datetime.date(2024, 4, 5)
    activity.save()
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)
    url = reverse(
        "admin:activities_activity_simple_history",
        args=[activity.pk, march_record.history_id],
    )
    page = admin_client.get(url)
    assert page.status_code == 200
    response = admin_client.post(url, admin_post(activity, date="2024-03-05"), follow=True)
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).date == datetime.date(2024, 4, 5)


def test_places_and_areas_stay_protected_by_the_foreign_key(locked_march):
    for obj in [locked_march["place"], locked_march["area"]]:
        with pytest.raises((ProtectedError, DeleteRefused)):
            obj.delete()
    assert Place.objects.filter(pk=locked_march["place"].pk).exists()


def test_a_bulk_queryset_delete_is_refused_as_a_whole(locked_march):
    with pytest.raises(DeleteRefused), transaction.atomic():
        Partner.objects.all().delete()
    assert Partner.objects.filter(pk=locked_march["partner"].pk).exists()
