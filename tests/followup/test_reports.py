"""The JSON contract of the VEPAQ and annual reports (DESIGN "Reports and interfaces")."""

import datetime
import json
from decimal import Decimal

import pytest
from django.test import override_settings

from activities.models import Status
from culture_plan.models import Indicator, IndicatorTarget, IndicatorValue
from followup import lights
from followup.models import MatrixAssessment, MonthlyReport, TargetPopulation
from followup.reports import annual_report, vepaq_report
from tests.factories import (
    GoalFactory,
    IndicatorFactory,
    PlanFactory,
    PriorityAreaFactory,
    YearPlanFactory,
)
from tests.followup.test_figures import activity, youth

COUNTS = {"done", "planned", "cancelled"}
PEOPLE = {"total", "girls", "boys", "other", "young_10_25"}
SHARE = {"youth", "total", "percent"}
PART = {"count", "percent"}
ENTERED = {"status", "comment", "actions", "suggested_status"}


@pytest.fixture
def plan(tree):
    plan = PlanFactory(unit=tree["municipality"], start_year=2022, end_year=2025)
    area1 = PriorityAreaFactory(plan=plan, number=1)
    area2 = PriorityAreaFactory(plan=plan, number=2)
    plan.goal_list = [
        GoalFactory(area=area1, code="1.1", order=1),
        GoalFactory(area=area1, code="1.2", order=2),
        GoalFactory(area=area2, code="2.1", order=1),
    ]
    return plan


@pytest.fixture
def data(tree, plan):
    """Kulturenheten in 2023–2024, with a year plan for 2024."""
    culture = tree["culture"]
    YearPlanFactory(plan=plan, unit=culture, year=2024, budget_kr=1000000, staffing_fte="2.50")
    goal11, goal12, _ = plan.goal_list
    made = youth(culture, date=datetime.date(2024, 3, 2), girls=5, boys=3, age_13_15=8)
    made.goals.set([goal11, goal12])
    activity(culture, date=datetime.date(2024, 3, 20), bands=["26-64"], other_gender=2)
    activity(culture, date=datetime.date(2024, 3, 25), status=Status.PLANNED, title="Läsecirkel")
    activity(culture, date=datetime.date(2024, 3, 26), status=Status.CANCELLED)
    made = youth(
        culture,
        date=datetime.date(2024, 1, 15),
        girls=4,
        age_10_12=4,
        survey_answers=10,
        survey_mean=Decimal("4.50"),
        cost_kr=Decimal("1200.00"),
    )
    made.goals.set([goal11])
    # Last year: 2 of 3 youth-targeted up to March, one more in December.
    youth(culture, date=datetime.date(2023, 1, 10))
    youth(culture, date=datetime.date(2023, 3, 31))
    activity(culture, date=datetime.date(2023, 2, 1))
    youth(culture, date=datetime.date(2023, 12, 10), girls=6, age_16_19=6)
    youth(culture, date=datetime.date(2024, 12, 10), girls=9, age_16_19=9)
    return culture


# --- VEPAQ --------------------------------------------------------------------------------


def test_vepaq_shape(data):
    report = vepaq_report(unit=data, year=2024, month=3)
    # DESIGN's keys plus "unit_name" (keys may be added, none renamed).
    assert list(report) == [
        "unit",
        "unit_name",
        "year",
        "month",
        "activities",
        "participants",
        "youth_share",
        "dimensions",
        "state",
        # Added with co-arranged activities (docs/report-json.md).
        "co_arranged",
        "unique_participants",
    ]
    assert report["unit"] == "kulturenheten"
    assert (report["year"], report["month"]) == (2024, 3)
    assert set(report["activities"]) == {"month", "ytd"}
    for key in ("month", "ytd"):
        assert set(report["activities"][key]) == COUNTS
        assert set(report["participants"][key]) == PEOPLE
    assert set(report["youth_share"]) == {"month", "ytd", "ytd_previous_year"}
    for share in report["youth_share"].values():
        assert set(share) == SHARE
    dims = report["dimensions"]
    assert list(dims) == ["V", "E", "P", "A", "Q"]
    assert set(dims["V"]) == ENTERED | {"counts", "participants", "youth_share", "activities"}
    assert set(dims["E"]) == ENTERED | {
        "budget",
        "activity_cost_ytd",
        "outcome_ytd",
        "forecast",
        "deviation_kr",
        "deviation_percent",
    }
    assert set(dims["P"]) == ENTERED | {
        "planned_fte",
        "actual_fte",
        "sick_leave_short",
        "sick_leave_long",
    }
    assert set(dims["A"]) == ENTERED | {"workload", "risks"}
    assert set(dims["Q"]) == ENTERED | {"survey", "activities_per_goal", "indicators"}
    assert report["state"] == "draft"
    json.dumps(report)  # serialisable as it is


