"""An approved month is locked everywhere: the model, the activity pages, the admin, the
import and the report itself; a manager reopens it with a reason (logged), and then edits work
again. The whole story runs through the VEPAQ page as a manager would do it."""

from __future__ import annotations

import datetime
import io

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from openpyxl import Workbook

from activities.excel import HEADERS
from activities.imports import ImportFileError, import_activities
from activities.models import Activity, ClosedMonth, MonthLockedError, Status
from followup import services
from followup.models import MonthlyReport, MonthReopening
from tests.factories import UserFactory
from tests.followup.conftest import MONTH, YEAR, report_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_march(client_for, tree, march):
    """A manager fills in March 2024, submits it and approves it through the VEPAQ page."""
    client = client_for("manager")
    url = reverse("followup:vepaq", args=[tree["culture"].slug, YEAR, MONTH])
    assert client.post(url, report_post_data()).status_code == 302
    assert client.post(url, report_post_data(action="submit")).status_code == 302
    assert client.post(url, {"action": "approve", "confirm_planned": "1"}).status_code == 302
    report = MonthlyReport.objects.get(unit=tree["culture"], year=YEAR, month=MONTH)
    assert report.state == MonthlyReport.State.APPROVED
    return {"client": client, "url": url, "report": report, **march}


def _reopen(approved, reason="Fel deltagarantal i mars"):
    return approved["client"].post(approved["url"], {"action": "reopen", "reason": reason})


