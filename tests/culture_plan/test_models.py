"""Invariants of the plan models: held by clean() for people and by the database for code."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from culture_plan.models import AreaYearPlan, Goal, Unit
from tests.factories import (
    GoalFactory,
    PlanFactory,
    PriorityAreaFactory,
    UnitFactory,
    YearPlanFactory,
)


@pytest.mark.django_db
def test_goal_code_unique_within_plan_by_clean(flen_plan):
    area1 = PriorityAreaFactory(plan=flen_plan, number=1)
    area2 = PriorityAreaFactory(plan=flen_plan, number=2)
    GoalFactory(area=area1, code="1.2")
    duplicate = Goal(area=area2, code="1.2", text="Ett annat mål")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean(exclude=["plan"])
    assert error.value.message_dict["code"] == ["Det finns redan ett mål med nummer 1.2 i planen."]


@pytest.mark.django_db
def test_goal_code_unique_within_plan_by_database(flen_plan):
    area1 = PriorityAreaFactory(plan=flen_plan, number=1)
    area2 = PriorityAreaFactory(plan=flen_plan, number=2)
    GoalFactory(area=area1, code="1.2")
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(area=area2, code="1.2", text="Ett annat mål")


@pytest.mark.django_db
def test_same_goal_code_allowed_in_another_plan(flen_plan, tree):
    GoalFactory(area=PriorityAreaFactory(plan=flen_plan, number=1), code="1.2")
    other_plan = PlanFactory(unit=tree["culture"], start_year=2026, end_year=2029)
    goal = Goal(area=PriorityAreaFactory(plan=other_plan, number=1), code="1.2", text="Mål")
    goal.full_clean(exclude=["plan"])
    goal.save()
    assert goal.plan_id == other_plan.pk


@pytest.mark.django_db
def test_goal_plan_follows_its_area(flen_plan, tree):
    goal = GoalFactory(area=PriorityAreaFactory(plan=flen_plan, number=1), code="1.1")
    other_plan = PlanFactory(unit=tree["culture"])
    goal.area = PriorityAreaFactory(plan=other_plan, number=1)
    goal.save()
    goal.refresh_from_db()
    assert goal.plan_id == other_plan.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    # 2026: after the period, but the plan stays in force until a new one is adopted.
    ("year", "valid"),
    [(2021, False), (2022, True), (2025, True), (2026, True)],
)
def test_year_plan_year_lies_in_plan_period(flen_plan, tree, year, valid):
    year_plan = YearPlanFactory.build(plan=flen_plan, unit=tree["culture"], year=year)
    if valid:
        year_plan.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            year_plan.full_clean()
        assert error.value.message_dict["year"] == [
            "Året måste ligga inom planens period 2022–2025."
        ]


@pytest.mark.django_db
def test_area_year_plan_area_must_belong_to_year_plans_plan(flen_plan, tree):
    year_plan = YearPlanFactory(plan=flen_plan, unit=tree["culture"])
    other_plan = PlanFactory(unit=tree["culture"])
    foreign_area = PriorityAreaFactory(plan=other_plan, number=1)
    own_area = PriorityAreaFactory(plan=flen_plan, number=1)
    with pytest.raises(ValidationError) as error:
        AreaYearPlan(year_plan=year_plan, area=foreign_area).full_clean()
    assert "area" in error.value.message_dict
    AreaYearPlan(year_plan=year_plan, area=own_area).full_clean()


@pytest.mark.django_db
def test_unit_path_follows_a_move_of_its_parent(tree):
    studio = UnitFactory(slug="ateljen", name="Ateljén", parent=tree["culture"])
    assert studio.path == "/flens-kommun/bukf/kulturenheten/ateljen/"
    culture = tree["culture"]
    culture.parent = tree["other"]
    culture.save()
    studio.refresh_from_db()
    assert culture.path == "/annan-kommun/kulturenheten/"
    assert studio.path == "/annan-kommun/kulturenheten/ateljen/"
    assert list(culture.subtree().order_by("path")) == [culture, studio]


@pytest.mark.django_db
def test_unit_path_follows_a_renamed_slug_of_an_ancestor(tree):
    administration = tree["administration"]
    administration.slug = "kultur-och-fritid"
    administration.save()
    assert Unit.objects.get(slug="bibliotek").path == "/flens-kommun/kultur-och-fritid/bibliotek/"


@pytest.mark.django_db
def test_unit_cannot_be_placed_under_itself(tree):
    municipality = tree["municipality"]
    municipality.parent = tree["culture"]
    with pytest.raises(ValidationError):
        municipality.full_clean()
