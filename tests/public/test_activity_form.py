"""The activity form's fieldset Kulturkalendern: a planned public activity entered on a phone
appears on /kalender/ and in /kalender.ics."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from activities.models import Activity
from tests.activities.conftest import activity_post
from tests.factories import ActivityFactory


@pytest.fixture
def staff_client(client, users):
    client.force_login(users["staff"])
    return client


@pytest.mark.django_db
def test_the_form_has_the_calendar_fieldset(staff_client, tree):
    html = staff_client.get(reverse("activities:create")).content.decode()
    assert "<legend>Kulturkalendern</legend>" in html
    for name in ("is_public", "public_text", "start_time", "end_time", "public_place"):
        assert f'name="{name}"' in html
    assert 'type="time"' in html


@pytest.mark.django_db
def test_a_planned_public_activity_from_the_form_reaches_the_calendar(staff_client, tree, client):
    day = timezone.localdate() + datetime.timedelta(days=14)
    response = staff_client.post(
        reverse("activities:create"),
        activity_post(
            tree["culture"],
            title="Poesikväll på biblioteket",
            date=day.isoformat(),
            status="planned",
            target_bands=["16-19", "20-25"],
            is_public="on",
            public_text="Öppen scen för unga poeter.",
            start_time="18:00",
            end_time="20:30",
            public_place="Flens bibliotek",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Activity.objects.get(title="Poesikväll på biblioteket")
    assert activity.is_public and activity.start_time == datetime.time(18, 0)

    staff_client.logout()
    assert "Poesikväll på biblioteket" in client.get(reverse("public:calendar")).content.decode()
    calendar = Calendar.from_ical(client.get(reverse("public:calendar_feed")).content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"activity-{activity.pk}@flens-kommun"
    assert event.decoded("DTSTART").hour == 18
    assert event.decoded("DTEND").minute == 30


@pytest.mark.django_db
def test_an_end_time_before_the_start_time_is_refused_at_the_field(staff_client, tree):
    response = staff_client.post(
        reverse("activities:create"),
        activity_post(
            tree["culture"],
            status="planned",
            target_bands=["26-64"],
            is_public="on",
            start_time="18:00",
            end_time="17:00",
        ),
    )
    assert response.status_code == 200
    assert "Sluttiden måste ligga efter starttiden." in response.content.decode()
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_the_detail_page_says_whether_the_activity_is_public_and_a_copy_keeps_it(
    staff_client, tree
):
    activity = ActivityFactory(
        unit=tree["culture"],
        date=timezone.localdate() + datetime.timedelta(days=3),
        status="planned",
        is_public=True,
        public_text="För alla",
        start_time=datetime.time(10, 0),
    )
    html = staff_client.get(reverse("activities:detail", kwargs={"pk": activity.pk})).content
    assert "Visas för allmänheten, 10:00" in html.decode()
    copy = staff_client.get(reverse("activities:copy", kwargs={"pk": activity.pk})).content
    checkbox = re.search(r'<input[^>]*name="is_public"[^>]*>', copy.decode()).group(0)
    assert "checked" in checkbox
    assert 'value="10:00"' in copy.decode()
