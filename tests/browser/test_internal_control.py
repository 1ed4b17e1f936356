"""Internal control in a real browser on the demo data: chef enters a risk on a phone, sees it
in the right matrix cell with "Hanteras snarast", records a control result with a deviation and
an action; politiker downloads the report 2024 as a tagged PDF; chef-bibliotek sees nothing."""

from __future__ import annotations

import pikepdf
import pytest

from internal_control.models import Action, ControlResult, InternalControlPlan, Risk
from tests.browser.a11y import low_contrast, markup_problems, page_problems
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

RISK = "Föreningar hinner inte söka projektbidrag"


def _cell(page, likelihood: int, consequence: int) -> str:
    """The matrix table's cell (likelihood 4 is the first body row)."""
    row = page.locator("table.risk-table tbody tr").nth(4 - likelihood)
    return row.locator("td").nth(consequence - 1).inner_text()


def _check_page(page) -> None:
    assert page_problems(page) == []
    assert markup_problems(page.content()) == []
    assert low_contrast(page) == []


def test_chef_enters_a_risk_and_a_deviation_on_a_phone(phone, live_server, demo, demo_login):
    page = phone
    demo_login(page, "chef")
    page.goto(f"{live_server.url}/enheter/kulturenheten/")
    page.get_by_role("link", name="Internkontrollplaner, risker och uppföljning").click()
    page.get_by_role("link", name="Internkontrollplan 2024").click()
    assert "2 Hanteras snarast" not in _cell(page, 4, 3)
    assert _cell(page, 4, 3).startswith("1")  # Lindesberg's risk from the demo
    _check_page(page)
    screenshot(page, "ic-plan-phone")

    page.get_by_role("link", name="Ny risk").click()
    page.locator("#id_process").fill("Föreningsstöd")
    page.locator("#id_title").fill(RISK)
    page.get_by_label("4 Stor – kan inträffa varje vecka").check()
    page.get_by_label("3 Kännbar – besvärande för intressenter och/eller kommunen").check()
    page.get_by_label("Kontroll", exact=True).check()
    _check_page(page)
    screenshot(page, "ic-risk-form-phone")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    message = page.locator(".messages").inner_text()
    assert "värde 12, hanteras snarast" in message
    risk = Risk.objects.get(title=RISK)
    assert page.url.endswith(f"/internkontroll/risker/{risk.pk}/")
    assert "Värde 12 – Hanteras snarast" in page.locator("main").inner_text()

    # Back on the plan: the matrix cell likelihood 4 × consequence 3 now counts two risks.
    page.get_by_role("link", name="Internkontrollplan 2024").first.click()
    cell = _cell(page, 4, 3)
    assert cell.startswith("2") and "Hanteras snarast" in cell
    svg = page.locator("svg.risk-matrix-svg desc").text_content()
    assert "sannolikhet 4 och konsekvens 3: 2 risker, hanteras snarast" in svg
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # A control, then a result with a deviation and its action in one form.
    page.get_by_role("link", name=RISK).click()
    page.get_by_role("link", name="Nytt kontrollmoment").click()
    page.locator("#id_title").fill("Genomgång av ansökningar mot föreningsregistret")
    page.locator("#id_method").select_option(label="Genomgång")
    page.locator("#id_frequency").select_option(label="Varje tertial")
    page.locator("#id_responsible").fill("Kultursekreterare")
    page.locator("#id_reported_to").fill("Barn- och utbildningsnämnden")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Registrera resultat").click()
    page.locator("#id_date").fill("2024-09-15")
    page.get_by_label("Avvikelse").check()
    page.locator("#id_comment").fill("Fyra föreningar missade ansökningstiden.")
    page.locator("#id_action_title").fill("Påminnelse till föreningarna en månad före")
    page.locator("#id_action_responsible").fill("Kultursekreterare")
    # Without the date: an error summary, and what was typed stays.
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    assert "Det finns fel att rätta" in page.locator(".error-summary").inner_text()
    assert page.locator("#id_action_title").input_value().startswith("Påminnelse")
    _check_page(page)
    screenshot(page, "ic-result-form-error-phone")
    page.locator("#id_action_due_date").fill("2024-11-30")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    main = page.locator("main").inner_text()
    assert "Avvikelse" in main and "Påminnelse till föreningarna en månad före" in main
    _check_page(page)
    screenshot(page, "ic-risk-detail-phone")
    result = ControlResult.objects.get(control__risk=risk)
    assert result.outcome == "deviation"
    assert Action.objects.get(result=result).due_date.isoformat() == "2024-11-30"


def test_politiker_downloads_the_report_and_chef_bibliotek_sees_nothing(
    desktop, live_server, demo, demo_login, tmp_path
):
    page = desktop
    plan = InternalControlPlan.objects.get(unit__slug="kulturenheten", year=2024)
    demo_login(page, "politiker")
    page.goto(f"{live_server.url}/internkontroll/enheter/kulturenheten/")
    page.get_by_role("link", name="Uppföljning 2024").click()
    assert page.get_by_role("link", name="Ny risk").count() == 0
    _check_page(page)
    screenshot(page, "ic-report-politiker")
    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ner rapporten (PDF)").click()
    path = tmp_path / "internkontroll.pdf"
    info.value.save_as(path)
    pdf = pikepdf.open(path)
    assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "sv"
    assert "Internkontroll Kulturenheten 2024" in str(pdf.docinfo["/Title"])
    assert page.goto(f"{live_server.url}/internkontroll/planer/{plan.pk}/andra/").status == 403

    demo_login(page, "chef-bibliotek")
    risk = Risk.objects.filter(plan=plan).first()
    for path in (
        "/internkontroll/enheter/kulturenheten/",
        f"/internkontroll/planer/{plan.pk}/",
        f"/internkontroll/risker/{risk.pk}/",
        "/internkontroll/enheter/kulturenheten/rapport/2024/",
        "/internkontroll/enheter/kulturenheten/rapport/2024/pdf/",
    ):
        assert page.goto(f"{live_server.url}{path}").status == 404, path
