"""The API against its own OpenAPI schema, checked by tools nobody here wrote:
openapi-spec-validator on the schema, and openapi-schema-validator on what is served."""

from __future__ import annotations

import datetime
import json

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from tests.factories import ActivityFactory


def served_schema(client) -> dict:
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def validator_for(schema: dict, component: str) -> OAS30Validator:
    """A validator of one component schema, its $refs resolved within the whole document."""
    document = {**schema["components"]["schemas"][component], "components": schema["components"]}
    return OAS30Validator(document)


@pytest.mark.django_db
def test_the_schema_passes_openapi_spec_validator(client):
    validate(served_schema(client))


@pytest.mark.django_db
def test_served_times_match_the_declared_times(client, tree, token_client):
    ActivityFactory(
        unit=tree["culture"],
        date=datetime.date(2024, 7, 1),
        start_time=datetime.time(13, 0),
        end_time=datetime.time(14, 30),
    )
    ActivityFactory(unit=tree["culture"], date=datetime.date(2024, 7, 2))
    schema = served_schema(client)
    start = schema["components"]["schemas"]["Activity"]["properties"]["start_time"]
    assert start.get("format") != "time"  # RFC 3339 full-time would need an offset
    response = token_client("viewer").get("/api/v1/activities/", {"unit": "kulturenheten"})
    rows = response.json()["results"]
    assert [(row["start_time"], row["end_time"]) for row in rows] == [
        ("13:00:00", "14:30:00"),
        (None, None),
    ]
    activity = validator_for(schema, "Activity")
    for row in rows:
        activity.validate(row)
    page = validator_for(schema, "PaginatedActivityList")
    page.validate(response.json())


@pytest.mark.django_db
def test_errors_are_documented_with_their_bodies(client, token_client, tree):
    schema = served_schema(client)
    for path, operations in schema["paths"].items():
        if path == "/api/v1/schema/":
            continue
        responses = operations["get"]["responses"]
        codes = {"401", "403", "404", "429"} | (
            {"400"} if operations["get"].get("parameters") else set()
        )
        assert codes <= set(responses), path
        assert "Retry-After" in responses["429"]["headers"]
    error = validator_for(schema, "Error")
    invalid = validator_for(schema, "ValidationError")
    error.validate(APIClient().get("/api/v1/activities/", {"unit": "kulturenheten"}).json())
    api = token_client("viewer")
    error.validate(api.get("/api/v1/activities/", {"unit": "finns-inte"}).json())
    invalid.validate(api.get("/api/v1/reports/annual/", {"unit": "kulturenheten"}).json())


@pytest.mark.django_db
@pytest.mark.parametrize("page_size", ["0", "-1", "-100", "tio", ""])
def test_page_size_zero_negative_or_not_a_number_is_a_400(token_client, tree, page_size):
    response = token_client("viewer").get(
        "/api/v1/activities/", {"unit": "kulturenheten", "page_size": page_size}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["page_size"]


@pytest.mark.django_db
def test_page_size_above_the_cap_is_capped(token_client, tree):
    response = token_client("viewer").get(
        "/api/v1/activities/", {"unit": "kulturenheten", "page_size": "5000"}
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_swagger_page_has_a_language(client):
    html = client.get("/api/v1/docs/").content.decode()
    assert '<html lang="sv">' in html
    assert "<style" not in html
