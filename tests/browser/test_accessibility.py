"""Accessibility sweep: every demo role and anonymous visitors, every page they reach, each
page at 390 px (a phone) and at 1280 px (a desktop), with axe-core's WCAG 2.1 A/AA rules and
the project's own checks (tests/browser/a11y.py).

The pages come from the URLconf and the demo data (tests/browser/sweep_pages.py): the sweep
follows links from the start page and its seeds, and fails when a URL of the project was
loaded by no role and is not skipped with a reason. One browser, one context per role, and
each page is loaded once and checked at both widths (the viewport is resized in place).

All problems are collected first and reported together (role, width, page, problem), so that
one run shows everything that is wrong instead of the first thing.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from tests.browser.a11y import (
    CSP_RECORDER,
    axe_violations,
    low_contrast,
    markup_problems,
    page_problems,
    skip_link_problems,
)
from tests.browser.conftest import DEMO_PASSWORD, DEMO_USERS, screenshot
from tests.browser.sweep_pages import SKIP, project_url_names, public_seeds, seeds

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Full-page screenshots of every page chef and an anonymous visitor reach, for people to look
# at (tests/browser/artifacts/): PNG encoding of tall pages is much of the sweep, so only
# when asked for.
SCREENSHOTS = os.environ.get("SWEEP_SCREENSHOTS") == "1"


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


def _url_name(path: str) -> str | None:
    """The URL name of one of our pages; None for Django's admin (its markup is Django's)
    and for what the URLconf does not know."""
    if path.startswith("/admin/"):
        return None
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _links(page, origin: str) -> list[str]:
    """The page's links to this site, as path + query (no fragment)."""
    hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


class Sweep:
    """Crawls one role's pages in one browser context and collects every problem."""

    def __init__(self, browser, live_server, who: str):
        self.origin = live_server.url
        self.who = who
        self.problems: list[str] = []
        self.swept_names: set[str] = set()
        self.visited = 0
        self.context = browser.new_context(viewport=PHONE, locale="sv-SE")
        self.context.add_init_script(CSP_RECORDER)
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.console: list[str] = []
        sink = self.console
        self.page.on("console", lambda message: _console(message, sink))
        self.page.on("response", lambda response: _failed(response, sink))
        self.page.on("pageerror", lambda error: sink.append(f"pageerror: {error}"))

    def sign_in(self, username: str) -> None:
        self.page.goto(f"{self.origin}/konto/logga-in/")
        self.page.get_by_label("Användarnamn").fill(username)
        self.page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
        self.page.get_by_role("button", name="Logga in").click()
        self.page.wait_for_load_state()
        assert "/konto/logga-in/" not in self.page.url, f"{username} could not sign in"

    def crawl(self, start: list[str]) -> None:
        queue = list(dict.fromkeys(start))
        queued = set(queue)
        loaded_names: set[str] = set()
        while queue:
            path = queue.pop(0)
            name = _url_name(urlsplit(path).path)
            if name is None or name in SKIP:
                continue
            links = self.check(path, name)
            if links is None:
                continue
            loaded_names.add(name)
            for link in links:
                link_name = _url_name(urlsplit(link).path)
                if link in queued or link_name is None or link_name in SKIP:
                    continue
                if link_name in loaded_names or any(
                    _url_name(urlsplit(q).path) == link_name for q in queue
                ):
                    continue  # one page per URL name (the seeds add variants)
                queue.append(link)
                queued.add(link)

    def check(self, path: str, name: str) -> list[str] | None:
        """Load one page and check it at both widths; returns its links (None: not a page)."""
        page = self.page
        page.set_viewport_size(PHONE)
        try:
            response = page.goto(self.origin + path)
        except Exception as error:  # a download (PDF, Excel) is not a page
            if "Download is starting" in str(error):
                return None
            raise
        content_type = response.headers.get("content-type", "")
        if response.status in (403, 404) or (
            response.status == 200 and not content_type.startswith("text/html")
        ):
            self.console.clear()  # the browser logs the 403/404 response itself
            return None  # a page this role may not see; the permission tests own that
        self.visited += 1
        self.swept_names.add(name)
        found: list[str] = []
        label = f"{self.who} {path}"
        if response.status != 200:
            self.problems.append(f"{label}: HTTP {response.status}")
            return None
        phone_problems = page_problems(page)
        if self.who == "anonym":  # the main menu shows once signed in
            phone_problems = [p for p in phone_problems if p != "no <nav>"]
        found += [f"phone: {p}" for p in phone_problems]
        found += [f"{p}" for p in markup_problems(response.text())]
        found += [f"phone: {p}" for p in low_contrast(page)]
        found += [f"phone: {p}" for p in skip_link_problems(page)]
        if page.locator("details:not([open])").count():
            # What is folded away must hold up too once opened (labels, overflow, axe).
            page.locator("details:not([open]) > summary").evaluate_all(
                "summaries => summaries.forEach(s => s.parentElement.open = true)"
            )
            found += [f"phone (opened): {p}" for p in page_problems(page) if p != "no <nav>"]
        found += [f"phone: {p}" for p in axe_violations(page)]
        links = _links(page, self.origin)
        if SCREENSHOTS and self.who in {"chef", "anonym"}:
            shot = re.sub(r"[^a-z0-9]+", "-", path.strip("/")).strip("-") or "start"
            screenshot(page, f"a11y-phone-{self.who}-{shot}"[:120])
        page.set_viewport_size(DESKTOP)
        found += [
            f"desktop: {p}"
            for p in page_problems(page)
            if not (self.who == "anonym" and p == "no <nav>")
        ]
        found += [f"desktop: {p}" for p in low_contrast(page)]
        found += [f"desktop: {p}" for p in axe_violations(page)]
        found += self.console
        self.console.clear()
        self.problems += [f"{label}: {p}" for p in dict.fromkeys(found)]
        return links

    def close(self) -> None:
        self.context.close()


def test_accessibility_sweep_every_role_and_page(browser, live_server, demo):
    start = seeds()
    problems: list[str] = []
    swept: set[str] = set()
    visited = 0
    anonymous = Sweep(browser, live_server, "anonym")
    anonymous.crawl(public_seeds())
    sweeps = [anonymous]
    anonymous.close()
    for username in DEMO_USERS:
        sweep = Sweep(browser, live_server, username)
        sweep.sign_in(username)
        sweep.crawl(start)
        sweep.close()
        sweeps.append(sweep)
    for sweep in sweeps:
        problems += sweep.problems
        swept |= sweep.swept_names
        visited += sweep.visited
    assert {"login", "accessibility_statement"} <= anonymous.swept_names
    print(f"\nAccessibility sweep: {visited} pages checked, {len(problems)} problems")
    for problem in problems:
        print("  " + problem)
    unswept = sorted(set(project_url_names()) - swept - set(SKIP))
    assert unswept == [], (
        f"no role reached these URLs: {unswept}; link them in the demo, add a path to "
        "seeds() or a reason to SKIP in tests/browser/sweep_pages.py"
    )
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
    axe = "\n".join(axe_violations(phone))
    for rule in ["axe label ", "axe color-contrast "]:
        assert rule in axe, rule
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
