"""The API against its own OpenAPI schema, checked by tools nobody here wrote:
openapi-spec-validator on the schema, and openapi-schema-validator on what is served."""

from __future__ import annotations

import datetime
import json

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

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
