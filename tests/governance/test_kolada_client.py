"""The Kolada v3 client against a real HTTP server on 127.0.0.1 (pytest-httpserver) replaying
v3 responses: pagination through next_url, the "T" value, all or nothing, KPI titles."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from werkzeug import Response

from governance.models import KoladaKpi, KoladaValue
from tests.governance.conftest import MEMBERS, data_row

IDS = ",".join(sorted(MEMBERS))
DATA_PATH = f"/v3/data/kpi/N09801/municipality/{IDS}/year/2023,2024"
KPI_PATH = "/v3/kpi/N09801"


def kpi_response(title="Lån på folkbibliotek, antal/inv"):
    return {"count": 1, "values": [{"id": "N09801", "title": title, "description": "…"}]}


def serve_kpi(httpserver, title="Lån på folkbibliotek, antal/inv"):
    httpserver.expect_request(KPI_PATH).respond_with_json(kpi_response(title))


def sync(httpserver, *years):
    out = []

    class Out:
        def write(self, text):
            out.append(text)

        def flush(self):
            pass

    call_command(
        "kolada_sync",
        "--base-url",
        httpserver.url_for("/v3"),
        *[arg for year in (years or (2023, 2024)) for arg in ("--year", str(year))],
        stdout=Out(),
    )
    return "".join(out)


def values():
    return {
        (row.municipality, row.year): row.value for row in KoladaValue.objects.filter(kpi="N09801")
    }


@pytest.mark.django_db
def test_pages_are_followed_until_next_url_is_null(httpserver, kolada_world):
    serve_kpi(httpserver)
    page2 = httpserver.url_for("/v3/page2")
    httpserver.expect_request(DATA_PATH).respond_with_json(
        {
            "count": 10,
            "values": [data_row(m, 2024, 5.0 + i / 10) for i, m in enumerate(MEMBERS)],
            "next_url": page2,
        }
    )
    httpserver.expect_request("/v3/page2").respond_with_json(
        {
            "count": 10,
            "values": [data_row(m, 2023, 4.0 + i / 10) for i, m in enumerate(MEMBERS[:4])]
            + [data_row("0488", 2023, None)],
            "next_url": None,
        }
    )
    output = sync(httpserver)
    stored = values()
    assert len(stored) == 10
    # The total ("T"), not the women's or men's value.
    assert stored[("0482", 2024)] == Decimal("5.0")
    assert stored[("0428", 2024)] == Decimal("5.1")
    assert stored[("0428", 2023)] == Decimal("4.1")
    assert stored[("0488", 2023)] is None
    row = KoladaValue.objects.get(kpi="N09801", municipality="0482", year=2024)
    assert row.source.endswith(DATA_PATH)
    assert row.fetched_at is not None and not row.is_demo
    assert "2 sidor" in output and "10 nya" in output and "Källa: Kolada" in output
    assert KoladaKpi.objects.get(kpi="N09801").title == "Lån på folkbibliotek, antal/inv"


@pytest.mark.django_db
def test_a_failing_page_changes_nothing(httpserver, kolada_world):
    KoladaValue.objects.create(
        kpi="N09801",
        municipality="0482",
        year=2024,
        value=Decimal("6.1"),
        source="tidigare",
        fetched_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    )
    before = list(KoladaValue.objects.values_list("municipality", "year", "value", "source"))
    serve_kpi(httpserver)
    httpserver.expect_request(DATA_PATH).respond_with_json(
        {
            "count": 2,
            "values": [data_row("0482", 2024, 9.9)],
            "next_url": httpserver.url_for("/v3/page2"),
        }
    )
    httpserver.expect_request("/v3/page2").respond_with_response(
        Response("Internt fel", status=500)
    )
    with pytest.raises(CommandError) as error:
        sync(httpserver)
    assert "misslyckades" in str(error.value)
    assert "felkod 500" in str(error.value)
    assert "Inget har ändrats" in str(error.value)
    after = list(KoladaValue.objects.values_list("municipality", "year", "value", "source"))
    assert after == before
    assert not KoladaKpi.objects.exists()


@pytest.mark.django_db
def test_a_page_that_is_not_v3_json_changes_nothing(httpserver, kolada_world):
    serve_kpi(httpserver)
    httpserver.expect_request(DATA_PATH).respond_with_data("<html>underhåll</html>")
    with pytest.raises(CommandError, match="inte med JSON"):
        sync(httpserver)
    assert not KoladaValue.objects.exists()


@pytest.mark.django_db
def test_a_changed_kpi_title_is_stored_and_reported(httpserver, kolada_world):
    serve_kpi(httpserver, title="Lån på folkbibliotek, antal/inv")
    httpserver.expect_request(DATA_PATH).respond_with_json(
        {"count": 1, "values": [data_row("0482", 2024, 6.0)], "next_url": None}
    )
    sync(httpserver)
    httpserver.clear()
    serve_kpi(httpserver, title="Lån av fysiska medier på folkbibliotek, antal/inv")
    httpserver.expect_request(DATA_PATH).respond_with_json(
        {"count": 1, "values": [data_row("0482", 2024, 6.2)], "next_url": None}
    )
    output = sync(httpserver)
    assert "har bytt titel" in output
    assert "Lån av fysiska medier på folkbibliotek, antal/inv" in output
    kpi = KoladaKpi.objects.get(kpi="N09801")
    assert kpi.title == "Lån av fysiska medier på folkbibliotek, antal/inv"
    assert kpi.history.count() == 2
    assert values()[("0482", 2024)] == Decimal("6.2")


@pytest.mark.django_db
def test_an_unreachable_base_url_says_so_in_swedish_and_changes_nothing(kolada_world):
    KoladaValue.objects.create(
        kpi="N09801",
        municipality="0482",
        year=2024,
        value=Decimal("6.1"),
        source="tidigare",
        fetched_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    )
    with pytest.raises(CommandError) as error:
        # Port 9 (discard) on the loopback: nothing listens there.
        call_command("kolada_sync", "--base-url", "http://127.0.0.1:9/v3", "--year", "2024")
    message = str(error.value)
    assert "Kunde inte nå Kolada" in message and "Inget har ändrats" in message
    assert list(KoladaValue.objects.values_list("value", flat=True)) == [Decimal("6.1")]


@pytest.mark.django_db
def test_the_base_url_comes_from_the_setting(httpserver, kolada_world, settings):
    settings.KOLADA_BASE_URL = httpserver.url_for("/v3")
    serve_kpi(httpserver)
    httpserver.expect_request(DATA_PATH).respond_with_json(
        {"count": 1, "values": [data_row("0482", 2024, 6.0)], "next_url": None}
    )
    call_command("kolada_sync", "--year", "2023", "--year", "2024")
    assert values() == {("0482", 2024): Decimal("6.0")}


def test_the_default_base_url_is_kolada_v3():
    assert settings.KOLADA_BASE_URL == "https://api.kolada.se/v3"