def test_vepaq_figures_without_a_monthly_report(data):
    report = vepaq_report(unit=data, year=2024, month=3)
    assert report["activities"] == {
        "month": {"done": 2, "planned": 1, "cancelled": 1},
        "ytd": {"done": 3, "planned": 1, "cancelled": 1},
    }
    assert report["participants"]["month"] == {
        "total": 10,
        "girls": 5,
        "boys": 3,
        "other": 2,
        "young_10_25": 8,
    }
    assert report["participants"]["ytd"]["young_10_25"] == 12
    assert report["youth_share"] == {
        "month": {"youth": 1, "total": 2, "percent": "50.0"},
        "ytd": {"youth": 2, "total": 3, "percent": "66.7"},
        "ytd_previous_year": {"youth": 2, "total": 3, "percent": "66.7"},
    }
    dims = report["dimensions"]
    for dim in dims.values():
        assert (dim["status"], dim["comment"], dim["actions"]) == (None, "", "")
    assert [row["status"] for row in dims["V"]["activities"]] == [
        "done",
        "done",
        "planned",
        "cancelled",
    ]
    assert dims["V"]["activities"][0] == {
        "date": "2024-03-02",
        "title": dims["V"]["activities"][0]["title"],
        "status": "done",
        "participants": 8,
        "unit": "kulturenheten",
    }
    assert dims["V"]["activities"][2]["title"] == "Läsecirkel"
    assert dims["E"] == dims["E"] | {
        "budget": "1000000",
        "activity_cost_ytd": "1200.00",
        "outcome_ytd": None,
        "forecast": None,
        "deviation_kr": None,
        "deviation_percent": None,
        "suggested_status": None,
    }
    assert dims["P"]["planned_fte"] == "2.50"
    assert dims["P"]["actual_fte"] is None
    assert dims["A"]["workload"] is None
    assert dims["Q"]["survey"] == {"answers": 10, "mean": "4.5"}
    assert dims["Q"]["activities_per_goal"] == [
        {"goal": "1.1", "text": dims["Q"]["activities_per_goal"][0]["text"], "done": 2},
        {"goal": "1.2", "text": dims["Q"]["activities_per_goal"][1]["text"], "done": 1},
        {"goal": "2.1", "text": dims["Q"]["activities_per_goal"][2]["text"], "done": 0},
    ]
    assert dims["V"]["suggested_status"] == "green"
    assert dims["Q"]["suggested_status"] == "green"


def test_vepaq_takes_the_managers_entries_from_the_monthly_report(data):
    MonthlyReport.objects.create(
        unit=data,
        year=2024,
        month=3,
        state=MonthlyReport.State.SUBMITTED,
        v_status="green",
        v_comment="Som planerat",
        e_status="yellow",
        e_actions="Se över inköp",
        e_outcome_ytd_kr=250000,
        e_forecast_kr=1080000,
        p_actual_fte=Decimal("2.25"),
        p_sick_leave_short=Decimal("4.0"),
        p_sick_leave_long=Decimal("3.5"),
        a_workload=2,
        a_risks="Hög belastning i maj",
    )
    report = vepaq_report(unit=data, year=2024, month=3)
    dims = report["dimensions"]
    assert report["state"] == "submitted"
    assert (dims["V"]["status"], dims["V"]["comment"]) == ("green", "Som planerat")
    assert (dims["E"]["status"], dims["E"]["actions"]) == ("yellow", "Se över inköp")
    assert dims["P"]["status"] is None
    assert dims["E"]["outcome_ytd"] == "250000"
    assert dims["E"]["forecast"] == "1080000"
    assert dims["E"]["deviation_kr"] == "80000"
    assert dims["E"]["deviation_percent"] == "8.0"
    assert dims["E"]["suggested_status"] == "red"  # more than 5 % over budget
    assert dims["P"]["actual_fte"] == "2.25"
    assert (dims["P"]["sick_leave_short"], dims["P"]["sick_leave_long"]) == ("4.0", "3.5")
    assert dims["P"]["suggested_status"] == "yellow"  # 7.5 %
    assert dims["A"]["workload"] == 2
    assert dims["A"]["risks"] == "Hög belastning i maj"
    assert dims["A"]["suggested_status"] == "red"


