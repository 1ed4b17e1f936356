"""The Excel pages in the browser: who may download and import, and the upload → preview →
confirm flow."""

import datetime
import os
import time

import pytest
from django.urls import reverse

from activities.models import Activity, ClosedMonth, Partner
from activities.uploads import SESSION_KEY
from tests.activities import excel_fixtures
from tests.activities.excel_fixtures import good_row, read_sheet, workbook_bytes
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

# Fixtures shared by the Excel tests live in a helper module; pytest finds them here.
fast_passwords = excel_fixtures.fast_passwords
plan_structure = excel_fixtures.plan_structure
upload_root = excel_fixtures.upload_root

READERS = {"staff": 200, "manager": 200, "viewer": 200, "admin": 200, "other_manager": 404}
IMPORTERS = {"staff": 200, "manager": 200, "viewer": 403, "admin": 200, "other_manager": 404}


def url(name, slug="kulturenheten"):
    return reverse(f"activities:{name}", kwargs={"slug": slug})


def client_for(client, users, who):
    if users[who] is not None:
        client.force_login(users[who])
    return client


@pytest.mark.parametrize("name", ["excel_unit", "excel_export", "excel_template"])
@pytest.mark.parametrize(("who", "status"), READERS.items())
def test_reading_pages_need_a_role_on_the_unit(client, users, plan_structure, name, who, status):
    response = client_for(client, users, who).get(url(name))
    assert response.status_code == status


