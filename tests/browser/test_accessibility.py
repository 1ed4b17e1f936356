"""Accessibility sweep: every demo role, every main page from the nav and the journeys' pages,
on a 390 px phone and a 1280 px desktop.

All problems are collected first and reported together (page, viewport, problem), so that one
run shows everything that is wrong instead of the first thing.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.a11y import (
    CSP_RECORDER,
    low_contrast,
    markup_problems,
    page_problems,
    skip_link_problems,
)
from tests.browser.conftest import DEMO_PASSWORD, DEMO_USERS, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def _extra_paths() -> list[str]:
    """The pages of the journeys besides the nav's: plan, goal, year plan, unit, indicator,
    activity pages, Excel pages and the follow-up pages."""
    from activities.models import Activity
    from culture_plan.models import Goal, Indicator, Plan, YearPlan

    plan = Plan.objects.get(unit__slug="flens-kommun", start_year=2022)
    goal = Goal.objects.get(plan=plan, code="1.2")
    year_plan = YearPlan.objects.get(unit__slug="kulturenheten", year=2024)
    indicator = Indicator.objects.filter(unit__slug="kulturenheten").order_by("pk").first()
    activity = (
        Activity.objects.filter(unit__slug="kulturenheten", status="done", date__year=2024)
        .order_by("date")
        .first()
    )
    paths = [
        f"/planer/{plan.pk}/",
        f"/mal/{goal.pk}/andra/",
        f"/verksamhetsplaner/{year_plan.pk}/",
        "/enheter/kulturenheten/",
        f"/aktiviteter/{activity.pk}/",
        f"/aktiviteter/{activity.pk}/andra/",
        "/aktiviteter/ny/",
        "/aktiviteter/serie/",
        "/aktiviteter/?q=lov&status=done&year=2024",
        "/aktiviteter/plan/kulturenheten/2024/",
        "/aktiviteter/excel/",
        "/aktiviteter/excel/kulturenheten/",
        "/aktiviteter/excel/kulturenheten/import/",
        "/uppfoljning/kulturenheten/vepaq/2026/",
        "/uppfoljning/kulturenheten/vepaq/2026/3/",
        "/uppfoljning/kulturenheten/vepaq/2026/11/",
        "/uppfoljning/kulturenheten/unga/2024/",
        f"/uppfoljning/kulturenheten/matris/{plan.pk}/",
        "/uppfoljning/kulturenheten/diagram/2024/",
        "/konto/byt-losenord/",
    ]
    if indicator is not None:
        paths.append(f"/indikatorer/{indicator.pk}/")
    return paths


def _nav_paths(page) -> list[str]:
    hrefs = page.locator("header nav a").evaluate_all("links => links.map(a => a.href)")
    return [urlsplit(href).path for href in hrefs]


def _console(message, sink: list[str]) -> None:
    # A failed load is reported by _failed, with its address.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        sink.append(f"console error: {message.text}")


def _failed(response, sink: list[str]) -> None:
    """A sub-resource (CSS, script, image, htmx request) that fails is a problem of the page.
    /favicon.ico is asked for only by Django's plain 403/404 pages, which do not extend
    base.html (with its icon link); this sweep skips those pages, so it ignores that."""
    request = response.request
    if (
        response.status >= 400
        and request.resource_type != "document"
        and urlsplit(response.url).path != "/favicon.ico"
    ):
        sink.append(f"HTTP {response.status} for {request.resource_type} {response.url}")


def test_accessibility_sweep_every_role_and_page(browser, live_server, demo):
    extra = _extra_paths()
    problems: list[str] = []
    visited = 0
    for username in DEMO_USERS:
        for viewport_name, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport, locale="sv-SE")
            context.add_init_script(CSP_RECORDER)
            context.set_default_timeout(10_000)
            page = context.new_page()
            console: list[str] = []
            page.on("console", lambda message, sink=console: _console(message, sink))
            page.on("response", lambda response, sink=console: _failed(response, sink))
            page.on("pageerror", lambda error, sink=console: sink.append(f"pageerror: {error}"))

            # The login page itself, then sign in.
            page.goto(f"{live_server.url}/konto/logga-in/")
            found = [
                f"{viewport_name} login page: {p}"
                for p in page_problems(page)
                if p != "no <nav>"  # the main menu shows once signed in
            ]
            page.get_by_label("Användarnamn").fill(username)
            page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Logga in").click()
            page.wait_for_load_state()
            # Django's admin is not ours: its markup is checked by Django.
            paths = [path for path in _nav_paths(page) if not path.startswith("/admin/")]
            for path in dict.fromkeys(paths + extra):
                response = page.goto(live_server.url + path)
                if response.status in (403, 404):
                    console.clear()  # the browser logs the 403/404 response itself
                    continue  # a page this role may not see; the permission tests own that
                visited += 1
                label = f"{username} {viewport_name} {path}"
                if response.status != 200:
                    found.append(f"{label}: HTTP {response.status}")
                    continue
                found += [f"{label}: {p}" for p in page_problems(page)]
                found += [f"{label}: {p}" for p in markup_problems(response.text())]
                if page.locator("details:not([open])").count():
                    # What is folded away must hold up too once opened (labels, overflow).
                    page.locator("details:not([open]) > summary").evaluate_all(
                        "summaries => summaries.forEach(s => s.parentElement.open = true)"
                    )
                    found += [f"{label} (opened): {p}" for p in page_problems(page)]
                found += [f"{label}: {p}" for p in low_contrast(page)]
                found += [f"{label}: {p}" for p in skip_link_problems(page)]
                found += [f"{label}: {p}" for p in console]
                console.clear()
                if username == "chef":
                    name = re.sub(r"[^a-z0-9]+", "-", path.strip("/")).strip("-") or "start"
                    screenshot(page, f"a11y-{viewport_name}-{name}"[:120])
            problems += found
            context.close()
    print(f"\nAccessibility sweep: {visited} pages checked, {len(problems)} problems")
    for problem in problems:
        print("  " + problem)
    assert visited > 100
    assert problems == []


BAD_PAGE = """<!DOCTYPE html><html lang="sv"><head><title>x</title></head><body>
<h1>Ett</h1><h1>Två</h1><h4>Fyra</h4>
<div class="wide"></div>
<input id="nolabel" name="q">
<label for="ok">Bra</label><input id="ok" name="ok">
<table><tr><td>1</td></tr></table>
<p style="color: #bbb">Ljusgrå text</p>
<svg><rect width="10" height="10"/></svg>
<button id="b" aria-describedby="missing">B</button>
</body></html>"""


def test_the_checks_find_what_they_look_for(phone):
    """The sweep's checks are not vacuous: a page with the faults they look for fails them."""
    phone.set_content(BAD_PAGE)
    phone.add_style_tag(content=".wide { width: 600px; height: 1px; }")
    problems = "\n".join(page_problems(phone))
    for expected in [
        "2 <h1> elements",
        "heading level skipped: h1 then h4",
        "no single <main>",
        "no <header>",
        "no <nav>",
        "form control without label: input#nolabel",
        "table without caption",
        "style attribute on p",
        "svg without role",
        'aria-describedby="missing"',
        "horizontal overflow",
    ]:
        assert expected in problems, expected
    assert "form control without label: input#ok" not in problems
    assert "target smaller than 24 px (25x21): button#b" in problems
    assert skip_link_problems(phone)  # no skip link at all
    assert len(markup_problems(BAD_PAGE.replace("<h1>Två", '<h1 onclick="x()">Två'))) == 2
    phone.set_content('<main><p class="light">Ljusgrå text</p></main>')
    phone.add_style_tag(content=".light { color: #aaa; }")
    assert any("main p" in item for item in low_contrast(phone))
