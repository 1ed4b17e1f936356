"""Time the hot pages one request at a time: size of the HTML, queries, median server time.

Run by hand, after `manage.py generate_benchmark_data` and `manage.py benchmark_users`:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kulturplan_bench \
        .venv/bin/python benchmarks/page_bench.py [--runs 5]

Each page is requested through Django's test client as the user who reads it in the load test
(`benchmarks/locustfile.py`): a unit's staff member or a municipality manager. DEBUG is off
(templates are cached as in production). Results: README, "Benchmarks".
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
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "page-bench-only")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

YEAR, MONTH = 2024, 6
STAFF, MANAGER = "bench-staff-1", "bench-chef-1"
UNIT = "bench-enhet-1"

PAGES = [
    (STAFF, "start page (staff)", "/"),
    (STAFF, "activity list (staff)", f"/aktiviteter/?year={YEAR}"),
    (STAFF, "log form", "/aktiviteter/ny/"),
    (STAFF, "unit VEPAQ month", f"/uppfoljning/{UNIT}/vepaq/{YEAR}/{MONTH}/"),
    (STAFF, "unit activity plan", f"/aktiviteter/plan/{UNIT}/{YEAR}/"),
    (MANAGER, "start page (municipality)", "/"),
    (MANAGER, "activity list (municipality)", f"/aktiviteter/?year={YEAR}"),
    (MANAGER, "municipality VEPAQ month", f"/uppfoljning/bench-kommun/vepaq/{YEAR}/{MONTH}/"),
    (MANAGER, "municipality VEPAQ year", f"/uppfoljning/bench-kommun/vepaq/{YEAR}/"),
    (MANAGER, "municipality youth page", f"/uppfoljning/bench-kommun/unga/{YEAR}/"),
    (MANAGER, "municipality charts", f"/uppfoljning/bench-kommun/diagram/{YEAR}/"),
    (
        MANAGER,
        "municipality annual report page",
        f"/uppfoljning/bench-kommun/verksamhetsberattelse/{YEAR}/",
    ),
    (MANAGER, "dashboard", "/uppfoljning/"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    users = get_user_model().objects
    clients: dict[str, Client] = {}
    print(f"{'page':34} {'status':>6} {'KB':>8} {'queries':>8} {'median ms':>10}")
    for username, name, path in PAGES:
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            client.force_login(users.get(username=username))
        client.get(path)  # warm: caches, the first query plans
        times = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - started)
        print(
            f"{name:34} {response.status_code:>6} {len(response.content) / 1024:>8.1f} "
            f"{len(queries):>8} {statistics.median(times) * 1000:>10.1f}"
        )


if __name__ == "__main__":
    main()
