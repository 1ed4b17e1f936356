"""Which pages the accessibility sweep loads, taken from the URLconf and the demo data.

The sweep (tests/browser/test_accessibility.py) signs in as each demo role and crawls: it
starts at the start page, the main menu and the SEEDS below, and follows every link of every
page it loads to a URL of the project it has not loaded yet (one page per URL name and role,
besides the seeds). So a page another engineer adds is swept as soon as some page links to it.

At the end, every URL name of the URLconf must have been loaded by some role, or be in SKIP
with the reason. To add a page that nothing links to in the demo (or one you want swept with
particular arguments), add its path to `seeds()`; to leave one out (a download, POST only, an
htmx fragment), add its name to SKIP with the reason.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from activities.models import Activity
from culture_plan.models import FocusItem, Goal, Indicator, IndicatorValue, Plan, YearPlan
from evaluation.models import PartnerSurvey, Survey

# URL names the sweep never loads, with the reason.
SKIP = {
    "logout": "POST only (the header's form)",
    "set_language": "POST only (the footer's form)",
    "activities:goal_choices": "an htmx fragment of the activity form, not a page",
    "public:datapackage": "a JSON file (Frictionless Data Package), tested in tests/public",
    "activities:plan_choose": "a redirect to activities:plan",
    "activities:excel_export": "an Excel download",
    "activities:excel_template": "an Excel download",
    "activities:excel_import_confirm": "POST only (the import preview's button)",
    "activities:join": "POST only (the duplicate notice's button)",
    "accounts:no_access": "answers 403 by design; swept in tests/browser/test_sign_in_pages.py",
    "accounts:oidc_login": "single sign-on: 404 while OpenID Connect is off (tests/sso/)",
    "accounts:oidc_callback": "single sign-on: 404 while OpenID Connect is off (tests/sso/)",
    "accounts:saml_login": "single sign-on: 404 while SAML is off (tests/sso/)",
    "accounts:saml_acs": "single sign-on: 404 while SAML is off (tests/sso/)",
    "accounts:saml_metadata": "single sign-on: 404 while SAML is off (tests/sso/)",
    "api:root": "JSON for other systems (tests/api/)",
    "api:activities": "JSON for other systems (tests/api/)",
    "api:report_annual": "JSON for other systems (tests/api/)",
    "api:report_vepaq": "JSON for other systems (tests/api/)",
    "api:report_tertial": "JSON for other systems (tests/api/)",
    "api:report_indicators": "JSON for other systems (tests/api/)",
    "api:report_internal_control": "JSON for other systems (tests/api/)",
    "api:schema": "the OpenAPI document (YAML/JSON)",
    "api:docs": "the vendored Swagger UI of drf-spectacular-sidecar, not our markup",
    "followup:document_save": "POST only (the report document's form)",
    "followup:document_approve": "POST only (the report document's button)",
    "followup:document_reopen": "POST only (the report document's button)",
    "followup:download": "a PDF or Excel download",
    "followup:published_pdf": "a PDF download",
    "internal_control:plan_adopt": "POST only (the plan's button)",
    "internal_control:plan_excel": "an Excel download",
    "internal_control:report_download": "a PDF or Excel download",
    "public:calendar_feed": "an iCalendar feed",
    "public:unit_calendar_feed": "an iCalendar feed",
    "public:statistics_csv": "a CSV download",
    "public:statistics_json": "a JSON download",
    "public:plan_progress_json": "a JSON download",
    "public:plan_report_pdf": "a PDF download",
    "evaluation:survey_open": "POST only (the survey page's button)",
    "evaluation:survey_update": "POST only (the survey page's form)",
    "evaluation:survey_qr": "an SVG or PNG download",
    "evaluation:partner_send": "POST only (the survey page's form)",
    "followup:analysis_save": "POST only (the analysis page's form)",
}

# Pages that anyone, signed in or not, may read: the anonymous pass starts here.
PUBLIC_SEEDS = [
    "/konto/logga-in/",
    "/tillganglighet/",
    "/kalender/",
    "/oppna-data/",
    "/kulturplanen/",
]


def public_seeds() -> list[str]:
    """Public pages reached by an unguessable link (nothing links to them): an open quick
    survey's answer page, an answered partner survey, and the plan's progress page."""
    paths = list(PUBLIC_SEEDS)
    plan = Plan.objects.filter(unit__slug="flens-kommun", start_year=2022).first()
    if plan is not None:
        paths.append(f"/kulturplanen/{plan.pk}/")
    survey = Survey.objects.order_by("-closes_on").first()
    if survey is not None:
        paths.append(f"/enkat/{survey.token}/")
    partner_survey = PartnerSurvey.objects.first()
    if partner_survey is not None:
        paths.append(f"/samverkansenkat/{partner_survey.token}/")
    return paths


def project_url_names() -> list[str]:
    """Every named URL of the project (Django's admin is not ours)."""

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return sorted(set(walk(get_resolver().url_patterns)))


def seeds() -> list[str]:
    """Pages of the demo the sweep always loads for every role, besides what it finds by
    following links: the journeys' pages, a filtered list, months in several states."""
    plan = Plan.objects.get(unit__slug="flens-kommun", start_year=2022)
    goal = Goal.objects.get(plan=plan, code="1.2")
    year_plan = YearPlan.objects.get(unit__slug="kulturenheten", year=2024)
    indicator = Indicator.objects.filter(unit__slug="kulturenheten").order_by("pk").first()
    done = (
        Activity.objects.filter(unit__slug="kulturenheten", status="done", date__year=2024)
        .order_by("date")
        .first()
    )
    planned = (
        Activity.objects.filter(unit__slug="kulturenheten", status="planned")
        .order_by("date")
        .first()
    )
    paths = [
        "/",
        f"/planer/{plan.pk}/",
        f"/mal/{goal.pk}/andra/",
        f"/verksamhetsplaner/{year_plan.pk}/",
        "/enheter/kulturenheten/",
        f"/aktiviteter/{done.pk}/",
        f"/aktiviteter/{done.pk}/andra/",
        "/aktiviteter/ny/",
        "/aktiviteter/serie/",
        "/aktiviteter/?q=lov&status=done&year=2024",
        "/aktiviteter/plan/kulturenheten/2024/",
        "/aktiviteter/excel/",
        "/aktiviteter/excel/kulturenheten/",
        "/aktiviteter/excel/kulturenheten/import/",
        "/uppfoljning/kulturenheten/vepaq/2026/",
        "/uppfoljning/kulturenheten/vepaq/2026/3/",
        "/uppfoljning/kulturenheten/vepaq/2026/11/",
        "/uppfoljning/kulturenheten/unga/2024/",
        "/uppfoljning/kulturenheten/unga/2026/",
        f"/uppfoljning/kulturenheten/matris/{plan.pk}/",
        "/uppfoljning/kulturenheten/diagram/2024/",
        "/konto/byt-losenord/",
        "/konto/byt-losenord/klart/",
        "/tillganglighet/",
    ]
    if planned is not None:
        paths.append(f"/aktiviteter/{planned.pk}/genomford/")
    surveyed = Survey.objects.filter(activity__unit__slug="kulturenheten").order_by("pk").first()
    if surveyed is not None:
        paths.append(f"/utvardering/aktivitet/{surveyed.activity_id}/")
        paths.append(f"/utvardering/aktivitet/{surveyed.activity_id}/skylt/")
    paths.append("/uppfoljning/kulturenheten/analys/2024/")
    if indicator is not None:
        paths.append(f"/indikatorer/{indicator.pk}/")
    value = IndicatorValue.objects.filter(indicator__unit__slug="kulturenheten").first()
    if value is not None:
        paths.append(f"/indikatorvarden/{value.pk}/andra/")
    focus = FocusItem.objects.filter(area_year_plan__year_plan__unit__slug="kulturenheten").first()
    if focus is not None:
        paths.append(f"/uppfoljning/kulturenheten/inriktning/{focus.pk}/")
    return paths
