"""The VEPAQ month page stays small: a unit's activities 50 a page, a parent unit's as one
row per unit, however many activities the month holds."""

import datetime

import pytest

from activities import summaries
from activities.models import Activity, Status
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _bulk(unit, count, status=Status.DONE, girls=2):
    created = Activity.objects.bulk_create(
        Activity(
            unit=unit,
            title=f"Händelse {i}",
            date=datetime.date(2024, 3, 1 + i % 28),
            status=status,
            girls=girls if status == Status.DONE else 0,
        )
        for i in range(count)
    )
    summaries.record_created(made.pk for made in created)


def test_a_unit_lists_its_month_fifty_a_page(tree, client_for):
    _bulk(tree["culture"], 120)
    client = client_for("manager")
    first = client.get("/uppfoljning/kulturenheten/vepaq/2024/3/")
    assert first.status_code == 200
    body = first.content.decode()
    assert body.count("/aktiviteter/") - body.count('href="/aktiviteter/"') >= 50
    assert "Sida 1 av 3" in body
    last = client.get("/uppfoljning/kulturenheten/vepaq/2024/3/?sida=3")
    assert "Sida 3 av 3" in last.content.decode()
    # A page number out of range shows the last page, never an error.
    assert client.get("/uppfoljning/kulturenheten/vepaq/2024/3/?sida=99999").status_code == 200
    assert client.get("/uppfoljning/kulturenheten/vepaq/2024/3/?sida=x").status_code == 200


def test_a_parent_unit_lists_one_row_per_unit_with_its_counts(tree, client_for):
    _bulk(tree["culture"], 300)
    _bulk(tree["library"], 40, status=Status.PLANNED)
    ActivityFactory(unit=tree["library"], date=datetime.date(2024, 3, 5), girls=7)
    page = client_for("viewer").get("/uppfoljning/flens-kommun/vepaq/2024/3/")
    assert page.status_code == 200
    listing = page.context["listing"]
    assert listing["page"] is None
    rows = {row["unit__slug"]: row for row in listing["by_unit"]}
    assert rows["kulturenheten"]["done"] == 300
    assert rows["kulturenheten"]["participants"] == 600
    assert rows["bibliotek"]["planned"] == 40
    assert rows["bibliotek"]["done"] == 1
    assert rows["bibliotek"]["participants"] == 7
    assert "Händelse 17" not in page.content.decode()


def test_the_municipality_page_does_not_grow_with_the_month(tree, client_for):
    _bulk(tree["culture"], 10)
    small = len(client_for("viewer").get("/uppfoljning/flens-kommun/vepaq/2024/3/").content)
    _bulk(tree["culture"], 2000)
    large = len(client_for("viewer").get("/uppfoljning/flens-kommun/vepaq/2024/3/").content)
    assert large - small < 200
