"""Internal control fixtures: Kulturenheten's adopted plan 2024 with one risk, control,
a deviation and its action, on top of the shared `tree`, `users` and `flen_plan`."""

import datetime

import pytest

from internal_control.models import Action, Control, ControlResult, InternalControlPlan, Risk
from tests.factories import GoalFactory, PriorityAreaFactory


@pytest.fixture
def ic(tree, users, flen_plan):
    area = PriorityAreaFactory(plan=flen_plan, number=1)
    goal = GoalFactory(area=area, code="1.1")
    plan = InternalControlPlan.objects.create(
        unit=tree["culture"],
        year=2024,
        state=InternalControlPlan.State.ADOPTED,
        adopted_by=users["manager"],
        adopted_at=datetime.datetime(2024, 2, 20, 12, tzinfo=datetime.UTC),
    )
    risk = Risk.objects.create(
        plan=plan,
        process="Kultur- och fritidsutbud",
        title="För svag bredd i kultur- och fritidsaktiviteter",
        likelihood=4,
        consequence=3,
        decision=Risk.Decision.CONTROL,
    )
    risk.goals.add(goal)
    control = Control.objects.create(
        risk=risk,
        title="Spridning på orter",
        method=Control.Method.ANALYSIS,
        frequency=Control.Frequency.TERTIAL,
        responsible="Enhetschef",
        reported_to="Nämnden",
    )
    result = ControlResult.objects.create(
        control=control,
        date=datetime.date(2024, 4, 30),
        outcome=ControlResult.Outcome.DEVIATION,
        comment="Tre orter saknade aktiviteter.",
    )
    action = Action.objects.create(
        result=result,
        title="Samverkansarena med föreningar",
        responsible="Kulturutvecklare",
        due_date=datetime.date(2024, 8, 31),
    )
    return {
        "plan": plan,
        "risk": risk,
        "control": control,
        "result": result,
        "action": action,
        "goal": goal,
        "unit": tree["culture"],
    }
