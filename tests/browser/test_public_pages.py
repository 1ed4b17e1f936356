"""The public pages as a visitor sees them: /kalender/ on a 390 px phone and a desktop, the
open data page, and the API's Swagger docs under the strict CSP, with no console errors."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from activities.models import Status
from tests.browser.a11y import low_contrast, markup_problems, page_problems
from tests.browser.conftest import screenshot
from tests.factories import ActivityFactory, PlaceFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def calendar_data(tree):
    culture = tree["culture"]
    flen = PlaceFactory(unit=culture, name="Flen")
    bettna = PlaceFactory(unit=culture, name="Bettna")
    today = timezone.localdate()
    for days, title, place, status, extra in [
        (3, "Julkonsert med kulturskolans orkester och kör", flen, Status.PLANNED,
         {"start_time": datetime.time(18, 30), "end_time": datetime.time(20, 0),
          "public_place": "Flens kyrka, Kyrkogatan 2"}),
        (5, "Allsångskväll", bettna, Status.PLANNED, {"start_time": datetime.time(19, 0)}),
        (8, "Verkstad: serieteckning för unga 13–19 år", flen, Status.CANCELLED,
         {"start_time": datetime.time(13, 0)}),
        (40, "Utställning: unga konstnärer", flen, Status.PLANNED,
         {"end_date": today + datetime.timedelta(days=45)}),
    ]:  # fmt: skip
        ActivityFactory(
            unit=culture,
            title=title,
            date=today + datetime.timedelta(days=days),
            status=status,
            place=place,
            is_public=True,
            public_text="Fri entré. Välkomna!",
            **extra,
        )
    ActivityFactory(unit=culture, title="Intern planering", date=today, status=Status.PLANNED)


def _watch(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    return errors


def _visitor_problems(page, response) -> list[str]:
    problems = [p for p in page_problems(page) if p != "no <nav>"]  # no menu when signed out
    problems += markup_problems(response.text())
    problems += low_contrast(page)
    problems += [f"CSP: {v}" for v in page.evaluate("window.__cspViolations")]
    return problems


def test_the_calendar_on_a_phone(phone, live_server, calendar_data):
    errors = _watch(phone)
    response = phone.goto(f"{live_server.url}/kalender/")
    assert response.status == 200
    assert _visitor_problems(phone, response) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.locator("article.event").count() == 4
    assert phone.get_by_text("Intern planering").count() == 0
    data = json.loads(phone.locator('script[type="application/ld+json"]').text_content() or "{}")
    assert len(data["@graph"]) == 4
    screenshot(phone, "public-calendar-phone")
    # Filter by place with the form, as a visitor would.
    phone.get_by_label("Ort").select_option("Bettna")
    phone.get_by_role("button", name="Visa").click()
    phone.wait_for_load_state()
    assert "ort=Bettna" in phone.url
    assert phone.locator("article.event").count() == 1
    assert phone.locator("article.event h3").text_content().strip() == "Allsångskväll"
    assert errors == []


def test_the_calendar_and_open_data_on_a_desktop(desktop, live_server, calendar_data):
    errors = _watch(desktop)
    for path, name in (("/kalender/", "public-calendar-desktop"), ("/oppna-data/", "open-data")):
        response = desktop.goto(live_server.url + path)
        assert response.status == 200
        assert _visitor_problems(desktop, response) == [], path
        screenshot(desktop, name)
    assert errors == []


def test_the_open_data_page_on_a_phone(phone, live_server, tree):
    response = phone.goto(f"{live_server.url}/oppna-data/")
    assert _visitor_problems(phone, response) == []
    screenshot(phone, "open-data-phone")


def test_the_api_docs_work_under_the_csp(desktop, live_server, tree):
    errors = _watch(desktop)
    failed: list[str] = []
    desktop.on("requestfailed", lambda r: failed.append(r.url))
    desktop.on(
        "request",
        lambda r: (
            failed.append(f"outside: {r.url}")
            if not r.url.startswith(live_server.url) and not r.url.startswith("data:")
            else None
        ),
    )
    desktop.goto(f"{live_server.url}/api/v1/docs/")
    desktop.locator(".opblock").first.wait_for()
    assert desktop.locator(".opblock").count() >= 4
    assert desktop.evaluate("window.__cspViolations") == []
    assert errors == [] and failed == []
    screenshot(desktop, "api-docs")
