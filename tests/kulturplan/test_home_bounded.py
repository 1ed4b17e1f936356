"""The start page stays small however many units a manager has (issue 17)."""

import datetime

import pytest
from django.test import override_settings

from culture_plan.models import Role, Unit
from kulturplan.selectors import HOME_UNIT_LIMIT, REPORTS_DUE_LIMIT, home_overview
from tests.factories import MembershipFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@override_settings(LANGUAGE_CODE="sv")
def test_a_municipality_manager_sees_bounded_lists_and_a_link_to_all(client):
    municipality = UnitFactory(slug="stor-kommun", kind=Unit.Kind.MUNICIPALITY)
    for number in range(60):
        UnitFactory(slug=f"enhet-{number:02d}", parent=municipality)
    manager = UserFactory(username="kommunchef")
    MembershipFactory(user=manager, unit=municipality, role=Role.MANAGER)

    overview = home_overview(user=manager, today=datetime.date(2026, 12, 2))
    assert len(overview["rows"]) == HOME_UNIT_LIMIT and overview["rows_total"] == 61
    assert len(overview["reports_due"]) == REPORTS_DUE_LIMIT
    assert overview["reports_due_total"] == 61

    client.force_login(manager)
    page = client.get("/").content.decode()
    assert "Visar 40 av 61 enheter." in page
    assert "Visar 20 av 61 enheter med rapporter som inte är inskickade." in page
    assert page.count('href="/uppfoljning/"') >= 2
