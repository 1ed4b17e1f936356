"""The activity list: filters, totals, sorting, pagination, query counts; the activity plan."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities import selectors
from activities.models import Holiday, Kind, Status
from tests.factories import ActivityFactory, PartnerFactory, PlaceFactory


@pytest.fixture
def manager_client(client, users):
    client.force_login(users["manager"])
    return client


def titles(response) -> list[str]:
    return [activity.title for activity in response.context["page"].object_list]


@pytest.fixture
def rows(tree, plan_areas):
    """A handful of activities that differ in one thing each."""
    culture = tree["culture"]
    goals = plan_areas["goals"]
    abf = PartnerFactory(unit=culture, name="ABF")
    flen = PlaceFactory(unit=culture, name="Flen")
    made = {
        "youth": ActivityFactory(
            unit=culture,
            title="Ungdomsteater",
            date=datetime.date(2024, 2, 20),
            holiday=Holiday.SPORTLOV,
            target_13_15=True,
            target_16_19=True,
            girls=10,
            boys=5,
            priority_area=plan_areas["area1"],
            kind=Kind.ART,
        ),
        "mixed": ActivityFactory(
            unit=culture,
            title="Familjedag",
            description="För hela familjen, med pyssel",
            date=datetime.date(2024, 3, 9),
            target_6_9=True,
            target_26_64=True,
            girls=3,
            boys=3,
            other_gender=1,
            collaboration="external",
            place=flen,
        ),
        "planned": ActivityFactory(
            unit=culture,
            title="Sommarläsning",
            date=datetime.date(2024, 6, 15),
            status=Status.PLANNED,
            holiday=Holiday.SOMMARLOV,
            target_10_12=True,
            priority_area=plan_areas["area2"],
        ),
        "cancelled": ActivityFactory(
            unit=culture,
            title="Inställd konsert",
            date=datetime.date(2023, 11, 4),
            status=Status.CANCELLED,
            kind=Kind.DIALOGUE,
        ),
        "library": ActivityFactory(
            unit=tree["library"], title="Bokcirkel", date=datetime.date(2024, 3, 1), girls=4
        ),
        "foreign": ActivityFactory(
            unit=tree["other"], title="Annan kommuns aktivitet", date=datetime.date(2024, 3, 1)
        ),
    }
    made["youth"].goals.set([goals["1.2"]])
    made["mixed"].partners.set([abf])
    made["abf"], made["flen"] = abf, flen
    return made


ALL_VISIBLE = {"Ungdomsteater", "Familjedag", "Sommarläsning", "Inställd konsert", "Bokcirkel"}


def test_list_shows_only_visible_units(client, users, rows):
    client.force_login(users["admin"])
    assert set(titles(client.get(reverse("activities:list")))) == ALL_VISIBLE
    client.force_login(users["other_manager"])
    assert titles(client.get(reverse("activities:list"))) == ["Bokcirkel"]
    client.force_login(users["staff"])
    assert "Bokcirkel" not in titles(client.get(reverse("activities:list")))


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"year": "2023"}, {"Inställd konsert"}),
        ({"year": "2024", "month": "3"}, {"Familjedag", "Bokcirkel"}),
        ({"status": "planned"}, {"Sommarläsning"}),
        ({"status": "cancelled"}, {"Inställd konsert"}),
        ({"kind": "art"}, {"Ungdomsteater"}),
        ({"kind": "dialogue"}, {"Inställd konsert"}),
        ({"collaboration": "external"}, {"Familjedag"}),
        ({"holiday": "sportlov"}, {"Ungdomsteater"}),
        ({"holiday": "none"}, {"Familjedag", "Inställd konsert", "Bokcirkel"}),
        ({"target": "6-9"}, {"Familjedag"}),
        ({"target": "10-12"}, {"Sommarläsning"}),
        ({"youth": "true"}, {"Ungdomsteater", "Sommarläsning"}),
        ({"youth": "false"}, {"Familjedag", "Inställd konsert", "Bokcirkel"}),
        ({"q": "pyssel"}, {"Familjedag"}),
        ({"q": "bokcirkel"}, {"Bokcirkel"}),
    ],
)
def test_each_filter_finds_the_right_rows(client, users, rows, params, expected):
    client.force_login(users["admin"])
    response = client.get(reverse("activities:list"), params)
    assert set(titles(response)) == expected


def test_model_filters(client, users, rows, plan_areas):
    client.force_login(users["admin"])
    url = reverse("activities:list")
    assert titles(client.get(url, {"priority_area": plan_areas["area1"].pk})) == ["Ungdomsteater"]
    assert titles(client.get(url, {"priority_area": plan_areas["area2"].pk})) == ["Sommarläsning"]
    assert titles(client.get(url, {"goal": plan_areas["goals"]["1.2"].pk})) == ["Ungdomsteater"]
    assert titles(client.get(url, {"partner": rows["abf"].pk})) == ["Familjedag"]
    assert titles(client.get(url, {"place": rows["flen"].pk})) == ["Familjedag"]


def test_totals_above_the_list(client, users, rows):
    client.force_login(users["admin"])
    response = client.get(reverse("activities:list"), {"year": "2024"})
    totals = response.context["totals"]
    assert totals["done"] == 3
    assert totals["planned"] == 1
    assert totals["cancelled"] == 0
    assert totals["participants"] == 15 + 7 + 4
    html = response.content.decode()
    assert '<dd class="figure" id="total-done">3</dd>' in html
    assert '<dd class="figure" id="total-participants">26</dd>' in html
    # The totals follow the filter.
    response = client.get(reverse("activities:list"), {"status": "cancelled"})
    assert response.context["totals"] == {
        "done": 0,
        "planned": 0,
        "cancelled": 1,
        "participants": 0,
        "all": 1,
    }


def test_totals_are_one_aggregate_query(rows, users):
    queryset = selectors.visible_activities(user=users["admin"])
    with CaptureQueriesContext(connection) as queries:
        selectors.activity_totals(queryset)
    activity_queries = [q for q in queries.captured_queries if "activities_activity" in q["sql"]]
    assert len(activity_queries) == 1
    assert "COUNT" in activity_queries[0]["sql"].upper()


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("date", ["Inställd konsert", "Ungdomsteater", "Bokcirkel", "Familjedag", "Sommarläsning"]),
        (
            "-date",
            ["Sommarläsning", "Familjedag", "Bokcirkel", "Ungdomsteater", "Inställd konsert"],
        ),
        (
            "title",
            ["Bokcirkel", "Familjedag", "Inställd konsert", "Sommarläsning", "Ungdomsteater"],
        ),
        (
            "-participants",
            ["Ungdomsteater", "Familjedag", "Bokcirkel", "Sommarläsning", "Inställd konsert"],
        ),
        (
            "nonsense;drop",
            ["Sommarläsning", "Familjedag", "Bokcirkel", "Ungdomsteater", "Inställd konsert"],
        ),
    ],
)
def test_sorting_is_whitelisted(client, users, rows, sort, expected):
    client.force_login(users["admin"])
    response = client.get(reverse("activities:list"), {"sort": sort})
    assert titles(response) == expected


def test_status_sort(client, users, rows):
    client.force_login(users["admin"])
    response = client.get(reverse("activities:list"), {"sort": "status"})
    statuses = [a.status for a in response.context["page"].object_list]
    assert statuses == sorted(statuses)


def test_pagination_keeps_the_filter(manager_client, tree, plan_areas):
    ActivityFactory.create_batch(
        55, unit=tree["culture"], date=datetime.date(2024, 4, 2), kind=Kind.ART
    )
    ActivityFactory.create_batch(3, unit=tree["culture"], kind=Kind.CULTURE)
    response = manager_client.get(reverse("activities:list"), {"kind": "art", "sort": "title"})
    assert len(response.context["page"].object_list) == 50
    html = response.content.decode()
    assert "kind=art&amp;sort=title&amp;page=2" in html
    page2 = manager_client.get(
        reverse("activities:list"), {"kind": "art", "sort": "title", "page": "2"}
    )
    assert len(page2.context["page"].object_list) == 5
    assert page2.context["totals"]["done"] == 55


def list_queries(client, django_assert_max_num_queries=None) -> int:
    """The queries of one request of the list on a cold cache (its filter form is cached)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("activities:list"))
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_list_query_count_does_not_grow(manager_client, tree, plan_areas):
    place = PlaceFactory(unit=tree["culture"], name="Flen")
    ActivityFactory.create_batch(
        10, unit=tree["culture"], place=place, priority_area=plan_areas["area1"]
    )
    at_10 = list_queries(manager_client)
    ActivityFactory.create_batch(
        190, unit=tree["culture"], place=place, priority_area=plan_areas["area1"]
    )
    at_200 = list_queries(manager_client)
    assert at_200 == at_10


