"""The figure cache (followup.cache, activities.versions) never serves a figure that the
database no longer holds: for each kind of write, read (the cache is filled), write, read
again, and the page or report shows the new figure. A read of a warm cache costs one query.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from activities import excel, services
from activities.imports import import_activities
from activities.models import Activity, DataVersion, Status
from followup import cache as figure_cache
from followup import figures
from followup.models import MonthlyReport
from followup.reports import vepaq_report
from tests.factories import ActivityFactory, UnitFactory, YearPlanFactory
from tests.followup.conftest import MONTH, YEAR

pytestmark = pytest.mark.django_db

MARCH = figures.month_period(YEAR, MONTH)


def done_in_march(unit) -> int:
    return figures.activity_counts(unit=unit, start=MARCH[0], end=MARCH[1])["done"]


def rollup_done(client, slug: str) -> int:
    """The dashboard's "Genomförda" for a unit, as the page shows it (this year so far)."""
    response = client.get(reverse("followup:dashboard"))
    assert response.status_code == 200
    found = re.search(
        rf'<a href="/uppfoljning/{slug}/vepaq/\d+/">[^<]+</a></th>\s*<td class="num">(\d+)</td>',
        response.content.decode(),
    )
    return int(found.group(1))


def test_an_activity_saved_through_the_service_shows_at_once(tree, march):
    culture = tree["culture"]
    before = done_in_march(culture)
    assert vepaq_report(unit=culture, year=YEAR, month=MONTH)["activities"]["month"]["done"] == (
        before
    )
    activity = Activity(
        unit=culture,
        title="Ny",
        date=datetime.date(YEAR, MONTH, 20),
        status=Status.DONE,
        target_10_12=True,
    )
    services.activity_save(
        activity=activity, goals=[], partner_names=[], place_name="", by=None, co_arrangers=[]
    )
    assert done_in_march(culture) == before + 1
    assert done_in_march(tree["municipality"]) == before + 1
    report = vepaq_report(unit=culture, year=YEAR, month=MONTH)
    assert report["activities"]["month"]["done"] == before + 1


def test_a_title_edit_shows_in_the_cached_activity_list(tree, march):
    culture = tree["culture"]
    listed = vepaq_report(unit=culture, year=YEAR, month=MONTH)["dimensions"]["V"]["activities"]
    activity = Activity.objects.get(title="Graffitiworkshop")
    activity.title = "Graffiti för unga"
    activity.save()
    again = vepaq_report(unit=culture, year=YEAR, month=MONTH)["dimensions"]["V"]["activities"]
    assert "Graffitiworkshop" in [row["title"] for row in listed]
    assert "Graffiti för unga" in [row["title"] for row in again]


def test_the_dashboard_shows_a_new_activity(client_for, tree, march):
    client = client_for("manager")
    today = datetime.date.today()
    before = rollup_done(client, "kulturenheten")
    ActivityFactory(unit=tree["culture"], date=today.replace(day=1))
    assert rollup_done(client, "kulturenheten") == before + 1


def test_an_excel_import_shows_at_once(tree, march, tmp_path):
    culture = tree["culture"]
    planned = vepaq_report(unit=culture, year=YEAR, month=MONTH)["activities"]["month"]
    row = {
        excel.DATE: f"{YEAR}-03-25",
        excel.TITLE: "Importerad",
        excel.STATUS: "Planerad",
        excel.KIND: "Kultur",
        excel.COLLABORATION: "Egen regi",
    }
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(excel.HEADERS)
    sheet.append([row.get(header) for header in excel.HEADERS])
    workbook.save(tmp_path / "import.xlsx")
    assert import_activities(unit=culture, file=tmp_path / "import.xlsx").created == 1
    again = vepaq_report(unit=culture, year=YEAR, month=MONTH)["activities"]["month"]
    assert again["planned"] == planned["planned"] + 1


def test_a_unit_moved_elsewhere_leaves_its_old_parent_s_figures(tree):
    library, administration = tree["library"], tree["administration"]
    ActivityFactory(unit=library, date=datetime.date(YEAR, MONTH, 3))
    assert done_in_march(administration) == 1
    library.parent = tree["other"]
    library.save()
    assert done_in_march(administration) == 0
    assert done_in_march(tree["other"]) == 1


