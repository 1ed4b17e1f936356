"""The governance pages in a real browser at phone and desktop width (issue 13): no
accessibility problems the project's checks find, nothing wider than the screen, no CSP
violations, and the comparison chart labelled for assistive technology."""

import pytest

from activities.models import Activity
from culture_plan.models import Indicator
from governance.models import Commitment
from tests.browser.a11y import low_contrast, markup_problems, page_problems
from tests.browser.conftest import ConsoleWatch, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def _paths() -> list[str]:
    commitment = Commitment.objects.get(unit__slug="kulturenheten", year=2024)
    indicator = Indicator.objects.get(kolada_kpi="N09801")
    top = commitment.framework_goal.ancestors()[0]
    activity = commitment.activities.order_by("date").first()
    assert isinstance(activity, Activity)
    return [
        "/styrning/",
        f"/styrning/styrdokument/{top.framework.slug}/",
        f"/styrning/mal/{top.pk}/",
        f"/styrning/ataganden/{commitment.pk}/",
        f"/styrning/ataganden/{commitment.pk}/andra/",
        f"/styrning/ataganden/{commitment.pk}/bedomning/?period=2",
        "/styrning/enheter/kulturenheten/ataganden/",
        "/styrning/enheter/kulturenheten/serviceerbjudanden/",
        f"/styrning/indikatorer/{indicator.pk}/jamforelse/",
        f"/indikatorer/{indicator.pk}/",
        f"/aktiviteter/{activity.pk}/",
    ]


def test_governance_pages_hold_up_for_chef_and_politiker(
    phone, desktop, live_server, demo, demo_login
):
    paths = _paths()
    problems = []
    for page, width in ((phone, "phone"), (desktop, "desktop")):
        watch = ConsoleWatch(page)
        for username in ("chef", "politiker"):
            demo_login(page, username)
            for path in paths:
                response = page.goto(live_server.url + path)
                label = f"{username} {width} {path}"
                if username == "politiker" and (
                    "andra" in path or "bedomning" in path or "jamforelse" in path
                ):
                    assert response.status == 403, label
                    watch.take()
                    continue
                assert response.status == 200, label
                problems += [f"{label}: {p}" for p in page_problems(page)]
                problems += [f"{label}: {p}" for p in markup_problems(response.text())]
                problems += [f"{label}: {p}" for p in low_contrast(page)]
                problems += [f"{label}: {p}" for p in watch.take()]
                if username == "chef":
                    name = path.strip("/").replace("/", "-").replace("?", "-")
                    screenshot(page, f"governance-{width}-{name}"[:120])
    assert problems == []
    chart = desktop.locator("svg[role=img]").first
    desktop.goto(live_server.url + paths[9])
    assert chart.get_attribute("aria-labelledby")
    assert "Liknande kommuner" in desktop.locator("svg[role=img] title").first.text_content()
