"""Browser tests: Debian's chromium driven by Playwright, headless, against live_server.

Never downloads a browser: the executable is /usr/bin/chromium (`apt-get install chromium`).
"""

import os
from pathlib import Path

import pytest

from tests.browser.a11y import CSP_RECORDER

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def browser():
    """One chromium per test module.

    Playwright's sync API runs an event loop in this thread; the ORM calls of fixtures and
    test bodies are still synchronous and safe, so Django is told so while the browser runs,
    and only then (the rest of the suite keeps Django's guard).
    """
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    # Playwright is loaded only when chromium is there to drive.
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield from _launch(sync_playwright)
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _launch(sync_playwright):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A 390 px wide phone-sized page."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE")
    context.add_init_script(CSP_RECORDER)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    context.add_init_script(CSP_RECORDER)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(live_server):
    """Sign in through the real login form."""

    def do_login(page, username, password="losenord-123"):
        page.goto(f"{live_server.url}/konto/logga-in/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_load_state("networkidle")

    return do_login


def screenshot(page, name):
    """A full-page screenshot for people to look at. Chromium's full-page capture of a very
    tall page leaves clicks below the first screen going nowhere (seen on the 7 000 px VEPAQ
    page: the next click sent no request), so the viewport is changed and set back after it."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    size = page.viewport_size
    if size:
        page.set_viewport_size({"width": size["width"], "height": size["height"] + 1})
        page.set_viewport_size(size)


DEMO_PASSWORD = "kulturplan-demo"
DEMO_USERS = ["admin", "chef", "medarbetare", "politiker", "chef-bibliotek"]


@pytest.fixture
def demo_login(login):
    """Sign in as a demo user (signing out first if someone is signed in)."""

    def do_login(page, username):
        page.context.clear_cookies()
        login(page, username, DEMO_PASSWORD)
        assert "/konto/logga-in/" not in page.url, f"{username} could not sign in"

    return do_login


class ConsoleWatch:
    """Collects console errors, page errors and CSP violations of one page (context)."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))

    def _console(self, message):
        if message.type == "error" or "Content Security Policy" in message.text:
            self.errors.append(f"console {message.type}: {message.text}")

    def take(self) -> list[str]:
        errors, self.errors = self.errors, []
        return errors


@pytest.fixture
def watch():
    """watch(page) starts collecting console errors and CSP violations of that page."""
    return ConsoleWatch
