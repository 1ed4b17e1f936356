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
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from activities.models import Activity, Status
from culture_plan.models import (
    AreaYearPlan,
    FocusItem,
    Framework,
    FrameworkGoal,
    IndicatorTarget,
    IndicatorValue,
    Plan,
)
from evaluation import services as evaluation_services
from evaluation.models import PartnerSurvey
from followup import services
from governance.models import Commitment, ServiceOffer
from internal_control.models import Action, Control, ControlResult, InternalControlPlan, Risk
from tests.factories import (
    ActivityFactory,
    GoalFactory,
    IndicatorFactory,
    PriorityAreaFactory,
    UserFactory,
    YearPlanFactory,
    approve_document,
)

PUBLIC = {"login", "set_language", "accessibility_statement"}
# Sign-in (accounts/): reachable before signing in; the single sign-on ones answer 404 while
# their protocol is off (tests/accounts/ and tests/sso/ test them switched on).
SIGN_IN = {
    "accounts:no_access",
    "accounts:oidc_login",
    "accounts:oidc_callback",
    "accounts:saml_login",
    "accounts:saml_acs",
    "accounts:saml_metadata",
}
PUBLIC |= SIGN_IN
# Open and connected (DESIGN): read by anyone, GET only, nothing but public data.
PUBLIC |= {
    "public:calendar",
    "public:calendar_feed",
    "public:event",
    "public:unit_calendar_feed",
    "public:open_data",
    "public:statistics_csv",
    "public:statistics_json",
    "public:plans",
    "public:plan_progress",
    "public:plan_progress_json",
    "public:plan_report_pdf",
    "public:datapackage",
    "api:schema",
    "api:docs",
}
# Forms anyone with an unguessable link answers (evaluation): GET 200, a bad POST writes nothing.
PUBLIC_FORMS = {"evaluation:answer", "evaluation:partner_answer"}
# The REST API answers an anonymous caller 401 (it has no login page to send it to).
API = {
    "api:root",
    "api:activities",
    "api:report_annual",
    "api:report_vepaq",
    "api:report_tertial",
    "api:report_indicators",
    "api:report_internal_control",
}

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
    "api:root",
    "internal_control:index",
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
    **{name: (lambda w: {}) for name in SIGN_IN},
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
    "activities:join": lambda w: {"pk": w["activity"].pk},
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
    "followup:analysis": lambda w: {"slug": "kulturenheten", "year": 2024},
    "followup:analysis_save": lambda w: {"slug": "kulturenheten", "year": 2024},
    "followup:annual": lambda w: {"slug": "kulturenheten", "year": 2024},
    "followup:tertial": lambda w: {"slug": "kulturenheten", "year": 2024, "tertial": 1},
    "followup:document_save": lambda w: {
        "slug": "kulturenheten",
        "kind": "annual",
        "year": 2024,
        "tertial": 0,
    },
    "followup:document_approve": lambda w: {
        "slug": "kulturenheten",
        "kind": "tertial",
        "year": 2024,
        "tertial": 2,
    },
    "followup:document_reopen": lambda w: {
        "slug": "kulturenheten",
        "kind": "annual",
        "year": 2024,
        "tertial": 0,
    },
    "followup:download": lambda w: {
        "slug": "kulturenheten",
        "kind": "annual",
        "year": 2024,
        "part": 0,
        "fmt": "pdf",
    },
    "followup:published_pdf": lambda w: {"slug": "kulturenheten", "pk": w["published"].pk},
    "internal_control:index": lambda w: {},
    "internal_control:unit": lambda w: {"slug": "kulturenheten"},
    "internal_control:plan_create": lambda w: {"slug": "kulturenheten"},
    "internal_control:report": lambda w: {"slug": "kulturenheten", "year": 2024},
    "internal_control:report_download": lambda w: {
        "slug": "kulturenheten",
        "year": 2024,
        "fmt": "pdf",
    },
    "internal_control:plan_detail": lambda w: {"pk": w["ic"]["plan"].pk},
    "internal_control:plan_update": lambda w: {"pk": w["ic"]["plan"].pk},
    "internal_control:plan_adopt": lambda w: {"pk": w["ic"]["plan"].pk},
    "internal_control:plan_excel": lambda w: {"pk": w["ic"]["plan"].pk},
    "internal_control:risk_create": lambda w: {"pk": w["ic"]["plan"].pk},
    "internal_control:risk_detail": lambda w: {"pk": w["ic"]["risk"].pk},
    "internal_control:risk_update": lambda w: {"pk": w["ic"]["risk"].pk},
    "internal_control:control_create": lambda w: {"pk": w["ic"]["risk"].pk},
    "internal_control:control_update": lambda w: {"pk": w["ic"]["control"].pk},
    "internal_control:result_create": lambda w: {"pk": w["ic"]["control"].pk},
    "internal_control:result_update": lambda w: {"pk": w["ic"]["result"].pk},
    "internal_control:action_create": lambda w: {"pk": w["ic"]["result"].pk},
    "internal_control:action_update": lambda w: {"pk": w["ic"]["action"].pk},
    # governance (issue 13)
    "governance:chain_index": lambda w: {},
    "governance:framework_chain": lambda w: {"slug": w["framework"].slug},
    "governance:goal_detail": lambda w: {"pk": w["framework_goal"].pk},
    "governance:unit_commitments": lambda w: {"slug": "kulturenheten"},
    "governance:commitment_create": lambda w: {"slug": "kulturenheten"},
    "governance:commitment_detail": lambda w: {"pk": w["commitment"].pk},
    "governance:commitment_update": lambda w: {"pk": w["commitment"].pk},
    "governance:commitment_assess": lambda w: {"pk": w["commitment"].pk},
    "governance:service_offers": lambda w: {"slug": "kulturenheten"},
    "governance:service_offer_create": lambda w: {"slug": "kulturenheten"},
    "governance:service_offer_update": lambda w: {"pk": w["service_offer"].pk},
    "governance:indicator_comparison": lambda w: {"pk": w["indicator"].pk},
    # evaluation (issue 25)
    "evaluation:answer": lambda w: {"token": w["survey"].token},
    "evaluation:partner_answer": lambda w: {"token": w["partner_survey"].token},
    "evaluation:survey": lambda w: {"pk": w["activity"].pk},
    "evaluation:survey_open": lambda w: {"pk": w["activity"].pk},
    "evaluation:survey_update": lambda w: {"pk": w["survey"].activity_id},
    "evaluation:survey_qr": lambda w: {"pk": w["survey"].activity_id, "fmt": "png"},
    "evaluation:survey_sign": lambda w: {"pk": w["survey"].activity_id},
    "evaluation:partner_send": lambda w: {"pk": w["survey"].activity_id},
    "public:calendar": lambda w: {},
    "public:calendar_feed": lambda w: {},
    "public:event": lambda w: {"pk": w["public_event"].pk},
    "public:unit_calendar_feed": lambda w: {"slug": "kulturenheten"},
    "public:open_data": lambda w: {},
    "public:statistics_csv": lambda w: {},
    "public:statistics_json": lambda w: {},
    "public:plans": lambda w: {},
    "public:plan_progress": lambda w: {"pk": w["plan"].pk},
    "public:plan_progress_json": lambda w: {"pk": w["plan"].pk},
    "public:plan_report_pdf": lambda w: {"pk": w["plan"].pk, "report_pk": w["published"].pk},
    "public:datapackage": lambda w: {},
    "api:root": lambda w: {},
    "api:activities": lambda w: {},
    "api:report_annual": lambda w: {},
    "api:report_vepaq": lambda w: {},
    "api:report_tertial": lambda w: {},
    "api:report_indicators": lambda w: {},
    "api:report_internal_control": lambda w: {},
    "api:schema": lambda w: {},
    "api:docs": lambda w: {},
}
# Query strings of URLs that take their arguments there (the API's).
URL_QUERIES = {
    "api:activities": "unit=kulturenheten&year=2024",
    "api:report_annual": "unit=kulturenheten&year=2024",
    "api:report_vepaq": "unit=kulturenheten&year=2024&month=3",
    "api:report_tertial": "unit=kulturenheten&year=2024&tertial=1",
    "api:report_indicators": "unit=kulturenheten&year=2024",
    "api:report_internal_control": "unit=kulturenheten&year=2024",
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
    governance = _governance_world(culture=tree["culture"], activity=activity)
    public_event = ActivityFactory(
        unit=tree["culture"],
        title="Offentlig konsert",
        date=timezone.localdate() + datetime.timedelta(days=3),
        status=Status.PLANNED,
        is_public=True,
    )
    published = approve_document(
        document=services.document_get_or_create(unit=tree["culture"], year=2024, kind="annual"),
        by=users["manager"],
    )
    return {
        "public_event": public_event,
        "ic": _internal_control(culture=tree["culture"], goal=goal, by=users["manager"]),
        **governance,
        "published": published,
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
        **_evaluation(culture=tree["culture"], area=area),
        "activity": activity,
        "planned_activity": planned,
    }


def _evaluation(*, culture, area) -> dict:
    """A quick survey and a partner survey on another of Kulturenheten's activities."""
    surveyed = ActivityFactory(
        unit=culture,
        priority_area=area,
        date=datetime.date(2024, 3, 20),
        title="Enkätaktivitet",
        collaboration="external",
    )
    survey = evaluation_services.survey_ensure(activity=surveyed)
    survey.closes_on = datetime.date(2099, 1, 1)
    survey.save()
    partner_survey = PartnerSurvey.objects.create(
        activity=surveyed, contact_email="part@example.se", closes_on=datetime.date(2099, 1, 1)
    )
    return {"survey": survey, "partner_survey": partner_survey}


def _internal_control(*, culture, goal, by) -> dict:
    """Kulturenheten's adopted internal control plan 2024: a risk, a control, a deviation
    and its action."""
    plan = InternalControlPlan.objects.create(
        unit=culture,
        year=2024,
        state=InternalControlPlan.State.ADOPTED,
        adopted_by=by,
        adopted_at=datetime.datetime(2024, 2, 20, 12, tzinfo=datetime.UTC),
    )
    risk = Risk.objects.create(
        plan=plan, process="Utbud", title="Svag bredd", likelihood=4, consequence=3,
        decision=Risk.Decision.CONTROL,
    )  # fmt: skip
    risk.goals.add(goal)
    control = Control.objects.create(
        risk=risk, title="Spridning", method="analysis", frequency="tertial",
        responsible="Chef", reported_to="Nämnden",
    )  # fmt: skip
    result = ControlResult.objects.create(
        control=control, date=datetime.date(2024, 4, 30), outcome="deviation"
    )
    action = Action.objects.create(
        result=result, title="Åtgärd", responsible="Chef", due_date=datetime.date(2024, 8, 31)
    )
    return {"plan": plan, "risk": risk, "control": control, "result": result, "action": action}


def _governance_world(*, culture, activity) -> dict:
    """A framework goal with a commitment of Kulturenheten and a service offer (issue 13)."""
    framework = Framework.objects.create(name="Strategisk plan", slug="sp", kind="strategic")
    framework_goal = FrameworkGoal.objects.create(framework=framework, code="1", name="Tillväxt")
    commitment = Commitment.objects.create(
        unit=culture, year=2024, framework_goal=framework_goal, title="Lovaktiviteter"
    )
    commitment.activities.add(activity)
    offer_indicator = IndicatorFactory(unit=culture, name="Hållet löfte")
    service_offer = ServiceOffer.objects.create(
        unit=culture, promise="Svar inom 5 dagar", indicator=offer_indicator
    )
    return {
        "framework": framework,
        "framework_goal": framework_goal,
        "commitment": commitment,
        "service_offer": service_offer,
    }


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for app in (
            "culture_plan",
            "activities",
            "followup",
            "internal_control",
            "governance",
            "evaluation",
        )
        for model in apps.get_app_config(app).get_models()
        if not model._meta.label.split(".")[1].startswith("Historical")
    }


