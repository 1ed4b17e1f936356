"""Open data: the settled (approved) months' figures, the same as the VEPAQ report's."""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from activities.models import Status
from followup.models import MonthlyReport
from followup.reports import vepaq_report
from followup.services import (
    report_approve,
    report_get_or_create,
    report_reopen,
    report_submit,
)
from public.selectors import STATISTICS_KEYS, open_statistics
from tests.factories import ActivityFactory

KEYS = [
    "unit", "year", "month", "done", "planned", "cancelled", "participants", "girls", "boys",
    "other", "young_10_25", "youth_targeted",
]  # fmt: skip


@pytest.fixture
def months(tree, users):
    """Kulturenheten: March and April 2024 approved, May 2024 submitted only; Bibliotek's
    March approved (its activities also count in no other unit's open rows)."""
    culture, library = tree["culture"], tree["library"]
    done = Status.DONE
    spec = [
        (culture, datetime.date(2024, 3, 5), done, {"girls": 6, "boys": 4, "other_gender": 1,
         "age_13_15": 5, "age_16_19": 5, "target_13_15": True, "target_16_19": True}),
        (culture, datetime.date(2024, 3, 20), done, {"girls": 20, "boys": 15, "age_10_12": 3,
         "target_10_12": True, "target_26_64": True}),
        (culture, datetime.date(2024, 3, 28), Status.CANCELLED, {}),
        (culture, datetime.date(2024, 4, 10), done, {"girls": 3, "target_20_25": True,
         "age_20_25": 3}),
        (culture, datetime.date(2024, 4, 11), Status.PLANNED, {}),
        (culture, datetime.date(2024, 5, 2), done, {"girls": 50, "boys": 50}),
        (library, datetime.date(2024, 3, 9), done, {"boys": 7, "target_6_9": True}),
    ]  # fmt: skip
    for unit, date, status, extra in spec:
        ActivityFactory(unit=unit, date=date, status=status, **extra)
    manager = users["manager"]
    for unit, month, approve in (
        (culture, 3, True),
        (culture, 4, True),
        (culture, 5, False),
        (library, 3, True),
    ):
        report = report_get_or_create(unit=unit, year=2024, month=month)
        report_submit(report=report, by=manager)
        if approve:
            report_approve(report=report, by=users["admin"], planned_in_past_confirmed=True)
    return spec


@pytest.mark.django_db
def test_open_statistics_equal_the_vepaq_report_of_each_approved_month(tree, months):
    rows = open_statistics()
    # Ordered by the unit tree, then year and month.
    assert [(r["unit"], r["year"], r["month"]) for r in rows] == [
        ("bibliotek", 2024, 3),
        ("kulturenheten", 2024, 3),
        ("kulturenheten", 2024, 4),
    ]
    assert all(list(row) == KEYS for row in rows)
    assert STATISTICS_KEYS == KEYS
    for row in rows:
        unit = tree["culture"] if row["unit"] == "kulturenheten" else tree["library"]
        report = vepaq_report(unit=unit, year=row["year"], month=row["month"])
        counts = report["activities"]["month"]
        people = report["participants"]["month"]
        assert row["done"] == counts["done"]
        assert row["planned"] == counts["planned"]
        assert row["cancelled"] == counts["cancelled"]
        assert row["participants"] == people["total"]
        assert row["girls"] == people["girls"]
        assert row["boys"] == people["boys"]
        assert row["other"] == people["other"]
        assert row["young_10_25"] == people["young_10_25"]
        assert row["youth_targeted"] == report["youth_share"]["month"]["youth"]
    march = next(r for r in rows if r["unit"] == "kulturenheten" and r["month"] == 3)
    assert march == {
        "unit": "kulturenheten", "year": 2024, "month": 3, "done": 2, "planned": 0,
        "cancelled": 1, "participants": 46, "girls": 26, "boys": 19, "other": 1,
        "young_10_25": 13, "youth_targeted": 1,
    }  # fmt: skip


@pytest.mark.django_db
def test_unapproved_months_are_left_out_and_reopened_ones_disappear(tree, months, users):
    assert not any(row["month"] == 5 for row in open_statistics())

    report = MonthlyReport.objects.get(unit=tree["culture"], year=2024, month=4)
    report_reopen(report=report, reason="Rättelse", by=users["manager"])
    assert [(r["unit"], r["month"]) for r in open_statistics() if r["unit"] == "kulturenheten"] == [
        ("kulturenheten", 3)
    ]


@pytest.mark.django_db
def test_json_and_csv_hold_the_same_rows_without_login(client, months):
    expected = open_statistics()
    response = client.get(reverse("public:statistics_json"))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert json.loads(response.content) == expected
    response = client.get(reverse("public:statistics_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffunit,year,month,")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [{k: int(v) if k != "unit" else v for k, v in row.items()} for row in rows] == expected


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_csv_opens_in_libreoffice_with_the_same_figures(client, months, tmp_path):
    path = tmp_path / "statistik.csv"
    path.write_bytes(client.get(reverse("public:statistics_csv")).content)
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "out"),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )

    sheet = load_workbook(tmp_path / "out" / "statistik.xlsx").worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == KEYS
    assert [
        dict(zip(KEYS, row, strict=True)) for row in values[1:]
    ] == open_statistics()  # numbers came through as numbers, å/ä/ö-safe header
