"""The computations of DESIGN ("Computations (followup/), exact"), on hand-made data."""

import datetime
from decimal import Decimal

import pytest

from activities.models import Status
from followup import figures
from tests.factories import (
    ActivityFactory,
    GoalFactory,
    PlanFactory,
    PriorityAreaFactory,
    UnitFactory,
)


def activity(unit, *, date=datetime.date(2024, 3, 12), bands=(), status=Status.DONE, **fields):
    """A done activity with the given target bands and fields."""
    made = ActivityFactory.build(unit=unit, date=date, status=status, **fields)
    made.set_target_bands(bands)
    made.save()
    return made


def youth(unit, **fields):
    return activity(unit, bands=["13-15", "16-19"], **fields)


MARCH = figures.month_period(2024, 3)


@pytest.fixture
def culture(tree):
    return tree["culture"]


# --- percent and periods ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (44, 101, "43.6"),
        (23, 64, "35.9"),
        (1, 8, "12.5"),
        (5, 16, "31.3"),  # 31.25 exactly: half up
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (0, 5, "0.0"),
        (5, 5, "100.0"),
        (0, 0, None),
        (3, None, None),
        (Decimal("-1"), 16, "-6.3"),  # -6.25: half away from zero
    ],
)
def test_percent_one_decimal_half_up(part, whole, expected):
    assert figures.percent(part, whole) == expected


