"""The main menu names every module a role may use (issue 24): Internkontroll for managers
and politicians too, one click from every page; the politician's start page links the latest
adopted internal control report beside the published reports."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

MODULES = ["Start", "Kulturplan", "Indikatorer", "Aktiviteter", "Uppföljning", "Styrning"]


def test_every_module_is_in_the_main_menu(desktop, phone, live_server, demo, demo_login):
    for page in (desktop, phone):
        for username in ["chef", "politiker", "medarbetare"]:
            demo_login(page, username)
            menu = page.get_by_role("navigation", name="Huvudmeny")
            for name in [*MODULES, "Internkontroll"]:
                assert menu.get_by_role("link", name=name, exact=True).count() == 1, (
                    username,
                    name,
                )
        screenshot(page, f"issue24-menu-{page.viewport_size['width']}")
    page = desktop
    demo_login(page, "chef")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Internkontroll"
    ).click()
    page.wait_for_url("**/internkontroll/")
    main = page.locator("main")
    assert main.get_by_role("heading", name="Internkontroll", level=1).count() == 1
    assert main.get_by_role("link", name="Kulturenheten", exact=True).count() == 1
    assert main.get_by_role("link", name="Internkontrollplan 2024", exact=False).count() >= 1
    screenshot(page, "issue24-internkontroll-index")
    # The politician reaches the internal control report from the start page.
    demo_login(page, "politiker")
    link = page.locator("main").get_by_role("link", name="Internkontroll 2024 – Kulturenheten")
    link.first.click()
    page.wait_for_url("**/internkontroll/enheter/kulturenheten/rapport/2024/")
    screenshot(page, "issue24-politician-internal-control")
