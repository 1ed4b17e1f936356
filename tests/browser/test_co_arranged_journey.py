"""The issue's journey in a real browser, on the demo data: Bibliotek logs the joint reading
festival with Kulturenheten as co-arranger; both units' VEPAQ and Flens kommun's show it
once; Kulturenheten's own attempt to log it again is told it already co-arranges it, and for
another of Bibliotek's events it is offered to join instead, and joins."""

from __future__ import annotations

import datetime

import pytest

from activities.models import Activity
from culture_plan.models import Unit
from followup.reports import vepaq_report
from tests.browser.a11y import page_problems
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

DAY = datetime.date(2026, 11, 14)
FESTIVAL = "Läsfestival för unga"
EVENING = "Författarkväll med Jenny"


def done_in_november(slug: str) -> int:
    report = vepaq_report(unit=Unit.objects.get(slug=slug), year=2026, month=11)
    return report["activities"]["month"]["done"]


def fill_activity(page, live_server, *, title: str, place: str) -> None:
    page.goto(f"{live_server.url}/aktiviteter/ny/")
    page.locator("#id_title").fill(title)
    page.locator("#id_date").fill(DAY.isoformat())
    page.locator("#id_place_name").fill(place)
    page.locator("#id_girls").fill("12")
    page.locator("#id_boys").fill("9")
    page.locator("#id_target_bands_1").check()  # Målgrupp 6–9: required, asked up front


def vepaq_text(page, live_server, slug: str) -> str:
    response = page.goto(f"{live_server.url}/uppfoljning/{slug}/vepaq/2026/11/")
    assert response.status == 200, slug
    return page.locator("main").inner_text()


def test_joint_reading_festival_counted_once(desktop, phone, live_server, demo, demo_login, watch):
    units = ["kulturenheten", "bibliotek", "flens-kommun"]
    before = {slug: done_in_november(slug) for slug in units}

    # Bibliotek's manager logs the festival on a phone, with Kulturenheten as co-arranger.
    page = phone
    errors = watch(page)
    demo_login(page, "chef-bibliotek")
    fill_activity(page, live_server, title=FESTIVAL, place="Flen")
    page.locator("details.more-fields summary", has_text="Fler uppgifter").click()
    page.get_by_role("group", name="Medarrangörer").get_by_label("Kulturenheten").check()
    screenshot(page, "co-arranged-form-390")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara", exact=True).click()
    assert "Aktiviteten är sparad." in page.locator(".messages").inner_text()
    summary = page.locator(".activity-summary").inner_text()
    assert "Medarrangörer" in summary and "Kulturenheten" in summary
    assert page_problems(page) == []
    assert errors.take() == []
    festival = Activity.objects.get(title=FESTIVAL)
    assert festival.unit.slug == "bibliotek"

    # Each unit's figures, and the municipality's, count it once.
    after = {slug: done_in_november(slug) for slug in units}
    assert after == {slug: count + 1 for slug, count in before.items()}
    page = desktop
    for username, slug in (
        ("chef", "kulturenheten"),
        ("chef-bibliotek", "bibliotek"),
        ("politiker", "flens-kommun"),
    ):
        demo_login(page, username)
        text = vepaq_text(page, live_server, slug)
        if slug == "flens-kommun":
            # The municipality's month lists one row per unit (the page stays small); the
            # festival is counted once in the figures above (done_in_november).
            assert FESTIVAL not in text and "Bibliotek" in text, slug
        else:
            assert text.count(FESTIVAL) == 1, slug
        screenshot(page, f"co-arranged-vepaq-{slug}")

    # Kulturenheten's plan marks it; its staff may read it but not change it.
    demo_login(page, "medarbetare")
    page.goto(f"{live_server.url}/aktiviteter/plan/kulturenheten/2026/")
    row = page.locator("tr", has_text=FESTIVAL)
    assert "Medarrangör" in row.inner_text()
    assert page.goto(f"{live_server.url}/aktiviteter/{festival.pk}/andra/").status == 403

    # Kulturenheten tries to log the same festival: it is told it already co-arranges it.
    fill_activity(page, live_server, title=FESTIVAL.lower(), place="flen")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara", exact=True).click()
    notice = page.locator("#duplicates").inner_text()
    assert "registrerad av Bibliotek" in notice
    assert "Kulturenheten är redan medarrangör" in notice
    assert Activity.objects.filter(title__iexact=FESTIVAL).count() == 1

    # Another event of Bibliotek's that day: Kulturenheten is offered to join, and joins.
    evening = Activity.objects.create(
        unit=festival.unit,
        title=EVENING,
        date=DAY,
        status="done",
        place=festival.place,
        girls=20,
        boys=10,
    )
    before = {slug: done_in_november(slug) for slug in units}
    fill_activity(page, live_server, title="Författarkväll med Jenny!", place="Flen")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara", exact=True).click()
    assert page.get_by_role("button", name="Spara ändå").count() == 1  # never refused
    screenshot(page, "co-arranged-duplicate-offer-1280")
    assert page_problems(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Lägg till oss som medarrangör").click()
    assert page.url.endswith(f"/aktiviteter/{evening.pk}/")
    assert "Kulturenheten är nu medarrangör" in page.locator(".messages").inner_text()
    assert Activity.objects.filter(title__icontains="Författarkväll").count() == 1
    after = {slug: done_in_november(slug) for slug in units}
    assert after == {
        "kulturenheten": before["kulturenheten"] + 1,
        "bibliotek": before["bibliotek"],
        "flens-kommun": before["flens-kommun"],
    }
