"""Benchmark: the annual report PDF (verksamhetsberättelse) of a unit with 5 000 activities
in the year, target < 3 s (issue 10).

Run by hand: DEBUG=1 .venv/bin/python benchmarks/annual_pdf_bench.py [--activities N] [--runs R]
Fills a throwaway SQLite database under /tmp once (reused while it holds N activities), then
times the figures (the JSON), the HTML and the tagged PDF (PDF/UA-1) separately, R runs each,
and prints the median and CPU time. Timings are never asserted in tests.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = Path("/tmp/kulturplan-bench-annual-pdf.sqlite3")
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
from django.utils import translation  # noqa: E402

from activities.models import Activity  # noqa: E402
from culture_plan.models import Goal, Plan, PriorityArea, Unit  # noqa: E402
from followup import rendering, reports  # noqa: E402

YEAR = 2024


def fill(count: int) -> None:
    if DB.exists():
        try:
            if Activity.objects.filter(date__year=YEAR).count() == count:
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
    goals = []
    for number, size in {1: 4, 2: 4, 3: 3, 4: 2}.items():
        area = PriorityArea.objects.create(plan=plan, number=number, name=f"Område {number}")
        goals += [
            Goal.objects.create(area=area, code=f"{number}.{i}", text="Ett inriktningsmål", order=i)
            for i in range(1, size + 1)
        ]
    bands = ["target_10_12", "target_13_15", "target_26_64", "target_65_plus"]
    with transaction.atomic():
        rows = []
        for n in range(count):
            done = n % 4 != 3
            rows.append(
                Activity(
                    unit=unit,
                    title=f"Aktivitet {n}",
                    date=datetime.date(YEAR, 1, 1) + datetime.timedelta(days=n % 366),
                    status="done" if done else "planned",
                    kind=["culture", "art", "dialogue"][n % 3],
                    collaboration=["own", "internal", "external"][n % 3],
                    girls=10 if done else 0,
                    boys=9 if done else 0,
                    age_13_15=8 if done else 0,
                    cost_kr=1500,
                    **{bands[n % 4]: True},
                )
            )
        created = Activity.objects.bulk_create(rows, batch_size=1000)
        through = Activity.goals.through
        through.objects.bulk_create(
            [
                through(activity_id=a.pk, goal_id=goals[i % len(goals)].pk)
                for i, a in enumerate(created)
            ],
            batch_size=2000,
        )


def measure(function, runs: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    translation.activate("sv")
    fill(args.activities)
    unit = Unit.objects.get(slug="kulturenheten")
    report = reports.annual_report(unit=unit, year=YEAR)
    pdf = rendering.render_pdf(kind="annual", report=report)  # warm-up (fonts, templates)
    print(f"{report['activities']} activities in {YEAR}; PDF {len(pdf) // 1024} KiB")
    for name, function in (
        ("figures (JSON dict)", lambda: reports.annual_report(unit=unit, year=YEAR)),
        ("HTML", lambda: rendering.render_html(kind="annual", report=report)),
        ("PDF/UA-1 from the dict", lambda: rendering.render_pdf(kind="annual", report=report)),
        (
            "whole: figures + PDF",
            lambda: rendering.render_pdf(
                kind="annual", report=reports.annual_report(unit=unit, year=YEAR)
            ),
        ),
    ):
        wall, cpu = measure(function, args.runs)
        print(f"{name:28s} median {wall * 1000:8.1f} ms wall, {cpu * 1000:8.1f} ms CPU")


if __name__ == "__main__":
    main()