def test_a_co_arranger_added_counts_at_once(tree):
    culture, library = tree["culture"], tree["library"]
    activity = ActivityFactory(unit=culture, date=datetime.date(YEAR, MONTH, 3))
    assert done_in_march(library) == 0
    services.activity_add_co_arranger(activity=activity, unit=library, by=None)
    assert done_in_march(library) == 1
    assert done_in_march(tree["administration"]) == 1


def test_the_monthly_report_and_year_plan_show_at_once(tree, plan_goals, march):
    culture = tree["culture"]
    year_plan = YearPlanFactory(
        plan=plan_goals["plan"], unit=culture, year=YEAR, budget_kr=Decimal("1000")
    )
    report = MonthlyReport.objects.create(unit=culture, year=YEAR, month=MONTH)
    economy = vepaq_report(unit=culture, year=YEAR, month=MONTH)["dimensions"]["E"]
    assert (Decimal(economy["budget"]), economy["forecast"]) == (1000, None)
    report.e_forecast_kr = Decimal("1200")
    report.save()
    year_plan.budget_kr = Decimal("1100")
    year_plan.save()
    economy = vepaq_report(unit=culture, year=YEAR, month=MONTH)["dimensions"]["E"]
    assert [Decimal(economy[key]) for key in ("budget", "forecast", "deviation_kr")] == [
        1100,
        1200,
        100,
    ]


def test_a_goal_renamed_shows_at_once(tree, plan_goals, march):
    culture = tree["culture"]
    goal = plan_goals["goals"]["1.1"]
    per_goal = figures.activities_per_goal(unit=culture, start=MARCH[0], end=MARCH[1])
    assert per_goal[0]["text"] == "Mål ett ett"
    goal.text = "Nytt mål"
    goal.save()
    per_goal = figures.activities_per_goal(unit=culture, start=MARCH[0], end=MARCH[1])
    assert per_goal[0]["text"] == "Nytt mål"


def test_a_rolled_back_write_leaves_no_figure_behind(tree, march):
    culture = tree["culture"]
    before = done_in_march(culture)
    with pytest.raises(RuntimeError), transaction.atomic():
        ActivityFactory(unit=culture, date=datetime.date(YEAR, MONTH, 9))
        assert done_in_march(culture) == before + 1  # cached under the uncommitted token
        raise RuntimeError
    assert done_in_march(culture) == before
    ActivityFactory(unit=culture, date=datetime.date(YEAR, MONTH, 10), status=Status.PLANNED)
    assert done_in_march(culture) == before


def test_a_warm_report_costs_one_query(tree, march, django_assert_num_queries):
    culture = tree["culture"]
    computed = vepaq_report(unit=culture, year=YEAR, month=MONTH)
    with django_assert_num_queries(1):
        assert vepaq_report(unit=culture, year=YEAR, month=MONTH) == computed
    with figure_cache.bypassed():
        assert vepaq_report(unit=culture, year=YEAR, month=MONTH) == computed


def test_writes_touch_their_unit_and_year(tree):
    culture = tree["culture"]
    DataVersion.objects.all().delete()
    ActivityFactory(unit=culture, date=datetime.date(YEAR, MONTH, 3))
    assert set(DataVersion.objects.values_list("unit_key", "year")) == {(culture.pk, YEAR)}
    UnitFactory(slug="ny-enhet", parent=tree["administration"])
    assert (0, 0) in set(DataVersion.objects.values_list("unit_key", "year"))


def test_the_dashboard_takes_a_few_queries_whatever_the_units(client_for, tree, march):
    """Cards and the roll-up in a fixed number of queries (were 4 a card), cold or warm."""
    client = client_for("admin")
    for index in range(14):
        unit = UnitFactory(slug=f"enhet-{index}", name=f"Enhet {index}", parent=tree["culture"])
        MonthlyReport.objects.create(unit=unit, year=YEAR, month=MONTH)
        ActivityFactory(unit=unit, date=datetime.date(YEAR, MONTH, 3))
    with CaptureQueriesContext(connection) as cold:
        assert client.get(reverse("followup:dashboard")).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(reverse("followup:dashboard")).status_code == 200
    assert len(cold.captured_queries) <= 14
    assert len(warm.captured_queries) <= 11
