"""A closed (approved) month refuses create, edit and delete, with the Swedish message."""

import datetime

import pytest
from django.urls import reverse

from activities.models import Activity, ClosedMonth, Status
from tests.factories import ActivityFactory

LOCKED = "(2024-03), och månaden är låst"


@pytest.fixture
def closed_march(tree):
    return ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)


@pytest.fixture
def manager_client(client, users):
    client.force_login(users["manager"])
    return client


def test_create_in_closed_month_is_refused(
    manager_client, tree, plan_areas, closed_march, post_data
):
    response = manager_client.post(
        reverse("activities:create"), post_data(tree["culture"], date="2024-03-20")
    )
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert not Activity.objects.exists()


def test_create_in_open_month_still_works(
    manager_client, tree, plan_areas, closed_march, post_data
):
    response = manager_client.post(
        reverse("activities:create"), post_data(tree["culture"], date="2024-04-02")
    )
    assert response.status_code == 302


def test_edit_in_closed_month_is_refused(manager_client, tree, plan_areas, post_data):
    activity = ActivityFactory(unit=tree["culture"], date=datetime.date(2024, 3, 12))
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)
    response = manager_client.post(
        reverse("activities:edit", args=[activity.pk]),
        post_data(tree["culture"], title="Ändrad", date="2024-03-12"),
    )
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    activity.refresh_from_db()
    assert activity.title != "Ändrad"


def test_moving_out_of_a_closed_month_is_refused(manager_client, tree, plan_areas, post_data):
    activity = ActivityFactory(unit=tree["culture"], date=datetime.date(2024, 3, 12))
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)
    response = manager_client.post(
        reverse("activities:edit", args=[activity.pk]),
        post_data(tree["culture"], date="2024-04-12"),
    )
    assert LOCKED in response.content.decode()
    activity.refresh_from_db()
    assert activity.date == datetime.date(2024, 3, 12)


def test_mark_done_in_closed_month_is_refused(manager_client, tree, plan_areas):
    activity = ActivityFactory(
        unit=tree["culture"], date=datetime.date(2024, 3, 12), status=Status.PLANNED
    )
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)
    response = manager_client.post(
        reverse("activities:mark_done", args=[activity.pk]), {"girls": "4"}
    )
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Status.PLANNED


def test_delete_in_closed_month_is_refused(manager_client, tree, plan_areas):
    activity = ActivityFactory(unit=tree["culture"], date=datetime.date(2024, 3, 12))
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)
    response = manager_client.post(reverse("activities:delete", args=[activity.pk]), follow=True)
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_series_touching_a_closed_month_creates_nothing(manager_client, tree, plan_areas):
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=10)
    response = manager_client.post(
        reverse("activities:series"),
        {
            "unit": str(tree["culture"].pk),
            "title": "Läxhjälp",
            "start_date": "2024-09-02",
            "last_date": "2024-10-31",
            "weekdays": ["1"],
            "target_bands": ["6-9"],
            "kind": "culture",
            "collaboration": "own",
        },
    )
    assert response.status_code == 200
    assert "(2024-10), och månaden är låst" in response.content.decode()
    assert not Activity.objects.exists()


def test_lock_of_a_parent_unit_applies(manager_client, tree, plan_areas, post_data):
    ClosedMonth.objects.create(unit=tree["municipality"], year=2024, month=3)
    response = manager_client.post(
        reverse("activities:create"), post_data(tree["culture"], date="2024-03-20")
    )
    assert LOCKED in response.content.decode()


def test_detail_says_the_month_is_locked_and_hides_changes(manager_client, tree, plan_areas):
    activity = ActivityFactory(unit=tree["culture"], date=datetime.date(2024, 3, 12))
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)
    html = manager_client.get(activity.get_absolute_url()).content.decode()
    assert "(2024-03), och månaden är låst" in html
    assert reverse("activities:edit", args=[activity.pk]) not in html
    assert reverse("activities:delete", args=[activity.pk]) not in html
