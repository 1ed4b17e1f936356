"""The log form on a 390 px phone (issue 24): a done activity is logged in at most three
screens, the goals of the chosen area only, with short labels."""

from __future__ import annotations

import re

import pytest

from activities.models import Activity
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

MAX_SCREENS = 3


def test_a_done_activity_fits_in_three_phone_screens(phone, live_server, demo, demo_login):
    page = phone
    demo_login(page, "medarbetare")
    page.goto(f"{live_server.url}/aktiviteter/ny/")
    page.locator("#id_title").fill("Bokprat på Sparreholms skola")
    page.locator("#id_date").fill("2026-11-18")
    page.get_by_label("Genomförd", exact=True).click()
    page.locator("#id_target_bands_2").check()  # 10–12
    page.locator("#id_priority_area").select_option(
        label="1. Främja kultur av och med barn och unga"
    )
    goal = page.locator("#goal-choices").get_by_label(re.compile(r"^\s*1\.2 "))
    goal.wait_for()
    page.wait_for_load_state("networkidle")
    goal.check()
    # Only the chosen area's goals are open; the others wait behind one control.
    chosen = page.locator("#goal-choices > .goal-group input[name=goals]")
    assert chosen.count() == 4
    assert not page.locator(".goal-others").evaluate("element => element.open")
    label = goal.locator("xpath=..").inner_text()
    assert len(label) <= 45, label
    page.get_by_label("Kultur", exact=True).click()
    page.get_by_label("Egen regi", exact=True).click()
    page.locator("#id_place_name").fill("Sparreholm")
    page.locator("#id_girls").fill("12")
    page.locator("#id_boys").fill("10")
    page.locator("#id_age_10_12").fill("22")

    viewport = page.viewport_size["height"]
    height = page.evaluate("document.documentElement.scrollHeight")
    save = page.get_by_role("button", name="Spara").bounding_box()
    to_save = (save["y"] + save["height"] + page.evaluate("window.scrollY")) / viewport
    print(
        f"\nLog form at 390 px: page {height} px = {height / viewport:.2f} screens "
        f"(viewport {viewport} px); the Spara button ends at {to_save:.2f} screens"
    )
    screenshot(page, "issue24-log-form-phone")
    assert height / viewport <= MAX_SCREENS
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    activity = Activity.objects.get(title="Bokprat på Sparreholms skola")
    assert activity.status == "done" and activity.participants_total == 22
    assert [g.code for g in activity.goals.all()] == ["1.2"]
