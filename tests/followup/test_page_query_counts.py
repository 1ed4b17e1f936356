"""The issue's own words: the number of queries per page does not grow with the number of
activities, asserted at 10 and at 1 000 activities, for every follow-up page and the
activity plan pages that show the same figures."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities import summaries
from activities.models import Activity, Collaboration, Kind, Status
from followup import cache as figure_cache
from tests.followup.test_views import YEAR, read_pages


@pytest.fixture(autouse=True)
def _figures_computed():
    """These tests count the queries of computing the figures, so the figure cache is
    bypassed (its own query counts: tests/followup/test_cache.py)."""
    with figure_cache.bypassed():
        yield


BAND_PATTERNS = [
    {"target_13_15": True, "target_16_19": True},  # youth-targeted
    {"target_6_9": True, "target_26_64": True},
    {"target_10_12": True, "target_26_64": True},  # mixes youth with adults: not youth
    {},  # no target band
]


def add_activities(*, unit, area, goals, count: int, offset: int = 0) -> None:
    """`count` activities over 2023–2024, in bulk, with goals; mostly done, some planned or
    cancelled (with no participants)."""
    statuses = itertools.cycle([Status.DONE] * 8 + [Status.PLANNED, Status.CANCELLED])
    rows = []
    for index in range(offset, offset + count):
        status = next(statuses)
        done = status == Status.DONE
        rows.append(
            Activity(
                unit=unit,
                title=f"Aktivitet {index}",
                date=datetime.date(2023 + index % 2, 1 + index % 12, 1 + index % 28),
                status=status,
                priority_area=area,
                kind=list(Kind)[index % 3],
                collaboration=list(Collaboration)[index % 3],
                girls=3 if done else 0,
                boys=2 if done else 0,
                age_13_15=2 if done else 0,
                **BAND_PATTERNS[index % len(BAND_PATTERNS)],
            )
        )
    created = Activity.objects.bulk_create(rows)
    Through = Activity.goals.through
    Through.objects.bulk_create(
        Through(activity_id=activity.pk, goal_id=goals[index % len(goals)].pk)
        for index, activity in enumerate(created)
    )
    summaries.record_created(activity.pk for activity in created)


def page_urls(tree, plan_goals):
    urls = read_pages(tree, plan_goals)
    urls["dashboard"] = reverse("followup:dashboard")
    urls["activity_plan"] = reverse("activities:plan", args=["kulturenheten", YEAR])
    urls["activity_list"] = reverse("activities:list") + f"?year={YEAR}"
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    [
        "vepaq",
        "vepaq_year",
        "youth",
        "matrix",
        "charts",
        "dashboard",
        "activity_plan",
        "activity_list",
    ],
)
def test_queries_per_page_at_10_and_1000_activities(client_for, tree, plan_goals, year_plan, page):
    client = client_for("manager")
    url = page_urls(tree, plan_goals)[page]
    area = plan_goals["areas"][0]
    goals = [plan_goals["goals"]["1.1"], plan_goals["goals"]["1.2"]]

    add_activities(unit=tree["culture"], area=area, goals=goals, count=10)
    with CaptureQueriesContext(connection) as at_10:
        assert client.get(url).status_code == 200
    add_activities(unit=tree["culture"], area=area, goals=goals, count=990, offset=10)
    assert Activity.objects.count() == 1000
    with CaptureQueriesContext(connection) as at_1000:
        assert client.get(url).status_code == 200
    assert len(at_1000.captured_queries) == len(at_10.captured_queries), page
