"""Time the follow-up reports on a large data set, next to bare SQL computing the same figures.

Run by hand, after `manage.py generate_benchmark_data --units 300 --activities 1000000`:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kulturplan_bench \
        .venv/bin/python benchmarks/followup_bench.py [--unit bench-enhet-1] [--runs 15]

Reports the median wall time of building each report dict and serialising it as JSON (the
server's work for the JSON), the number of queries, and the same for bare SQL computing the
same figures; plus the CPU time of this process and the database backend, which does not
depend on what else the machine runs. Results: README, "Benchmarks".
"""

from __future__ import annotations

import argparse
import contextlib
import json
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
from django.db.models import Count  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from activities import versions  # noqa: E402
from activities.models import Activity  # noqa: E402
from culture_plan.models import Goal, Unit  # noqa: E402
from culture_plan.selectors import plan_in_force  # noqa: E402
from followup.reports import annual_report, vepaq_report  # noqa: E402

YEAR, MONTH = 2024, 6

YOUTH = (
    "(a.target_10_12 OR a.target_13_15 OR a.target_16_19 OR a.target_20_25) AND NOT "
    "(a.target_0_5 OR a.target_6_9 OR a.target_26_64 OR a.target_65_plus)"
)
YOUNG = "a.age_10_12 + a.age_13_15 + a.age_16_19 + a.age_20_25"
SUBTREE = "a.unit_id IN (SELECT id FROM culture_plan_unit WHERE path LIKE %(path)s)"


def months_sql(extra: str = "", where: str = "a.date BETWEEN %(start)s AND %(end)s") -> str:
    """Counts, participants, youth share (and optionally more) per month, in one pass."""
    return f"""
        SELECT extract(year FROM a.date), extract(month FROM a.date),
               count(*) FILTER (WHERE a.status = 'done'),
               count(*) FILTER (WHERE a.status = 'planned'),
               count(*) FILTER (WHERE a.status = 'cancelled'),
               coalesce(sum(a.girls) FILTER (WHERE a.status = 'done'), 0),
               coalesce(sum(a.boys) FILTER (WHERE a.status = 'done'), 0),
               coalesce(sum(a.other_gender) FILTER (WHERE a.status = 'done'), 0),
               coalesce(sum({YOUNG}) FILTER (WHERE a.status = 'done'), 0),
               count(*) FILTER (WHERE a.status = 'done' AND {YOUTH}) {extra}
        FROM activities_activity a
        WHERE {SUBTREE} AND ({where})
        GROUP BY 1, 2
    """


SURVEY_COST = """,
    sum(a.survey_answers) FILTER (WHERE a.status = 'done' AND a.survey_answers > 0
                                  AND a.survey_mean IS NOT NULL),
    sum(a.survey_answers * a.survey_mean) FILTER (WHERE a.status = 'done'
                                  AND a.survey_answers > 0 AND a.survey_mean IS NOT NULL),
    sum(a.cost_kr) FILTER (WHERE a.status = 'done')"""

BANDS = ",".join(
    f"count(*) FILTER (WHERE a.status = 'done' AND a.target_{band})"
    for band in ("0_5", "6_9", "10_12", "13_15", "16_19", "20_25", "26_64", "65_plus")
)
KINDS = ",".join(
    f"count(*) FILTER (WHERE a.status = 'done' AND a.{field} = '{value}')"
    for field, values in (
        ("kind", ("culture", "art", "dialogue")),
        ("collaboration", ("own", "internal", "external")),
    )
    for value in values
)

MONTH_LIST = f"""
    SELECT a.date, a.title, a.status, a.girls + a.boys + a.other_gender, u.slug
    FROM activities_activity a JOIN culture_plan_unit u ON u.id = a.unit_id
    WHERE {SUBTREE} AND a.date BETWEEN %(start)s AND %(end)s ORDER BY a.date, a.id
"""
PER_GOAL = f"""
    SELECT g.code, g.text, coalesce(c.done, 0)
    FROM culture_plan_goal g
    JOIN culture_plan_priorityarea pa ON pa.id = g.area_id
    LEFT JOIN (
        SELECT ag.goal_id, count(*) AS done
        FROM activities_activity a JOIN activities_activity_goals ag ON ag.activity_id = a.id
        WHERE {SUBTREE} AND a.status = 'done' AND a.date BETWEEN %(start)s AND %(end)s
        GROUP BY ag.goal_id
    ) c ON c.goal_id = g.id
    WHERE g.plan_id = %(plan)s
    ORDER BY pa.number, g."order", g.code
"""
MATRIX = f"""
    SELECT ag.goal_id, extract(year FROM a.date), count(*)
    FROM activities_activity a JOIN activities_activity_goals ag ON ag.activity_id = a.id
    WHERE {SUBTREE} AND a.status = 'done' AND ag.goal_id = ANY(%(goals)s)
      AND a.date BETWEEN %(start)s AND %(end)s
    GROUP BY 1, 2
"""
SMALL_LOOKUPS = [
    "SELECT * FROM followup_monthlyreport WHERE unit_id = %(unit)s AND year = 2024 AND month = 6",
    "SELECT * FROM culture_plan_yearplan WHERE unit_id = %(unit)s AND year = 2024",
    "SELECT * FROM culture_plan_indicator WHERE unit_id = %(unit)s",
]


