"""Open data's licence and description, machine-readable: /oppna-data/datapackage.json is a
Frictionless Data Package of statistik.csv and statistik.json, validated by the `frictionless`
tool against the files as a live server on 127.0.0.1 serves them; each file names its licence
in a `Link: <…>; rel="license"` header."""

from __future__ import annotations

import pytest
from django.test import Client
from frictionless import Package, validate

from public.datapackage import LICENSE_URL
from public.selectors import STATISTICS_KEYS
from tests.public.test_open_data import months  # noqa: F401 (the approved months fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_frictionless_validates_the_package_against_the_served_files(live_server, months):  # noqa: F811
    report = validate(f"{live_server.url}/oppna-data/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert [task.stats["rows"] for task in report.tasks] == [3, 3]

    package = Package(f"{live_server.url}/oppna-data/datapackage.json")
    assert [licence["name"] for licence in package.licenses] == ["CC0-1.0"]
    for resource in package.resources:
        assert [field.name for field in resource.schema.fields] == STATISTICS_KEYS
        assert resource.schema.get_field("unit").type == "string"
        assert {resource.schema.get_field(key).type for key in STATISTICS_KEYS[1:]} == {"integer"}
        rows = resource.read_rows()
        assert [(row["unit"], row["year"], row["month"]) for row in rows] == [
            ("bibliotek", 2024, 3),
            ("kulturenheten", 2024, 3),
            ("kulturenheten", 2024, 4),
        ]


def test_every_open_file_names_its_licence_in_a_link_header(months):  # noqa: F811
    client = Client()
    for path in (
        "/oppna-data/statistik.csv",
        "/oppna-data/statistik.json",
        "/oppna-data/datapackage.json",
        "/kalender.ics",
    ):
        link = client.get(path)["Link"]
        assert f'<{LICENSE_URL}>; rel="license"' in link, path
    assert (
        '</oppna-data/datapackage.json>; rel="describedby"'
        in (client.get("/oppna-data/statistik.csv")["Link"])
    )


def test_the_open_data_page_links_the_package(months):  # noqa: F811
    html = Client().get("/oppna-data/").content.decode()
    assert 'href="/oppna-data/datapackage.json"' in html
