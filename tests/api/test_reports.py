"""/api/v1/reports/<kind>/: exactly the report command's JSON, the pages' permissions."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from activities.models import Status
from api.reports import REPORTS
from followup.models import MonthlyReport
from tests.followup.test_figures import activity, youth


@pytest.fixture
def culture(tree):
    unit = tree["culture"]
    youth(unit, date=datetime.date(2024, 3, 2), girls=5, boys=3, age_13_15=8, title="Rap-verkstad")
    activity(unit, date=datetime.date(2024, 3, 20), bands=["26-64"], other_gender=2)
    activity(unit, date=datetime.date(2024, 3, 25), status=Status.PLANNED, title="Läsecirkel")
    activity(unit, date=datetime.date(2024, 11, 25), status=Status.CANCELLED, title="Inställt")
    youth(unit, date=datetime.date(2023, 3, 2))
    youth(unit, date=datetime.date(2023, 12, 2), girls=3, age_16_19=3)
    activity(tree["library"], date=datetime.date(2024, 3, 4), girls=9, title="Bibliotekets egen")
    return unit


def command_json(*args) -> dict:
    out = io.StringIO()
    call_command("report", *args, "--format", "json", stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


CASES = [
    ("annual", {"unit": "kulturenheten", "year": 2024}),
    ("annual", {"unit": "flens-kommun", "year": 2023}),
    ("vepaq", {"unit": "kulturenheten", "year": 2024, "month": 3}),
    ("vepaq", {"unit": "bukf", "year": 2024, "month": 11}),
    ("tertial", {"unit": "kulturenheten", "year": 2024, "tertial": 1}),
    ("tertial", {"unit": "flens-kommun", "year": 2024, "tertial": 2}),
    ("indicators", {"unit": "kulturenheten", "year": 2024}),
    ("internal_control", {"unit": "kulturenheten", "year": 2024}),
]


def command_args(kind, params) -> list[str]:
    args = [kind]
    for name, value in params.items():
        args += [f"--{name}", str(value)]
    return args


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "params"), CASES)
def test_the_api_gives_exactly_the_command_json(culture, token_client, kind, params):
    # An administrator sees everything; others get the same JSON less what their role may not
    # see (test_personnel_data_in_the_api_only_for_managers).
    response = token_client("admin").get(f"/api/v1/reports/{kind}/", params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == command_json(*command_args(kind, params))


@pytest.mark.django_db
def test_the_report_is_in_swedish_whatever_the_users_language(culture, token_client):
    client = token_client("admin")
    client.cookies["django_language"] = "en"
    params = {"unit": "kulturenheten", "year": 2024, "month": 3}
    response = client.get("/api/v1/reports/vepaq/", params, HTTP_ACCEPT_LANGUAGE="en")
    assert json.loads(response.content) == command_json(*command_args("vepaq", params))


@pytest.mark.django_db
def test_no_token_is_401(culture):
    response = APIClient().get("/api/v1/reports/annual/", {"unit": "kulturenheten", "year": 2024})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert (
        bad.get("/api/v1/reports/annual/", {"unit": "kulturenheten", "year": 2024}).status_code
        == 401
    )


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(REPORTS))
def test_a_unit_the_user_may_not_see_is_404(culture, token_client, kind, tree):
    params = {"unit": "kulturenheten", "year": 2024, "month": 3, "tertial": 1}
    client = token_client("other_manager")  # chef-bibliotek
    assert client.get(f"/api/v1/reports/{kind}/", params).status_code == 404
    assert (
        client.get(f"/api/v1/reports/{kind}/", {**params, "unit": "flens-kommun"}).status_code
        == 404
    )
    assert (
        client.get(f"/api/v1/reports/{kind}/", {**params, "unit": "finns-inte"}).status_code == 404
    )
    own = client.get(f"/api/v1/reports/{kind}/", {**params, "unit": "bibliotek"})
    assert own.status_code == 200
    assert own.json()["unit"] == "bibliotek"
    # The viewer of the municipality reads every unit under it, and nothing of another one.
    viewer = token_client("viewer")
    assert viewer.get(f"/api/v1/reports/{kind}/", params).status_code == 200
    assert (
        viewer.get(f"/api/v1/reports/{kind}/", {**params, "unit": "annan-kommun"}).status_code
        == 404
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "params", "field"),
    [
        ("annual", {"unit": "kulturenheten"}, "year"),
        ("annual", {"year": 2024}, "unit"),
        ("annual", {"unit": "kulturenheten", "year": "nästa"}, "year"),
        ("vepaq", {"unit": "kulturenheten", "year": 2024}, "month"),
        ("vepaq", {"unit": "kulturenheten", "year": 2024, "month": 13}, "month"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(culture, token_client, kind, params, field):
    response = token_client("viewer").get(f"/api/v1/reports/{kind}/", params)
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.django_db
def test_an_unknown_kind_is_404(culture, token_client):
    assert token_client("viewer").get("/api/v1/reports/okänd/").status_code == 404


def test_each_registered_kind_has_params_with_unit_and_a_builder():
    for kind, report in REPORTS.items():
        assert report.kind == kind
        assert "unit" in report.params().fields
        assert callable(report.build)


@pytest.mark.django_db
def test_personnel_data_in_the_api_only_for_managers(culture, token_client):
    MonthlyReport.objects.create(
        unit=culture, year=2024, month=3, p_sick_leave_short="2.5", p_comment="Långtidssjuk"
    )
    params = {"unit": "kulturenheten", "year": 2024, "month": 3}
    manager = token_client("manager").get("/api/v1/reports/vepaq/", params).content.decode()
    viewer = token_client("viewer").get("/api/v1/reports/vepaq/", params).content.decode()
    assert "Långtidssjuk" in manager
    assert "Långtidssjuk" not in viewer
