"""The running API against its own schema, by tools nobody here wrote: schemathesis (every
check: server errors, status codes, content types, headers, response schemas, negative and
positive data, auth) and openapi-schema-validator on each demo report, both over HTTP against
a live server on 127.0.0.1 holding the demo (the session's snapshot) and a viewer's token.

The demo is restored and committed (the live server reads it from its own thread); the
database is emptied afterwards, as after any transactional test. The throttles (requests and
wrong keys) are raised here only, for this module. The run is bounded: at most MAX_EXAMPLES
cases per operation and MAX_SECONDS for the whole run (about a minute).
"""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from openapi_schema_validator import OAS30Validator
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from api.authentication import create_key

MAX_EXAMPLES = 10
MAX_SECONDS = 45

REPORT_CALLS = {
    "annual": ({"year": 2024}, "AnnualReport"),
    "vepaq": ({"year": 2024, "month": 3}, "VepaqReport"),
    "tertial": ({"year": 2024, "tertial": 2}, "TertialReport"),
    "indicators": ({"year": 2024}, "IndicatorsReport"),
    "internal_control": ({"year": 2024}, "InternalControlReport"),
}


@pytest.fixture(scope="module")
def demo_api(demo_snapshot, django_db_blocker, live_server):
    """(base URL, {username: token key}) of a live server with the demo, throttles raised."""
    wrong_keys = override_settings(API_KEY_FAILURE_LIMIT=1_000_000)
    with django_db_blocker.unblock(), wrong_keys, pytest.MonkeyPatch.context() as patch:
        patch.setattr(UserRateThrottle, "rate", "100000/minute", raising=False)
        patch.setattr(AnonRateThrottle, "rate", "100000/minute", raising=False)
        try:
            demo_snapshot.restore("demo")
            users = get_user_model().objects.filter(username__in=["politiker", "chef"])
            keys = {user.username: create_key(user=user) for user in users}
            yield live_server.url, keys
        finally:
            call_command("flush", interactive=False, verbosity=0)


def check_demo_reports_against_their_schemas(base: str, keys: dict) -> None:
    schema = httpx.get(f"{base}/api/v1/schema/", params={"format": "json"}).json()
    for name, key in keys.items():
        headers = {"Authorization": f"Token {key}"}
        for kind, (params, component) in REPORT_CALLS.items():
            response = httpx.get(
                f"{base}/api/v1/reports/{kind}/",
                params={"unit": "kulturenheten", **params},
                headers=headers,
                timeout=60,
            )
            assert response.status_code == 200, (name, kind, response.text[:300])
            document = {**schema["components"]["schemas"][component]}
            document["components"] = schema["components"]
            errors = [e.message for e in OAS30Validator(document).iter_errors(response.json())]
            assert errors == [], (name, kind, errors[:3])


@pytest.mark.slow  # about 50 s: schemathesis runs every check against every endpoint
def test_demo_reports_and_schemathesis_with_every_check(demo_api, tmp_path):
    """One test: pytest-django empties the live server's database after each test."""
    base, keys = demo_api
    check_demo_reports_against_their_schemas(base, keys)
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        f"{base}/api/v1/schema/?format=json",
        "--checks",
        "all",
        "--header",
        f"Authorization: Token {keys['politiker']}",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--max-time",
        str(MAX_SECONDS),
        "--seed",
        "20261207",
        "--workers",
        "1",
        "--request-timeout",
        "60",
        # The check "all" includes a response-time limit (10 s by default); a report on a
        # loaded CI machine may take longer, which is not a contract failure.
        "--max-response-time",
        "60",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path),
    ]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=MAX_SECONDS + 240,
        cwd=tmp_path,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout
