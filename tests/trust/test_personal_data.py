"""Personal data (DESIGN "Trust"): sick leave and personnel comments only for managers and
admins; users who wrote history are deactivated, never deleted."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook

from activities.models import Activity
from culture_plan.guards import DeleteRefused
from followup import rendering, reports, services

SECRET = "Långtidssjukskriven sedan mars"


@pytest.fixture
def report(tree, users):
    report = services.report_get_or_create(unit=tree["culture"], year=2024, month=5)
    return services.report_update(
        report=report,
        data={
            "p_comment": SECRET,
            "p_actions": "Rehabplan",
            "p_sick_leave_short": Decimal("3.5"),
            "p_sick_leave_long": Decimal("44.4"),
            "v_comment": "Bra månad",
        },
        by=users["manager"],
    )


@pytest.mark.parametrize(
    ("who", "sees"), [("manager", True), ("admin", True), ("staff", False), ("viewer", False)]
)
def test_the_vepaq_page_shows_personnel_data_to_managers_only(client, users, report, who, sees):
    client.force_login(users[who])
    page = client.get(reverse("followup:vepaq", args=["kulturenheten", 2024, 5])).content.decode()
    assert "Bra månad" in page
    assert (SECRET in page) is sees
    assert ("44,4" in page) is sees
    assert ("Rehabplan" in page) is sees
    if not sees:
        assert "visas bara för chefer och administratörer" in page


@pytest.mark.parametrize(("who", "sees"), [("manager", True), ("staff", False), ("viewer", False)])
def test_report_data_for_json_pdf_and_excel_is_filtered_by_role(users, report, tree, who, sees):
    data = reports.vepaq_report_for(user=users[who], unit=tree["culture"], year=2024, month=5)
    personnel = data["dimensions"]["P"]
    assert (personnel["sick_leave_long"] == "44.4") is sees
    assert (personnel["comment"] == SECRET) is sees
    xlsx = rendering.render_xlsx(kind="vepaq", report=data)
    html = rendering.render_html(kind="vepaq", report=data)
    assert (SECRET in html) is sees

    texts = {
        str(cell.value)
        for sheet in load_workbook(io.BytesIO(xlsx)).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }
    assert (SECRET in texts) is sees
    assert data["dimensions"]["V"]["comment"] == "Bra månad"


def test_the_operator_command_keeps_everything(report, tree):
    data = reports.vepaq_report(unit=tree["culture"], year=2024, month=5)
    assert data["dimensions"]["P"]["comment"] == SECRET


# Users --------------------------------------------------------------------------------------


def test_a_user_with_history_cannot_be_deleted(users, tree, report):
    manager = users["manager"]
    with pytest.raises(DeleteRefused) as raised, transaction.atomic():
        manager.delete()  # the whole delete is rolled back
    assert "kan inte tas bort. Inaktivera" in raised.value.messages[0]
    assert get_user_model().objects.filter(pk=manager.pk).exists()
    assert report.history.filter(history_user=manager).exists()


def test_a_user_without_history_can_be_deleted(users):
    users["other_manager"].delete()
    assert not get_user_model().objects.filter(username="chef-bibliotek").exists()


def test_the_admin_refuses_the_delete_and_offers_deactivation(admin_client, users, tree):
    staff = users["staff"]
    activity = Activity(unit=tree["culture"], title="Konsert", date=datetime.date(2024, 5, 2))
    activity._history_user = staff
    activity.save()
    url = reverse("admin:auth_user_delete", args=[staff.pk])
    page = admin_client.get(url).content.decode()
    assert "kan inte tas bort. Inaktivera" in page
    assert admin_client.post(url, {"post": "yes"}).status_code == 200
    assert get_user_model().objects.filter(pk=staff.pk).exists()
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate", "_selected_action": [str(staff.pk)]},
        follow=True,
    )
    assert "1 användare är inaktiverade." in response.content.decode()
    staff.refresh_from_db()
    assert not staff.is_active
    assert activity.history.first().history_user == staff
