"""Plan-side fixtures: a small plan structure on top of the shared `tree` and `users`."""

import pytest

from culture_plan.models import (
    AreaYearPlan,
    Framework,
    FrameworkGoal,
    IndicatorTarget,
    IndicatorValue,
    Plan,
)
from tests.factories import (
    GoalFactory,
    IndicatorFactory,
    PlanFactory,
    PriorityAreaFactory,
    YearPlanFactory,
)


@pytest.fixture
def agenda(db):
    framework = Framework.objects.create(
        name="Agenda 2030", slug="agenda-2030", kind=Framework.Kind.AGENDA_2030
    )
    return {
        "framework": framework,
        "sdg4": FrameworkGoal.objects.create(
            framework=framework, code="4", name="God utbildning för alla", order=4
        ),
        "sdg11": FrameworkGoal.objects.create(
            framework=framework, code="11", name="Hållbara städer och samhällen", order=11
        ),
    }


@pytest.fixture
def structure(tree, flen_plan, agenda):
    """The Flen plan with one area and goal, Kulturenheten's draft year plan 2024 with an
    area plan, an indicator with a target and a value, and a draft plan of Kulturenheten."""
    area = PriorityAreaFactory(
        plan=flen_plan, number=1, name="Främja kultur av och med barn och unga"
    )
    area.framework_goals.add(agenda["sdg4"])
    goal = GoalFactory(area=area, code="1.1", text="Öka barn och ungas delaktighet.")
    goal.framework_goals.add(agenda["sdg4"], agenda["sdg11"])
    year_plan = YearPlanFactory(
        plan=flen_plan, unit=tree["culture"], year=2024, status=Plan.Status.DRAFT
    )
    area_year_plan = AreaYearPlan.objects.create(
        year_plan=year_plan, area=area, board_goal="Alla barn ska ha tillgång till kultur."
    )
    indicator = IndicatorFactory(unit=tree["culture"], name="Andel aktiviteter för unga")
    target = IndicatorTarget.objects.create(indicator=indicator, year=2024, value=40)
    value = IndicatorValue.objects.create(indicator=indicator, year=2024, period=0, value=43.6)
    draft_plan = PlanFactory(
        unit=tree["culture"], name="Utkast till ny kulturplan", status=Plan.Status.DRAFT
    )
    draft_area = PriorityAreaFactory(plan=draft_plan, number=1, name="Utkastområde")
    return {
        "plan": flen_plan,
        "area": area,
        "goal": goal,
        "year_plan": year_plan,
        "area_year_plan": area_year_plan,
        "indicator": indicator,
        "target": target,
        "value": value,
        "draft_plan": draft_plan,
        "draft_area": draft_area,
        "unit": tree["culture"],
    }


@pytest.fixture
def login(client):
    """Log a user in (or stay anonymous for None) and return the client."""

    def _login(user):
        if user is not None:
            client.force_login(user)
        return client

    return _login
