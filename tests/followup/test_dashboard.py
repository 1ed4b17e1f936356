"""The follow-up dashboard: a manager's unit card (lights, youth share, budget deviation, the
months waiting), the roll-up across every unit the user may read, and bounded queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities.models import Status
from culture_plan import permissions
from followup import figures, selectors, services
from followup.views import CARD_LIMIT
from tests.factories import ActivityFactory, UnitFactory, YearPlanFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 4, 15)


@pytest.fixture
def today(monkeypatch):
    """The dashboard's "now" is mid-April 2024."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def approved_march_report(tree, users, march, plan_goals):
    YearPlanFactory(plan=plan_goals["plan"], unit=tree["culture"], year=2024, budget_kr=1000000)
    manager = users["manager"]
    report = services.report_get_or_create(unit=tree["culture"], year=2024, month=3)
    services.report_update(
        report=report,
        data={"v_status": "green", "e_status": "red", "e_forecast_kr": 1100000},
        by=manager,
    )
    services.report_submit(report=report, by=manager)
    # March has a planned activity in its past; approved as it is, knowingly.
    return services.report_approve(report=report, by=manager, planned_in_past_confirmed=True)


@pytest.fixture
def library_activity(tree):
    return ActivityFactory(
        unit=tree["library"],
        title="Läsfrämjande",
        date=datetime.date(2024, 2, 2),
        status=Status.DONE,
        target_6_9=True,
        girls=5,
        boys=5,
    )


def test_manager_card(client_for, today, approved_march_report):
    content = client_for("manager").get(reverse("followup:dashboard")).content.decode()
    content = content.replace("\xa0", " ")  # Swedish thousands are grouped by a no-break space
    assert "style=" not in content
    assert "Kulturenheten" in content
    assert "Senaste rapport: mars 2024" in content
    assert 'light light--red">Röd<' in content and 'light light--green">Grön<' in content
    assert "50,0 %" in content  # youth share YTD: 1 of 2 done
    assert "100 000 kr" in content and "(10,0 %)" in content  # forecast over budget
    # Waiting: January and February have no report; March is approved.
    assert reverse("followup:vepaq", args=["kulturenheten", 2024, 1]) in content
    assert reverse("followup:vepaq", args=["kulturenheten", 2024, 2]) in content
    assert "2 månader väntar på rapport eller godkännande" in content
    waiting = content.split("månader väntar på rapport eller godkännande")[1].split("</ul>")[0]
    assert "Mars" not in waiting


def test_waiting_months(tree, today, approved_march_report):
    waiting = selectors.waiting_months(unit=tree["culture"], today=today)
    assert [item["month"] for item in waiting] == [1, 2]


def test_viewer_sees_every_unit_and_the_municipality_total(
    client_for, today, march, library_activity
):
    content = client_for("viewer").get(reverse("followup:dashboard")).content.decode()
    for name in ["Flens kommun", "Kulturenheten", "Bibliotek"]:
        assert name in content
    assert "Totalt Flens kommun" in content


def test_other_manager_sees_only_their_unit(client_for, today, march, library_activity):
    content = client_for("other_manager").get(reverse("followup:dashboard")).content.decode()
    assert "Bibliotek" in content
    assert "Kulturenheten" not in content


def test_rollup_rows_agree_with_figures(tree, users, today, march, library_activity):
    rows = selectors.rollup_rows(
        units=permissions.visible_units(users["viewer"]), year=2024, month=4
    )
    start, end = figures.ytd_period(2024, 4)
    assert {row["unit"].slug for row in rows} == {
        "flens-kommun",
        "bukf",
        "kulturenheten",
        "bibliotek",
    }
    for row in rows:
        unit = row["unit"]
        share = figures.youth_share(unit=unit, start=start, end=end)
        people = figures.participants(unit=unit, start=start, end=end)
        assert row["done"] == share["total"]
        assert row["youth"] == share["youth"]
        assert row["youth_percent"] == share["percent"]
        assert row["participants"] == people["total"]
    by_slug = {row["unit"].slug: row for row in rows}
    assert by_slug["flens-kommun"]["done"] == 3  # 2 in kulturenheten + 1 in bibliotek
    assert by_slug["kulturenheten"]["youth_percent"] == "50.0"


def _add_units(tree, count):
    for index in range(count):
        unit = UnitFactory(
            slug=f"fritid-{index}", name=f"Fritidsgård {index}", parent=tree["administration"]
        )
        ActivityFactory(
            unit=unit, date=datetime.date(2024, 2, 1), status=Status.DONE, target_13_15=True
        )


def test_rollup_is_three_queries_whatever_the_number_of_units(
    tree, users, today, march, django_assert_num_queries
):
    _add_units(tree, 12)
    units = permissions.visible_units(users["viewer"])
    with django_assert_num_queries(3):
        rows = selectors.rollup_rows(units=units, year=2024, month=4)
    assert len(rows) == 16


def test_dashboard_queries_do_not_grow_with_units(client_for, tree, today, march):
    """Cards stop at CARD_LIMIT units; the roll-up table is grouped queries."""
    client = client_for("viewer")
    _add_units(tree, CARD_LIMIT)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("followup:dashboard")).status_code == 200
    for index in range(10):
        unit = UnitFactory(slug=f"extra-{index}", name=f"Extra {index}", parent=tree["culture"])
        ActivityFactory(unit=unit, date=datetime.date(2024, 3, 3), status=Status.DONE)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("followup:dashboard"))
    assert response.status_code == 200
    assert "Extra 9" in response.content.decode()  # in the table, not as a card
    assert len(many.captured_queries) == len(few.captured_queries)


def test_viewer_gets_a_card_per_unit(client_for, today, march, library_activity):
    content = client_for("viewer").get(reverse("followup:dashboard")).content.decode()
    assert 'id="card-kulturenheten"' in content and 'id="card-bibliotek"' in content
    assert 'id="card-flens-kommun"' not in content  # the municipality is the table's total
