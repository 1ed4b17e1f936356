""" "Markera som genomförd" carries the version its page was drawn from (issue 21): a stale
click does not overwrite a newer edit."""

import datetime

import pytest
from django.urls import reverse

from activities import services
from activities.models import Activity, Status
from tests.factories import ActivityFactory


@pytest.fixture
def planned(tree):
    activity = ActivityFactory(
        unit=tree["culture"], date=datetime.date(2024, 5, 14), status=Status.PLANNED
    )
    activity.set_target_bands(["13-15"])
    activity.save()
    return Activity.objects.get(pk=activity.pk)


def counts(version):
    return {"girls": "4", "boys": "3", "other_gender": "0", "version": str(version)}


def test_the_page_carries_the_version(client, users, planned):
    client.force_login(users["staff"])
    page = client.get(reverse("activities:mark_done", args=[planned.pk])).content.decode()
    assert f'name="version" value="{planned.version}"' in page


def test_a_stale_click_is_refused_and_the_newer_edit_stays(client, users, planned):
    client.force_login(users["staff"])
    drawn = planned.version
    # Someone else edits in between.
    newer = Activity.objects.get(pk=planned.pk)
    newer.title = "Nytt namn"
    newer.save()
    response = client.post(reverse("activities:mark_done", args=[planned.pk]), counts(drawn))
    assert response.status_code == 200
    assert "har sparat en ändring sedan du öppnade sidan" in response.content.decode()
    stored = Activity.objects.get(pk=planned.pk)
    assert stored.status == Status.PLANNED and stored.title == "Nytt namn"
    # The page is drawn from the saved version now: the next click is deliberate.
    assert f'name="version" value="{stored.version}"' in response.content.decode()
    again = client.post(reverse("activities:mark_done", args=[planned.pk]), counts(stored.version))
    assert again.status_code == 302
    stored = Activity.objects.get(pk=planned.pk)
    assert stored.status == Status.DONE and stored.title == "Nytt namn" and stored.girls == 4


def test_a_current_click_saves(client, users, planned):
    client.force_login(users["staff"])
    response = client.post(
        reverse("activities:mark_done", args=[planned.pk]), counts(planned.version)
    )
    assert response.status_code == 302
    assert Activity.objects.get(pk=planned.pk).status == Status.DONE


def test_the_service_checks_the_version(planned):
    stale = planned.version
    Activity.objects.get(pk=planned.pk).save()
    with pytest.raises(services.StaleEditError):
        services.activity_mark_done(
            activity=planned, counts={"girls": 1}, by=None, expected_version=stale
        )
    assert Activity.objects.get(pk=planned.pk).status == Status.PLANNED
