"""The VEPAQ workflow: draft → submitted → approved, return, reopen with a reason; and who may
do each step (managers and admins of the unit; everyone else may not)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from activities.models import ClosedMonth
from followup import services
from followup.models import MonthlyReport, MonthReopening
from tests.followup.conftest import MONTH, YEAR, report_post_data

pytestmark = pytest.mark.django_db


def vepaq_url(unit, year=YEAR, month=MONTH):
    return reverse("followup:vepaq", args=[unit.slug, year, month])


@pytest.fixture
def report(tree):
    return services.report_get_or_create(unit=tree["culture"], year=YEAR, month=MONTH)


def test_get_or_create_starts_a_draft_once(tree):
    first = services.report_get_or_create(unit=tree["culture"], year=YEAR, month=MONTH)
    second = services.report_get_or_create(unit=tree["culture"], year=YEAR, month=MONTH)
    assert first.pk == second.pk
    assert first.state == MonthlyReport.State.DRAFT
    assert MonthlyReport.objects.count() == 1


def test_get_or_create_refuses_a_bad_month(tree):
    with pytest.raises(ValidationError):
        services.report_get_or_create(unit=tree["culture"], year=YEAR, month=13)


def test_update_validates_and_records_who(report, users):
    services.report_update(
        report=report, data={"a_workload": 4, "v_comment": "Bra månad"}, by=users["manager"]
    )
    report.refresh_from_db()
    assert report.a_workload == 4
    assert report.history.first().history_user == users["manager"]
    with pytest.raises(ValidationError):
        services.report_update(report=report, data={"a_workload": 9}, by=users["manager"])


def test_full_cycle_submit_approve_reopen(report, users, tree):
    manager = users["manager"]
    report = services.report_submit(report=report, by=manager)
    assert report.state == MonthlyReport.State.SUBMITTED
    assert report.submitted_by == manager and report.submitted_at is not None

    report = services.report_approve(report=report, by=manager)
    assert report.state == MonthlyReport.State.APPROVED
    assert report.approved_by == manager
    assert ClosedMonth.is_closed(unit=tree["culture"], year=YEAR, month=MONTH)
    assert report.is_locked

    reopening = services.report_reopen(report=report, reason="Fel siffror i mars", by=manager)
    report.refresh_from_db()
    assert report.state == MonthlyReport.State.DRAFT
    assert report.approved_at is None
    assert not ClosedMonth.is_closed(unit=tree["culture"], year=YEAR, month=MONTH)
    assert reopening.reason == "Fel siffror i mars"
    assert reopening.reopened_by == manager
    assert reopening.reopened_at is not None


def test_return_sends_a_submitted_report_back(report, users):
    report = services.report_submit(report=report, by=users["manager"])
    report = services.report_return(report=report, by=users["manager"])
    assert report.state == MonthlyReport.State.DRAFT


@pytest.mark.parametrize(
    "step",
    [services.report_approve, services.report_return],
)
def test_steps_need_a_submitted_report(report, users, step):
    with pytest.raises(services.TransitionError):
        step(report=report, by=users["manager"])
    assert not ClosedMonth.objects.exists()


def test_cannot_submit_twice_or_reopen_a_draft(report, users):
    services.report_submit(report=report, by=users["manager"])
    with pytest.raises(services.TransitionError):
        services.report_submit(report=report, by=users["manager"])
    with pytest.raises(services.TransitionError):
        services.report_reopen(report=report, reason="x", by=users["manager"])


@pytest.mark.parametrize("reason", ["", "   "])
def test_reopen_needs_a_reason(report, users, reason):
    report = services.report_submit(report=report, by=users["manager"])
    report = services.report_approve(report=report, by=users["manager"])
    with pytest.raises(ValidationError) as error:
        services.report_reopen(report=report, reason=reason, by=users["manager"])
    assert "reason" in error.value.message_dict
    report.refresh_from_db()
    assert report.state == MonthlyReport.State.APPROVED
    assert not MonthReopening.objects.exists()


# --- Who may do each step through the browser ------------------------------------------------

EXPECTED = {
    "anonymous": "login",
    "staff": 403,
    "viewer": 403,
    "other_manager": 404,
    "manager": 302,
    "admin": 302,
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_who_may_save_and_submit(client_for, tree, role):
    response = client_for(role).post(vepaq_url(tree["culture"]), report_post_data(action="submit"))
    expected = EXPECTED[role]
    if expected == "login":
        assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
        assert not MonthlyReport.objects.exists()
    elif expected == 302:
        assert response.status_code == 302
        report = MonthlyReport.objects.get()
        assert report.state == MonthlyReport.State.SUBMITTED
        assert report.v_comment == "Verksamheten går enligt plan."
    else:
        assert response.status_code == expected
        assert not MonthlyReport.objects.exists()


@pytest.mark.parametrize("role", list(EXPECTED))
def test_who_may_approve(client_for, tree, users, report, role):
    services.report_submit(report=report, by=users["manager"])
    response = client_for(role).post(vepaq_url(tree["culture"]), {"action": "approve"})
    report.refresh_from_db()
    if EXPECTED[role] == 302:
        assert response.status_code == 302
        assert report.state == MonthlyReport.State.APPROVED
        assert ClosedMonth.objects.filter(unit=tree["culture"], year=YEAR, month=MONTH).exists()
    else:
        assert response.status_code in {302, 403, 404}
        if EXPECTED[role] != "login":
            assert response.status_code == EXPECTED[role]
        assert report.state == MonthlyReport.State.SUBMITTED
        assert not ClosedMonth.objects.exists()


@pytest.mark.parametrize("role", list(EXPECTED))
def test_who_may_reopen(client_for, tree, users, report, role):
    services.report_submit(report=report, by=users["manager"])
    services.report_approve(report=report, by=users["manager"])
    response = client_for(role).post(
        vepaq_url(tree["culture"]), {"action": "reopen", "reason": "Rättelse"}
    )
    report.refresh_from_db()
    if EXPECTED[role] == 302:
        assert response.status_code == 302
        assert report.state == MonthlyReport.State.DRAFT
        log = MonthReopening.objects.get()
        assert log.reopened_by == users[role]
        assert log.reason == "Rättelse"
    else:
        assert report.state == MonthlyReport.State.APPROVED
        assert not MonthReopening.objects.exists()


def test_return_through_the_browser(client_for, tree, users, report):
    services.report_submit(report=report, by=users["manager"])
    response = client_for("manager").post(vepaq_url(tree["culture"]), {"action": "return"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == MonthlyReport.State.DRAFT


def test_reopen_without_reason_in_browser_shows_the_error(client_for, tree, users, report):
    services.report_submit(report=report, by=users["manager"])
    services.report_approve(report=report, by=users["manager"])
    response = client_for("manager").post(
        vepaq_url(tree["culture"]), {"action": "reopen", "reason": "  "}
    )
    assert response.status_code == 400
    assert "Skriv varför månaden öppnas igen." in response.content.decode()
    report.refresh_from_db()
    assert report.state == MonthlyReport.State.APPROVED


def test_bad_input_keeps_what_was_typed(client_for, tree):
    response = client_for("manager").post(
        vepaq_url(tree["culture"]),
        report_post_data(a_workload="9", v_comment="Mitt långa omdöme"),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "error-summary" in content
    assert "Mitt långa omdöme" in content
    assert not MonthlyReport.objects.exists()  # nothing stored until the input is valid


def test_workflow_buttons_only_for_who_may(client_for, tree, users, report):
    services.report_submit(report=report, by=users["manager"])
    manager_page = client_for("manager").get(vepaq_url(tree["culture"])).content.decode()
    assert 'value="approve"' in manager_page and 'value="return"' in manager_page
    for role in ["staff", "viewer"]:
        page = client_for(role).get(vepaq_url(tree["culture"])).content.decode()
        assert 'value="approve"' not in page
        assert 'name="v_comment"' not in page