@pytest.mark.parametrize("name", ["excel_unit", "excel_export", "excel_template", "excel_import"])
def test_anonymous_goes_to_login(client, tree, name):
    response = client.get(url(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_anonymous_confirm_goes_to_login(client, tree):
    response = client.post(url("excel_import_confirm"), {"token": "x"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(("who", "status"), IMPORTERS.items())
def test_import_page_needs_the_right_to_log_activities(client, users, who, status):
    response = client_for(client, users, who).get(url("excel_import"))
    assert response.status_code == status


@pytest.mark.parametrize(("who", "status"), IMPORTERS.items())
def test_upload_needs_the_right_to_log_activities(
    client, users, plan_structure, upload_root, who, status
):
    response = client_for(client, users, who).post(
        url("excel_import"), {"file": workbook_bytes([good_row()])}
    )
    assert response.status_code == status
    assert not Activity.objects.exists()


@pytest.mark.parametrize("who", ["viewer", "other_manager"])
def test_confirm_refused_for_those_who_may_not_import(client, users, who):
    response = client_for(client, users, who).post(url("excel_import_confirm"), {"token": "x"})
    assert response.status_code == {"viewer": 403, "other_manager": 404}[who]


def test_unknown_unit_is_404(client, users):
    client.force_login(users["admin"])
    assert client.get(url("excel_export", slug="finns-ej")).status_code == 404


def test_export_download(client, users, tree):
    ActivityFactory(unit=tree["culture"], title="=1+1")
    ActivityFactory(unit=tree["culture"], title="Förra året", date=datetime.date(2023, 5, 1))
    client.force_login(users["viewer"])
    response = client.get(url("excel_export") + "?year=2024")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="aktiviteter-kulturenheten-2024.xlsx"' in response["Content-Disposition"]
    rows = read_sheet(b"".join(response.streaming_content))
    assert [row[1] for row in rows[1:]] == ["=1+1"]


def test_unit_page_lists_years_and_hides_import_from_viewers(client, users, tree):
    ActivityFactory(unit=tree["culture"], date=datetime.date(2023, 5, 1))
    ActivityFactory(unit=tree["culture"], date=datetime.date(2024, 5, 1))
    client.force_login(users["viewer"])
    page = client.get(url("excel_unit")).content.decode()
    assert "?year=2023" in page and "?year=2024" in page
    assert url("excel_import") not in page
    client.force_login(users["staff"])
    assert url("excel_import") in client.get(url("excel_unit")).content.decode()


def test_index_lists_visible_units(client, users, tree):
    client.force_login(users["other_manager"])
    page = client.get(reverse("activities:excel_index")).content.decode()
    assert url("excel_unit", "bibliotek") in page
    assert url("excel_unit") not in page


def test_upload_preview_then_confirm_creates(client, users, plan_structure, upload_root):
    client.force_login(users["staff"])
    rows = [good_row(), good_row(Titel="Läsecirkel", Samverkansparter="Nya teatern")]
    response = client.post(url("excel_import"), {"file": workbook_bytes(rows)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sommarteater i parken" in page and "Läsecirkel" in page
    assert "Nya teatern" in page and "Studieförbundet Vuxenskolan" in page
    assert "Importera 2 aktiviteter" in page
    assert not Activity.objects.exists()
    (token,) = client.session[SESSION_KEY]
    assert (upload_root / f"{token}.xlsx").exists()

    response = client.post(url("excel_import_confirm"), {"token": token})
    assert response.status_code == 302
    assert response.url == url("excel_unit")
    assert Activity.objects.filter(unit__slug="kulturenheten").count() == 2
    assert Partner.objects.filter(name="Nya teatern").exists()
    assert not (upload_root / f"{token}.xlsx").exists()
    assert client.session[SESSION_KEY] == {}
    follow = client.get(response.url).content.decode()
    assert "2 aktiviteter importerades till Kulturenheten." in follow

    # The token is used up: confirming again creates nothing.
    response = client.post(url("excel_import_confirm"), {"token": token})
    assert response.status_code == 302 and response.url == url("excel_import")
    assert Activity.objects.count() == 2


def test_preview_shows_errors_and_offers_no_confirm(client, users, plan_structure, upload_root):
    client.force_login(users["manager"])
    rows = [good_row(), good_row(Datum="2024-13-01"), good_row(Status="Klar")]
    response = client.post(url("excel_import"), {"file": workbook_bytes(rows)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Filen har 2 fel. Ingenting har sparats." in page
    assert "Rad 3, Datum: &quot;2024-13-01&quot; är inte ett giltigt datum (ÅÅÅÅ-MM-DD)." in page
    assert "Rad 4, Status: &quot;Klar&quot; är inte ett tillåtet värde." in page
    assert url("excel_import_confirm") not in page
    assert not client.session.get(SESSION_KEY)
    assert not list(upload_root.glob("*.xlsx"))
    assert not Activity.objects.exists()


def test_a_month_closed_between_preview_and_confirm_stops_the_import(
    client, users, plan_structure, upload_root, tree
):
    client.force_login(users["staff"])
    client.post(url("excel_import"), {"file": workbook_bytes([good_row()])})
    (token,) = client.session[SESSION_KEY]
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)
    response = client.post(url("excel_import_confirm"), {"token": token})
    assert response.status_code == 200
    assert "(2024-03), och månaden är låst" in response.content.decode()
    assert not Activity.objects.exists()
    assert not list(upload_root.glob("*.xlsx"))


def test_another_users_token_does_not_work(client, users, plan_structure, upload_root):
    client.force_login(users["staff"])
    client.post(url("excel_import"), {"file": workbook_bytes([good_row()])})
    (token,) = client.session[SESSION_KEY]
    client.force_login(users["manager"])  # a new session
    response = client.post(url("excel_import_confirm"), {"token": token})
    assert response.status_code == 302
    assert not Activity.objects.exists()
    assert (upload_root / f"{token}.xlsx").exists()  # still the staff member's


def test_upload_form_errors_are_swedish(client, users, upload_root):
    client.force_login(users["staff"])
    response = client.post(url("excel_import"), {})
    page = response.content.decode()
    assert "Det finns fel att rätta" in page
    assert "Detta fält måste fyllas i." in page
    bad = workbook_bytes([good_row()])
    bad.name = "aktiviteter.csv"
    response = client.post(url("excel_import"), {"file": bad})
    assert "Välj en Excel-fil som slutar på .xlsx." in response.content.decode()


def test_stale_uploads_are_swept(client, users, plan_structure, upload_root):
    upload_root.mkdir(parents=True)
    stale = upload_root / "gammal.xlsx"
    stale.write_bytes(b"x")
    old = time.time() - 2 * 60 * 60
    os.utime(stale, (old, old))
    client.force_login(users["staff"])
    client.post(url("excel_import"), {"file": workbook_bytes([good_row()])})
    assert not stale.exists()
    assert len(list(upload_root.glob("*.xlsx"))) == 1
