"""Time the dashboard's municipality roll-up (one row per unit, YTD) on a large data set.

Run by hand, after `manage.py generate_benchmark_data --units 300 --activities 1000000`:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kulturplan_bench \
        .venv/bin/python benchmarks/rollup_bench.py [--root bench-kommun] [--runs 7]

Prints the median wall time and the number of queries of followup.selectors.rollup_rows for
every unit under the root (the table on /uppfoljning/), and of the municipality's own YTD
figures (the table's total row).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kulturplan.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from culture_plan import periods  # noqa: E402
from culture_plan.models import Unit  # noqa: E402
from followup import figures, selectors  # noqa: E402

YEAR, MONTH = 2024, 6


def timed(function, runs):
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            result = function()
            times.append(time.perf_counter() - start)
    return statistics.median(times), len(queries.captured_queries), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default="bench-kommun")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    root = Unit.objects.get(slug=args.root)
    units = root.subtree()
    start, end = periods.ytd_period(YEAR, MONTH)

    seconds, queries, rows = timed(
        lambda: selectors.rollup_rows(units=units, year=YEAR, month=MONTH), args.runs
    )
    print(f"roll-up table: {len(rows)} units, {seconds * 1000:.1f} ms, {queries} queries")
    seconds, queries, _ = timed(
        lambda: (
            figures.activity_counts(unit=root, start=start, end=end),
            figures.participants(unit=root, start=start, end=end),
            figures.youth_share(unit=root, start=start, end=end),
        ),
        args.runs,
    )
    print(f"municipality total row: {seconds * 1000:.1f} ms, {queries} queries")


if __name__ == "__main__":
    main()
