"""The Excel import protects the server (DESIGN "Trust"): uncompressed size and shared
strings capped before openpyxl reads, rows and shown errors capped, a confirmed upload is
claimed once, uploads live in Django's storage."""

import io
import threading
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from django.urls import reverse

from activities import imports
from activities.imports import read_activity_file
from activities.models import Activity, ImportUpload
from activities.uploads import SESSION_KEY, upload_name
from tests.activities import excel_fixtures
from tests.activities.excel_fixtures import good_row, workbook_bytes

plan_structure = excel_fixtures.plan_structure


def url(name):
    return reverse(f"activities:{name}", kwargs={"slug": "kulturenheten"})


def replace_member(data: io.BytesIO, name: str, content: bytes) -> io.BytesIO:
    """The same .xlsx with one member's content replaced (or added)."""
    source = zipfile.ZipFile(data)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename != name:
                target.writestr(member, source.read(member))
        target.writestr(name, content)
    output.seek(0)
    output.name = "bomb.xlsx"
    return output


def test_a_shared_strings_bomb_is_refused_before_openpyxl_reads_it(tree, monkeypatch):
    strings = b"<si><t>x</t></si>" * 1_200_000
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main">' + strings + b"</sst>"
    )
    bomb = replace_member(workbook_bytes([good_row()]), "xl/sharedStrings.xml", xml)
    assert len(bomb.getvalue()) < 300_000  # small on disk, 20 MB of XML inside

    def must_not_open(*args, **kwargs):
        raise AssertionError("openpyxl opened the bomb")

    monkeypatch.setattr(imports, "load_workbook", must_not_open)
    preview = read_activity_file(unit=tree["culture"], file=bomb)
    assert not preview.is_valid and not preview.rows
    assert "fler än 1 000 000 olika texter" in preview.messages[0]


def test_a_file_that_unpacks_too_far_is_refused(tree, monkeypatch):
    monkeypatch.setattr(imports, "MAX_UNCOMPRESSED_BYTES", 5 * 1024 * 1024)
    bomb = replace_member(workbook_bytes([good_row()]), "xl/media/zeros.bin", b"\0" * 6_000_000)
    monkeypatch.setattr(imports, "load_workbook", lambda *a, **k: pytest.fail("opened"))
    preview = read_activity_file(unit=tree["culture"], file=bomb)
    assert "packas upp till mer än 5 MB" in preview.messages[0]


def test_an_ordinary_file_still_reads(tree, plan_structure):
    preview = read_activity_file(unit=tree["culture"], file=workbook_bytes([good_row()] * 3))
    assert preview.is_valid and len(preview.rows) == 3


def test_bad_rows_count_towards_the_row_limit(tree, plan_structure, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 50)
    rows = [good_row(Datum="fel")] * 80
    preview = read_activity_file(unit=tree["culture"], file=workbook_bytes(rows))
    assert any("fler än 50 aktiviteter" in message for message in preview.messages)
    assert preview.errors.total == 51  # 50 bad rows, then the limit: reading stops


def test_the_shown_errors_are_capped_with_the_count_of_the_rest(tree, plan_structure):
    rows = [good_row(Datum="fel", Status="Klar")] * 150  # two errors per row
    preview = read_activity_file(unit=tree["culture"], file=workbook_bytes(rows))
    assert len(preview.errors) == 200
    assert preview.messages[-1] == "och 100 fel till"
    assert len(preview.messages) == 201


def test_the_preview_page_shows_200_errors_and_the_rest_counted(client, users, plan_structure):
    client.force_login(users["staff"])
    rows = [good_row(Datum="fel", Status="Klar")] * 150
    page = client.post(url("excel_import"), {"file": workbook_bytes(rows)}).content.decode()
    assert page.count("<li>Rad ") == 200
    assert "och 100 fel till" in page


# Storage and claim-once -------------------------------------------------------------------


@pytest.fixture
def memory_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    # Django's setting_changed handler rebuilds default_storage from STORAGES.


def test_uploads_wait_in_the_default_storage(client, users, plan_structure, memory_storage):
    client.force_login(users["staff"])
    client.post(url("excel_import"), {"file": workbook_bytes([good_row()])})
    (token,) = client.session[SESSION_KEY]
    assert default_storage.exists(upload_name(token))
    assert type(default_storage._wrapped).__name__ == "InMemoryStorage"
    upload = ImportUpload.objects.get(token=token)
    assert upload.user == users["staff"] and upload.unit.slug == "kulturenheten"
    response = client.post(url("excel_import_confirm"), {"token": token})
    assert response.status_code == 302
    assert Activity.objects.count() == 1
    assert not default_storage.exists(upload_name(token))
    assert not ImportUpload.objects.exists()


def test_a_second_confirm_imports_nothing(client, users, plan_structure, memory_storage):
    client.force_login(users["staff"])
    client.post(url("excel_import"), {"file": workbook_bytes([good_row()] * 5)})
    (token,) = client.session[SESSION_KEY]
    second = Client()
    second.cookies = client.cookies  # the same browser: a double click
    assert client.post(url("excel_import_confirm"), {"token": token}).status_code == 302
    response = second.post(url("excel_import_confirm"), {"token": token}, follow=True)
    assert "redan importerad" in response.content.decode()
    assert Activity.objects.count() == 5


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_confirms_import_once(users, plan_structure, memory_storage):
    """Two requests with one token at the same moment (3 of 3 tries imported twice before)."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent requests need a server database (run with DATABASE_URL)")
    first = Client()
    first.force_login(users["staff"])
    first.post(url("excel_import"), {"file": workbook_bytes([good_row()] * 5)})
    (token,) = first.session[SESSION_KEY]
    clients = [first, Client()]
    clients[1].cookies = first.cookies
    barrier = threading.Barrier(2)
    statuses = []

    def confirm(browser):
        try:
            barrier.wait()
            statuses.append(browser.post(url("excel_import_confirm"), {"token": token}).status_code)
        finally:
            connection.close()

    for _attempt in range(3):
        threads = [threading.Thread(target=confirm, args=(browser,)) for browser in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert Activity.objects.count() == 5
    assert statuses == [302] * 6  # one import, five "already imported" redirects
