"""The calendar as outside tools read it: icalendar on the feed (UIDs from the settings or the
municipality, never the Host header; SEQUENCE grows with every change) and extruct on the
pages' JSON-LD (schema.org Event with free entrance, offers, a Place with a PostalAddress in
Sweden, the organiser with its url, the image, and each event's own page as url and @id)."""

from __future__ import annotations

from decimal import Decimal

import extruct
import pytest
from icalendar import Calendar

from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def feed(client, **headers) -> dict:
    calendar = Calendar.from_ical(client.get("/kalender.ics", **headers).content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_uids_do_not_follow_the_host_header(client, public_world, settings):
    settings.ALLOWED_HOSTS = ["testserver", "kultur.example.org"]
    first = {name: str(e["UID"]) for name, e in feed(client).items()}
    other = {
        name: str(e["UID"]) for name, e in feed(client, HTTP_HOST="kultur.example.org").items()
    }
    assert first == other
    concert = public_world["concert"]
    assert first["Konsert i parken"] == f"activity-{concert.pk}@flens-kommun"
    settings.PUBLIC_CALENDAR_UID_DOMAIN = "kultur.flen.se"
    assert str(feed(client)["Konsert i parken"]["UID"]) == f"activity-{concert.pk}@kultur.flen.se"


def test_sequence_grows_when_an_event_changes(client, public_world):
    before = int(feed(client)["Konsert i parken"]["SEQUENCE"])
    concert = public_world["concert"]
    concert.public_text = "Ny tid för konserten."
    concert.save()
    after = feed(client)["Konsert i parken"]
    assert int(after["SEQUENCE"]) == before + 1
    concert.refresh_from_db()
    concert.public_place = "Kulturhuset"
    concert.save()
    assert int(feed(client)["Konsert i parken"]["SEQUENCE"]) == before + 2


def jsonld_events(client, path) -> dict:
    response = client.get(path)
    assert response.status_code == 200
    data = extruct.extract(
        response.content.decode(), base_url="http://testserver/", syntaxes=["json-ld"]
    )
    graph = [item for block in data["json-ld"] for item in block.get("@graph", [block])]
    return {item["name"]: item for item in graph if item.get("@type") == "Event"}


def test_json_ld_events_as_extruct_reads_them(client, public_world):
    concert = public_world["concert"]
    concert.public_price = Decimal("120")
    concert.public_street = "Storgatan 1"
    concert.public_locality = "Flen"
    concert.public_image_url = "https://www.flen.se/bilder/konsert.jpg"
    concert.save()
    exhibition = public_world["exhibition"]
    exhibition.public_text = "Fri entré för alla."
    exhibition.save()

    events = jsonld_events(client, "/kalender/")
    event = events["Konsert i parken"]
    page = f"http://testserver/kalender/{concert.pk}/"
    assert event["@id"] == event["url"] == page
    assert event["isAccessibleForFree"] is False
    assert event["offers"] == {
        "@type": "Offer",
        "price": "120.00",
        "priceCurrency": "SEK",
        "url": page,
        "availability": "https://schema.org/InStock",
    }
    assert event["location"] == {
        "@type": "Place",
        "name": "Stadsparken, Flen",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Storgatan 1",
            "addressLocality": "Flen",
            "addressCountry": "SE",
        },
    }
    assert event["organizer"] == {
        "@type": "Organization",
        "name": "Kulturenheten",
        "url": "http://testserver/kalender/kulturenheten.ics",
    }
    assert event["image"] == "https://www.flen.se/bilder/konsert.jpg"
    free = events["Utställning: unga konstnärer"]
    assert free["isAccessibleForFree"] is True and "offers" not in free
    assert free["location"]["address"]["addressLocality"] == "Malmköping"

    # The event's own page says the same about it.
    own = jsonld_events(client, f"/kalender/{concert.pk}/")
    assert list(own) == ["Konsert i parken"] and own["Konsert i parken"] == event


def test_an_event_page_is_public_and_only_for_public_events(client, public_world, tree):
    html = client.get(f"/kalender/{public_world['concert'].pk}/").content.decode()
    assert "<h1" in html and "Konsert i parken" in html
    hidden = ActivityFactory(unit=tree["culture"], is_public=False)
    assert client.get(f"/kalender/{hidden.pk}/").status_code == 404
    assert client.get("/kalender/999999/").status_code == 404
