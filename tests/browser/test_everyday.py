"""Everyday use on a 390 px phone: tables readable (cards or a labelled scroll region with a
visible hint), chart labels at 12 px or more, the plan page compact, Målgrupp up front, the
accessibility statement one click from the login page. Screenshots in test-artifacts/."""

from __future__ import annotations

import pytest

from culture_plan.models import Plan
from tests.browser.a11y import axe_violations
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_phone_pages_of_everyday_use(phone, live_server, demo, demo_login):
    page = phone
    # Anonymous: the statement is one click from the login page.
    page.goto(f"{live_server.url}/konto/logga-in/")
    with page.expect_navigation():
        page.get_by_role("link", name="Så tillgänglig är Kulturplan").click()
    assert page.url.endswith("/tillganglighet/")
    text = page.locator("main").inner_text()
    for words in [
        "delvis förenlig",
        "Innehåll som inte är tillgängligt",
        "Digg",
        "Senaste bedömning",
    ]:
        assert words in text, words
    assert axe_violations(page) == []
    screenshot(page, "everyday-phone-statement")

    demo_login(page, "medarbetare")
    assert page.get_by_role("link", name="Ny aktivitet").count() == 1
    screenshot(page, "everyday-phone-home-medarbetare")

    # The activity list: one card per activity, every value named, nothing cut off.
    page.goto(f"{live_server.url}/aktiviteter/?year=2024")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 391, width
    first = page.locator(".activity-table tbody tr").first
    labels = first.locator("td").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    assert labels[:4] == ['"Datum"', '"Titel"', '"Enhet"', '"Status"'], labels
    assert first.locator("td").nth(6).is_visible()  # Deltagare in view
    screenshot(page, "everyday-phone-activity-list")

    # The activity form: Målgrupp before the folded part, "Alla åldrar" first.
    page.goto(f"{live_server.url}/aktiviteter/ny/")
    target = page.locator("fieldset:has(legend:text('Målgrupp'))")
    assert target.is_visible()
    assert page.get_by_label("Alla åldrar").is_visible()
    screenshot(page, "everyday-phone-activity-form")

    demo_login(page, "chef")
    # A wide table: a focusable, labelled region whose hint shows.
    page.goto(f"{live_server.url}/uppfoljning/kulturenheten/vepaq/2026/11/")
    region = page.locator(".table-wrap[role=region]").first
    assert region.get_attribute("tabindex") == "0"
    label_id = region.get_attribute("aria-labelledby")
    assert page.locator(f"#{label_id}").inner_text().startswith("Aktiviteter och deltagare")
    assert "is-scrollable" in region.get_attribute("class")
    hint = region.evaluate("r => getComputedStyle(r, '::before').content")
    assert "svep i sidled" in hint
    region.focus()
    page.keyboard.press("ArrowRight")
    # Chromium scrolls smoothly: the arrow key's scroll ends some frames later.
    region.evaluate(
        """r => new Promise((done, fail) => {
             const until = performance.now() + 5000;
             (function look() {
               if (r.scrollLeft > 0) done();
               else if (performance.now() > until) fail(new Error('not scrolled'));
               else requestAnimationFrame(look);
             })(); })"""
    )
    assert region.evaluate("r => r.scrollLeft") > 0
    screenshot(page, "everyday-phone-vepaq-month")

    # Charts: every label at 12 px or more as drawn on the phone.
    page.goto(f"{live_server.url}/uppfoljning/kulturenheten/diagram/2024/")
    sizes = page.locator(".chart svg text").evaluate_all(
        """texts => texts.map(t => {
             const svg = t.ownerSVGElement;
             const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
             const size = parseFloat(t.getAttribute('font-size')
                          || svg.getAttribute('font-size'));
             return size * scale; })"""
    )
    assert sizes and min(sizes) >= 12, min(sizes)
    screenshot(page, "everyday-phone-charts")

    for path, name in [
        ("/uppfoljning/kulturenheten/vepaq/2026/", "vepaq-year"),
        ("/indikatorer/", "indicators"),
        ("/aktiviteter/plan/kulturenheten/2024/", "activity-plan"),
        ("/uppfoljning/kulturenheten/unga/2026/", "youth"),
        ("/enheter/kulturenheten/", "unit"),
        ("/", "home-chef"),
    ]:
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 391, path
        screenshot(page, f"everyday-phone-{name}")
    plan = Plan.objects.get(unit__slug="flens-kommun", start_year=2022)
    page.goto(f"{live_server.url}/aktiviteter/plan/kulturenheten/2024/")
    page.goto(f"{live_server.url}/uppfoljning/kulturenheten/matris/{plan.pk}/")
    screenshot(page, "everyday-phone-matrix")
    page.goto(f"{live_server.url}/planer/{plan.pk}/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6000, height  # was 9 082 px with the repeated framework sentence
    screenshot(page, "everyday-phone-plan")
