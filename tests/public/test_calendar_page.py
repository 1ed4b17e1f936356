"""/kalender/: public activities without login, filterable, with schema.org Event JSON-LD."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from tests.public.conftest import assert_nothing_internal

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld(response) -> dict:
    blocks = JSONLD.findall(response.content.decode())
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.mark.django_db
def test_the_calendar_lists_public_activities_without_login(client, public_world):
    response = client.get(reverse("public:calendar"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("concert", "exhibition", "cancelled", "reading"):
        assert public_world[name].title in html, name
    # Upcoming only by default: the done one of three days ago is in the feed, not here.
    assert public_world["done"].title not in html
    assert "Inställd" in html
    assert "Stadsparken, Flen" in html
    assert_nothing_internal(html)


@pytest.mark.django_db
def test_the_json_ld_describes_each_event(client, public_world):
    data = jsonld(client.get(reverse("public:calendar")))
    assert data["@context"] == "https://schema.org"
    events = {event["name"]: event for event in data["@graph"]}
    assert set(events) == {
        "Konsert i parken",
        "Utställning: unga konstnärer",
        "Verkstad: serieteckning",
        "Högläsning på biblioteket",
    }
    concert = events["Konsert i parken"]
    assert concert["@type"] == "Event"
    date = public_world["concert"].date.isoformat()
    assert concert["startDate"].startswith(f"{date}T18:30:00+")
    assert concert["endDate"].startswith(f"{date}T20:00:00+")
    assert concert["location"] == {
        "@type": "Place",
        "name": "Stadsparken, Flen",
        "address": {"@type": "PostalAddress", "addressCountry": "SE", "addressLocality": "Flen"},
    }
    assert concert["eventStatus"] == "https://schema.org/EventScheduled"
    assert concert["url"].endswith(f"/kalender/{public_world['concert'].pk}/")
    assert events["Verkstad: serieteckning"]["eventStatus"] == "https://schema.org/EventCancelled"
    exhibition = events["Utställning: unga konstnärer"]
    assert exhibition["startDate"] == public_world["exhibition"].date.isoformat()
    assert exhibition["endDate"] == public_world["exhibition"].end_date.isoformat()
    assert_nothing_internal(json.dumps(data, ensure_ascii=False))


@pytest.mark.django_db
def test_json_ld_cannot_close_its_script_element(client, public_world):
    public_world["concert"].public_text = "</script><script>alert(1)</script>"
    public_world["concert"].save()
    response = client.get(reverse("public:calendar"))
    html = response.content.decode()
    assert "</script><script>alert(1)" not in html
    concert = next(e for e in jsonld(response)["@graph"] if e["name"] == "Konsert i parken")
    assert concert["description"] == "</script><script>alert(1)</script>"


@pytest.mark.django_db
def test_filter_by_place_and_month(client, public_world):
    url = reverse("public:calendar")
    html = client.get(url, {"ort": "Malmköping"}).content.decode()
    assert "Utställning: unga konstnärer" in html
    assert "Konsert i parken" not in html
    done = public_world["done"]
    month = f"{done.date:%Y-%m}"
    html = client.get(url, {"manad": month}).content.decode()
    assert "Berättarkväll" in html  # a chosen month shows its past events too
    # An unknown place or month is a form error, not a 500, and shows nothing extra.
    response = client.get(url, {"ort": "Ingenstans", "manad": "1999-01"})
    assert response.status_code == 200
    assert_nothing_internal(response.content.decode())


@pytest.mark.django_db
def test_the_page_is_under_the_strict_csp(client, public_world):
    response = client.get(reverse("public:calendar"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    # The only inline <script> is the JSON-LD data block, which is never executed.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [' type="application/ld+json"']
    assert " style=" not in html and " onclick=" not in html


@pytest.mark.django_db
def test_open_data_page_describes_the_datasets(client, tree):
    response = client.get(reverse("public:open_data"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "CC0" in html
    for key in ("unit", "young_10_25", "youth_targeted", "participants"):
        assert f"<code>{key}</code>" in html
    assert "godkänd" in html
