"""The admin writes through Activity.save/delete, so a closed month holds there too."""

import datetime

import pytest
from django.urls import reverse

from activities.models import AGE_COUNT_FIELDS, Activity, ClosedMonth, Partner, Place
from tests.factories import ActivityFactory, UserFactory


@pytest.fixture
def admin_client(client, db):
    user = UserFactory(username="superuser", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def admin_post(activity, **overrides):
    data = {
        "unit": str(activity.unit_id),
        "title": activity.title,
        "description": "",
        "date": activity.date.isoformat(),
        "end_date": "",
        "status": activity.status,
        "priority_area": "",
        "kind": activity.kind,
        "collaboration": activity.collaboration,
        "place": "",
        "holiday": "",
        "culture_area": "",
        "girls": "0",
        "boys": "0",
        "other_gender": "0",
        **dict.fromkeys(AGE_COUNT_FIELDS.values(), "0"),
        "cost_kr": "",
        "survey_answers": "",
        "survey_mean": "",
        "lessons_learned": "",
        "target_13_15": "on",  # Målgrupp is required for planned and done activities
    }
    data.update(overrides)
    return data


def test_admin_pages_render(admin_client, tree):
    activity = ActivityFactory(unit=tree["culture"])
    ClosedMonth.objects.create(unit=tree["culture"], year=2023, month=1)
    for model in [Activity, Partner, Place, ClosedMonth]:
        url = reverse(f"admin:activities_{model._meta.model_name}_changelist")
        assert admin_client.get(url).status_code == 200
    assert (
        admin_client.get(
            reverse("admin:activities_activity_change", args=[activity.pk])
        ).status_code
        == 200
    )
    assert (
        admin_client.get(
            reverse("admin:activities_activity_history", args=[activity.pk])
        ).status_code
        == 200
    )


def test_admin_save_in_closed_month_shows_error_not_500(admin_client, tree):
    activity = ActivityFactory(unit=tree["culture"], date=datetime.date(2024, 3, 12))
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)
    response = admin_client.post(
        reverse("admin:activities_activity_change", args=[activity.pk]),
        admin_post(activity, title="Ändrad i admin"),
    )
    assert response.status_code == 200
    assert "(2024-03), och månaden är låst" in response.content.decode()
    activity.refresh_from_db()
    assert activity.title != "Ändrad i admin"


def test_admin_save_in_open_month_works(admin_client, tree):
    activity = ActivityFactory(unit=tree["culture"], date=datetime.date(2024, 3, 12))
    response = admin_client.post(
        reverse("admin:activities_activity_change", args=[activity.pk]),
        admin_post(activity, title="Ändrad i admin"),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Ändrad i admin"


def test_admin_delete_in_closed_month_is_refused(admin_client, tree):
    activity = ActivityFactory(unit=tree["culture"], date=datetime.date(2024, 3, 12))
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)
    response = admin_client.post(
        reverse("admin:activities_activity_delete", args=[activity.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_admin_bulk_delete_refuses_closed_months(admin_client, tree):
    locked = ActivityFactory(unit=tree["culture"], date=datetime.date(2024, 3, 12))
    open_ = ActivityFactory(unit=tree["culture"], date=datetime.date(2024, 4, 12))
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)
    url = reverse("admin:activities_activity_changelist")
    response = admin_client.post(
        url,
        {"action": "delete_selected", "_selected_action": [locked.pk, open_.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Activity.objects.count() == 2
    response = admin_client.post(
        url, {"action": "delete_selected", "_selected_action": [open_.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert list(Activity.objects.all()) == [locked]


def test_closed_months_are_read_only(admin_client, tree):
    month = ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)
    assert admin_client.get(reverse("admin:activities_closedmonth_add")).status_code == 403
    response = admin_client.post(
        reverse("admin:activities_closedmonth_delete", args=[month.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert ClosedMonth.objects.filter(pk=month.pk).exists()
