"""The iCalendar feeds, parsed back with the icalendar package as a calendar program would."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.public.conftest import assert_nothing_internal

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def feed(client, url) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode("utf-8")
    assert "\r\n" in body and all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert_nothing_internal(body)
    return Calendar.from_ical(response.content)


def events_by_uid(calendar: Calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.mark.django_db
def test_the_feed_parses_back_with_events_uids_timezone_and_cancelled(client, public_world):
    calendar = feed(client, reverse("public:calendar_feed"))
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Stockholm"]
    events = events_by_uid(calendar)
    w = public_world
    expected = {
        f"activity-{w[name].pk}@flens-kommun"
        for name in ("concert", "exhibition", "cancelled", "done", "reading")
    }
    assert set(events) == expected  # not the hidden one, not the one outside the window

    concert = events[f"activity-{w['concert'].pk}@flens-kommun"]
    assert str(concert["SUMMARY"]) == "Konsert i parken"
    assert str(concert["DESCRIPTION"]) == "Välkommen till en konsert för hela familjen."
    assert str(concert["LOCATION"]) == "Stadsparken, Flen"
    assert str(concert["STATUS"]) == "CONFIRMED"
    start = concert.decoded("DTSTART")
    assert start == datetime.datetime.combine(w["concert"].date, datetime.time(18, 30), STOCKHOLM)
    assert concert["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert concert.decoded("DTEND").time() == datetime.time(20, 0)
    stamp = concert.decoded("DTSTAMP")
    assert stamp.utcoffset() == datetime.timedelta(0)

    exhibition = events[f"activity-{w['exhibition'].pk}@flens-kommun"]
    # A whole-day event over three days: DATE values, the end exclusive.
    assert exhibition.decoded("DTSTART") == w["exhibition"].date
    assert exhibition.decoded("DTEND") == w["exhibition"].end_date + datetime.timedelta(days=1)
    assert str(exhibition["LOCATION"]) == "Malmköping"  # the place when no public place

    cancelled = events[f"activity-{w['cancelled'].pk}@flens-kommun"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    for event in events.values():
        assert "DTSTAMP" in event


@pytest.mark.django_db
def test_uids_are_stable_and_follow_the_setting(client, public_world, settings):
    first = set(events_by_uid(feed(client, reverse("public:calendar_feed"))))
    public_world["concert"].public_text = "Ny text"
    public_world["concert"].save()
    assert set(events_by_uid(feed(client, reverse("public:calendar_feed")))) == first
    settings.PUBLIC_CALENDAR_UID_DOMAIN = "kultur.flen.se"
    uids = set(events_by_uid(feed(client, reverse("public:calendar_feed"))))
    assert f"activity-{public_world['concert'].pk}@kultur.flen.se" in uids


@pytest.mark.django_db
def test_a_unit_feed_holds_that_unit_and_its_children(client, public_world):
    library = feed(client, reverse("public:unit_calendar_feed", kwargs={"slug": "bibliotek"}))
    assert [str(e["SUMMARY"]) for e in library.walk("VEVENT")] == ["Högläsning på biblioteket"]
    culture = feed(client, reverse("public:unit_calendar_feed", kwargs={"slug": "kulturenheten"}))
    assert len(culture.walk("VEVENT")) == 4
    municipality = feed(
        client, reverse("public:unit_calendar_feed", kwargs={"slug": "flens-kommun"})
    )
    assert len(municipality.walk("VEVENT")) == 5
    missing = client.get(reverse("public:unit_calendar_feed", kwargs={"slug": "finns-inte"}))
    assert missing.status_code == 404


@pytest.mark.django_db
def test_an_empty_feed_is_still_a_valid_calendar(client, tree):
    calendar = feed(client, reverse("public:calendar_feed"))
    assert calendar.walk("VEVENT") == []


@pytest.mark.django_db
def test_feeds_need_no_login_and_take_no_writes(client, public_world):
    assert client.post(reverse("public:calendar_feed")).status_code == 405
    response = client.get(reverse("public:calendar_feed"))
    assert response["Access-Control-Allow-Origin"] == "*"