YOUTH_ONLY = f"""
    SELECT count(*) FILTER (WHERE a.status = 'done'),
           count(*) FILTER (WHERE a.status = 'done' AND {YOUTH})
    FROM activities_activity a
    WHERE {SUBTREE} AND a.date BETWEEN %(start)s AND %(end)s
"""
YOUTH_AND_YOUNG_BY_MONTH = f"""
    SELECT extract(month FROM a.date),
           count(*) FILTER (WHERE a.status = 'done'),
           count(*) FILTER (WHERE a.status = 'done' AND {YOUTH}),
           coalesce(sum({YOUNG}) FILTER (WHERE a.status = 'done'), 0)
    FROM activities_activity a
    WHERE {SUBTREE} AND a.date BETWEEN %(start)s AND %(end)s
    GROUP BY 1
"""


def bare_vepaq(cursor, params):
    p = params
    cursor.execute(months_sql(SURVEY_COST), p | {"start": "2024-01-01", "end": "2024-06-30"})
    cursor.fetchall()
    cursor.execute(YOUTH_ONLY, p | {"start": "2023-01-01", "end": "2023-06-30"})
    cursor.fetchall()
    cursor.execute(MONTH_LIST, p | {"start": "2024-06-01", "end": "2024-06-30"})
    cursor.fetchall()
    cursor.execute(PER_GOAL, p | {"start": "2024-01-01", "end": "2024-06-30"})
    cursor.fetchall()
    for sql in SMALL_LOOKUPS:
        cursor.execute(sql, p)
        cursor.fetchall()


def bare_annual(cursor, params):
    p = params
    extra = SURVEY_COST + "," + BANDS + "," + KINDS
    cursor.execute(months_sql(extra), p | {"start": "2024-01-01", "end": "2024-12-31"})
    cursor.fetchall()
    cursor.execute(YOUTH_AND_YOUNG_BY_MONTH, p | {"start": "2023-01-01", "end": "2023-12-31"})
    cursor.fetchall()
    cursor.execute(MATRIX, p | {"start": "2022-01-01", "end": "2024-12-31"})
    cursor.fetchall()


def backend_cpu_seconds() -> float:
    """CPU time (user + system) used so far by this connection's PostgreSQL backend. With
    parallel workers off, all of a query's work happens there."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(function, runs: int) -> tuple[float, float]:
    """(median wall ms, mean CPU ms of this process plus the database backend). The CPU time
    does not depend on what else runs on the machine; the wall time does."""
    function()  # warm-up
    samples = []
    cpu_before = time.process_time() + backend_cpu_seconds()
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    cpu_after = time.process_time() + backend_cpu_seconds()
    return statistics.median(samples), (cpu_after - cpu_before) * 1000 / runs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unit", default="bench-enhet-1")
    parser.add_argument("--root", default="bench-kommun")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--work-mem", help="SET work_mem for the session first, e.g. 32MB (default: server's)"
    )
    parser.add_argument(
        "--parallel",
        action="store_true",
        help="let PostgreSQL use parallel workers (wall time only; CPU time then misses them)",
    )
    parser.add_argument(
        "--cached",
        action="store_true",
        help="read the figure cache as the pages do (default: every figure computed afresh)",
    )
    args = parser.parse_args()
    # By default the figures' own cost, as before the figure cache (a warm cache answers in
    # 1–7 ms, which says nothing about the queries).
    with contextlib.nullcontext() if args.cached else versions.bypassed():
        run(args)


def run(args) -> None:
    print(f"cache: {'figure cache read' if args.cached else 'bypassed (computed afresh)'}")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    if args.work_mem:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('work_mem', %s, false)", [args.work_mem])
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        print(f"work_mem: {cursor.fetchone()[0]}, parallel workers: {bool(args.parallel)}")
    if not args.parallel:
        with connection.cursor() as cursor:
            # All work in the backend, so that its CPU time is the query's whole cost.
            cursor.execute("SET max_parallel_workers_per_gather = 0")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"activities: {Activity.objects.count()}")
    for slug in (args.unit, args.root):
        unit = Unit.objects.get(slug=slug)
        plan = plan_in_force(unit=unit, year=YEAR)
        goal_ids = list(Goal.objects.filter(plan=plan).values_list("pk", flat=True))
        own = Activity.objects.filter(unit__path__startswith=unit.path).aggregate(n=Count("pk"))
        params = {"path": unit.path + "%", "unit": unit.pk, "plan": plan.pk, "goals": goal_ids}
        print(f"\n{slug}: {own['n']} activities in its subtree")
        for name, build, bare in (
            ("vepaq", lambda u=unit: vepaq_report(unit=u, year=YEAR, month=MONTH), bare_vepaq),
            ("annual", lambda u=unit: annual_report(unit=u, year=YEAR), bare_annual),
        ):
            with CaptureQueriesContext(connection) as captured:
                build()
            report_ms, report_cpu = measure(
                lambda b=build: json.dumps(b(), ensure_ascii=False), args.runs
            )

            def run_bare(b=bare, p=params):
                with connection.cursor() as cursor:
                    b(cursor, p)

            bare_ms, bare_cpu = measure(run_bare, args.runs)
            print(
                f"  {name:6}  report+json {report_ms:7.1f} ms wall {report_cpu:7.1f} ms CPU "
                f"({len(captured)} queries) | bare SQL {bare_ms:7.1f} ms wall "
                f"{bare_cpu:7.1f} ms CPU | CPU ratio {report_cpu / max(bare_cpu, 0.001):4.2f}"
            )


if __name__ == "__main__":
    main()