def test_vepaq_of_an_empty_month(tree):
    report = vepaq_report(unit=tree["library"], year=2024, month=7)
    assert report["youth_share"]["month"] == {"youth": 0, "total": 0, "percent": None}
    assert report["dimensions"]["V"]["activities"] == []
    assert report["dimensions"]["V"]["suggested_status"] is None
    assert report["dimensions"]["E"]["budget"] is None
    assert report["dimensions"]["Q"]["survey"] == {"answers": 0, "mean": None}
    assert report["dimensions"]["Q"]["activities_per_goal"] == []


def test_january_compares_with_january_a_year_earlier(tree):
    culture = tree["culture"]
    youth(culture, date=datetime.date(2024, 1, 31))
    activity(culture, date=datetime.date(2024, 1, 1))
    youth(culture, date=datetime.date(2023, 1, 31))
    youth(culture, date=datetime.date(2023, 2, 1))  # after January: not in the period
    youth(culture, date=datetime.date(2022, 12, 31))  # the year before: not either
    report = vepaq_report(unit=culture, year=2024, month=1)
    assert report["youth_share"]["ytd"] == {"youth": 1, "total": 2, "percent": "50.0"}
    assert report["youth_share"]["ytd_previous_year"] == {
        "youth": 1,
        "total": 1,
        "percent": "100.0",
    }
    assert report["dimensions"]["V"]["suggested_status"] == "yellow"


def test_vepaq_rolls_up_child_units(tree, data):
    activity(tree["library"], date=datetime.date(2024, 3, 5), girls=1)
    report = vepaq_report(unit=tree["municipality"], year=2024, month=3)
    assert report["activities"]["month"]["done"] == 3
    assert {row["unit"] for row in report["dimensions"]["V"]["activities"]} == {
        "kulturenheten",
        "bibliotek",
    }


def test_vepaq_indicators(data, plan):
    entered = IndicatorFactory(unit=data, name="Utlån", frequency=Indicator.Frequency.MONTH)
    IndicatorTarget.objects.create(indicator=entered, year=2024, value=500)
    IndicatorTarget.objects.create(indicator=entered, year=2023, value=100)
    IndicatorValue.objects.create(indicator=entered, year=2024, period=2, value=40)
    IndicatorValue.objects.create(indicator=entered, year=2024, period=4, value=99)
    computed = IndicatorFactory(
        unit=data,
        name="Andel för unga",
        unit_of_measure="%",
        source=Indicator.Source.YOUTH_SHARE,
    )
    population = IndicatorFactory(
        unit=data, name="Andel av målgruppen", source=Indicator.Source.YOUNG_POPULATION_SHARE
    )
    TargetPopulation.objects.create(unit=data, year=2024, population_10_25=240)
    rows = vepaq_report(unit=data, year=2024, month=3)["dimensions"]["Q"]["indicators"]
    by_name = {row["name"]: row for row in rows}
    assert by_name["Utlån"] == {
        "name": "Utlån",
        "unit_of_measure": "antal",
        "target": "500.00",
        "value": "40.00",
        "source": "manual",
    }
    assert by_name["Andel för unga"]["value"] == "66.7"
    assert by_name["Andel för unga"]["target"] is None
    assert by_name["Andel av målgruppen"]["value"] == "5.0"  # 12 of 240
    assert computed and population


# --- annual -------------------------------------------------------------------------------


