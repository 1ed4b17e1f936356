"""Benchmark: export 100 000 activities to Excel (values read in SQL, the .xlsx streamed).

Run by hand: DEBUG=1 .venv/bin/python benchmarks/excel_export.py [--rows N] [--tracemalloc]
Fills a throwaway SQLite database under /tmp once (reused while it has N activities), then
exports in a fresh child process so that the peak memory printed (ru_maxrss, and Python's
own allocations via tracemalloc) is the export's, not the data generation's. The export runs
as the download view does (activities.excel.ActivityExport, chunk by chunk), written to a
file; "first bytes" is when the download would start sending.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = Path("/tmp/kulturplan-bench-excel-export.sqlite3")
OUT = Path("/tmp/kulturplan-bench-export.xlsx")
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kulturplan.settings")

# Django is set up before the app modules are imported (they need the settings and the
# app registry); the settings read DATABASE_URL above.
import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from activities.excel import ActivityExport, activities_for_export  # noqa: E402
from activities.models import Activity, Partner, Place  # noqa: E402
from culture_plan.models import Goal, Plan, PriorityArea, Unit  # noqa: E402


def fill(rows: int) -> None:
    """Create the unit, plan, partners, places and `rows` activities with goals and partners."""
    if DB.exists():
        try:
            if Activity.objects.count() == rows:
                return
        except Exception:  # noqa: BLE001 - an old or broken file: start again
            pass
        DB.unlink()
    call_command("migrate", verbosity=0)
    municipality = Unit.objects.create(
        name="Flens kommun", slug="flens-kommun", kind="municipality"
    )
    unit = Unit.objects.create(name="Kulturenheten", slug="kulturenheten", parent=municipality)
    plan = Plan.objects.create(
        unit=municipality, name="Kulturplan 2022–2025", start_year=2022, end_year=2025,
        status=Plan.Status.ADOPTED,
    )  # fmt: skip
    areas, goals = [], []
    for number, count in {1: 4, 2: 4, 3: 3, 4: 2}.items():
        area = PriorityArea.objects.create(plan=plan, number=number, name=f"Område {number}")
        areas.append(area)
        goals.append(
            [
                Goal.objects.create(area=area, code=f"{number}.{i}", text="Mål", order=i)
                for i in range(1, count + 1)
            ]
        )
    partners = Partner.objects.bulk_create(
        [Partner(unit=unit, name=f"Förening {n}") for n in range(50)]
    )
    places = Place.objects.bulk_create([Place(unit=unit, name=f"Ort {n}") for n in range(20)])
    start = datetime.date(2022, 1, 1)
    with transaction.atomic():
        for offset in range(0, rows, 5000):
            batch = []
            for n in range(offset, min(offset + 5000, rows)):
                done = n % 3 != 2
                activity = Activity(
                    unit=unit,
                    title=f"=Aktivitet {n}" if n % 1000 == 0 else f"Aktivitet {n}",
                    description="Erfarenheter och beskrivning av aktiviteten. " * 3,
                    date=start + datetime.timedelta(days=n % 1400),
                    status="done" if done else "planned",
                    priority_area=areas[n % 4],
                    kind=["culture", "art", "dialogue"][n % 3],
                    collaboration="external",
                    place=places[n % 20],
                    culture_area="performing",
                    girls=10 if done else 0,
                    boys=9 if done else 0,
                    age_10_12=8 if done else 0,
                    cost_kr=1500,
                    survey_answers=12 if done else None,
                )
                activity.set_target_bands(["10-12", "13-15"])
                batch.append(activity)
            created = Activity.objects.bulk_create(batch)
            Activity.goals.through.objects.bulk_create(
                [
                    Activity.goals.through(activity_id=a.pk, goal_id=goal.pk)
                    for i, a in enumerate(created)
                    for goal in goals[(offset + i) % 4][:2]
                ]
            )
            Activity.partners.through.objects.bulk_create(
                [
                    Activity.partners.through(activity_id=a.pk, partner_id=partners[i % 50].pk)
                    for i, a in enumerate(created)
                ]
            )


def export(*, trace: bool) -> None:
    """The measured part: runs in its own process. tracemalloc slows Python down several
    times, so it is on only with --tracemalloc (the seconds are then not comparable)."""
    unit = Unit.objects.get(slug="kulturenheten")
    if trace:
        tracemalloc.start()
    started, started_cpu = time.perf_counter(), time.process_time()
    export = ActivityExport(activities_for_export(unit=unit))
    first = None
    chunks = 0
    with OUT.open("wb") as output:
        for chunk in export:
            if first is None:
                first = time.perf_counter() - started
            chunks += 1
            output.write(chunk)
    written = export.written
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    if trace:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    maxrss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rows written: {written}, file: {OUT.stat().st_size / 1024 / 1024:.1f} MiB")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print(f"export: {seconds:.1f} s wall, {cpu:.1f} s CPU; first bytes after {first:.2f} s")
    print(f"chunks: {chunks}, about one every {seconds / max(chunks, 1):.2f} s")
    if trace:
        print(f"peak Python allocations (tracemalloc): {peak / 1024 / 1024:.1f} MiB")
    print(f"peak resident memory of the process (ru_maxrss): {maxrss_mib:.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace allocations")
    parser.add_argument("--export-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_only:
        export(trace=args.tracemalloc)
        return
    started = time.perf_counter()
    fill(args.rows)
    print(f"data ready ({args.rows} activities) in {time.perf_counter() - started:.1f} s")
    command = [sys.executable, __file__, "--export-only"]
    if args.tracemalloc:
        command.append("--tracemalloc")
    subprocess.run(command, check=True, env=os.environ)


if __name__ == "__main__":
    main()
