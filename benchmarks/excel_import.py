"""Benchmark: import a 10 000-row activity plan from Excel on SQLite.

Run by hand: DEBUG=1 .venv/bin/python benchmarks/excel_import.py [--rows N]
Uses a throwaway SQLite database under /tmp (recreated each run); prints seconds for reading
and checking the file, and for the whole import (check + write) in one transaction.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = Path("/tmp/kulturplan-bench-excel-import.sqlite3")
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kulturplan.settings")

# Django is set up before the app modules are imported (they need the settings and the
# app registry); the settings read DATABASE_URL above.
import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from activities.excel import HEADERS  # noqa: E402
from activities.imports import import_activities, read_activity_file  # noqa: E402
from activities.models import Activity, Partner, Place  # noqa: E402
from culture_plan.models import Goal, Plan, PriorityArea, Unit  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    DB.unlink(missing_ok=True)

    call_command("migrate", verbosity=0)

    municipality = Unit.objects.create(
        name="Flens kommun", slug="flens-kommun", kind="municipality"
    )
    unit = Unit.objects.create(name="Kulturenheten", slug="kulturenheten", parent=municipality)
    plan = Plan.objects.create(
        unit=municipality, name="Kulturplan 2022–2025", start_year=2022, end_year=2025,
        status=Plan.Status.ADOPTED,
    )  # fmt: skip
    for number, count in {1: 4, 2: 4, 3: 3, 4: 2}.items():
        area = PriorityArea.objects.create(plan=plan, number=number, name=f"Område {number}")
        for index in range(1, count + 1):
            Goal.objects.create(area=area, code=f"{number}.{index}", text="Mål", order=index)
    for n in range(0, 40, 2):  # half of the partners exist already
        Partner.objects.create(unit=unit, name=f"Förening {n}")

    statuses = ["Genomförd", "Genomförd", "Planerad", "Inställd"]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Aktiviteter")
    sheet.append(HEADERS)
    goals_by_area = {1: "1.1, 1.2", 2: "2.3", 3: "3.1, 3.3", 4: "4.2"}
    for n in range(args.rows):
        status = statuses[n % 4]
        done = status == "Genomförd"
        area = n % 4 + 1
        values = {
            "Datum": f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            "Titel": f"Aktivitet {n}",
            "Status": status,
            "Prioriterat område": area,
            "Inriktningsmål": goals_by_area[area],
            "Typ": ["Kultur", "Konst", "Dialog"][n % 3],
            "Samverkan": "Extern samverkan",
            "Samverkansparter": f"Förening {n % 40}, Förening {(n + 7) % 40}",
            "Ort": f"Ort {n % 15}",
            "Lov": "Sommarlov" if n % 12 == 6 else "",
            "Kulturområde": "Teater, dans och musik",
            "Målgrupp": "10-12, 13-15",
            "Flickor": 10 if done else None,
            "Pojkar": 9 if done else None,
            "Annat/ej angivet": 1 if done else None,
            "10-12": 8 if done else None,
            "13-15": 7 if done else None,
            "Kostnad (kr)": 1500.5,
            "Enkätsvar": 12 if done else None,
            "Medelbetyg": 4.25 if done else None,
            "Beskrivning": "Beskrivning av aktiviteten.",
        }
        sheet.append([values.get(header) for header in HEADERS])
    data = io.BytesIO()
    workbook.save(data)
    size = data.tell()

    data.seek(0)
    started, started_cpu = time.perf_counter(), time.process_time()
    preview = read_activity_file(unit=unit, file=data)
    checked, checked_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    assert preview.is_valid, preview.messages[:5]

    data.seek(0)
    started, started_cpu = time.perf_counter(), time.process_time()
    result = import_activities(unit=unit, file=data)
    total, total_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    assert Activity.objects.count() == args.rows

    print(f"rows: {args.rows}, file: {size / 1024:.0f} KiB")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print(f"read and check only: {checked:.2f} s wall, {checked_cpu:.2f} s CPU")
    print(
        f"import (read, check, write in one transaction): {total:.2f} s wall, {total_cpu:.2f} s CPU"
    )
    print(
        f"created {result.created} activities, {len(result.new_partners)} new partners "
        f"(now {Partner.objects.count()}), {Place.objects.count()} places, "
        f"{Activity.goals.through.objects.count()} goal links, "
        f"{Activity.partners.through.objects.count()} partner links, "
        f"{Activity.history.count()} history rows"
    )


if __name__ == "__main__":
    main()