def test_list_query_budget(manager_client, tree, plan_areas, django_assert_max_num_queries):
    ActivityFactory.create_batch(60, unit=tree["culture"])
    with django_assert_max_num_queries(25):
        manager_client.get(reverse("activities:list"))


def test_activity_plan_by_month(manager_client, rows):
    response = manager_client.get(reverse("activities:plan", args=["kulturenheten", 2024]))
    assert response.status_code == 200
    months = response.context["months"]
    assert [m["name"] for m in months][:3] == ["Januari", "Februari", "Mars"]
    assert [a.title for a in months[1]["activities"]] == ["Ungdomsteater"]
    assert [a.title for a in months[2]["activities"]] == ["Familjedag"]
    assert [a.title for a in months[5]["activities"]] == ["Sommarläsning"]
    assert months[1]["counts"]["participants"] == 15
    assert months[0]["activities"] == []
    html = response.content.decode()
    assert '<h2 id="month-12">December</h2>' in html
    assert "Planerad" in html and "Genomförd" in html
    assert "Bokcirkel" not in html  # another unit


def test_activity_plan_of_parent_includes_child_units(client, users, rows):
    client.force_login(users["viewer"])
    response = client.get(reverse("activities:plan", args=["flens-kommun", 2024]))
    html = response.content.decode()
    assert "Bokcirkel" in html and "Familjedag" in html
    assert "Annan kommuns aktivitet" not in html


def test_activity_plan_query_count_does_not_grow(manager_client, tree, plan_areas):
    ActivityFactory.create_batch(5, unit=tree["culture"], date=datetime.date(2024, 5, 1))
    with CaptureQueriesContext(connection) as few:
        manager_client.get(reverse("activities:plan", args=["kulturenheten", 2024]))
    ActivityFactory.create_batch(100, unit=tree["culture"], date=datetime.date(2024, 7, 1))
    with CaptureQueriesContext(connection) as many:
        manager_client.get(reverse("activities:plan", args=["kulturenheten", 2024]))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_plan_picker_redirects(manager_client, tree):
    response = manager_client.get(
        reverse("activities:plan_choose"), {"unit": "kulturenheten", "year": "2023"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:plan", args=["kulturenheten", 2023])


@pytest.mark.parametrize(
    "params",
    [
        {"status": "okänd"},
        {"year": "tjugo"},
        {"month": "13"},
        {"page": "abc"},
        {"page": "999"},
        {"goal": "999999"},
        {"youth": "kanske"},
    ],
)
def test_bad_query_values_do_not_break_the_list(manager_client, rows, params):
    assert manager_client.get(reverse("activities:list"), params).status_code == 200
