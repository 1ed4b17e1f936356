"""DESIGN "One event, many arrangers": a unit counts what it owns and what it co-arranges,
each once; a roll-up counts each activity once however many units under it arranged it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from activities.models import Activity, Status
from followup import figures, selectors
from followup.reports import annual_report, vepaq_report
from tests.factories import ActivityFactory, GoalFactory, PlanFactory, PriorityAreaFactory

MARCH = (datetime.date(2024, 3, 1), datetime.date(2024, 3, 31))
YEAR = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


def done(unit, **extra):
    values = {"date": datetime.date(2024, 3, 12), "status": Status.DONE, "girls": 6, "boys": 4}
    values.update(extra)
    return ActivityFactory(unit=unit, **values)


def counts(unit, period=MARCH):
    return figures.activity_counts(unit=unit, start=period[0], end=period[1])


def people(unit, period=MARCH):
    return figures.participants(unit=unit, start=period[0], end=period[1])["total"]


@pytest.mark.django_db
def test_one_event_two_arrangers_counts_once_for_each_and_once_above(tree):
    festival = done(tree["library"], title="Läsfestival", target_13_15=True, age_13_15=5)
    festival.co_arrangers.add(tree["culture"])
    for unit in ("library", "culture", "administration", "municipality"):
        assert counts(tree[unit]) == {"done": 1, "planned": 0, "cancelled": 0}, unit
        assert people(tree[unit]) == 10, unit
        share = figures.youth_share(unit=tree[unit], start=MARCH[0], end=MARCH[1])
        assert share == {"youth": 1, "total": 1, "percent": "100.0"}, unit
    assert counts(tree["other"]) == {"done": 0, "planned": 0, "cancelled": 0}


@pytest.mark.django_db
def test_an_administration_co_arranging_its_own_childs_activity_counts_it_once(tree):
    activity = done(tree["culture"])
    activity.co_arrangers.add(tree["administration"])
    assert counts(tree["administration"])["done"] == 1
    assert people(tree["administration"]) == 10
    assert counts(tree["municipality"])["done"] == 1
    assert counts(tree["culture"])["done"] == 1
    assert counts(tree["library"])["done"] == 0


@pytest.mark.django_db
def test_several_co_arrangers_do_not_multiply_sums(tree):
    activity = done(tree["culture"], cost_kr=1000, survey_answers=4, survey_mean="4.00")
    activity.co_arrangers.add(tree["library"], tree["administration"])
    done(tree["library"], girls=1, boys=0)  # the library's own
    municipality = tree["municipality"]
    assert counts(municipality)["done"] == 2
    assert people(municipality) == 11
    assert figures.activity_cost(unit=municipality, start=MARCH[0], end=MARCH[1]) == 1000
    survey = figures.survey_summary(unit=municipality, start=MARCH[0], end=MARCH[1])
    assert survey == {"answers": 4, "mean": "4.0"}
    assert counts(tree["library"])["done"] == 2
    assert people(tree["library"]) == 11
    assert figures.young_participants_by_month(unit=municipality, year=2024)[2] == 0
    assert [row["counts"]["done"] for row in figures.month_series(unit=municipality, year=2024)][
        2
    ] == 2


@pytest.mark.django_db
def test_a_cancelled_co_arranged_activity_counts_as_cancelled_only(tree):
    cancelled = ActivityFactory(
        unit=tree["library"], date=datetime.date(2024, 3, 20), status=Status.CANCELLED
    )
    cancelled.co_arrangers.add(tree["culture"])
    for unit in ("library", "culture", "municipality"):
        assert counts(tree[unit]) == {"done": 0, "planned": 0, "cancelled": 1}, unit
    report = vepaq_report(unit=tree["culture"], year=2024, month=3)
    assert report["co_arranged"] == {"month": 0, "ytd": 0}


@pytest.mark.django_db
def test_goals_and_matrix_count_a_co_arranged_activity_once(tree):
    plan = PlanFactory(unit=tree["municipality"], start_year=2022, end_year=2025)
    area = PriorityAreaFactory(plan=plan, number=1)
    goals = [GoalFactory(area=area, code="1.1"), GoalFactory(area=area, code="1.2")]
    activity = done(tree["library"], priority_area=area)
    activity.goals.set(goals)
    activity.co_arrangers.add(tree["culture"], tree["administration"])
    for unit in ("culture", "library", "municipality"):
        cells = figures.done_per_goal_and_year(
            unit=tree[unit], goal_ids=[goal.pk for goal in goals], years=[2024]
        )
        assert cells == {(goals[0].pk, 2024): 1, (goals[1].pk, 2024): 1}, unit
        per_goal = figures.activities_per_goal(unit=tree[unit], start=YEAR[0], end=YEAR[1])
        assert [row["done"] for row in per_goal] == [1, 1], unit


@pytest.mark.django_db
def test_reports_add_how_many_done_activities_were_co_arranged(tree):
    joint = done(tree["library"], unique_participants=7)
    joint.co_arrangers.add(tree["culture"])
    done(tree["culture"])  # the culture unit's own
    done(tree["culture"], date=datetime.date(2024, 1, 10))
    report = vepaq_report(unit=tree["culture"], year=2024, month=3)
    assert report["activities"]["month"] == {"done": 2, "planned": 0, "cancelled": 0}
    assert report["activities"]["ytd"]["done"] == 3
    assert report["co_arranged"] == {"month": 1, "ytd": 1}
    assert report["unique_participants"] == {"month": 7, "ytd": 7}
    titles = [row["title"] for row in report["dimensions"]["V"]["activities"]]
    assert joint.title in titles
    annual = annual_report(unit=tree["municipality"], year=2024)
    assert annual["activities"]["done"] == 3
    assert annual["co_arranged"] == 1
    assert annual["unique_participants"] == 7
    assert annual["participants"]["total"] == 30  # visits; unique participants beside them


@pytest.mark.django_db
def test_rollup_rows_count_each_activity_once(tree):
    joint = done(tree["library"])
    joint.co_arrangers.add(tree["culture"], tree["administration"])  # two rows of the join
    done(tree["culture"], target_16_19=True)
    units = type(tree["culture"]).objects.filter(
        slug__in=["flens-kommun", "bukf", "kulturenheten", "bibliotek"]
    )
    rows = {row["unit"].slug: row for row in selectors.rollup_rows(units=units, year=2024, month=3)}
    assert rows["kulturenheten"]["done"] == 2
    assert rows["kulturenheten"]["youth"] == 1
    assert rows["kulturenheten"]["participants"] == 20
    assert rows["bibliotek"]["done"] == 1
    assert rows["bukf"]["done"] == 2
    assert rows["flens-kommun"]["done"] == 2
    assert rows["flens-kommun"]["participants"] == 20
    for slug, row in rows.items():
        unit = row["unit"]
        assert row["done"] == counts(unit, figures.ytd_period(2024, 3))["done"], slug


@pytest.mark.django_db
def test_co_arrangers_are_of_the_same_municipality_and_not_the_owner(tree):
    activity = done(tree["library"])
    with pytest.raises(ValidationError) as error:
        activity.validate_co_arrangers([tree["other"]])
    assert "samma kommun" in str(error.value)
    with pytest.raises(ValidationError):
        activity.validate_co_arrangers([tree["library"]])
    activity.validate_co_arrangers([tree["culture"], tree["municipality"]])


@pytest.mark.django_db
def test_co_arrangers_keep_history(tree):
    activity = done(tree["library"])
    activity.co_arrangers.add(tree["culture"])
    latest = activity.history.order_by("-history_id").first()
    assert [link.unit for link in latest.co_arrangers.all()] == [tree["culture"]]


@pytest.mark.django_db
def test_unique_participants_are_persons_of_done_activities(tree):
    activity = done(tree["library"], unique_participants=11)
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "unique_participants" in error.value.message_dict  # 11 persons, 10 visits
    activity.unique_participants = 100_001
    activity.girls = 200_000
    with pytest.raises(ValidationError):
        activity.full_clean()
    planned = Activity(unit=tree["library"], title="X", date=datetime.date(2024, 5, 1))
    planned.unique_participants = 3
    with pytest.raises(ValidationError):
        planned.full_clean()
