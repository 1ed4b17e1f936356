"""Journeys through the app in a real browser, on the demo data, as its users would go.

Each test is one long journey (a few steps each), to keep the browser suite short.
"""

from __future__ import annotations

import datetime
import re
import time

import pytest
from openpyxl import Workbook, load_workbook

from activities.models import Activity
from culture_plan.models import Goal, Plan, Unit, YearPlan
from followup.models import MonthlyReport
from tests.browser.a11y import page_problems
from tests.browser.conftest import DEMO_USERS, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

LOCK_MESSAGE = "och månaden är låst. En chef för Kulturenheten"


def _one_h1_main_nav(page) -> None:
    assert page.locator("h1").count() == 1
    assert page.locator("main#main").count() == 1
    assert page.locator("header nav[aria-label]").count() == 1


def test_foundation_sign_in_edit_goal_and_permissions(desktop, live_server, demo, demo_login):
    page = desktop
    # Every demo user signs in and lands on the start page.
    for username in DEMO_USERS:
        demo_login(page, username)
        assert page.url.rstrip("/") == live_server.url, username
        _one_h1_main_nav(page)
        screenshot(page, f"j1-home-{username}")

    # chef edits goal 1.2 of the Flen plan and sees it on the plan page.
    plan = Plan.objects.get(unit__slug="flens-kommun", start_year=2022)
    goal = Goal.objects.get(plan=plan, code="1.2")
    demo_login(page, "chef")
    page.goto(f"{live_server.url}/planer/{plan.pk}/")
    _one_h1_main_nav(page)
    page.get_by_role("link", name="Ändra mål 1.2").click()
    assert page.url.endswith(f"/mal/{goal.pk}/andra/")
    new_text = goal.text + " Särskilt på landsbygden."
    page.locator("#id_text").fill(new_text)
    screenshot(page, "j1-goal-edit-chef")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    assert f"/planer/{plan.pk}/" in page.url
    assert "Särskilt på landsbygden." in page.locator("main").inner_text()
    assert "Inriktningsmål 1.2 är sparat." in page.locator(".messages").inner_text()
    goal.refresh_from_db()
    assert goal.text == new_text

    # politiker reads the plan but sees no edit links, and an edit URL answers 403.
    demo_login(page, "politiker")
    page.goto(f"{live_server.url}/planer/{plan.pk}/")
    assert page.locator("h1").count() == 1
    assert page.get_by_role("link", name=re.compile(r"^Ändra")).count() == 0
    response = page.goto(f"{live_server.url}/mal/{goal.pk}/andra/")
    assert response.status == 403
    screenshot(page, "j1-goal-edit-politiker-403")

    # chef-bibliotek cannot see Kulturenheten's draft year plan: 404.
    culture = Unit.objects.get(slug="kulturenheten")
    draft, _ = YearPlan.objects.update_or_create(
        unit=culture, year=2025, defaults={"plan": plan, "status": Plan.Status.DRAFT}
    )
    demo_login(page, "chef")
    assert page.goto(f"{live_server.url}/verksamhetsplaner/{draft.pk}/").status == 200
    demo_login(page, "chef-bibliotek")
    assert page.goto(f"{live_server.url}/verksamhetsplaner/{draft.pk}/").status == 404


def _htmx_settled(page):
    """No htmx request in flight (htmx marks the element that sent one with .htmx-request)."""
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    page.wait_for_load_state("networkidle")


