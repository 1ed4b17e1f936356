"""/api/v1/activities/, the root, the schema and docs, the api_token command, throttling and
CSRF for session users."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from knox.models import AuthToken
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from activities.models import Status
from api.authentication import create_key
from tests.factories import ActivityFactory, GoalFactory, PartnerFactory, PriorityAreaFactory

PERSONAL_KEYS = {"created_by", "history", "lessons_learned", "user", "username", "email"}


@pytest.fixture
def activities(tree, flen_plan, users):
    area = PriorityAreaFactory(plan=flen_plan, number=1)
    goal = GoalFactory(area=area, code="1.2")
    partner = PartnerFactory(unit=tree["culture"], name="ABF")
    made = []
    for day in range(1, 6):
        activity = ActivityFactory(
            unit=tree["culture"],
            title=f"Verkstad {day}",
            date=datetime.date(2024, 3, day),
            priority_area=area,
            girls=day,
            boys=1,
            age_13_15=1,
            target_13_15=True,
            created_by=users["staff"],
            lessons_learned="Jonas Berg tyckte att det gick bra",
        )
        activity.goals.add(goal)
        activity.partners.add(partner)
        made.append(activity)
    ActivityFactory(unit=tree["culture"], title="Förra året", date=datetime.date(2023, 5, 1))
    ActivityFactory(unit=tree["library"], title="Bibliotekets", date=datetime.date(2024, 3, 9))
    ActivityFactory(
        unit=tree["culture"],
        title="Planerad",
        date=datetime.date(2024, 4, 1),
        status=Status.PLANNED,
    )
    return made


@pytest.mark.django_db
def test_activities_are_paged_with_counts_and_no_personal_data(
    activities, token_client, settings, django_assert_max_num_queries
):
    client = token_client("viewer")
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/activities/", {"unit": "kulturenheten", "year": 2024})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 6
    first = data["results"][0]
    assert first["title"] == "Verkstad 1"
    assert first["unit"] == "kulturenheten"
    assert first["goals"] == ["1.2"] and first["partners"] == ["ABF"]
    assert first["participants"]["total"] == 2
    assert first["participants"]["by_age"]["13-15"] == 1
    assert first["target_bands"] == ["13-15"]
    assert not PERSONAL_KEYS & set(first)
    assert "Jonas Berg" not in response.content.decode()
    # Paging: ?page=2 with a small page size.
    page = client.get("/api/v1/activities/", {"unit": "kulturenheten", "year": 2024, "page": 2})
    assert page.status_code == 404  # one page of 100 holds all six
    everything = client.get("/api/v1/activities/", {"unit": "flens-kommun"}).json()
    assert everything["count"] == 8  # child units included, every year


@pytest.mark.django_db
def test_activities_page_through(activities, token_client, tree):
    for day in range(6, 31):
        ActivityFactory(unit=tree["culture"], date=datetime.date(2024, 3, day))
    client = token_client("viewer")
    url = "/api/v1/activities/?unit=kulturenheten&year=2024&page_size=10"
    seen, pages = [], 0
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url, pages = page["next"], pages + 1
    assert pages == 4
    assert len(seen) == len(set(seen)) == 31


@pytest.mark.django_db
def test_activities_of_a_unit_the_user_may_not_see_are_404(activities, token_client):
    client = token_client("other_manager")
    assert client.get("/api/v1/activities/", {"unit": "kulturenheten"}).status_code == 404
    assert client.get("/api/v1/activities/", {"unit": "bibliotek"}).json()["count"] == 1
    assert client.get("/api/v1/activities/").status_code == 400
    assert APIClient().get("/api/v1/activities/", {"unit": "bibliotek"}).status_code == 401


@pytest.mark.django_db
def test_the_root_lists_the_endpoints(token_client, users):
    data = token_client("viewer").get("/api/v1/").json()
    assert data["reports"]["annual"].endswith("/api/v1/reports/annual/")
    assert data["activities"].endswith("/api/v1/activities/")
    assert APIClient().get("/api/v1/").status_code == 401


@pytest.mark.django_db
def test_the_schema_is_openapi_3_and_validates(client, tmp_path):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/activities/",
        "/api/v1/reports/annual/",
        "/api/v1/reports/vepaq/",
    ):
        assert path in schema["paths"], path
    params = {p["name"] for p in schema["paths"]["/api/v1/reports/vepaq/"]["get"]["parameters"]}
    assert params == {"unit", "year", "month"}
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    # drf-spectacular's own validation against the OpenAPI 3 JSON schema, warnings fatal.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )


@pytest.mark.django_db
def test_the_docs_load_only_our_own_files(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<style>" not in html and "http" not in html.split("<body>")[1].split("</body>")[0]
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe" not in policy
    script = client.get("/api/v1/docs/", {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


@pytest.mark.django_db
def test_api_token_prints_a_new_key_once_and_rotate_revokes_the_others(users):
    def run(*args):
        out = io.StringIO()
        call_command("api_token", *args, stdout=out)
        return out.getvalue().strip()

    key = run("--user", "politiker")
    assert len(key) == 64
    second = run("--user", "politiker")
    assert second != key and AuthToken.objects.filter(user=users["viewer"]).count() == 2
    rotated = run("--user", "politiker", "--rotate")
    assert rotated not in (key, second)
    assert AuthToken.objects.filter(user=users["viewer"]).count() == 1
    with pytest.raises(CommandError, match="finns inte"):
        run("--user", "ingen")


@pytest.mark.django_db
def test_a_politiker_token_reads_the_annual_report(users, tree):
    out = io.StringIO()
    call_command("api_token", "--user", "politiker", stdout=out)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    response = client.get("/api/v1/reports/annual/", {"unit": "kulturenheten", "year": 2024})
    assert response.status_code == 200
    assert response.json()["unit"] == "kulturenheten"


@pytest.mark.django_db
def test_users_and_anonymous_callers_are_throttled(token_client, users, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "rate", "3/minute", raising=False)
    monkeypatch.setattr(AnonRateThrottle, "rate", "2/minute", raising=False)
    client = token_client("viewer")
    codes = [client.get("/api/v1/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    anonymous = [APIClient().get("/api/v1/schema/").status_code for _ in range(3)]
    assert anonymous == [200, 200, 429]


@pytest.mark.django_db
def test_session_users_get_the_browsable_api_and_csrf_holds(users, activities):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(users["viewer"])
    page = client.get("/api/v1/activities/?unit=kulturenheten", HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    assert "<html" in page.content.decode()
    response = client.post("/api/v1/activities/?unit=kulturenheten", {"title": "x"})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    # With a token there is no session, so no CSRF to check: the method is simply not allowed.
    other = APIClient(enforce_csrf_checks=True)
    other.credentials(HTTP_AUTHORIZATION=f"Token {create_key(user=users['viewer'])}")
    assert other.post("/api/v1/activities/?unit=kulturenheten").status_code == 405