def test_annual_shape_and_figures(data, plan):
    goal11 = plan.goal_list[0]
    MatrixAssessment.objects.create(unit=data, goal=goal11, year=2024, assessment="started")
    report = annual_report(unit=data, year=2024)
    design_keys = {
        "unit",
        "year",
        "activities",
        "participants",
        "youth_share",
        "young_participants_december",
        "age_bands",
        "by_kind",
        "by_collaboration",
        "matrix",
    }
    added_keys = {"unit_name", "young_participants_by_month", "survey", "activity_cost"}
    added_keys |= {"co_arranged", "unique_participants"}  # co-arranged activities
    assert set(report) == design_keys | added_keys
    assert set(report["young_participants_december"]) == {"year", "previous_year"}
    assert set(report["activities"]) == COUNTS
    assert set(report["participants"]) == PEOPLE
    assert set(report["youth_share"]) == {"year", "previous_year"}
    assert list(report["age_bands"]) == [
        "0-5",
        "6-9",
        "10-12",
        "13-15",
        "16-19",
        "20-25",
        "26-64",
        "65+",
    ]
    for part in report["age_bands"].values():
        assert set(part) == PART
    assert list(report["by_kind"]) == ["culture", "art", "dialogue"]
    assert list(report["by_collaboration"]) == ["own", "internal", "external"]
    for row in report["matrix"]:
        assert set(row) == {"goal", "year", "done", "assessment"}
    json.dumps(report)

    assert report["activities"] == {"done": 4, "planned": 1, "cancelled": 1}
    assert report["youth_share"] == {
        "year": {"youth": 3, "total": 4, "percent": "75.0"},
        "previous_year": {"youth": 3, "total": 4, "percent": "75.0"},
    }
    assert report["young_participants_december"] == {"year": 9, "previous_year": 6}
    assert report["young_participants_by_month"]["year"][0] == 4
    assert report["age_bands"]["13-15"] == {"count": 3, "percent": "75.0"}
    assert report["age_bands"]["26-64"] == {"count": 1, "percent": "25.0"}
    assert report["by_kind"]["culture"] == {"count": 4, "percent": "100.0"}
    assert report["by_collaboration"]["external"] == {"count": 0, "percent": "0.0"}
    matrix = {(row["goal"], row["year"]): row for row in report["matrix"]}
    assert [(row["goal"], row["year"]) for row in report["matrix"][:3]] == [
        ("1.1", 2022),
        ("1.1", 2023),
        ("1.1", 2024),
    ]
    assert matrix[("1.1", 2024)] == {
        "goal": "1.1",
        "year": 2024,
        "done": 2,
        "assessment": "started",
    }
    assert matrix[("1.2", 2024)]["done"] == 1
    assert matrix[("1.2", 2024)]["assessment"] is None
    assert matrix[("2.1", 2023)]["done"] == 0
    assert ("1.1", 2025) not in matrix


def test_annual_of_an_empty_year(tree):
    report = annual_report(unit=tree["other"], year=2024)
    assert report["youth_share"]["year"]["percent"] is None
    assert report["age_bands"]["0-5"] == {"count": 0, "percent": None}
    assert report["young_participants_december"] == {"year": 0, "previous_year": 0}
    assert report["matrix"] == []


# --- lights ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("forecast", "budget", "expected"),
    [
        (None, 100, None),
        (100, None, None),
        (100, 0, None),
        (90, 100, "green"),
        (100, 100, "green"),
        (101, 100, "yellow"),
        (105, 100, "yellow"),
        (106, 100, "red"),
    ],
)
def test_economy_light(forecast, budget, expected):
    assert lights.economy_light(forecast=forecast, budget=budget) == expected


@override_settings(
    KULTURPLAN_THRESHOLDS={
        "economy_red_overrun": 0.10,
        "economy_yellow_overrun": 0.0,
        "sick_leave_yellow": 5.0,
        "sick_leave_red": 10.0,
        "workload_yellow": 3,
        "workload_red": 2,
    }
)
def test_economy_light_threshold_is_configurable():
    assert lights.economy_light(forecast=106, budget=100) == "yellow"
    assert lights.economy_light(forecast=111, budget=100) == "red"


@pytest.mark.parametrize(
    ("short", "long", "expected"),
    [
        (None, None, None),
        ("2.0", None, "green"),
        ("5.0", "0", "green"),
        ("3.0", "2.5", "yellow"),
        ("5.0", "5.0", "yellow"),
        ("5.0", "5.1", "red"),
    ],
)
def test_staff_light(short, long, expected):
    assert lights.staff_light(sick_leave_short=short, sick_leave_long=long) == expected


@pytest.mark.parametrize(
    ("workload", "expected"), [(None, None), (1, "red"), (2, "red"), (3, "yellow"), (4, "green")]
)
def test_workload_light(workload, expected):
    assert lights.workload_light(workload=workload) == expected


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (None, "50.0", None),
        ("40.0", None, "green"),
        ("49.9", "50.0", "yellow"),
        ("50.0", "50.0", "green"),
        ("60.0", "50.0", "green"),
    ],
)
def test_activity_light(current, previous, expected):
    assert lights.activity_light(ytd_percent=current, previous_percent=previous) == expected


@pytest.mark.parametrize(
    ("mean", "expected"),
    [(None, None), ("2.9", "red"), ("3.0", "yellow"), ("3.9", "yellow"), ("4.0", "green")],
)
def test_quality_light(mean, expected):
    assert lights.quality_light(survey_mean=mean) == expected
