"""Co-arrangers change no query count: the reports take the numbers asserted in
test_query_counts.py, and the pages as many queries at 1 000 activities as at 10, with
co-arranged activities among them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities import summaries
from activities.models import Activity
from followup import cache as figure_cache
from followup.reports import annual_report, vepaq_report
from tests.followup.test_page_query_counts import add_activities, page_urls
from tests.followup.test_query_counts import (
    ANNUAL_QUERIES,
    VEPAQ_QUERIES,
    VEPAQ_QUERIES_WITHOUT_INDICATORS,
    bulk_activities,
    setup,  # noqa: F401 (a fixture)
)


@pytest.fixture(autouse=True)
def _figures_computed():
    """These tests count the queries of computing the figures, so the figure cache is
    bypassed (its own query counts: tests/followup/test_cache.py)."""
    with figure_cache.bypassed():
        yield


def co_arrange(*, owner, co_arrangers) -> None:
    """Every second activity of `owner` without co-arrangers gets all of `co_arrangers`."""
    Through = Activity.co_arrangers.through
    ids = Activity.objects.filter(unit=owner, co_arrangers__isnull=True).values_list(
        "pk", flat=True
    )
    chosen = [pk for index, pk in enumerate(ids) if index % 2 == 0]
    with summaries.tracking() as tracker:  # bulk_create sends no signals
        tracker.watch(chosen)
        Through.objects.bulk_create(
            Through(activity_id=pk, unit_id=unit.pk) for pk in chosen for unit in co_arrangers
        )


@pytest.mark.parametrize("count", [10, 1000])
def test_reports_take_the_same_queries_with_co_arrangers(setup, count, django_assert_num_queries):  # noqa: F811
    tree, goals = setup
    bulk_activities([tree["culture"], tree["library"]], goals, count)
    co_arrange(owner=tree["culture"], co_arrangers=[tree["library"], tree["administration"]])
    with django_assert_num_queries(VEPAQ_QUERIES):
        report = vepaq_report(unit=tree["culture"], year=2024, month=3)
    if count == 1000:
        assert report["co_arranged"]["ytd"] > 0
    with django_assert_num_queries(VEPAQ_QUERIES_WITHOUT_INDICATORS):
        vepaq_report(unit=tree["municipality"], year=2024, month=3)
    with django_assert_num_queries(ANNUAL_QUERIES):
        annual = annual_report(unit=tree["culture"], year=2024)
    if count == 1000:
        assert annual["co_arranged"] > 0
    with django_assert_num_queries(ANNUAL_QUERIES):
        annual_report(unit=tree["municipality"], year=2024)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["vepaq", "youth", "matrix", "dashboard", "activity_plan"])
def test_pages_do_not_grow_with_co_arranged_activities(
    client_for, tree, plan_goals, year_plan, page
):
    client = client_for("manager")
    url = page_urls(tree, plan_goals)[page]
    area = plan_goals["areas"][0]
    goals = [plan_goals["goals"]["1.1"], plan_goals["goals"]["1.2"]]
    add_activities(unit=tree["library"], area=area, goals=goals, count=10)
    co_arrange(owner=tree["library"], co_arrangers=[tree["culture"]])
    with CaptureQueriesContext(connection) as at_10:
        assert client.get(url).status_code == 200
    add_activities(unit=tree["library"], area=area, goals=goals, count=990, offset=10)
    co_arrange(owner=tree["library"], co_arrangers=[tree["culture"]])
    with CaptureQueriesContext(connection) as at_1000:
        response = client.get(url)
        assert response.status_code == 200
    assert len(at_1000.captured_queries) == len(at_10.captured_queries), page
    if page == "activity_plan":
        assert "Medarrangör" in response.content.decode()
