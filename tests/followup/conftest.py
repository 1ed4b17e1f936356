"""Helpers for the follow-up page and workflow tests: logged-in clients, a plan with goals,
a year plan, and a month (March 2024) with a few activities."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from activities.models import Status
from culture_plan.models import AreaYearPlan, FocusItem
from followup import cache as figure_cache
from tests.factories import (
    ActivityFactory,
    GoalFactory,
    PriorityAreaFactory,
    YearPlanFactory,
)

ROLES = ["anonymous", "staff", "manager", "viewer", "admin", "other_manager"]
YEAR, MONTH = 2024, 3


@pytest.fixture
def client_for(users):
    """client_for("manager") -> a Client logged in as that demo user (anonymous: not)."""

    def make(role: str) -> Client:
        client = Client()
        user = users[role]
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def plan_goals(flen_plan):
    """Two areas with two goals each in Flen's plan 2022–2025."""
    area1 = PriorityAreaFactory(plan=flen_plan, number=1, name="Barn och unga")
    area2 = PriorityAreaFactory(plan=flen_plan, number=2, name="Kultur i hela kommunen")
    goals = {
        "1.1": GoalFactory(area=area1, code="1.1", text="Mål ett ett", order=1),
        "1.2": GoalFactory(area=area1, code="1.2", text="Mål ett två", order=2),
        "2.1": GoalFactory(area=area2, code="2.1", text="Mål två ett", order=1),
        "2.2": GoalFactory(area=area2, code="2.2", text="Mål två två", order=2),
    }
    return {"plan": flen_plan, "areas": [area1, area2], "goals": goals}


@pytest.fixture
def year_plan(tree, plan_goals):
    """Kulturenheten's year plan 2024 with one focus item per area."""
    year_plan = YearPlanFactory(plan=plan_goals["plan"], unit=tree["culture"], year=YEAR)
    items = []
    for number, area in enumerate(plan_goals["areas"], start=1):
        area_plan = AreaYearPlan.objects.create(year_plan=year_plan, area=area)
        items.append(
            FocusItem.objects.create(
                area_year_plan=area_plan, text=f"Inriktning {number}", order=number
            )
        )
    year_plan.focus_items_list = items
    return year_plan


@pytest.fixture
def march(tree, plan_goals):
    """March 2024 for kulturenheten: two done (one youth-targeted), one planned; plus one done
    youth activity in March 2023 and one in April 2024."""
    culture = tree["culture"]
    youth = ActivityFactory(
        unit=culture,
        title="Graffitiworkshop",
        date=datetime.date(2024, 3, 5),
        status=Status.DONE,
        target_13_15=True,
        target_16_19=True,
        girls=6,
        boys=4,
        age_13_15=5,
        age_16_19=5,
    )
    youth.goals.add(plan_goals["goals"]["1.1"])
    everyone = ActivityFactory(
        unit=culture,
        title="Konsert för alla",
        date=datetime.date(2024, 3, 20),
        status=Status.DONE,
        target_10_12=True,
        target_26_64=True,
        girls=20,
        boys=15,
        other_gender=1,
        age_10_12=3,
    )
    planned = ActivityFactory(
        unit=culture,
        title="Planerad läsecirkel",
        date=datetime.date(2024, 3, 28),
        status=Status.PLANNED,
    )
    last_year = ActivityFactory(
        unit=culture,
        title="Fjolårets workshop",
        date=datetime.date(2023, 3, 8),
        status=Status.DONE,
        target_10_12=True,
        girls=2,
        boys=2,
        age_10_12=4,
    )
    april = ActivityFactory(
        unit=culture,
        title="Aprilprojekt",
        date=datetime.date(2024, 4, 10),
        status=Status.PLANNED,
    )
    return {
        "youth": youth,
        "everyone": everyone,
        "planned": planned,
        "last_year": last_year,
        "april": april,
    }


def report_post_data(**overrides) -> dict:
    """A complete VEPAQ form submission (action save) with every dimension filled in."""
    data = {
        "action": "save",
        "v_status": "green",
        "v_comment": "Verksamheten går enligt plan.",
        "v_actions": "",
        "e_status": "yellow",
        "e_comment": "Något högre kostnader.",
        "e_actions": "Se över inköp.",
        "e_outcome_ytd_kr": "700000",
        "e_forecast_kr": "3100000",
        "p_status": "green",
        "p_comment": "",
        "p_actions": "",
        "p_actual_fte": "2.5",
        "p_sick_leave_short": "2.0",
        "p_sick_leave_long": "0",
        "a_status": "green",
        "a_comment": "",
        "a_actions": "",
        "a_workload": "4",
        "a_risks": "",
        "q_status": "",
        "q_comment": "",
        "q_actions": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def figures_computed():
    """For the tests that count the queries of computing the figures: the figure cache
    (followup.cache) is bypassed, so that a warm entry does not save a query."""
    with figure_cache.bypassed():
        yield
