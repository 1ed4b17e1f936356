"""The plan pages as a user meets them: reading, editing, errors and query counts."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities.models import Status
from culture_plan.models import (
    AreaYearPlan,
    Goal,
    Indicator,
    IndicatorTarget,
    Plan,
    PriorityArea,
    YearPlan,
)
from followup.models import MonthlyReport
from kulturplan.selectors import home_overview
from tests.factories import ActivityFactory, GoalFactory, PlanFactory, UnitFactory, YearPlanFactory


def _content(response):
    return response.content.decode()


@pytest.mark.django_db
def test_manager_edits_a_goal_and_sees_the_change(client, users, structure, agenda):
    goal = structure["goal"]
    client.force_login(users["manager"])
    url = reverse("goal_update", args=[goal.pk])
    response = client.post(
        url,
        {
            "area": structure["area"].pk,
            "code": "1.1",
            "text": "Öka barn och ungas inflytande över kulturutbudet.",
            "order": "1",
            "framework_goals": [agenda["sdg11"].pk],
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(
        reverse("plan_detail", args=[structure["plan"].pk])
    )
    page = _content(response)
    assert "Öka barn och ungas inflytande över kulturutbudet." in page
    assert "Inriktningsmål 1.1 är sparat." in page
    goal.refresh_from_db()
    assert list(goal.framework_goals.all()) == [agenda["sdg11"]]
    assert goal.history.latest().history_user == users["manager"]


@pytest.mark.django_db
def test_duplicate_goal_code_keeps_typed_values_and_says_why_in_swedish(client, users, structure):
    GoalFactory(area=structure["area"], code="1.2", text="Finns redan")
    client.force_login(users["manager"])
    response = client.post(
        reverse("goal_create", args=[structure["area"].pk]),
        {"area": structure["area"].pk, "code": "1.2", "text": "Mitt nya mål", "order": "3"},
    )
    assert response.status_code == 200
    page = _content(response)
    assert "Det finns redan ett mål med nummer 1.2 i planen." in page
    assert "Det finns fel att rätta" in page
    assert "Mitt nya mål" in page
    assert 'value="3"' in page
    assert Goal.objects.filter(code="1.2").count() == 1


@pytest.mark.django_db
def test_manager_creates_area_and_goal(client, users, structure):
    client.force_login(users["manager"])
    plan = structure["plan"]
    response = client.post(
        reverse("area_create", args=[plan.pk]),
        {"number": "2", "name": "Kultur i hela kommunen"},
    )
    area = PriorityArea.objects.get(plan=plan, number=2)
    assert response.status_code == 302
    assert response["Location"].endswith("#omrade-2")
    response = client.post(
        reverse("goal_create", args=[area.pk]),
        {"area": area.pk, "code": "2.1", "text": "Fler platser för kultur.", "order": "1"},
    )
    assert response.status_code == 302
    assert Goal.objects.get(code="2.1").plan == plan
    duplicate = client.post(
        reverse("area_create", args=[plan.pk]), {"number": "2", "name": "Dubblett"}
    )
    assert "Det finns redan ett område med nummer 2 i planen." in _content(duplicate)


@pytest.mark.django_db
def test_plan_page_shows_structure_and_links(client, users, structure):
    client.force_login(users["viewer"])
    page = _content(client.get(reverse("plan_detail", args=[structure["plan"].pk])))
    assert "1. Främja kultur av och med barn och unga" in page
    assert "1.1" in page and "Öka barn och ungas delaktighet." in page
    # Framework links: compact codes at the goal, the full name once in the legend.
    assert "Kopplat till: Agenda 2030: 4" in page
    assert page.count("Mål 4: God utbildning för alla") == 1
    assert "Antagen" in page
    assert "2022–2025" in page
    assert "Ändra planen" not in page


@pytest.mark.django_db
def test_plan_page_query_count_does_not_grow_with_goals(client, users, structure, agenda):
    client.force_login(users["manager"])
    url = reverse("plan_detail", args=[structure["plan"].pk])
    client.get(url)  # warm up session and caches

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    plan = structure["plan"]
    for number in range(2, 6):
        area = PriorityArea.objects.create(plan=plan, number=number, name=f"Område {number}")
        area.framework_goals.add(agenda["sdg4"])
        for index in range(1, 6):
            goal = GoalFactory(area=area, code=f"{number}.{index}")
            goal.framework_goals.add(agenda["sdg4"], agenda["sdg11"])
    assert Goal.objects.filter(plan=plan).count() == 21
    assert count() == few


@pytest.mark.django_db
def test_year_plan_page_in_swedish_formats(client, users, structure, agenda):
    year_plan = structure["year_plan"]
    year_plan.functions = "Konst\nAllmänkultur\n"
    year_plan.save()
    area_plan = structure["area_year_plan"]
    area_plan.framework_goals.add(agenda["sdg4"])
    area_plan.focus_items.create(text="Lovaktiviteter i hela kommunen", order=1)
    client.force_login(users["staff"])
    page = _content(client.get(reverse("yearplan_detail", args=[year_plan.pk])))
    assert "3\xa0022\xa0000 kr" in page
    assert "3\xa0022 tkr" in page
    assert "2,5 årsverken" in page
    assert "<li>Allmänkultur</li>" in page
    assert "Alla barn ska ha tillgång till kultur." in page
    assert "Lovaktiviteter i hela kommunen" in page
    assert "Mål 4: God utbildning för alla" in page
    assert "Ändra verksamhetsplanen" not in page


@pytest.mark.django_db
def test_manager_creates_year_plan_and_year_outside_period_is_refused(client, users, structure):
    client.force_login(users["manager"])
    url = reverse("yearplan_create", args=["kulturenheten"])
    data = {
        # Before the period (a later year is the plan's while no new plan is adopted).
        "year": "2021",
        "plan": structure["plan"].pk,
        "status": "draft",
        "budget_kr": "3100000",
        "staffing_fte": "2,75",
    }
    response = client.post(url, data)
    assert "Året måste ligga inom planens period 2022–2025." in _content(response)
    assert 'value="2,75"' in _content(response)
    response = client.post(url, {**data, "year": "2024"})
    assert "Enheten har redan en verksamhetsplan för 2024." in _content(response)
    response = client.post(url, {**data, "year": "2025"})
    year_plan = YearPlan.objects.get(unit=structure["unit"], year=2025)
    assert response["Location"] == year_plan.get_absolute_url()
    assert year_plan.staffing_fte == Decimal("2.75")


@pytest.mark.django_db
def test_focus_items_one_per_line_keep_unchanged_rows(client, users, structure):
    client.force_login(users["manager"])
    area_plan = structure["area_year_plan"]
    url = reverse("areayearplan_update", args=[area_plan.pk])
    base = {"area": structure["area"].pk, "board_goal": "Nämndmålet", "method": "Workshops"}
    client.post(url, {**base, "focus": "Fler lovaktiviteter\n\n- Ungdomsråd\n"})
    first = list(area_plan.focus_items.order_by("order").values_list("pk", "text"))
    assert [text for _pk, text in first] == ["Fler lovaktiviteter", "Ungdomsråd"]
    response = client.post(url, {**base, "focus": "Ungdomsråd\nKonst i skolan"})
    assert response.status_code == 302
    second = list(area_plan.focus_items.order_by("order").values_list("pk", "text"))
    assert [text for _pk, text in second] == ["Ungdomsråd", "Konst i skolan"]
    assert second[0][0] == first[1][0]  # the unchanged line kept its row
    form_page = _content(client.get(url))
    assert "Ungdomsråd\nKonst i skolan" in form_page


@pytest.mark.django_db
def test_area_year_plan_needs_an_area_of_the_plan_once(client, users, structure, tree):
    client.force_login(users["manager"])
    year_plan = structure["year_plan"]
    url = reverse("areayearplan_create", args=[year_plan.pk])
    response = client.post(url, {"area": structure["area"].pk, "focus": "Rad"})
    assert "Verksamhetsplanen har redan en plan för området" in _content(response)
    foreign = PriorityArea.objects.create(
        plan=PlanFactory(unit=tree["culture"]), number=9, name="Främmande"
    )
    response = client.post(url, {"area": foreign.pk})
    assert response.status_code == 200
    assert not AreaYearPlan.objects.filter(area=foreign).exists()


@pytest.mark.django_db
def test_manager_keeps_indicator_targets_and_values(client, users, structure):
    client.force_login(users["manager"])
    response = client.post(
        reverse("indicator_create", args=["kulturenheten"]),
        {
            "name": "Aktiva 10–25-åringar",
            "unit_of_measure": "deltagare",
            "direction": "increase",
            "frequency": "month",
            "source": "manual",
            "baseline_year": "2023",
            "baseline_value": "1\xa0250,5",
            "order": "0",
        },
    )
    indicator = Indicator.objects.get(name="Aktiva 10–25-åringar")
    assert response["Location"] == indicator.get_absolute_url()
    assert indicator.baseline_value == Decimal("1250.5")
    client.post(reverse("target_create", args=[indicator.pk]), {"year": "2025", "value": "1400"})
    assert IndicatorTarget.objects.get(indicator=indicator).value == 1400
    refused = client.post(
        reverse("value_create", args=[indicator.pk]), {"year": "2025", "period": "13", "value": "5"}
    )
    assert "Perioden ska vara 1–12 för den här frekvensen." in _content(refused)
    client.post(
        reverse("value_create", args=[indicator.pk]),
        {"year": "2025", "period": "3", "value": "120"},
    )
    page = _content(client.get(indicator.get_absolute_url()))
    assert "1\xa0400" in page and "120" in page
    listing = _content(client.get(reverse("indicator_list")))
    assert "Indikatorer för Kulturenheten" in listing
    assert "2025: 1\xa0400" in listing
    assert "1\xa0250,5" in listing


@pytest.mark.django_db
def test_manager_creates_plan_only_under_a_unit_they_manage(client, users, tree):
    client.force_login(users["other_manager"])
    url = reverse("plan_create")
    data = {"name": "Biblioteksplan", "start_year": "2026", "end_year": "2029", "status": "draft"}
    refused = client.post(url, {**data, "unit": tree["culture"].pk})
    assert refused.status_code == 200
    assert not Plan.objects.filter(name="Biblioteksplan").exists()
    backwards = client.post(
        url, {**data, "unit": tree["library"].pk, "start_year": "2030", "end_year": "2029"}
    )
    assert "Slutåret kan inte ligga före startåret." in _content(backwards)
    response = client.post(url, {**data, "unit": tree["library"].pk}, follow=True)
    plan = Plan.objects.get(name="Biblioteksplan")
    assert plan.unit == tree["library"]
    assert "Kulturplanen är skapad." in _content(response)


@pytest.mark.django_db
def test_home_shows_units_roles_and_what_waits(client, users, structure, tree):
    today = timezone.localdate()
    overdue = ActivityFactory(
        unit=tree["culture"],
        title="Sagostund som väntar",
        status=Status.PLANNED,
        date=today - datetime.timedelta(days=3),
    )
    ActivityFactory(
        unit=tree["culture"],
        title="Kommande konsert",
        status=Status.PLANNED,
        date=today + datetime.timedelta(days=3),
    )
    ActivityFactory(
        unit=tree["library"],
        title="Bibliotekets sak",
        status=Status.PLANNED,
        date=today - datetime.timedelta(days=3),
    )
    MonthlyReport.objects.create(
        unit=tree["culture"], year=today.year, month=1, state=MonthlyReport.State.SUBMITTED
    )
    current_plan = PlanFactory(
        unit=tree["municipality"],
        name="Kulturplan nu",
        start_year=today.year,
        end_year=today.year + 3,
    )
    draft = YearPlanFactory(
        plan=current_plan, unit=tree["culture"], year=today.year, status=Plan.Status.DRAFT
    )

    client.force_login(users["staff"])
    page = _content(client.get(reverse("home")))
    assert "Medarbetare" in page
    assert "Sagostund som väntar" in page
    assert reverse("activities:detail", args=[overdue.pk]) in page
    assert "Kommande konsert" not in page
    assert "Bibliotekets sak" not in page
    assert "Månadsrapporter som väntar" not in page
    assert current_plan.get_absolute_url() in page

    client.force_login(users["manager"])
    page = _content(client.get(reverse("home")))
    assert "Chef" in page
    assert "Månadsrapporter som väntar på godkännande" in page
    assert reverse("followup:vepaq", args=["kulturenheten", today.year, 1]) in page
    assert draft.get_absolute_url() in page

    client.force_login(users["other_manager"])
    page = _content(client.get(reverse("home")))
    assert "Bibliotekets sak" in page
    assert "Sagostund som väntar" not in page
    assert "Kulturenheten" not in page


@pytest.mark.django_db
def test_home_query_count_does_not_grow_with_units(
    client, users, tree, django_assert_max_num_queries
):
    client.force_login(users["admin"])
    client.get(reverse("home"))
    cache.clear()  # both counts on a cold start-page cache (new units change its key)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))

    for index in range(10):
        UnitFactory(slug=f"extra-{index}", parent=tree["administration"])
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    assert len(many) == len(few)


@pytest.mark.django_db
def test_unit_page(client, users, structure):
    client.force_login(users["viewer"])
    page = _content(client.get(reverse("unit_detail", args=["kulturenheten"])))
    assert "Kulturenheten" in page
    assert "Barn-, utbildnings- och kulturförvaltningen" in page
    assert structure["year_plan"].get_absolute_url() in page
    assert structure["indicator"].get_absolute_url() in page
    assert "Ny verksamhetsplan" not in page


@pytest.mark.django_db
def test_plan_list_hides_drafts_of_other_units(client, users, structure):
    client.force_login(users["other_manager"])
    page = _content(client.get(reverse("plan_list")))
    assert structure["plan"].name in page
    assert structure["draft_plan"].name not in page


@pytest.mark.django_db
def test_year_plan_form_offers_only_plans_the_user_may_read(client, users, structure, tree):
    PlanFactory(
        unit=tree["municipality"],
        steward=tree["culture"],
        name="Hemligt utkast",
        status=Plan.Status.DRAFT,
    )
    client.force_login(users["other_manager"])
    page = _content(client.get(reverse("yearplan_create", args=["bibliotek"])))
    assert structure["plan"].name in page
    assert "Hemligt utkast" not in page
    client.force_login(users["manager"])
    page = _content(client.get(reverse("yearplan_create", args=["kulturenheten"])))
    assert "Hemligt utkast" in page


@pytest.mark.django_db
def test_home_shows_the_latest_year_plan_not_a_missing_one(client, users, structure, tree):
    """With the 2022–2025 plan in force after its period, the card shows the latest year plan
    and says it applies until a new one is adopted."""
    today = timezone.localdate()
    assert today.year > 2025  # the plan in force ended in 2025 (DESIGN: the plan in force)
    # It stays in force, so the latest year plan is said to apply until a new one is adopted.
    YearPlanFactory(plan=structure["plan"], unit=tree["culture"], year=2023)
    client.force_login(users["manager"])
    page = _content(client.get(reverse("home")))
    assert "Verksamhetsplan 2024" in page
    assert structure["year_plan"].get_absolute_url() in page
    assert f"Verksamhetsplan {today.year}" not in page
    assert "Saknas" not in page
    assert "Den senaste verksamhetsplanen (2024) gäller tills en ny antas." in page
    # The library has no year plan at all.
    client.force_login(users["other_manager"])
    page = _content(client.get(reverse("home")))
    assert "Ingen ännu" in page
    # The plan still in force frames a new year plan: this year's, next year's from November.
    offered = today.year + 1 if today.month >= 11 else today.year
    assert f"{reverse('yearplan_create', args=['bibliotek'])}?ar={offered}" in page


@pytest.mark.django_db
def test_home_offers_a_new_year_plan_to_managers_within_the_plan_period(
    client, users, structure, tree
):
    today = timezone.localdate()
    PlanFactory(
        unit=tree["municipality"],
        name="Kulturplan nu",
        start_year=today.year - 1,
        end_year=today.year + 2,
    )
    create_url = reverse("yearplan_create", args=["kulturenheten"])
    client.force_login(users["manager"])
    page = _content(client.get(reverse("home")))
    assert create_url in page
    offered = today.year + 1 if today.month >= 11 else today.year
    assert f"Skriv verksamhetsplan {offered}" in page
    assert "Verksamhetsplan 2024" in page  # the latest stays visible next to the link
    for reader in ("staff", "viewer"):
        client.force_login(users[reader])
        assert create_url not in _content(client.get(reverse("home")))
    # Once the offered year's plan exists, the link goes away.
    YearPlanFactory(plan=structure["plan"], unit=tree["culture"], year=offered)
    client.force_login(users["manager"])
    page = _content(client.get(reverse("home")))
    assert create_url not in page
    assert f"Verksamhetsplan {offered}" in page


@pytest.mark.django_db
def test_reports_not_handed_in_are_waiting_for_managers_only(users, tree):
    today = datetime.date(2026, 5, 15)
    culture = tree["culture"]
    for month, state in ((1, "approved"), (2, "submitted"), (3, "draft")):
        MonthlyReport.objects.create(unit=culture, year=2026, month=month, state=state)
    MonthlyReport.objects.create(unit=culture, year=2025, month=12, state="draft")
    MonthlyReport.objects.create(unit=culture, year=2026, month=5, state="draft")  # this month

    manager = home_overview(user=users["manager"], today=today)
    assert [
        (due["unit"].slug, [(m["month"], m["state"]) for m in due["months"]])
        for due in manager["reports_due"]
    ] == [("kulturenheten", [(3, "draft"), (4, None)])]
    assert [(r.year, r.month) for r in manager["submitted_reports"]] == [(2026, 2)]

    library = home_overview(user=users["other_manager"], today=today)
    assert [
        (due["unit"].slug, [m["month"] for m in due["months"]]) for due in library["reports_due"]
    ] == [("bibliotek", [1, 2, 3, 4])]
    for name in ("staff", "viewer", "admin"):
        assert home_overview(user=users[name], today=today)["reports_due"] == []
    # In January no month of the year has passed yet.
    january = home_overview(user=users["manager"], today=datetime.date(2026, 1, 20))
    assert january["reports_due"] == []


@pytest.mark.django_db
def test_home_links_waiting_reports_and_overdue_activities(client, users, tree):
    today = timezone.localdate()
    if today.month == 1:
        pytest.skip("no past month of the year in January")
    MonthlyReport.objects.create(unit=tree["culture"], year=today.year, month=1, state="draft")
    overdue = ActivityFactory(
        unit=tree["culture"],
        title="Sagostund som väntar",
        status=Status.PLANNED,
        date=today - datetime.timedelta(days=2),
    )
    client.force_login(users["manager"])
    page = _content(client.get(reverse("home")))
    assert f"Månadsrapporter {today.year} som inte är inskickade" in page
    assert reverse("followup:vepaq", args=["kulturenheten", today.year, 1]) in page
    assert "januari" in page and "(utkast)" in page
    if today.month > 2:
        assert reverse("followup:vepaq", args=["kulturenheten", today.year, 2]) in page
        assert "(saknas)" in page
    assert reverse("activities:mark_done", args=[overdue.pk]) in page

    client.force_login(users["staff"])
    page = _content(client.get(reverse("home")))
    assert "Markera som genomförd" in page
    assert reverse("activities:mark_done", args=[overdue.pk]) in page
    assert "som inte är inskickade" not in page


@pytest.mark.django_db
def test_home_query_count_is_fixed_for_managers(client, users, structure, tree):
    today = timezone.localdate()
    client.force_login(users["manager"])
    client.get(reverse("home"))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        return len(queries)

    few = count()
    for index in range(4):
        child = UnitFactory(slug=f"del-{index}", parent=tree["culture"])
        YearPlanFactory(plan=structure["plan"], unit=child, year=2023 + index % 3)
        ActivityFactory(
            unit=child,
            title=f"Väntande {index}",
            status=Status.PLANNED,
            date=today - datetime.timedelta(days=1 + index),
        )
        MonthlyReport.objects.create(unit=child, year=today.year, month=1, state="submitted")
        if today.month > 2:
            MonthlyReport.objects.create(unit=child, year=today.year, month=2, state="draft")
    page = _content(client.get(reverse("home")))
    assert "Väntande 3" in page and "del-3" in page
    assert count() == few
