"""The follow-up pages answer 200 for who may read them, 403 for who may read but not change,
404 for who may not see the unit; they show the figures and never a style attribute."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Status
from followup import services
from followup.models import (
    FocusItemAssessment,
    MatrixAssessment,
    TargetPopulation,
)
from tests.factories import ActivityFactory, UserFactory
from tests.followup.conftest import MONTH, ROLES, YEAR

pytestmark = pytest.mark.django_db

READERS = {"staff", "manager", "viewer", "admin"}
MANAGERS = {"manager", "admin"}


def read_pages(tree, plan_goals):
    slug = tree["culture"].slug
    return {
        "vepaq": reverse("followup:vepaq", args=[slug, YEAR, MONTH]),
        "vepaq_year": reverse("followup:vepaq_year", args=[slug, YEAR]),
        "youth": reverse("followup:youth", args=[slug, YEAR]),
        "matrix": reverse("followup:matrix", args=[slug, plan_goals["plan"].pk]),
        "charts": reverse("followup:charts", args=[slug, YEAR]),
    }


def assert_login_redirect(response):
    assert response.status_code == 302
    assert "/konto/logga-in/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["vepaq", "vepaq_year", "youth", "matrix", "charts"])
def test_read_pages_by_role(client_for, tree, plan_goals, year_plan, march, role, page):
    url = read_pages(tree, plan_goals)[page]
    response = client_for(role).get(url)
    if role == "anonymous":
        assert_login_redirect(response)
    elif role in READERS:
        assert response.status_code == 200
        content = response.content.decode()
        assert "style=" not in content
        assert content.count("<h1") == 1
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_by_role(client_for, tree, march, role):
    response = client_for(role).get(reverse("followup:dashboard"))
    if role == "anonymous":
        assert_login_redirect(response)
    else:
        assert response.status_code == 200
        assert "style=" not in response.content.decode()


def test_unknown_unit_and_bad_month_are_404(client_for):
    client = client_for("admin")
    assert client.get(reverse("followup:vepaq", args=["finns-inte", YEAR, 1])).status_code == 404
    bad_month = reverse("followup:vepaq", args=["kulturenheten", YEAR, 13])
    assert client.get(bad_month).status_code == 404


def test_vepaq_page_shows_figures_activities_and_suggestions(client_for, tree, march):
    content = (
        client_for("manager")
        .get(reverse("followup:vepaq", args=["kulturenheten", YEAR, MONTH]))
        .content.decode()
    )
    # 2 done, 1 planned in March 2024; 1 done in March 2023 (youth-targeted: 100 %).
    assert "Graffitiworkshop" in content
    assert reverse("activities:detail", args=[march["youth"].pk]) in content
    assert "50,0 %" in content  # 1 of 2 done activities youth-targeted
    assert "100,0 %" in content  # March 2023
    assert "Grön – enligt plan" in content
    assert "Förslag:" in content
    assert "Ej påbörjad" in content  # no report yet
    assert 'href="/uppfoljning/kulturenheten/vepaq/2024/2/"' in content
    assert 'href="/uppfoljning/kulturenheten/vepaq/2024/4/"' in content
    # Five dimensions, each with its light choice.
    for dim in "vepaq":
        assert f'name="{dim}_status"' in content


def test_year_boundary_navigation(client_for, tree):
    content = (
        client_for("viewer")
        .get(reverse("followup:vepaq", args=["kulturenheten", 2024, 1]))
        .content.decode()
    )
    assert 'href="/uppfoljning/kulturenheten/vepaq/2023/12/"' in content
    assert 'href="/uppfoljning/kulturenheten/vepaq/2024/2/"' in content


def test_year_overview_says_each_light_in_words(client_for, tree, users, march):
    report = services.report_get_or_create(unit=tree["culture"], year=YEAR, month=MONTH)
    services.report_update(
        report=report, data={"v_status": "red", "e_status": "yellow"}, by=users["manager"]
    )
    # A draft's lights are for the unit's staff; viewers see them once handed in (DESIGN,
    # "Report documents for politicians"; tested in tests/followup/test_documents.py).
    content = (
        client_for("manager")
        .get(reverse("followup:vepaq_year", args=["kulturenheten", YEAR]))
        .content.decode()
    )
    assert 'class="light light--red">Röd<' in content
    assert 'class="light light--yellow">Gul<' in content
    assert "Utkast" in content
    assert reverse("followup:vepaq", args=["kulturenheten", YEAR, 12]) in content


# --- Youth page and the target population ---------------------------------------------------


def test_youth_page_figures(client_for, tree, march):
    TargetPopulation.objects.create(unit=tree["culture"], year=YEAR, population_10_25=200)
    content = (
        client_for("viewer")
        .get(reverse("followup:youth", args=["kulturenheten", YEAR]))
        .content.decode()
    )
    assert "besök, inte unika personer" in content
    assert "200 invånare 10–25 år" in content
    assert 'name="population_10_25"' not in content  # viewers cannot enter it


@pytest.mark.parametrize("role", ROLES)
def test_who_may_enter_the_target_population(client_for, tree, role):
    url = reverse("followup:youth", args=["kulturenheten", YEAR])
    response = client_for(role).post(url, {"population_10_25": "3100"})
    saved = TargetPopulation.objects.filter(unit=tree["culture"], year=YEAR).first()
    if role in MANAGERS:
        assert response.status_code == 302
        assert saved.population_10_25 == 3100
    else:
        assert saved is None
        if role == "anonymous":
            assert_login_redirect(response)
        else:
            assert response.status_code == (404 if role == "other_manager" else 403)


def test_target_population_error_keeps_input(client_for, tree):
    response = client_for("manager").post(
        reverse("followup:youth", args=["kulturenheten", YEAR]), {"population_10_25": "-5"}
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert 'value="-5"' in response.content.decode()


# --- Matrix ---------------------------------------------------------------------------------


def test_matrix_counts_and_links(client_for, tree, plan_goals, march, year_plan):
    goal = plan_goals["goals"]["1.1"]
    content = (
        client_for("viewer")
        .get(
            reverse("followup:matrix", args=["kulturenheten", plan_goals["plan"].pk])
            + f"?year={YEAR}"
        )
        .content.decode()
    )
    assert f"/aktiviteter/?goal={goal.pk}&amp;year=2024" in content
    assert "1 genomförd" in content
    for year in (2022, 2023, 2024, 2025):
        assert f'<th scope="col">{year}</th>' in content
    assert "Inriktning 1" in content  # the year's focus items
    cell_url = reverse(
        "followup:matrix_cell", args=["kulturenheten", plan_goals["plan"].pk, goal.pk, YEAR]
    )
    assert cell_url not in content  # viewers do not assess


@pytest.mark.parametrize("role", ROLES)
def test_who_may_assess_a_matrix_cell(client_for, tree, plan_goals, role):
    goal = plan_goals["goals"]["1.2"]
    url = reverse(
        "followup:matrix_cell", args=["kulturenheten", plan_goals["plan"].pk, goal.pk, YEAR]
    )
    client = client_for(role)
    get = client.get(url)
    response = client.post(url, {"assessment": "started", "comment": "På gång"})
    item = MatrixAssessment.objects.filter(goal=goal, year=YEAR).first()
    if role in MANAGERS:
        assert get.status_code == 200 and "style=" not in get.content.decode()
        assert response.status_code == 302
        assert item.assessment == "started" and item.comment == "På gång"
        assert item.unit == tree["culture"]
    else:
        assert item is None
        if role == "anonymous":
            assert_login_redirect(response)
        else:
            expected = 404 if role == "other_manager" else 403
            assert get.status_code == expected and response.status_code == expected


def test_matrix_cell_outside_the_plan_years_is_404(client_for, plan_goals):
    goal = plan_goals["goals"]["1.2"]
    url = reverse(
        "followup:matrix_cell", args=["kulturenheten", plan_goals["plan"].pk, goal.pk, 2019]
    )
    assert client_for("manager").get(url).status_code == 404


def test_matrix_shows_the_assessment(client_for, tree, plan_goals):
    goal = plan_goals["goals"]["2.1"]
    MatrixAssessment.objects.create(
        unit=tree["culture"], goal=goal, year=2023, assessment="partly_done", comment="Halvvägs"
    )
    content = (
        client_for("manager")
        .get(reverse("followup:matrix", args=["kulturenheten", plan_goals["plan"].pk]))
        .content.decode()
    )
    assert "Delvis genomförd" in content
    assert "Halvvägs" in content


@pytest.mark.parametrize("role", ROLES)
def test_who_may_assess_a_focus_item(client_for, year_plan, role):
    item = year_plan.focus_items_list[0]
    url = reverse("followup:focus_item", args=["kulturenheten", item.pk])
    response = client_for(role).post(
        url, {"assessment": "done", "effect": "Fler unga", "development": "Fortsätt"}
    )
    saved = FocusItemAssessment.objects.filter(focus_item=item).first()
    if role in MANAGERS:
        assert response.status_code == 302
        assert saved.effect == "Fler unga" and saved.assessment == "done"
    else:
        assert saved is None
        if role == "anonymous":
            assert_login_redirect(response)
        else:
            assert response.status_code == (404 if role == "other_manager" else 403)


def test_focus_item_of_another_unit_is_404(client_for, tree, year_plan):
    item = year_plan.focus_items_list[0]
    url = reverse("followup:focus_item", args=["bibliotek", item.pk])
    assert client_for("admin").get(url).status_code == 404


@pytest.mark.parametrize("page", ["vepaq", "vepaq_year", "youth", "matrix", "charts"])
@pytest.mark.usefixtures("figures_computed")
def test_page_queries_do_not_grow_with_activities(
    client_for, tree, plan_goals, year_plan, march, page
):
    """Each page reads in a fixed number of queries, whether March has 3 or 33 activities."""
    client = client_for("manager")
    url = read_pages(tree, plan_goals)[page]
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for day in range(1, 31):
        activity = ActivityFactory(
            unit=tree["culture"],
            date=datetime.date(2024, 3, day),
            status=Status.DONE,
            target_16_19=True,
            girls=1,
        )
        activity.goals.add(plan_goals["goals"]["1.2"])
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_vepaq_page_query_count_is_bounded(client_for, tree, march, django_assert_max_num_queries):
    client = client_for("manager")
    url = reverse("followup:vepaq", args=["kulturenheten", YEAR, MONTH])
    with django_assert_max_num_queries(40):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "model",
    [
        "monthlyreport",
        "monthreopening",
        "matrixassessment",
        "focusitemassessment",
        "targetpopulation",
    ],
)
def test_admin_pages_render(client, tree, model):
    client.force_login(UserFactory(username="rot", is_staff=True, is_superuser=True))
    assert client.get(reverse(f"admin:followup_{model}_changelist")).status_code == 200
    add = client.get(reverse(f"admin:followup_{model}_add"))
    assert add.status_code == (403 if model == "monthreopening" else 200)