class Counter:
    """Counts what a person does in a form: each fill, click, check or choice."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def fill(self, selector, value):
        self.count += 1
        self.page.locator(selector).fill(value)

    def click(self, locator):
        self.count += 1
        locator.click()

    def select(self, selector, label):
        self.count += 1
        self.page.locator(selector).select_option(label=label)


def test_log_a_done_activity_on_a_phone(phone, live_server, demo, demo_login):
    page = phone
    demo_login(page, "medarbetare")
    # A phone network: every request takes 200 ms more (Chromium's network emulation).
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    slow = {"offline": False, "latency": 200, "downloadThroughput": -1, "uploadThroughput": -1}
    cdp.send("Network.emulateNetworkConditions", slow)
    started = time.monotonic()
    page.goto(f"{live_server.url}/aktiviteter/")
    form = Counter(page)
    form.click(page.get_by_role("link", name="Ny aktivitet", exact=True))
    page.wait_for_url("**/aktiviteter/ny/")
    _one_h1_main_nav(page)
    form.fill("#id_title", "Serieteckningsläger i Sparreholm")
    form.fill("#id_date", "2026-11-18")
    form.click(page.get_by_label("Genomförd", exact=True))
    form.select("#id_priority_area", "1. Främja kultur av och med barn och unga")
    # htmx reloads the goals of the chosen area (and of the date); the goal boxes are
    # disabled meanwhile, so a tick cannot be lost to the reload: pick goal 1.2 right away.
    goal_box = page.locator("#goal-choices").get_by_label(re.compile(r"^\s*1\.2 "))
    goal_box.wait_for()
    page.wait_for_load_state("networkidle")
    form.click(goal_box)
    form.click(page.get_by_label("Konst", exact=True))
    form.click(page.get_by_label("Extern samverkan", exact=True))
    # Målgrupp is asked up front and required (the youth share depends on it).
    form.click(page.locator("#id_target_bands_3"))  # 13–15
    form.click(page.locator("#id_target_bands_4"))  # 16–19
    form.fill("#id_place_name", "Sparreholms bygdegård")
    form.fill("#id_girls", "9")
    form.fill("#id_boys", "6")
    form.fill("#id_age_13_15", "8")
    form.fill("#id_age_16_19", "5")
    screenshot(page, "j2-activity-form-phone")
    form.click(page.get_by_role("button", name="Spara"))
    page.wait_for_url(re.compile(r"/aktiviteter/\d+/$"))
    seconds = time.monotonic() - started
    print(
        f"\nLogging a done activity on a phone (+200 ms per request): "
        f"{form.count} form interactions, {seconds:.1f} s"
    )
    cdp.send("Network.emulateNetworkConditions", {**slow, "latency": 0})

    activity = Activity.objects.get(title="Serieteckningsläger i Sparreholm")
    assert page.url.endswith(f"/aktiviteter/{activity.pk}/")
    main = page.locator("main").inner_text()
    for text in ["Serieteckningsläger i Sparreholm", "Genomförd", "Sparreholms bygdegård"]:
        assert text in main
    assert "Extern samverkan" in main and "Konst" in main
    assert activity.status == "done" and activity.participants_total == 15
    assert (activity.age_13_15, activity.age_16_19) == (8, 5)
    assert activity.target_bands == ["13-15", "16-19"]
    assert [goal.code for goal in activity.goals.all()] == ["1.2"]
    assert activity.place.name == "Sparreholms bygdegård"
    screenshot(page, "j2-activity-detail-phone")

    # The list's filters find it: free text + status + year.
    page.goto(f"{live_server.url}/aktiviteter/")
    page.get_by_label("Fritext").fill("serieteckningsläger")
    page.locator("#id_status").select_option(label="Genomförd")
    page.get_by_label("År", exact=True).last.fill("2026")
    with page.expect_navigation():
        page.locator("form.filters").get_by_role("button", name="Filtrera").click()
    table = page.locator("table.activity-table")
    assert table.get_by_role("link", name="Serieteckningsläger i Sparreholm").count() == 1
    assert page.locator("#total-done").inner_text() == "1"
    page.locator("#id_status").select_option(label="Planerad")
    with page.expect_navigation():
        page.locator("form.filters").get_by_role("button", name="Filtrera").click()
    assert table.get_by_role("link", name="Serieteckningsläger i Sparreholm").count() == 0
    screenshot(page, "j2-activity-list-filtered-phone")

    # An error keeps every typed value and links the summary to the field.
    page.goto(f"{live_server.url}/aktiviteter/ny/")
    page.locator("#id_title").fill("Läsecirkel på biblioteket")
    page.locator("#id_date").fill("2026-11-19")
    page.get_by_label("Genomförd", exact=True).click()
    page.locator("#id_priority_area").select_option(
        label="1. Främja kultur av och med barn och unga"
    )
    _htmx_settled(page)
    page.locator("#goal-choices").get_by_label(re.compile(r"^\s*1\.1 ")).check()
    page.get_by_label("Dialog", exact=True).click()
    page.get_by_label("Egen regi", exact=True).click()
    page.locator("#id_place_name").fill("Flen")
    page.locator("#id_girls").fill("3")
    page.locator("#id_boys").fill("2")
    page.locator("#id_age_10_12").fill("4")
    page.locator("#id_age_13_15").fill("4")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    assert Activity.objects.filter(title="Läsecirkel på biblioteket").count() == 0
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    # The summary takes the focus, so that a screen reader reads it first.
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    link = summary.get_by_role(
        "link", name=re.compile("Åldrarna summerar till 8, deltagarna till 5")
    )
    assert link.get_attribute("href") == "#id_age_0_5"
    assert page.locator("#id_age_10_12").get_attribute("aria-invalid") == "true"
    assert page.locator("#age-bands-error").count() == 1
    assert page.locator("#id_title").input_value() == "Läsecirkel på biblioteket"
    assert page.locator("#id_date").input_value() == "2026-11-19"
    assert page.get_by_label("Genomförd", exact=True).is_checked()
    assert page.get_by_label("Dialog", exact=True).is_checked()
    assert page.get_by_label("Egen regi", exact=True).is_checked()
    assert page.locator("#goal-choices").get_by_label(re.compile(r"^\s*1\.1 ")).is_checked()
    assert page.locator("#id_priority_area option:checked").inner_text().startswith("1.")
    assert page.locator("#id_place_name").input_value() == "Flen"
    values = [page.locator(f"#id_{name}").input_value() for name in ["girls", "boys"]]
    assert values == ["3", "2"]
    assert page.locator("#id_age_10_12").input_value() == "4"
    assert page.locator("#id_age_13_15").input_value() == "4"
    link.click()
    assert page.evaluate("() => document.activeElement.id") == "id_age_0_5"
    assert page_problems(page) == []
    screenshot(page, "j2-activity-form-error-phone")


EXPECTED_HEADERS = [
    "Datum",
    "Titel",
    "Status",
    "Prioriterat område",
    "Inriktningsmål",
    "Typ",
    "Samverkan",
    "Samverkansparter",
    "Ort",
    "Lov",
    "Kulturområde",
    "Målgrupp",
    "Flickor",
    "Pojkar",
    "Annat/ej angivet",
    "0-5",
    "6-9",
    "10-12",
    "13-15",
    "16-19",
    "20-25",
    "26-64",
    "65+",
    "Kostnad (kr)",
    "Enkätsvar",
    "Medelbetyg",
    "Beskrivning",
]


def _workbook(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(EXPECTED_HEADERS)
    for row in rows:
        sheet.append([row.get(header) for header in EXPECTED_HEADERS])
    return workbook


def _check_on_a_phone(page, name):
    """The same page at 390 px: no overflow, labels, captions (page_problems)."""
    page.set_viewport_size({"width": 390, "height": 844})
    assert page_problems(page) == []
    screenshot(page, name)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_excel_export_and_import_in_the_browser(desktop, live_server, demo, demo_login, tmp_path):
    page = desktop
    demo_login(page, "chef")
    page.goto(f"{live_server.url}/aktiviteter/excel/")
    page.get_by_role("link", name="Kulturenheten", exact=True).click()
    page.wait_for_url("**/excel/kulturenheten/")
    screenshot(page, "j3-excel-unit")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Aktiviteter 2024")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    sheet = load_workbook(path, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    # The contract's 27 columns first, then Medarrangörer (co-arranged activities), Unika
    # deltagare and the public calendar's optional columns; files without them still import.
    assert list(rows[0][:27]) == EXPECTED_HEADERS
    assert [h for h in rows[0][27:] if h] == [
        "Medarrangörer",
        "Unika deltagare",
        "Kulturkalendern",
        "Kalendertext",
        "Starttid",
        "Sluttid",
        "Kalenderplats",
    ]
    in_2024 = Activity.objects.filter(unit__slug="kulturenheten", date__year=2024).count()
    assert len(rows) - 1 == in_2024

    before = Activity.objects.count()
    # A broken file: errors per row, nothing created.
    good = {
        "Datum": "2026-12-05",
        "Titel": "Julmarknad med hantverk",
        "Status": "Planerad",
        "Prioriterat område": 2,
        "Typ": "Kultur",
        "Samverkan": "Extern samverkan",
        "Samverkansparter": "Flens hembygdsförening",
        "Ort": "Hälleforsnäs gjuteri",
        "Kulturområde": "Hemslöjd",
        "Målgrupp": "26-64, 65+",
    }
    broken = _workbook(
        [
            {**good, "Status": "Kanske"},
            {**good, "Titel": "Utan datum", "Datum": None},
            {**good, "Titel": "Bra rad"},
        ]
    )
    broken_path = tmp_path / "trasig.xlsx"
    broken.save(broken_path)
    page.goto(f"{live_server.url}/aktiviteter/excel/kulturenheten/import/")
    assert page.locator("h1").count() == 1
    page.locator("input[type=file]").set_input_files(broken_path)
    with page.expect_navigation():
        page.get_by_role("button", name="Granska filen").click()
    errors = page.locator(".import-errors li").all_inner_texts()
    assert len(errors) >= 2, errors
    assert any("2" in error and "Status" in error for error in errors), errors
    assert any("3" in error and "Datum" in error for error in errors), errors
    assert "Ingenting har sparats" in page.locator(".error-summary").inner_text()
    assert page.get_by_role("button", name=re.compile("^Importera")).count() == 0
    assert Activity.objects.count() == before
    screenshot(page, "j3-import-errors")
    _check_on_a_phone(page, "j3-import-errors-phone")

    # A good file: preview, then confirm creates the rows.
    good_path = tmp_path / "bra.xlsx"
    _workbook([good, {**good, "Titel": "Luciafirande", "Datum": "2026-12-13"}]).save(good_path)
    page.goto(f"{live_server.url}/aktiviteter/excel/kulturenheten/import/")
    page.locator("input[type=file]").set_input_files(good_path)
    with page.expect_navigation():
        page.get_by_role("button", name="Granska filen").click()
    main = page.locator("main").inner_text()
    assert "Julmarknad med hantverk" in main and "Luciafirande" in main
    assert "Hälleforsnäs gjuteri" in main  # listed as a new place
    assert Activity.objects.count() == before
    screenshot(page, "j3-import-preview")
    _check_on_a_phone(page, "j3-import-preview-phone")
    with page.expect_navigation():
        page.get_by_role("button", name="Importera 2 aktiviteter").click()
    assert Activity.objects.count() == before + 2
    created = Activity.objects.get(title="Luciafirande")
    assert created.date == datetime.date(2026, 12, 13) and created.unit.slug == "kulturenheten"
    screenshot(page, "j3-import-done")


def _report_state(year, month):
    report = MonthlyReport.objects.filter(unit__slug="kulturenheten", year=year, month=month)
    return report.values_list("state", flat=True).first()


def test_vepaq_month_lock_reopen_and_politician_reads(
    desktop, live_server, demo, demo_login, watch
):
    page = desktop
    year, month = 2026, 3
    activity = (
        Activity.objects.filter(unit__slug="kulturenheten", date__year=year, date__month=month)
        .order_by("date")
        .first()
    )
    assert activity is not None, "the demo has activities in March 2026"

    demo_login(page, "chef")
    url = f"{live_server.url}/uppfoljning/kulturenheten/vepaq/{year}/{month}/"
    page.goto(url)
    _one_h1_main_nav(page)
    # The demo may already have taken March through the workflow: bring it back to a draft
    # in the browser first (a reopening, or a return to draft), as a manager would.
    state = _report_state(year, month)
    if state == "approved":
        page.get_by_label("Skäl till att månaden öppnas igen").fill("Rapporten skrivs om.")
        with page.expect_navigation():
            page.get_by_role("button", name="Öppna igen med skäl").click()
    elif state == "submitted":
        with page.expect_navigation():
            page.get_by_role("button", name="Återställ till utkast").click()
    assert _report_state(year, month) in (None, "draft")
    form = page.locator("form.vepaq-form")
    lights = {"v": "Grön –", "e": "Gul –", "p": "Grön –", "a": "Gul –", "q": "Grön –"}
    for dim, light in lights.items():
        form.locator(f"fieldset:has([name={dim}_status])").get_by_label(light).check()
        page.locator(f"#id_{dim}_comment").fill(f"Kommentar {dim.upper()} för mars.")
    page.locator("#id_e_outcome_ytd_kr").fill("702000")
    page.locator("#id_e_forecast_kr").fill("3080000")
    page.locator("#id_p_actual_fte").fill("2.4")
    page.locator("#id_a_workload").fill("3")
    assert page_problems(page) == []
    screenshot(page, "j4-vepaq-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka in").click()
    report = MonthlyReport.objects.get(unit__slug="kulturenheten", year=year, month=month)
    assert report.state == "submitted", page.locator("main").inner_text()[:2000]
    assert report.e_forecast_kr == 3080000 and report.a_workload == 3
    assert str(report.p_actual_fte) in ("2.4", "2.40")
    assert report.v_status == "green" and report.e_status == "yellow"
    with page.expect_navigation():
        page.get_by_role("button", name="Godkänn").click()
    report.refresh_from_db()
    assert report.state == "approved"
    assert "Månaden är godkänd och låst" in page.locator("main").inner_text()
    screenshot(page, "j4-vepaq-approved")

    # medarbetare cannot change an activity of the locked month.
    demo_login(page, "medarbetare")
    page.goto(f"{live_server.url}/aktiviteter/{activity.pk}/")
    assert "och månaden är låst" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Ändra", exact=True).count() == 0
    page.goto(f"{live_server.url}/aktiviteter/{activity.pk}/andra/")
    page.locator("#id_title").fill(activity.title + " (ändrad)")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    assert f"({year}-{month:02d}), {LOCK_MESSAGE}" in page.locator(".error-summary").inner_text()
    activity.refresh_from_db()
    assert not activity.title.endswith("(ändrad)")
    screenshot(page, "j4-activity-locked")

    # chef reopens with a reason; then the edit works.
    demo_login(page, "chef")
    page.goto(url)
    with page.expect_navigation():
        page.get_by_role("button", name="Öppna igen med skäl").click()
    assert "Skriv varför månaden öppnas igen." in page.locator(".error-summary").inner_text()
    assert page_problems(page) == []
    page.get_by_label("Skäl till att månaden öppnas igen").fill("Deltagarsiffror rättas.")
    with page.expect_navigation():
        page.get_by_role("button", name="Öppna igen med skäl").click()
    report.refresh_from_db()
    assert report.state != "approved"
    assert "Deltagarsiffror rättas." in page.locator("main").inner_text()
    screenshot(page, "j4-vepaq-reopened")
    demo_login(page, "medarbetare")
    page.goto(f"{live_server.url}/aktiviteter/{activity.pk}/andra/")
    page.locator("#id_title").fill(activity.title + " (ändrad)")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    assert page.url.endswith(f"/aktiviteter/{activity.pk}/")
    activity.refresh_from_db()
    assert activity.title.endswith("(ändrad)")

    # politiker reads the follow-up pages: each 200, one h1, nothing to edit.
    plan = Plan.objects.get(unit__slug="flens-kommun", start_year=2022)
    demo_login(page, "politiker")
    console = watch(page)
    pages = {
        "dashboard": "/uppfoljning/",
        "year": "/uppfoljning/kulturenheten/vepaq/2024/",
        "youth": "/uppfoljning/kulturenheten/unga/2024/",
        "matrix": f"/uppfoljning/kulturenheten/matris/{plan.pk}/",
        "charts": "/uppfoljning/kulturenheten/diagram/2024/",
        "vepaq": f"/uppfoljning/kulturenheten/vepaq/{year}/{month}/",
    }
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        editing = page.locator(
            "main form[method=post] input:not([type=hidden]), main form[method=post] textarea, "
            "main form[method=post] select"
        )
        assert editing.count() == 0, path
        assert page_problems(page) == [], path
        screenshot(page, f"j4-politiker-{name}")
    assert console.take() == []
