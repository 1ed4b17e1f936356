"""Past one machine (issue 23), run for real: a throwaway PostgreSQL primary and its streaming
replica (initdb, pg_basebackup), a Redis server, and two gunicorn app servers (A and B)
against them with a shared MEDIA_ROOT. Nothing of the machine's own cluster is touched.

- a month approved through A is locked through B at once;
- a figure written through A shows on B's page (read-your-writes, the pin cookie);
- a safe request without the cookie reads the replica;
- the replica stopped, the pages still answer, from the primary.
"""

import contextlib
import glob
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

# The fleet starts its own PostgreSQL primary and replica whatever database the suite uses, so
# it runs once, in the PostgreSQL pass of .ci/run (DATABASE_URL=postgres://…).
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="the fleet test runs in the PostgreSQL pass (DATABASE_URL=postgres://…)",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "fleet-losen-2024"


def _pg_bin() -> Path | None:
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if all(os.access(Path(folder) / tool, os.X_OK) for tool in ("initdb", "pg_basebackup")):
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(command: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def _wait_http(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=5)
            return
        except httpx.HTTPError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer")


SETUP = f"""
from django.contrib.auth import get_user_model
from activities.models import Activity, Status
from culture_plan.models import Membership, Role, Unit
from followup import services
municipality = Unit.objects.create(slug="fleet-kommun", name="Flottkommun", kind="municipality")
unit = Unit.objects.create(slug="fleet-enhet", name="Flottenheten", parent=municipality)
user = get_user_model().objects.create_user("fleetchef", password={PASSWORD!r})
Membership.objects.create(user=user, unit=unit, role=Role.MANAGER)
import datetime
march = Activity.objects.create(unit=unit, title="Mars", date=datetime.date(2024, 3, 5),
    target_16_19=True, status=Status.PLANNED)
may = Activity.objects.create(unit=unit, title="Maj", date=datetime.date(2024, 5, 7),
    target_16_19=True, status=Status.PLANNED)
report = services.report_get_or_create(unit=unit, year=2024, month=3)
services.report_submit(report=report, by=user)
print(march.pk, may.pk)
"""


class Fleet:
    def __init__(self, base: Path, pg_bin: Path):
        self.base, self.pg_bin = base, pg_bin
        self.processes: list[subprocess.Popen] = []
        self.clusters: list[Path] = []

    def pg_ctl(self, data: Path, *args: str) -> None:
        _run(_as_postgres([str(self.pg_bin / "pg_ctl"), "-D", str(data), *args]))

    def start_cluster(self, data: Path, port: int) -> None:
        log = self.base / f"{data.name}.log"
        self.pg_ctl(data, "-w", "-t", "60", "-l", str(log), "-o", f"-p {port}", "start")
        self.clusters.append(data)

    def stop_cluster(self, data: Path) -> None:
        if data in self.clusters:
            self.pg_ctl(data, "-w", "-m", "fast", "stop")
            self.clusters.remove(data)

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        for data in list(self.clusters):
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop_cluster(data)
        shutil.rmtree(self.base, ignore_errors=True)


class Browser:
    """Cookies kept by hand: the app's cookies are Secure (production settings), which a
    client's cookie jar would not send over the plain HTTP of this test."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        headers = kwargs.pop("headers", {})
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = httpx.request(method, url, headers=headers, timeout=30, **kwargs)
        for header in response.headers.get_list("set-cookie"):
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in header.lower() or value == '""':
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url, data, **kwargs):
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
        return self.request("POST", url, data=data, headers={"Referer": url}, **kwargs)


@pytest.fixture(scope="module")
def fleet():
    pg_bin = _pg_bin()
    if pg_bin is None:
        pytest.skip("PostgreSQL's initdb/pg_basebackup (/usr/lib/postgresql/*/bin) are missing")
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        pytest.skip("redis-server is missing (Debian package redis-server)")
    base = Path(tempfile.mkdtemp(prefix="kp-fleet-"))
    os.chmod(base, 0o777)
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    setup = Fleet(base, pg_bin)
    try:
        primary, replica = base / "primary", base / "replica"
        primary_port, replica_port = _free_port(), _free_port()
        _run(
            _as_postgres(
                [
                    str(pg_bin / "initdb"),
                    "-D",
                    str(primary),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            )
        )
        with open(primary / "postgresql.conf", "a") as conf:
            conf.write(
                "listen_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{base}'\n"
                "wal_level = replica\nmax_wal_senders = 5\nfsync = off\n"
            )
        setup.start_cluster(primary, primary_port)
        _run(
            _as_postgres(
                [
                    str(pg_bin / "pg_basebackup"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(primary_port),
                    "-U",
                    "postgres",
                    "-D",
                    str(replica),
                    "-R",
                    "-X",
                    "stream",
                ]
            )
        )
        assert (replica / "standby.signal").exists()
        setup.start_cluster(replica, replica_port)
        _run(
            _as_postgres(
                [
                    str(pg_bin / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(primary_port),
                    "-U",
                    "postgres",
                    "kulturplan",
                ]
            )
        )

        redis_port = _free_port()
        setup.processes.append(
            subprocess.Popen(
                [
                    redis_server,
                    "--port",
                    str(redis_port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
        media = base / "media"
        media.mkdir()
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{primary_port}/kulturplan",
            "DATABASE_REPLICA_URL": f"postgres://postgres@127.0.0.1:{replica_port}/kulturplan",
            "DATABASE_REPLICA_PIN_SECONDS": "3",
            "DATABASE_REPLICA_RETRY_SECONDS": "1",
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/3",
            "MEDIA_ROOT": str(media),
            "SECRET_KEY": "fleet-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
            "DEBUG": "0",
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_MANIFEST": "0",
            "WEB_CONCURRENCY": "1",
            "GUNICORN_THREADS": "2",
            "GUNICORN_ACCESSLOG": "/dev/null",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        _run([*manage, "migrate", "-v0"], env=env, cwd=ROOT)
        made = _run([*manage, "shell", "-c", SETUP], env=env, cwd=ROOT).stdout.split()
        march_pk, may_pk = int(made[-2]), int(made[-1])
        servers = []
        for _name in ("A", "B"):
            port = _free_port()
            setup.processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "kulturplan.wsgi"],
                    env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            )
            servers.append(f"http://127.0.0.1:{port}")
        for server in servers:
            _wait_http(f"{server}/konto/logga-in/")
        yield {
            "a": servers[0],
            "b": servers[1],
            "fleet": setup,
            "replica": replica,
            "replica_port": replica_port,
            "march": march_pk,
            "may": may_pk,
        }
    finally:
        setup.close()


def _signed_in(fleet) -> Browser:
    browser = Browser()
    browser.get(f"{fleet['a']}/konto/logga-in/")
    response = browser.post(
        f"{fleet['a']}/konto/logga-in/", {"username": "fleetchef", "password": PASSWORD}
    )
    assert response.status_code == 302, response.text[:500]
    return browser


def _replica_clients(fleet) -> int:
    out = _run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(fleet["replica_port"]),
            "-U",
            "postgres",
            "-Atc",
            "SELECT count(*) FROM pg_stat_activity WHERE datname = 'kulturplan' "
            "AND pid <> pg_backend_pid()",
        ]
    ).stdout
    return int(out.strip())


def test_a_month_approved_through_a_is_locked_through_b_at_once(fleet):
    browser = _signed_in(fleet)
    vepaq = "/uppfoljning/fleet-enhet/vepaq/2024/3/"
    response = browser.post(f"{fleet['a']}{vepaq}", {"action": "approve", "confirm_planned": "1"})
    assert response.status_code == 302, response.text[:500]
    # The session (signed in on A) holds on B; B refuses to change the locked month at once.
    response = browser.post(
        f"{fleet['b']}/aktiviteter/{fleet['march']}/genomford/",
        {"girls": "3", "boys": "2", "other_gender": "0"},
    )
    assert response.status_code in (200, 400), response.status_code
    assert "låst" in response.text or "godkänd" in response.text
    page = browser.get(f"{fleet['b']}{vepaq}")
    assert page.status_code == 200
    assert "Godkänd" in page.text or "godkänd" in page.text


def test_a_figure_written_through_a_shows_on_b(fleet):
    browser = _signed_in(fleet)
    response = browser.post(
        f"{fleet['a']}/aktiviteter/{fleet['may']}/genomford/",
        {"girls": "7", "boys": "4", "other_gender": "0"},
    )
    assert response.status_code == 302, response.text[:800]
    assert "kp_primary" in browser.cookies  # the next few seconds read the primary
    data = browser.get(f"{fleet['b']}/api/v1/activities/?unit=fleet-enhet&year=2024").json()
    rows = {row["id"]: row for row in data["results"]}
    assert rows[fleet["may"]]["status"] == "done"
    assert rows[fleet["may"]]["participants"]["girls"] == 7
    page = browser.get(f"{fleet['b']}/aktiviteter/{fleet['may']}/")
    assert page.status_code == 200 and "Genomförd" in page.text


def test_safe_requests_without_the_pin_read_the_replica(fleet):
    browser = _signed_in(fleet)
    time.sleep(3.5)  # the pin cookie (3 s here) has run out
    browser.cookies.pop("kp_primary", None)
    for server in (fleet["a"], fleet["b"]):
        assert browser.get(f"{server}/aktiviteter/{fleet['may']}/").status_code == 200
    assert _replica_clients(fleet) >= 1
    # The replica has the writes (streamed): the figure reads the same there.
    data = browser.get(f"{fleet['b']}/api/v1/activities/?unit=fleet-enhet&year=2024").json()
    assert json.dumps(data)  # answered
    assert {row["id"] for row in data["results"]} >= {fleet["march"], fleet["may"]}


def test_the_replica_stopped_pages_answer_from_the_primary(fleet):
    browser = _signed_in(fleet)
    fleet["fleet"].stop_cluster(fleet["replica"])
    time.sleep(3.5)
    browser.cookies.pop("kp_primary", None)
    for server in (fleet["a"], fleet["b"]) * 2:
        page = browser.get(f"{server}/aktiviteter/{fleet['may']}/")
        assert page.status_code == 200, page.text[:500]
        assert re.search("Maj", page.text)
