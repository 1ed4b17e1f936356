"""The start page in December 2026 (issue 24): the 2024 year plan is the one in force until a
new one is adopted, and a manager is offered next year's from November on."""

import datetime

from django.urls import reverse
from django.utils import timezone

from culture_plan.models import Plan, YearPlan
from kulturplan.selectors import home_overview
from tests.factories import PlanFactory, YearPlanFactory

DECEMBER_2026 = datetime.date(2026, 12, 7)


def _row(user, unit, today):
    overview = home_overview(user=user, today=today)
    return next(row for row in overview["rows"] if row["unit"] == unit)


def test_december_says_why_and_offers_next_years_plan(tree, users):
    plan = PlanFactory(
        unit=tree["municipality"], start_year=2022, end_year=2025, status=Plan.Status.ADOPTED
    )
    YearPlanFactory(unit=tree["culture"], plan=plan, year=2024)
    row = _row(users["manager"], tree["culture"], DECEMBER_2026)
    assert row["year_plan_in_force"] is True
    assert row["create_year_plan_years"] == [2027]
    # Before November, this year's; staff and viewers are offered none.
    assert _row(users["manager"], tree["culture"], datetime.date(2026, 10, 31))[
        "create_year_plan_years"
    ] == [2026]
    assert _row(users["staff"], tree["culture"], DECEMBER_2026)["create_year_plan_years"] == []
    # The year plan 2027 belongs to the plan still in force (2022–2025, none adopted since).
    assert plan.in_force_for_year_plan(2027)
    YearPlan(unit=tree["culture"], plan=plan, year=2027).clean()
    PlanFactory(
        unit=tree["municipality"],
        start_year=2027,
        end_year=2030,
        name="Ny plan",
        status=Plan.Status.ADOPTED,
    )
    assert not plan.in_force_for_year_plan(2027)


def test_start_page_words_and_the_create_link(tree, users, client):
    plan = PlanFactory(
        unit=tree["municipality"], start_year=2022, end_year=2025, status=Plan.Status.ADOPTED
    )
    YearPlanFactory(unit=tree["culture"], plan=plan, year=2024)
    client.force_login(users["manager"])
    page = client.get(reverse("home")).content.decode()
    assert "Den senaste verksamhetsplanen (2024) gäller tills en ny antas." in page
    create = reverse("yearplan_create", args=["kulturenheten"])
    next_year = timezone.localdate().year + 1
    form = client.get(f"{create}?ar={next_year}").content.decode()
    assert f'name="year" value="{next_year}"' in form
