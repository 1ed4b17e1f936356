"""Both reports take a fixed number of queries, whatever the number of activities."""

import datetime

import pytest

from activities import summaries
from activities.models import Activity, Status
from culture_plan.models import Indicator
from followup import cache as figure_cache
from followup.models import MonthlyReport
from followup.reports import annual_report, vepaq_report
from tests.factories import (
    GoalFactory,
    IndicatorFactory,
    PlanFactory,
    PriorityAreaFactory,
    YearPlanFactory,
)


@pytest.fixture(autouse=True)
def _figures_computed():
    """These tests count the queries of computing the figures, so the figure cache is
    bypassed (its own query counts: tests/followup/test_cache.py)."""
    with figure_cache.bypassed():
        yield


# Measured at 10 activities; must not grow at 1 000. VEPAQ's list of the month's activities
# reads the subtree's unit ids and co-arranged ids first (activities.selectors.arranged_by_q).
VEPAQ_QUERIES = 14
# The municipality has no indicators, so the two prefetches and the population lookup drop.
VEPAQ_QUERIES_WITHOUT_INDICATORS = 11
ANNUAL_QUERIES = 6


def bulk_activities(units, goals, count: int):
    """`count` activities across units, months, statuses and goals, in one bulk insert."""
    objects = []
    for n in range(count):
        status = [Status.DONE, Status.DONE, Status.PLANNED, Status.CANCELLED][n % 4]
        done = status == Status.DONE
        objects.append(
            Activity(
                unit=units[(n // 2) % len(units)],
                title=f"Aktivitet {n}",
                date=datetime.date(2023 + n % 2, n % 12 + 1, n % 28 + 1),
                status=status,
                target_13_15=n % 3 == 0,
                target_26_64=n % 5 == 0,
                girls=3 if done else 0,
                age_13_15=2 if done else 0,
                survey_answers=4 if done else None,
                survey_mean="4.25" if done else None,
            )
        )
    created = Activity.objects.bulk_create(objects)
    through = Activity.goals.through
    through.objects.bulk_create(
        through(activity_id=made.pk, goal_id=goals[n % len(goals)].pk)
        for n, made in enumerate(created)
    )
    summaries.record_created(made.pk for made in created)


@pytest.fixture
def setup(tree):
    plan = PlanFactory(unit=tree["municipality"], start_year=2022, end_year=2025)
    goals = [GoalFactory(area=PriorityAreaFactory(plan=plan, number=n)) for n in (1, 2, 3)]
    YearPlanFactory(plan=plan, unit=tree["culture"], year=2024)
    IndicatorFactory(unit=tree["culture"], name="Inmatad")
    IndicatorFactory(
        unit=tree["culture"],
        name="Andel av målgruppen",
        source=Indicator.Source.YOUNG_POPULATION_SHARE,
    )
    MonthlyReport.objects.create(unit=tree["culture"], year=2024, month=3)
    return tree, goals


@pytest.mark.parametrize("count", [10, 1000])
def test_vepaq_report_queries(setup, count, django_assert_num_queries):
    tree, goals = setup
    bulk_activities([tree["culture"], tree["library"]], goals, count)
    with django_assert_num_queries(VEPAQ_QUERIES):
        report = vepaq_report(unit=tree["culture"], year=2024, month=3)
    assert report["activities"]["ytd"]["done"] > 0
    with django_assert_num_queries(VEPAQ_QUERIES_WITHOUT_INDICATORS):
        vepaq_report(unit=tree["municipality"], year=2024, month=3)


@pytest.mark.parametrize("count", [10, 1000])
def test_annual_report_queries(setup, count, django_assert_num_queries):
    tree, goals = setup
    bulk_activities([tree["culture"], tree["library"]], goals, count)
    with django_assert_num_queries(ANNUAL_QUERIES):
        report = annual_report(unit=tree["culture"], year=2024)
    assert report["activities"]["done"] > 0
    assert sum(row["done"] for row in report["matrix"]) > 0
    with django_assert_num_queries(ANNUAL_QUERIES):
        annual_report(unit=tree["municipality"], year=2024)
