"""`report indicators`: DESIGN's JSON exactly, and the same figures in HTML, PDF and Excel."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from culture_plan.models import IndicatorTarget, IndicatorValue, TargetKind
from governance.models import KoladaValue
from tests.factories import IndicatorFactory

FETCHED = datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC)
VALUES_2024 = {"0482": "5.9", "0428": "5.2", "0461": "6.6", "0483": "6.1", "0488": None}


def store(year, values, *, is_demo=False):
    for municipality, value in values.items():
        KoladaValue.objects.create(
            kpi="N09801",
            municipality=municipality,
            year=year,
            value=None if value is None else Decimal(value),
            source="http://127.0.0.1/v3/data/…",
            fetched_at=FETCHED,
            is_demo=is_demo,
        )


def report_json(unit="kulturenheten", year=2024):
    out = io.StringIO()
    call_command("report", "indicators", "--unit", unit, "--year", str(year), stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_the_json_has_designs_shape(kolada_world, tree):
    store(2024, VALUES_2024)
    store(2023, {"0482": "5.6"})
    manual = IndicatorFactory(unit=tree["culture"], name="Besök", direction="maintain", order=1)
    IndicatorTarget.objects.create(indicator=manual, year=2024, value=100)
    IndicatorValue.objects.create(indicator=manual, year=2024, value=100)
    data = report_json()
    assert list(data) == ["unit", "year", "indicators"]
    assert data["unit"] == "kulturenheten" and data["year"] == 2024
    by_name = {row["name"]: row for row in data["indicators"]}
    assert by_name["Besök"] == {
        "name": "Besök",
        "kolada_kpi": None,
        "direction": "keep",
        "value": "100.0",
        "target": {"kind": "absolute", "value": "100.0"},
        "comparison": None,
        "target_met": True,
    }
    # Average over the four members with a value: (5.9 + 5.2 + 6.6 + 6.1) / 4 = 5.95 → 5.95 ≈ "6.0"
    assert by_name["Lån på folkbibliotek per invånare"] == {
        "name": "Lån på folkbibliotek per invånare",
        "kolada_kpi": "N09801",
        "direction": "increase",
        "value": "5.9",
        "target": {"kind": "group_average", "value": "6.0"},
        "comparison": {
            "group": "Liknande kommuner",
            "members": ["0482", "0428", "0461", "0483", "0488"],
            "average": "6.0",
            "rank": 3,
            "of": 4,
            "quartile": 3,
        },
        "target_met": False,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "target", "met"),
    [
        (TargetKind.PREVIOUS_YEAR, "5.6", True),
        (TargetKind.GROUP_QUARTILE, "6.6", False),
    ],
)
def test_other_target_kinds(kolada_world, kind, target, met):
    store(2024, VALUES_2024)
    store(2023, {"0482": "5.6"})
    indicator = kolada_world["indicator"]
    indicator.target_kind = kind
    indicator.save()
    row = report_json()["indicators"][0]
    assert row["target"] == {"kind": kind, "value": target}
    assert row["target_met"] is met


@pytest.mark.django_db
def test_no_values_give_nulls_not_errors(kolada_world):
    row = report_json()["indicators"][0]
    assert row["value"] is None
    assert row["comparison"]["average"] is None and row["comparison"]["rank"] is None
    assert row["comparison"]["of"] == 0
    assert row["target_met"] is None


@pytest.mark.django_db
def test_html_pdf_and_xlsx_show_the_comparison_and_credit_kolada(kolada_world, tmp_path):
    store(2024, VALUES_2024)
    out = io.StringIO()
    call_command(
        "report",
        "indicators",
        "--unit",
        "kulturenheten",
        "--year",
        "2024",
        "--format",
        "html",
        stdout=out,
    )
    html = out.getvalue()
    assert "Källa: Kolada" in html
    assert "<svg" in html and 'role="img"' in html and "<title id=" in html
    assert "Gnesta" in html and "Flen (egen kommun)" in html
    assert "plats 3 av 4" in html
    assert "kulturplanens egna beräkningar" in html
    pdf = tmp_path / "indikatorer.pdf"
    call_command(
        "report",
        "indicators",
        "--unit",
        "kulturenheten",
        "--year",
        "2024",
        "--format",
        "pdf",
        "-o",
        str(pdf),
        stderr=io.StringIO(),
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    xlsx = tmp_path / "indikatorer.xlsx"
    call_command(
        "report",
        "indicators",
        "--unit",
        "kulturenheten",
        "--year",
        "2024",
        "--format",
        "xlsx",
        "-o",
        str(xlsx),
        stderr=io.StringIO(),
    )

    workbook = load_workbook(xlsx)
    assert workbook.sheetnames == ["Indikatorer", "Jämförelser"]
    rows = list(workbook["Jämförelser"].values)
    assert ("Lån på folkbibliotek per invånare", "Flen", "0482", 5.9, 3, "Kolada") in rows


@pytest.mark.django_db
def test_demo_values_are_marked(kolada_world):
    store(2024, VALUES_2024, is_demo=True)
    out = io.StringIO()
    call_command(
        "report",
        "indicators",
        "--unit",
        "kulturenheten",
        "--year",
        "2024",
        "--format",
        "html",
        stdout=out,
    )
    assert "Demodata: påhittade värden" in out.getvalue()