def url_for(name, world):
    url = reverse(name, kwargs=URL_ARGUMENTS[name](world))
    return f"{url}?{URL_QUERIES[name]}" if name in URL_QUERIES else url


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_login(client, world):
    login = reverse("login")
    for name in project_url_names():
        if name in PUBLIC | API | PUBLIC_FORMS:
            continue
        url = url_for(name, world)
        for method in (client.get, client.post):
            response = method(url)
            if response.status_code == METHOD_NOT_ALLOWED:
                continue
            assert response.status_code == 302, (name, method.__name__, response.status_code)
            assert response["Location"].startswith(login), (name, response["Location"])


@pytest.mark.django_db
def test_anonymous_api_callers_get_401(client, world):
    cache.clear()  # the anonymous throttle counts in the cache
    for name in sorted(API):
        url = url_for(name, world)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 401, (name, method.__name__, response.status_code)


@pytest.mark.django_db
def test_public_urls_answer_anyone_and_take_no_writes(client, world):
    cache.clear()
    hidden = world["activity"].title  # not public
    before = row_counts()
    for name in sorted(PUBLIC - {"login", "set_language"} - SIGN_IN):
        url = url_for(name, world)
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        assert hidden not in response.content.decode(errors="replace"), name
        assert client.post(url).status_code == METHOD_NOT_ALLOWED, name
    assert row_counts() == before


@pytest.mark.django_db
def test_public_forms_answer_anyone_and_refuse_empty_answers(client, world):
    before = row_counts()
    for name in sorted(PUBLIC_FORMS):
        url = url_for(name, world)
        assert client.get(url).status_code == 200, name
        assert client.post(url).status_code in (200, 400), name
    assert row_counts() == before


@pytest.mark.django_db
def test_a_user_without_roles_sees_and_changes_nothing(client, world):
    outsider = UserFactory(username="utomstaende")
    client.force_login(outsider)
    before = row_counts()
    for name in project_url_names():
        if name in PUBLIC | PERSONAL | PUBLIC_FORMS:
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
        if name not in PUBLIC | PERSONAL | PUBLIC_FORMS
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