def test_periods():
    assert figures.month_period(2024, 2) == (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    assert figures.month_period(2023, 12) == (
        datetime.date(2023, 12, 1),
        datetime.date(2023, 12, 31),
    )
    assert figures.ytd_period(2024, 4) == (datetime.date(2024, 1, 1), datetime.date(2024, 4, 30))
    assert figures.year_period(2022) == (datetime.date(2022, 1, 1), datetime.date(2022, 12, 31))


# --- counts and participants --------------------------------------------------------------


def test_activity_counts_by_status_in_the_period(culture):
    activity(culture)
    activity(culture)
    activity(culture, status=Status.PLANNED)
    activity(culture, status=Status.CANCELLED)
    activity(culture, date=datetime.date(2024, 4, 1))  # next month
    activity(culture, date=datetime.date(2024, 2, 29))  # previous month
    assert figures.activity_counts(unit=culture, start=MARCH[0], end=MARCH[1]) == {
        "done": 2,
        "planned": 1,
        "cancelled": 1,
    }


def test_the_month_of_the_start_date_counts_for_a_multi_day_activity(culture):
    activity(culture, date=datetime.date(2024, 3, 30), end_date=datetime.date(2024, 4, 2))
    april = figures.month_period(2024, 4)
    assert figures.activity_counts(unit=culture, start=MARCH[0], end=MARCH[1])["done"] == 1
    assert figures.activity_counts(unit=culture, start=april[0], end=april[1])["done"] == 0


def test_participants_of_done_activities_only(culture):
    activity(culture, girls=10, boys=8, other_gender=2, age_10_12=5, age_16_19=4, age_26_64=6)
    activity(culture, girls=3, boys=0, other_gender=1, age_20_25=2, age_6_9=1, age_65_plus=1)
    activity(culture, status=Status.PLANNED)
    activity(culture, status=Status.CANCELLED)
    assert figures.participants(unit=culture, start=MARCH[0], end=MARCH[1]) == {
        "total": 24,
        "girls": 13,
        "boys": 8,
        "other": 3,
        "young_10_25": 11,
    }


def test_empty_period_gives_zeros_and_no_share(culture):
    start, end = MARCH
    assert figures.activity_counts(unit=culture, start=start, end=end) == {
        "done": 0,
        "planned": 0,
        "cancelled": 0,
    }
    assert figures.participants(unit=culture, start=start, end=end) == {
        "total": 0,
        "girls": 0,
        "boys": 0,
        "other": 0,
        "young_10_25": 0,
    }
    assert figures.youth_share(unit=culture, start=start, end=end) == {
        "youth": 0,
        "total": 0,
        "percent": None,
    }
    assert figures.age_band_distribution(unit=culture, start=start, end=end)["10-12"] == {
        "count": 0,
        "percent": None,
    }
    assert figures.kind_distribution(unit=culture, start=start, end=end)["art"] == {
        "count": 0,
        "percent": None,
    }
    assert figures.survey_summary(unit=culture, start=start, end=end) == {
        "answers": 0,
        "mean": None,
    }
    assert figures.activity_cost(unit=culture, start=start, end=end) == Decimal("0")
    assert figures.young_participants_by_month(unit=culture, year=2024) == [0] * 12


# --- youth-targeted -----------------------------------------------------------------------


def test_youth_targeted_rule(culture):
    activity(culture, bands=["10-12"])  # youth
    activity(culture, bands=["13-15", "16-19", "20-25"])  # youth
    activity(culture, bands=[])  # no target band: not youth
    activity(culture, bands=figures.AGE_BANDS)  # all ages: not youth
    activity(culture, bands=["10-12", "26-64"])  # mixes in adults: not youth
    activity(culture, bands=["6-9", "10-12"])  # mixes in children: not youth
    activity(culture, bands=["10-12"], status=Status.PLANNED)  # not done
    activity(culture, bands=["10-12"], status=Status.CANCELLED)  # not done
    assert figures.youth_share(unit=culture, start=MARCH[0], end=MARCH[1]) == {
        "youth": 2,
        "total": 6,
        "percent": "33.3",
    }


def test_youth_share_44_of_101(culture):
    for _ in range(44):
        youth(culture)
    for _ in range(57):
        activity(culture, bands=["26-64"])
    share = figures.youth_share(unit=culture, start=MARCH[0], end=MARCH[1])
    assert share == {"youth": 44, "total": 101, "percent": "43.6"}


def test_youth_share_rounds_an_exact_half_up(culture):
    for _ in range(5):
        youth(culture)
    for _ in range(11):
        activity(culture)
    share = figures.youth_share(unit=culture, start=MARCH[0], end=MARCH[1])
    assert share == {"youth": 5, "total": 16, "percent": "31.3"}


# --- distributions ------------------------------------------------------------------------


def test_age_band_distribution_counts_an_activity_in_each_band(culture):
    activity(culture, bands=["0-5", "6-9"])
    activity(culture, bands=["6-9", "10-12", "26-64"])
    activity(culture, bands=[])
    activity(culture, bands=["6-9"])
    activity(culture, bands=["65+"], status=Status.PLANNED)
    result = figures.age_band_distribution(unit=culture, start=MARCH[0], end=MARCH[1])
    assert list(result) == figures.AGE_BANDS
    assert result["0-5"] == {"count": 1, "percent": "25.0"}
    assert result["6-9"] == {"count": 3, "percent": "75.0"}
    assert result["10-12"] == {"count": 1, "percent": "25.0"}
    assert result["26-64"] == {"count": 1, "percent": "25.0"}
    assert result["65+"] == {"count": 0, "percent": "0.0"}


def test_kind_and_collaboration_distributions(culture):
    activity(culture, kind="culture", collaboration="own")
    activity(culture, kind="culture", collaboration="external")
    activity(culture, kind="art", collaboration="external")
    activity(culture, kind="dialogue", collaboration="internal", status=Status.CANCELLED)
    activity(culture, kind="dialogue", collaboration="internal", status=Status.PLANNED)
    start, end = MARCH
    assert figures.kind_distribution(unit=culture, start=start, end=end) == {
        "culture": {"count": 2, "percent": "66.7"},
        "art": {"count": 1, "percent": "33.3"},
        "dialogue": {"count": 0, "percent": "0.0"},
    }
    assert figures.collaboration_distribution(unit=culture, start=start, end=end) == {
        "own": {"count": 1, "percent": "33.3"},
        "internal": {"count": 0, "percent": "0.0"},
        "external": {"count": 2, "percent": "66.7"},
    }


# --- young participants by month, December vs December ------------------------------------


def test_young_participants_by_month(culture):
    activity(culture, date=datetime.date(2024, 1, 5), girls=10, age_10_12=4, age_13_15=3)
    activity(culture, date=datetime.date(2024, 1, 25), boys=5, age_20_25=5)
    activity(culture, date=datetime.date(2024, 12, 31), girls=9, age_16_19=9)
    activity(culture, date=datetime.date(2024, 6, 1), girls=9, age_26_64=9)
    activity(culture, date=datetime.date(2023, 12, 31), girls=7, age_16_19=7)
    activity(culture, date=datetime.date(2025, 1, 1), girls=7, age_16_19=7)
    result = figures.young_participants_by_month(unit=culture, year=2024)
    assert result == [12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9]


def test_young_participants_december_against_the_december_before(culture):
    activity(culture, date=datetime.date(2024, 12, 1), girls=9, age_16_19=9)
    activity(culture, date=datetime.date(2024, 11, 30), girls=50, age_16_19=50)
    activity(culture, date=datetime.date(2023, 12, 31), girls=7, age_13_15=7)
    activity(culture, date=datetime.date(2024, 1, 1), girls=70, age_13_15=70)
    assert figures.young_participants_december(unit=culture, year=2024) == {
        "year": 9,
        "previous_year": 7,
    }
    assert figures.young_participants_december(unit=culture, year=2022) == {
        "year": 0,
        "previous_year": 0,
    }


# --- survey and cost ----------------------------------------------------------------------


def test_survey_mean_is_weighted_by_answers(culture):
    activity(culture, survey_answers=10, survey_mean=Decimal("4.00"))
    activity(culture, survey_answers=30, survey_mean=Decimal("5.00"))
    activity(culture, survey_answers=None, survey_mean=None)
    activity(culture, survey_answers=0, survey_mean=Decimal("1.00"))
    # (10×4 + 30×5) / 40 = 4.75 → "4.8"
    assert figures.survey_summary(unit=culture, start=MARCH[0], end=MARCH[1]) == {
        "answers": 40,
        "mean": "4.8",
    }


def test_activity_cost_sums_done_activities(culture):
    activity(culture, cost_kr=Decimal("1500.50"))
    activity(culture, cost_kr=Decimal("499.50"))
    activity(culture, cost_kr=None)
    activity(culture, cost_kr=Decimal("9999"), status=Status.CANCELLED)
    assert figures.activity_cost(unit=culture, start=MARCH[0], end=MARCH[1]) == Decimal("2000")


# --- roll-up -----------------------------------------------------------------------------


def test_child_units_roll_up_into_the_parent(tree):
    youth(tree["culture"], girls=4, age_13_15=4)
    activity(tree["library"], bands=["26-64"], boys=6)
    activity(tree["other"], bands=["26-64"], boys=100)  # another municipality
    grandchild = UnitFactory(slug="kulturskolan", parent=tree["culture"])
    youth(grandchild, girls=1, age_10_12=1)
    start, end = MARCH
    for key, expected_done, expected_people in [
        ("municipality", 3, 11),
        ("administration", 3, 11),
        ("culture", 2, 5),
        ("library", 1, 6),
    ]:
        unit = tree[key]
        assert figures.activity_counts(unit=unit, start=start, end=end)["done"] == expected_done
        assert figures.participants(unit=unit, start=start, end=end)["total"] == expected_people
    share = figures.youth_share(unit=tree["municipality"], start=start, end=end)
    assert share == {"youth": 2, "total": 3, "percent": "66.7"}


def test_a_unit_whose_slug_prefixes_another_does_not_swallow_it(tree):
    sibling = UnitFactory(slug="kulturenheten-2", parent=tree["administration"])
    activity(sibling)
    start, end = MARCH
    assert figures.activity_counts(unit=tree["culture"], start=start, end=end)["done"] == 0


# --- goals --------------------------------------------------------------------------------


@pytest.fixture
def goals(tree):
    plan = PlanFactory(unit=tree["municipality"], start_year=2022, end_year=2025)
    area1 = PriorityAreaFactory(plan=plan, number=1)
    area2 = PriorityAreaFactory(plan=plan, number=2)
    return {
        "1.1": GoalFactory(area=area1, code="1.1", text="Barn och unga", order=1),
        "1.2": GoalFactory(area=area1, code="1.2", text="Unga röster", order=2),
        "2.1": GoalFactory(area=area2, code="2.1", text="Hela kommunen", order=1),
    }


def linked(unit, goal_list, **fields):
    made = activity(unit, **fields)
    made.goals.set(goal_list)
    return made


def test_activities_per_goal_for_the_plan_in_force(tree, goals):
    culture = tree["culture"]
    linked(culture, [goals["1.1"], goals["1.2"]])
    linked(culture, [goals["1.2"]])
    linked(culture, [goals["1.2"]], status=Status.PLANNED)
    linked(tree["library"], [goals["1.2"]])
    linked(culture, [goals["1.1"]], date=datetime.date(2023, 3, 1))
    start, end = figures.ytd_period(2024, 3)
    assert figures.activities_per_goal(unit=culture, start=start, end=end) == [
        {"goal": "1.1", "text": "Barn och unga", "done": 1},
        {"goal": "1.2", "text": "Unga röster", "done": 2},
        {"goal": "2.1", "text": "Hela kommunen", "done": 0},
    ]
    per_goal = figures.activities_per_goal(unit=tree["municipality"], start=start, end=end)
    assert [row["done"] for row in per_goal] == [1, 3, 0]


def test_activities_per_goal_without_a_plan(tree):
    start, end = MARCH
    assert figures.activities_per_goal(unit=tree["other"], start=start, end=end) == []


def test_done_per_goal_and_year(tree, goals):
    culture = tree["culture"]
    linked(culture, [goals["1.1"], goals["1.2"]], date=datetime.date(2022, 5, 1))
    linked(culture, [goals["1.1"]], date=datetime.date(2022, 12, 31))
    linked(culture, [goals["1.1"]], date=datetime.date(2023, 1, 1))
    linked(culture, [goals["1.1"]], date=datetime.date(2023, 1, 1), status=Status.CANCELLED)
    linked(tree["other"], [goals["1.1"]], date=datetime.date(2023, 1, 1))
    ids = [goal.pk for goal in goals.values()]
    result = figures.done_per_goal_and_year(unit=culture, goal_ids=ids, years=[2022, 2023, 2024])
    g11, g12, g21 = (goals[code].pk for code in ("1.1", "1.2", "2.1"))
    assert result[(g11, 2022)] == 2
    assert result[(g11, 2023)] == 1
    assert result[(g12, 2022)] == 1
    assert result[(g21, 2024)] == 0
    assert len(result) == 9


@pytest.mark.usefixtures("figures_computed")
def test_done_per_goal_and_year_is_one_query(tree, goals, django_assert_num_queries):
    ids = [goal.pk for goal in goals.values()]
    with django_assert_num_queries(1):
        figures.done_per_goal_and_year(unit=tree["culture"], goal_ids=ids, years=[2022, 2023])


# --- month series ------------------------------------------------------------------------


@pytest.mark.usefixtures("figures_computed")
def test_month_series(culture, django_assert_num_queries):
    youth(culture, date=datetime.date(2024, 1, 10), girls=3, age_13_15=3)
    activity(culture, date=datetime.date(2024, 1, 20), bands=["26-64"], boys=2)
    activity(culture, date=datetime.date(2024, 5, 20), status=Status.PLANNED)
    activity(culture, date=datetime.date(2023, 5, 20))
    with django_assert_num_queries(1):
        series = figures.month_series(unit=culture, year=2024)
    assert [entry["month"] for entry in series] == list(range(1, 13))
    assert series[0]["counts"] == {"done": 2, "planned": 0, "cancelled": 0}
    assert series[0]["participants"]["total"] == 5
    assert series[0]["participants"]["young_10_25"] == 3
    assert series[0]["youth_share"] == {"youth": 1, "total": 2, "percent": "50.0"}
    assert series[4]["counts"] == {"done": 0, "planned": 1, "cancelled": 0}
    assert series[4]["youth_share"]["percent"] is None
    assert series[11]["participants"]["total"] == 0


@pytest.mark.usefixtures("figures_computed")
def test_each_figure_is_one_query(culture, django_assert_num_queries):
    activity(culture, bands=["10-12"], girls=2, age_10_12=2)
    start, end = MARCH
    for function in (
        figures.activity_counts,
        figures.participants,
        figures.youth_share,
        figures.age_band_distribution,
        figures.kind_distribution,
        figures.collaboration_distribution,
        figures.survey_summary,
        figures.activity_cost,
    ):
        with django_assert_num_queries(1):
            function(unit=culture, start=start, end=end)
    with django_assert_num_queries(1):
        figures.young_participants_by_month(unit=culture, year=2024)
    with django_assert_num_queries(1):
        figures.young_participants_december(unit=culture, year=2024)
