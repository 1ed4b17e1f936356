"""`manage.py report`: every kind and format, and its clear errors."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from activities.models import Activity, Partner, Place, Status
from followup import charts
from followup.rendering import render_html
from followup.reports import annual_report
from tests.followup.test_figures import activity, youth


@pytest.fixture
def culture(tree):
    unit = tree["culture"]
    youth(unit, date=datetime.date(2024, 3, 2), girls=5, boys=3, age_13_15=8, title="Rap-verkstad")
    activity(unit, date=datetime.date(2024, 3, 20), bands=["26-64"], other_gender=2)
    activity(unit, date=datetime.date(2024, 3, 25), status=Status.PLANNED, title="Läsecirkel")
    youth(unit, date=datetime.date(2023, 3, 2))
    return unit


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_vepaq_json_to_stdout(culture):
    data = json.loads(run("vepaq", "--unit", "kulturenheten", "--year", "2024", "--month", "3"))
    assert data["unit"] == "kulturenheten"
    assert data["activities"]["month"] == {"done": 2, "planned": 1, "cancelled": 0}
    assert data["youth_share"]["month"]["percent"] == "50.0"
    assert data["dimensions"]["V"]["activities"][2]["title"] == "Läsecirkel"


def test_annual_json_to_file_keeps_swedish_letters(culture, tmp_path):
    target = tmp_path / "annual.json"
    run("annual", "--unit", "kulturenheten", "--year", "2024", "--format", "json", "-o", target)
    text = target.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["year"] == 2024
    assert data["activities"]["done"] == 2
    assert data["youth_share"]["previous_year"]["percent"] == "100.0"
    assert data["unit_name"] == "Kulturenheten"
    assert "\\u" not in text


def test_vepaq_html(culture):
    html = run(
        "vepaq", "--unit", "kulturenheten", "--year", "2024", "--month", "3", "--format", "html"
    )
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="sv">' in html
    assert "<h1>Månadsrapport VEPAQ mars 2024</h1>" in html
    assert "Rap-verkstad" in html and "Läsecirkel" in html
    assert "50,0" in html  # the month's youth share, with a decimal comma
    assert "<caption>" in html and 'scope="col"' in html
    assert "style=" not in html and "<script" not in html
    assert html.count("<h1>") == 1


def test_annual_html(culture):
    html = run("annual", "--unit", "kulturenheten", "--year", "2024", "--format", "html")
    assert "<h1>Verksamhetsberättelse 2024</h1>" in html
    assert "Genomförandematris" in html
    assert "Andel aktiviteter för 10–25 år" in html


@pytest.mark.parametrize("kind", ["vepaq", "annual"])
def test_pdf(culture, tmp_path, kind):
    target = tmp_path / f"{kind}.pdf"
    run(
        kind,
        "--unit",
        "kulturenheten",
        "--year",
        "2024",
        "--month",
        "3",
        "--format",
        "pdf",
        "-o",
        target,
    )
    content = target.read_bytes()
    assert content.startswith(b"%PDF")
    assert len(content) > 1000


@pytest.mark.parametrize("kind", ["vepaq", "annual"])
def test_xlsx(culture, tmp_path, kind):
    target = tmp_path / f"{kind}.xlsx"
    run(
        kind,
        "--unit",
        "kulturenheten",
        "--year",
        "2024",
        "--month",
        "3",
        "--format",
        "xlsx",
        "-o",
        target,
    )
    workbook = load_workbook(target)
    assert len(workbook.sheetnames) > 3
    if kind == "vepaq":
        sheet = workbook["V Andel unga"]
        assert sheet["A1"].value == "V – Andel aktiviteter för 10–25 år"
        assert [cell.value for cell in sheet[3]] == ["Månaden", 1, 2, 50.0]
        titles = [row[1].value for row in workbook["V Månadens aktiviteter"].iter_rows(min_row=3)]
        assert "Läsecirkel" in titles
    else:
        sheet = workbook["Aktiviteter"]
        assert [cell.value for cell in sheet[3]] == ["Genomförd", 2]


def test_vepaq_needs_a_month(culture):
    with pytest.raises(CommandError, match="kräver --month"):
        run("vepaq", "--unit", "kulturenheten", "--year", "2024")


def test_bad_month(culture):
    with pytest.raises(CommandError, match="1–12"):
        run("vepaq", "--unit", "kulturenheten", "--year", "2024", "--month", "13")


def test_unknown_unit(db):
    with pytest.raises(CommandError, match="Enheten 'finns-inte' finns inte"):
        run("annual", "--unit", "finns-inte", "--year", "2024")


def test_binary_formats_need_a_file(culture):
    with pytest.raises(CommandError, match="måste skrivas till en fil"):
        run("annual", "--unit", "kulturenheten", "--year", "2024", "--format", "pdf")


def test_generate_benchmark_data_is_deterministic_and_replaces_itself(db):
    def generate():
        call_command(
            "generate_benchmark_data",
            "--units",
            "3",
            "--activities",
            "50",
            "--batch-size",
            "20",
            stdout=io.StringIO(),
        )
        return list(
            Activity.objects.order_by("pk").values_list(
                "unit__slug", "date", "status", "girls", "place__name"
            )
        ), sorted(Activity.partners.through.objects.values_list("partner__name", flat=True))

    first, partners = generate()
    assert len(first) == 50
    assert sum(1 for row in first if row[-1]) > 25  # most are at one of their unit's places
    assert all(row[-1].startswith("Ort ") for row in first if row[-1])
    assert Partner.objects.count() == Place.objects.count() == 6  # two of each per unit
    assert Activity.objects.filter(unit__path__startswith="/bench-kommun/").count() == 50
    again, partners_again = generate()
    # Same data again (names carry the new units' ids), the old set removed.
    assert [row[:4] for row in again] == [row[:4] for row in first]
    assert len(partners_again) == len(partners)
    assert Partner.objects.count() == Place.objects.count() == 6
    assert Activity.objects.count() == 50
    data = json.loads(run("annual", "--unit", "bench-kommun", "--year", "2023"))
    assert data["activities"]["done"] + data["activities"]["planned"] > 0


@pytest.mark.django_db
def test_annual_html_carries_the_same_charts_as_the_chart_page(client, tree, users):
    """DESIGN: the charts are SVG made on the server, the same in the page and the PDF."""
    html = render_html(kind="annual", report=annual_report(unit=tree["culture"], year=2024))
    client.force_login(users["manager"])
    page = client.get("/uppfoljning/kulturenheten/diagram/2024/").content.decode()
    for block in charts.year_charts(unit=tree["culture"], year=2024):
        assert str(block["svg"]) in html
        assert str(block["svg"]) in page
