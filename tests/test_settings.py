"""Settings from the environment (DESIGN: Architecture): production mode passes Django's
deployment checks, SECRET_KEY is required, DATABASE_URL picks the database, the CSP forbids
inline script."""

import json
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]
# Variables the tests set for themselves (pytest-env) and that must not leak into the
# production-like subprocesses.
OURS = ["DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DATABASE_URL",
        "SECURE_SSL_REDIRECT", "STATIC_MANIFEST", "CONN_MAX_AGE", "LOG_LEVEL", "EMAIL_BACKEND",
        "DJANGO_SETTINGS_MODULE"]  # fmt: skip


def production_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(50))


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in OURS}
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def settings_in_subprocess(*names: str, **env: str) -> dict:
    """The named settings as Django computes them from `env` alone."""
    code = (
        "import json, django; from django.conf import settings; "
        "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'kulturplan.settings'); "
        "django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = run(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


PRODUCTION = {
    "DEBUG": "0",
    "ALLOWED_HOSTS": "kulturplan.example.se",
    "CSRF_TRUSTED_ORIGINS": "https://kulturplan.example.se",
}


def test_deploy_check_is_clean_in_production_mode():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY=production_key(),
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout


def test_secret_key_is_required_when_debug_is_off():
    result = run(["manage.py", "check"], **PRODUCTION)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_mode_runs_without_a_secret_key():
    values = settings_in_subprocess("DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT", DEBUG="1")
    assert values["DEBUG"] is True
    assert values["SECRET_KEY"]
    assert values["SECURE_SSL_REDIRECT"] is False


def test_production_defaults_are_secure():
    values = settings_in_subprocess(
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
        SECRET_KEY=production_key(),
        **PRODUCTION,
    )
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["ALLOWED_HOSTS"] == ["kulturplan.example.se"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://kulturplan.example.se"]


def test_secure_ssl_redirect_can_be_switched_off():
    values = settings_in_subprocess(
        "SECURE_SSL_REDIRECT", SECRET_KEY=production_key(), SECURE_SSL_REDIRECT="0", **PRODUCTION
    )
    assert values["SECURE_SSL_REDIRECT"] is False


@pytest.mark.parametrize(
    ("url", "engine", "name", "extra"),
    [
        ("sqlite:////tmp/kulturplan-test.sqlite3", "sqlite3", "/tmp/kulturplan-test.sqlite3", {}),
        (
            "postgres://postgres@127.0.0.1:5432/kulturplan",
            "postgresql",
            "kulturplan",
            {"HOST": "127.0.0.1", "PORT": 5432, "USER": "postgres", "CONN_MAX_AGE": 60},
        ),
    ],
)
def test_database_url(url, engine, name, extra):
    database = settings_in_subprocess("DATABASES", DEBUG="1", DATABASE_URL=url)["DATABASES"][
        "default"
    ]
    assert database["ENGINE"] == f"django.db.backends.{engine}"
    assert database["NAME"] == name
    for key, value in extra.items():
        assert database[key] == value


def test_default_database_is_sqlite_in_the_project():
    database = settings_in_subprocess("DATABASES", DEBUG="1")["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(ROOT / "db.sqlite3")
    assert database["CONN_MAX_AGE"] == 0


def test_swedish_and_stockholm():
    assert settings.LANGUAGE_CODE == "sv"
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert settings.USE_TZ is True
    assert settings.LANGUAGES[0][0] == "sv"


@pytest.mark.django_db
def test_csp_header_forbids_inline_script(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in header
    assert "'unsafe-eval'" not in header
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