def import_file(*, day: str) -> io.BytesIO:
    """A one-row activity file (DESIGN's headers) for a done activity on `day`."""
    values = {
        "Datum": day,
        "Titel": "Importerad workshop",
        "Status": "Genomförd",
        "Typ": "Kultur",
        "Samverkan": "Egen regi",
        "Målgrupp": "13-15",
        "Flickor": 3,
        "Pojkar": 2,
        "Annat/ej angivet": 0,
    }
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append([values.get(header) for header in HEADERS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "aktiviteter.xlsx"
    return buffer


def test_model_refuses_create_change_delete_in_a_locked_month(approved_march, tree):
    with pytest.raises(MonthLockedError):
        Activity(unit=tree["culture"], title="Ny", date=datetime.date(2024, 3, 30)).save()
    youth = approved_march["youth"]
    youth.title = "Ändrad titel"
    with pytest.raises(MonthLockedError):
        youth.save()
    with pytest.raises(MonthLockedError):
        Activity.objects.get(pk=youth.pk).delete()
    # Moving an April activity into March is a change of March too.
    april = approved_march["april"]
    april.date = datetime.date(2024, 3, 15)
    with pytest.raises(MonthLockedError):
        april.save()
    assert Activity.objects.filter(date__month=3, date__year=2024).count() == 3
    # Another unit's March stays open.
    Activity(unit=tree["library"], title="Bibliotek", date=datetime.date(2024, 3, 30)).save()


def test_browser_refuses_delete_and_edit(approved_march, client_for):
    youth = approved_march["youth"]
    client = client_for("manager")
    response = client.post(reverse("activities:delete", args=[youth.pk]))
    assert response.status_code in {302, 400, 403}
    assert Activity.objects.filter(pk=youth.pk).exists()

    response = client.post(
        reverse("activities:edit", args=[youth.pk]),
        {
            "unit": youth.unit_id,
            "title": "Ändrad i låst månad",
            "date": "2024-03-05",
            "status": Status.DONE,
            "kind": youth.kind,
            "collaboration": youth.collaboration,
            "girls": 6,
            "boys": 4,
            "other_gender": 0,
        },
    )
    assert response.status_code != 302 or "andra" not in response.get("Location", "")
    youth.refresh_from_db()
    assert youth.title == "Graffitiworkshop"


def test_browser_refuses_create(approved_march, client_for, tree):
    response = client_for("manager").post(
        reverse("activities:create"),
        {
            "unit": tree["culture"].pk,
            "title": "Ny i låst månad",
            "date": "2024-03-30",
            "status": Status.PLANNED,
            "kind": "culture",
            "collaboration": "own",
        },
    )
    assert response.status_code in {200, 400}
    assert not Activity.objects.filter(title="Ny i låst månad").exists()
    assert "låst" in response.content.decode()


def test_admin_refuses_changing_an_activity(approved_march, client):
    superuser = UserFactory(username="rot", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    youth = approved_march["youth"]
    data = {
        key: ("" if value is None else value)
        for key, value in model_to_dict(youth).items()
        if key not in {"goals", "partners"}
    }
    data.update(
        title="Ändrad i admin",
        date="2024-03-05",
        goals=[goal.pk for goal in youth.goals.all()],
        _save="Spara",
    )
    data = {key: value for key, value in data.items() if value is not False}
    response = client.post(reverse("admin:activities_activity_change", args=[youth.pk]), data)
    assert response.status_code == 200  # the form again, with the lock at the date
    assert "låst" in response.content.decode()
    youth.refresh_from_db()
    assert youth.title == "Graffitiworkshop"


def test_admin_shows_an_approved_report_read_only(approved_march, client):
    superuser = UserFactory(username="rot", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    report = approved_march["report"]
    url = reverse("admin:followup_monthlyreport_change", args=[report.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="v_comment"' not in page.content.decode()
    response = client.post(url, report_post_data(v_comment="Ändrad i admin", _save="Spara"))
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.v_comment == "Verksamheten går enligt plan."


def test_admin_edits_a_draft_report_through_the_service(tree, client):
    superuser = UserFactory(username="rot", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    report = services.report_get_or_create(unit=tree["culture"], year=YEAR, month=MONTH)
    url = reverse("admin:followup_monthlyreport_change", args=[report.pk])
    response = client.post(url, report_post_data(v_comment="Från admin", _save="Spara"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.v_comment == "Från admin"
    assert report.state == MonthlyReport.State.DRAFT


def test_import_refuses_a_locked_month(approved_march, tree):
    with pytest.raises(ImportFileError) as error:
        import_activities(unit=tree["culture"], file=import_file(day="2024-03-18"))
    assert "låst" in " ".join(error.value.messages)
    assert not Activity.objects.filter(title="Importerad workshop").exists()


def test_report_form_refused_when_approved(approved_march):
    response = approved_march["client"].post(
        approved_march["url"], report_post_data(v_comment="Ändrad efter godkännande")
    )
    assert response.status_code == 400
    assert "låst" in response.content.decode()
    report = approved_march["report"]
    report.refresh_from_db()
    assert report.v_comment == "Verksamheten går enligt plan."
    with pytest.raises(services.ReportLockedError):
        services.report_update(report=report, data={"v_comment": "x"}, by=None)


def test_locked_page_shows_no_form_but_the_reopen_form(approved_march):
    content = approved_march["client"].get(approved_march["url"]).content.decode()
    assert "style=" not in content
    assert "godkänd och låst" in content
    assert 'name="v_comment"' not in content
    assert 'name="reason"' in content
    assert "Öppna igen med skäl" in content


def test_reopen_needs_reason_then_logs_and_unlocks(approved_march, users, tree):
    response = _reopen(approved_march, reason="")
    assert response.status_code == 400
    assert ClosedMonth.is_closed(unit=tree["culture"], year=YEAR, month=MONTH)

    response = _reopen(approved_march)
    assert response.status_code == 302
    log = MonthReopening.objects.get()
    assert log.reason == "Fel deltagarantal i mars"
    assert log.reopened_by == users["manager"]
    assert log.reopened_at is not None
    assert not ClosedMonth.is_closed(unit=tree["culture"], year=YEAR, month=MONTH)

    # Everything works again: the model, the import, the report form.
    youth = approved_march["youth"]
    youth.title = "Rättad titel"
    youth.save()
    Activity(unit=tree["culture"], title="Ny i mars", date=datetime.date(2024, 3, 30)).save()
    approved_march["april"].delete()

    import_activities(unit=tree["culture"], file=import_file(day="2024-03-18"))
    assert Activity.objects.filter(title="Importerad workshop").exists()
    response = approved_march["client"].post(
        approved_march["url"], report_post_data(v_comment="Efter rättelse")
    )
    assert response.status_code == 302
    approved_march["report"].refresh_from_db()
    assert approved_march["report"].v_comment == "Efter rättelse"

    page = approved_march["client"].get(approved_march["url"]).content.decode()
    assert "Fel deltagarantal i mars" in page  # the reopen log is on the page
