"""A permission test generated from the URL configuration (Zulip style).

Every URL the project serves is listed here with the objects its arguments name; a new URL
that is not in URL_ARGUMENTS fails `test_every_url_is_covered`, so nothing escapes the checks:

- anonymous users are sent to the login page, for GET and POST alike;
- a signed-in user without any role sees no unit's data and changes nothing (403/404);
- a manager of another unit (bibliotek) changes nothing of Kulturenheten's.

The per-role matrices (who may) live beside each app's tests; this file proves who may not.
"""

import datetime

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from activities.models import Activity, Status
from culture_plan.models import (
    AreaYearPlan,
    FocusItem,
    IndicatorTarget,
    IndicatorValue,
    Plan,
)
from tests.factories import (
    ActivityFactory,
    GoalFactory,
    IndicatorFactory,
    PriorityAreaFactory,
    UserFactory,
    YearPlanFactory,
)

PUBLIC = {"login", "set_language", "accessibility_statement"}

# A view that does not take the method refuses it before anything else (it reads nothing).
METHOD_NOT_ALLOWED = 405
REFUSED = (403, 404, METHOD_NOT_ALLOWED)

# Pages that show a signed-in user their own things (possibly nothing): 200 for anyone.
PERSONAL = {
    "home",
    "logout",
    "password_change",
    "password_change_done",
    "plan_list",
    "indicator_list",
    "activities:list",
    "activities:goal_choices",
    "activities:excel_index",
    "followup:dashboard",
}

# The arguments of each URL, built from the objects of the `world` fixture.
URL_ARGUMENTS = {
    "home": lambda w: {},
    "login": lambda w: {},
    "accessibility_statement": lambda w: {},
    "logout": lambda w: {},
    "password_change": lambda w: {},
    "password_change_done": lambda w: {},
    "set_language": lambda w: {},
    "unit_detail": lambda w: {"slug": "kulturenheten"},
    "yearplan_create": lambda w: {"slug": "kulturenheten"},
    "indicator_create": lambda w: {"slug": "kulturenheten"},
    "plan_list": lambda w: {},
    "plan_create": lambda w: {},
    "plan_detail": lambda w: {"pk": w["draft_plan"].pk},
    "plan_update": lambda w: {"pk": w["plan"].pk},
    "area_create": lambda w: {"pk": w["plan"].pk},
    "area_update": lambda w: {"pk": w["area"].pk},
    "goal_create": lambda w: {"pk": w["area"].pk},
    "goal_update": lambda w: {"pk": w["goal"].pk},
    "yearplan_detail": lambda w: {"pk": w["year_plan"].pk},
    "yearplan_update": lambda w: {"pk": w["year_plan"].pk},
    "areayearplan_create": lambda w: {"pk": w["year_plan"].pk},
    "areayearplan_update": lambda w: {"pk": w["area_year_plan"].pk},
    "indicator_list": lambda w: {},
    "indicator_detail": lambda w: {"pk": w["indicator"].pk},
    "indicator_update": lambda w: {"pk": w["indicator"].pk},
    "target_create": lambda w: {"pk": w["indicator"].pk},
    "target_update": lambda w: {"pk": w["target"].pk},
    "value_create": lambda w: {"pk": w["indicator"].pk},
    "value_update": lambda w: {"pk": w["value"].pk},
    "activities:list": lambda w: {},
    "activities:create": lambda w: {},
    "activities:series": lambda w: {},
    "activities:goal_choices": lambda w: {},
    "activities:plan_choose": lambda w: {},
    "activities:plan": lambda w: {"slug": "kulturenheten", "year": 2024},
    "activities:detail": lambda w: {"pk": w["activity"].pk},
    "activities:edit": lambda w: {"pk": w["activity"].pk},
    "activities:copy": lambda w: {"pk": w["activity"].pk},
    "activities:mark_done": lambda w: {"pk": w["planned_activity"].pk},
    "activities:delete": lambda w: {"pk": w["activity"].pk},
    "activities:excel_index": lambda w: {},
    "activities:excel_unit": lambda w: {"slug": "kulturenheten"},
    "activities:excel_export": lambda w: {"slug": "kulturenheten"},
    "activities:excel_template": lambda w: {"slug": "kulturenheten"},
    "activities:excel_import": lambda w: {"slug": "kulturenheten"},
    "activities:excel_import_confirm": lambda w: {"slug": "kulturenheten"},
    "followup:dashboard": lambda w: {},
    "followup:vepaq_year": lambda w: {"slug": "kulturenheten", "year": 2024},
    "followup:vepaq": lambda w: {"slug": "kulturenheten", "year": 2024, "month": 3},
    "followup:youth": lambda w: {"slug": "kulturenheten", "year": 2024},
    "followup:matrix": lambda w: {"slug": "kulturenheten", "plan_pk": w["plan"].pk},
    "followup:matrix_cell": lambda w: {
        "slug": "kulturenheten",
        "plan_pk": w["plan"].pk,
        "goal_pk": w["goal"].pk,
        "year": 2024,
    },
    "followup:focus_item": lambda w: {"slug": "kulturenheten", "pk": w["focus_item"].pk},
    "followup:charts": lambda w: {"slug": "kulturenheten", "year": 2024},
}


