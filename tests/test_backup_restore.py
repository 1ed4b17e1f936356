"""Backup and restore (DESIGN: Trust; docs/operations.md): the report JSON of a restored copy
is byte-identical to the original's.

SQLite: Python's sqlite3 backup API (what the `.backup` command uses) copies the live
database into a new file, and `sqlite3 backup ".backup restored"` restores it into another.
PostgreSQL (when DATABASE_URL says so and the tools exist): `pg_dump -Fc` into a file and
`pg_restore` into a new database. The restored copy is read by a separate `manage.py report`
process, as an operator would check a restore.
"""

import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from activities.models import Status
from followup import services
from followup.models import MonthlyReport
from tests.factories import ActivityFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
REPORTS = [
    ["vepaq", "--unit", "kulturenheten", "--year", "2024", "--month", "3"],
    ["annual", "--unit", "kulturenheten", "--year", "2024"],
]


@pytest.fixture
def seeded(tree, users, flen_plan):
    """A small unit tree, activities in two units and an approved March 2024."""
    for day, girls, boys in [(4, 12, 9), (12, 30, 22), (21, 5, 7)]:
        ActivityFactory(
            unit=tree["culture"],
            title=f"Lovaktivitet {day} mars – ”åäö”",
            date=datetime.date(2024, 3, day),
            status=Status.DONE,
            girls=girls,
            boys=boys,
            age_13_15=girls + boys,
        )
    ActivityFactory(unit=tree["culture"], date=datetime.date(2024, 4, 2), status=Status.PLANNED)
    ActivityFactory(unit=tree["library"], date=datetime.date(2024, 3, 8))
    manager = users["manager"]
    report = services.report_get_or_create(unit=tree["culture"], year=2024, month=3)
    services.report_update(
        report=report, data={"v_comment": "Många besök under sportlovet."}, by=manager
    )
    services.report_submit(report=report, by=manager)
    services.report_approve(report=report, by=manager)
    assert MonthlyReport.objects.get(pk=report.pk).state == MonthlyReport.State.APPROVED


def reports_here(directory: Path) -> dict[str, bytes]:
    out = {}
    for args in REPORTS:
        path = directory / f"{args[0]}-original.json"
        call_command("report", *args, "--format", "json", "-o", str(path))
        out[args[0]] = path.read_bytes()
    return out


def reports_from(database_url: str, directory: Path) -> dict[str, bytes]:
    """The same reports written by another process from the restored database."""
    env = {**os.environ, "DATABASE_URL": database_url}
    out = {}
    for args in REPORTS:
        path = directory / f"{args[0]}-restored.json"
        result = subprocess.run(
            [sys.executable, "manage.py", "report", *args, "--format", "json", "-o", str(path)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        out[args[0]] = path.read_bytes()
    return out


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite backup")
def test_sqlite_backup_and_restore_give_identical_report_json(seeded, tmp_path):
    original = reports_here(tmp_path)
    assert "Många besök under sportlovet".encode() in original["vepaq"]
    assert b'"state": "approved"' in original["vepaq"]

    backup = tmp_path / "backup.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(backup) as target:
        connection.connection.backup(target)
    target.close()

    restored = tmp_path / "restored.sqlite3"
    if shutil.which("sqlite3"):
        result = subprocess.run(
            ["sqlite3", str(backup), f".backup {restored}"], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
    else:  # the same API, when the command-line shell is not installed
        with sqlite3.connect(backup) as source, sqlite3.connect(restored) as target:
            source.backup(target)

    assert reports_from(f"sqlite:///{restored}", tmp_path) == original


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL dump")
def test_postgresql_dump_and_restore_give_identical_report_json(seeded, tmp_path):
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed")
    original = reports_here(tmp_path)
    database = connection.settings_dict
    server = {
        "PGHOST": database["HOST"] or "127.0.0.1",
        "PGPORT": str(database["PORT"] or 5432),
        "PGUSER": database["USER"] or "postgres",
    }
    if database.get("PASSWORD"):
        server["PGPASSWORD"] = database["PASSWORD"]
    env = {**os.environ, **server}
    dump = tmp_path / "kulturplan.dump"
    copy = f"{database['NAME']}_restore_{uuid.uuid4().hex[:8]}"

    def run(*command):
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr

    run("pg_dump", "--format=custom", f"--file={dump}", database["NAME"])
    run("psql", "-q", "-d", "postgres", "-c", f'CREATE DATABASE "{copy}"')
    try:
        run("pg_restore", "--no-owner", f"--dbname={copy}", str(dump))
        url = (
            f"postgres://{server['PGUSER']}@{server['PGHOST']}:{server['PGPORT']}/{copy}"
            if "PGPASSWORD" not in server
            else f"postgres://{server['PGUSER']}:{server['PGPASSWORD']}@"
            f"{server['PGHOST']}:{server['PGPORT']}/{copy}"
        )
        assert reports_from(url, tmp_path) == original
    finally:
        run("psql", "-q", "-d", "postgres", "-c", f'DROP DATABASE IF EXISTS "{copy}"')
