"""Helpers for the activity tests: a Flen-like plan with areas and goals, and a POST body."""

import datetime

import pytest

from activities.models import AGE_COUNT_FIELDS
from tests.factories import GoalFactory, PriorityAreaFactory


@pytest.fixture
def plan_areas(flen_plan):
    """Two of the Flen plan's areas with two goals each (codes 1.1, 1.2, 2.1, 2.2)."""
    area1 = PriorityAreaFactory(
        plan=flen_plan, number=1, name="Främja kultur av och med barn och unga"
    )
    area2 = PriorityAreaFactory(plan=flen_plan, number=2, name="Kultur i hela kommunen")
    goals = {
        "1.1": GoalFactory(area=area1, code="1.1", text="Barn och unga möter kultur", order=1),
        "1.2": GoalFactory(area=area1, code="1.2", text="Unga skapar själva", order=2),
        "2.1": GoalFactory(area=area2, code="2.1", text="Kultur på landsbygden", order=1),
        "2.2": GoalFactory(area=area2, code="2.2", text="Mötesplatser", order=2),
    }
    return {"plan": flen_plan, "area1": area1, "area2": area2, "goals": goals}


def activity_post(unit, **overrides):
    """A complete POST body for the activity form: a done activity for 13–19-year-olds with no
    participants."""
    data = {
        "unit": str(unit.pk),
        "title": "Sagostund",
        "date": "2024-03-12",
        "status": "done",
        "priority_area": "",
        "kind": "culture",
        "collaboration": "own",
        "place_name": "",
        "partner_names": "",
        "description": "",
        "end_date": "",
        "holiday": "",
        "culture_area": "",
        "cost_kr": "",
        "survey_answers": "",
        "survey_mean": "",
        "lessons_learned": "",
        "girls": "0",
        "boys": "0",
        "other_gender": "0",
        "target_bands": ["13-15", "16-19"],  # Målgrupp is required (planned and done)
    }
    for field in AGE_COUNT_FIELDS.values():
        data[field] = "0"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def post_data():
    return activity_post


@pytest.fixture
def a_date():
    return datetime.date(2024, 3, 12)
