"""Fixtures of the trust tests (DESIGN "Trust: integrity, limits and sign-in")."""

import datetime

import pytest

from activities.models import ClosedMonth
from tests.factories import (
    ActivityFactory,
    GoalFactory,
    PartnerFactory,
    PlaceFactory,
    PriorityAreaFactory,
    UserFactory,
)


@pytest.fixture
def admin_client(client, db):
    user = UserFactory(
        username="superuser", first_name="Sara", last_name="Super", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def locked_march(tree, flen_plan):
    """Kulturenheten's March 2024 is approved; one activity in it uses a goal, a partner and a
    place; April is open."""
    area = PriorityAreaFactory(plan=flen_plan, number=1, name="Barn och unga")
    goal = GoalFactory(area=area, code="1.1", text="Barn och unga möter kultur")
    partner = PartnerFactory(unit=tree["culture"], name="Sörmlands museum")
    place = PlaceFactory(unit=tree["culture"], name="Flen")
    activity = ActivityFactory(
        unit=tree["culture"],
        date=datetime.date(2024, 3, 12),
        title="Sagostund",
        priority_area=area,
        place=place,
        target_0_5=True,  # Målgrupp is required for planned and done activities
    )
    activity.goals.set([goal])
    activity.partners.set([partner])
    ClosedMonth.objects.create(unit=tree["culture"], year=2024, month=3)
    return {
        "area": area,
        "goal": goal,
        "partner": partner,
        "place": place,
        "activity": activity,
    }
