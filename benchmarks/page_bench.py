"""Time the hot pages one request at a time: CPU and wall time, cold and warm cache.

Run by hand, after `manage.py generate_benchmark_data` and `manage.py benchmark_users`:

    .venv/bin/python benchmarks/page_bench.py \
        --database postgres://postgres@127.0.0.1:5432/kulturplan_bench [--runs 5] [--only dash]

Each page is requested through Django's test client as the user who reads it in the load test
(`benchmarks/locustfile.py`): a unit's staff member or a municipality manager. DEBUG is off
(templates are cached as in production). For every page it prints the size of the HTML, the
queries of one request, and the median CPU time (`time.process_time`, this process only: the
database's own work is not in it) and wall time of `--runs` requests, "cold" with the page
cache (`followup.cache`) cleared before each request and "warm" with it kept. Results:
README, "Benchmarks".
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

YEAR, MONTH = 2024, 6
STAFF, MANAGER = "bench-staff-1", "bench-chef-1"
UNIT = "bench-enhet-1"

PAGES = [
    (STAFF, "start page (staff)", "/"),
    (STAFF, "activity list (staff)", f"/aktiviteter/?year={YEAR}"),
    (STAFF, "log form", "/aktiviteter/ny/"),
    (STAFF, "unit VEPAQ month", f"/uppfoljning/{UNIT}/vepaq/{YEAR}/{MONTH}/"),
    (STAFF, "unit VEPAQ year", f"/uppfoljning/{UNIT}/vepaq/{YEAR}/"),
    (STAFF, "unit youth page", f"/uppfoljning/{UNIT}/unga/{YEAR}/"),
    (STAFF, "unit charts", f"/uppfoljning/{UNIT}/diagram/{YEAR}/"),
    (STAFF, "unit annual report page", f"/uppfoljning/{UNIT}/verksamhetsberattelse/{YEAR}/"),
    (STAFF, "unit activity plan", f"/aktiviteter/plan/{UNIT}/{YEAR}/"),
    # The plan has no month view (the same page with its month tables, #month-6): a month's
    # full list is the VEPAQ month above.
    (MANAGER, "start page (municipality)", "/"),
    (MANAGER, "activity list (municipality)", f"/aktiviteter/?year={YEAR}"),
    (MANAGER, "activity list, kind filter", f"/aktiviteter/?year={YEAR}&kind=dialogue"),
    (MANAGER, "activity list, collaboration", f"/aktiviteter/?year={YEAR}&collaboration=external"),
    (MANAGER, "activity list, text filter", f"/aktiviteter/?year={YEAR}&q=12345"),
    # The first partner by name ({partner}: its id, looked up at run time); skipped when the
    # data have none (generate_benchmark_data makes no partners yet).
    (MANAGER, "activity list, partner filter", f"/aktiviteter/?year={YEAR}&partner={{partner}}"),
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


def timed(client, path: str, runs: int, before=None) -> tuple[float, float, object]:
    """Median CPU and wall seconds of `runs` GETs (calling `before` ahead of each)."""
    cpu, wall = [], []
    response = None
    for _ in range(runs):
        if before is not None:
            before()
        started_cpu, started = time.process_time(), time.perf_counter()
        response = client.get(path)
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started)
    return statistics.median(cpu), statistics.median(wall), response


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", help="DATABASE_URL (default: the environment's)")
    parser.add_argument("--only", help="time only the pages whose name contains this")
    args = parser.parse_args()
    if args.database:
        os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kulturplan.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "page-bench-only")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("STATIC_MANIFEST", "0")  # no collectstatic needed

    import django  # noqa: PLC0415 (Django set up after the options chose the database)

    django.setup()

    from django.contrib.auth import get_user_model  # noqa: PLC0415 (Django set up after the options chose the database)
    from django.core.cache import caches  # noqa: PLC0415 (Django set up after the options chose the database)
    from django.db import connection  # noqa: PLC0415 (Django set up after the options chose the database)
    from django.test import Client  # noqa: PLC0415 (Django set up after the options chose the database)
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 (Django set up after the options chose the database)

    from activities.models import Activity, Partner  # noqa: PLC0415 (Django set up after the options chose the database)

    cache = caches["default"]
    users = get_user_model().objects
    clients: dict[str, Client] = {}
    print(f"{Activity.objects.count()} activities; cache: {type(cache).__name__}")
    print(
        f"{'page':34} {'status':>6} {'KB':>7} {'queries':>7} "
        f"{'cold CPU':>9} {'cold wall':>9} {'warm CPU':>9} {'warm wall':>9}  (ms)"
    )
    for username, name, path in PAGES:
        if args.only and args.only not in name:
            continue
        if "{partner}" in path:
            partner = Partner.objects.order_by("name").first()
            if partner is None:
                print(f"{name:34} skipped: no partner in the data")
                continue
            path = path.format(partner=partner.pk)
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            client.force_login(users.get(username=username))
        client.get(path)  # the first query plans, the templates compiled
        cold_cpu, cold_wall, _ = timed(client, path, args.runs, before=cache.clear)
        client.get(path)
        warm_cpu, warm_wall, response = timed(client, path, args.runs)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        print(
            f"{name:34} {response.status_code:>6} {len(response.content) / 1024:>7.1f} "
            f"{len(queries):>7} {cold_cpu * 1000:>9.1f} {cold_wall * 1000:>9.1f} "
            f"{warm_cpu * 1000:>9.1f} {warm_wall * 1000:>9.1f}"
        )


if __name__ == "__main__":
    main()