def project_url_names() -> list[str]:
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return sorted(set(walk(get_resolver().url_patterns)))


def test_every_url_is_covered():
    missing = [name for name in project_url_names() if name not in URL_ARGUMENTS]
    assert missing == [], f"add these URLs to URL_ARGUMENTS: {missing}"


@pytest.fixture
def world(tree, users, flen_plan):
    area = PriorityAreaFactory(plan=flen_plan, number=1)
    goal = GoalFactory(area=area, code="1.1")
    draft_plan = Plan.objects.create(
        unit=tree["culture"], name="Utkast till kulturplan", start_year=2026, end_year=2029
    )
    year_plan = YearPlanFactory(plan=flen_plan, unit=tree["culture"], year=2024)
    area_year_plan = AreaYearPlan.objects.create(year_plan=year_plan, area=area)
    focus_item = FocusItem.objects.create(area_year_plan=area_year_plan, text="Lovaktiviteter")
    indicator = IndicatorFactory(unit=tree["culture"], plan=flen_plan)
    target = IndicatorTarget.objects.create(indicator=indicator, year=2024, value=50)
    value = IndicatorValue.objects.create(indicator=indicator, year=2024, value=44)
    activity = ActivityFactory(
        unit=tree["culture"], priority_area=area, date=datetime.date(2024, 3, 12)
    )
    planned = ActivityFactory(
        unit=tree["culture"],
        priority_area=area,
        date=datetime.date(2024, 4, 2),
        status=Status.PLANNED,
    )
    return {
        "plan": flen_plan,
        "draft_plan": draft_plan,
        "area": area,
        "goal": goal,
        "year_plan": year_plan,
        "area_year_plan": area_year_plan,
        "focus_item": focus_item,
        "indicator": indicator,
        "target": target,
        "value": value,
        "activity": activity,
        "planned_activity": planned,
    }


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for app in ("culture_plan", "activities", "followup")
        for model in apps.get_app_config(app).get_models()
        if not model._meta.label.split(".")[1].startswith("Historical")
    }


def url_for(name, world):
    return reverse(name, kwargs=URL_ARGUMENTS[name](world))


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_login(client, world):
    login = reverse("login")
    for name in project_url_names():
        if name in PUBLIC:
            continue
        url = url_for(name, world)
        for method in (client.get, client.post):
            response = method(url)
            if response.status_code == METHOD_NOT_ALLOWED:
                continue
            assert response.status_code == 302, (name, method.__name__, response.status_code)
            assert response["Location"].startswith(login), (name, response["Location"])


@pytest.mark.django_db
def test_a_user_without_roles_sees_and_changes_nothing(client, world):
    outsider = UserFactory(username="utomstaende")
    client.force_login(outsider)
    before = row_counts()
    for name in project_url_names():
        if name in PUBLIC | PERSONAL:
            continue
        url = url_for(name, world)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in REFUSED, (name, method.__name__, response)
    assert row_counts() == before
    # Pages of one's own things answer, but show nothing of Kulturenheten's.
    for name in PERSONAL - {"logout"}:
        response = client.get(url_for(name, world))
        assert response.status_code == 200, name
        assert world["activity"].title not in response.content.decode(), name


@pytest.mark.django_db
def test_a_manager_of_another_unit_changes_nothing_of_this_unit(client, world, users):
    client.force_login(users["other_manager"])
    before = row_counts()
    bound_to_kulturenheten = [
        name
        for name in project_url_names()
        if name not in PUBLIC | PERSONAL
        and name not in {"plan_create", "activities:create", "activities:series"}
    ]
    for name in bound_to_kulturenheten:
        url = url_for(name, world)
        response = client.post(url, {"reason": "test", "title": "Ändrad"})
        assert response.status_code in REFUSED, (name, response.status_code)
    assert row_counts() == before
    # Kulturenheten's draft plan and year plan are not even visible.
    for name in ("plan_detail", "yearplan_detail", "activities:detail"):
        assert client.get(url_for(name, world)).status_code == 404, name
    assert Activity.objects.filter(title="Ändrad").count() == 0
