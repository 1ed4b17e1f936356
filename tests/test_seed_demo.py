"""`seed_demo`: the Flen demo is complete, exact where the seed gives figures, and idempotent."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.test import override_settings
from django.utils import translation

from activities import summaries
from activities.models import AGE_COUNT_FIELDS, TARGET_FIELDS, Activity, ClosedMonth, Status
from culture_plan import permissions
from culture_plan.models import (
    AreaYearPlan,
    Framework,
    Goal,
    Indicator,
    Membership,
    Plan,
    PriorityArea,
    Unit,
    YearPlan,
)
from culture_plan.selectors import plan_in_force
from demo.seed import DEMO_PASSWORD, DEMO_TODAY, seed_demo
from followup import figures, reports
from followup.models import FocusItemAssessment, MatrixAssessment, MonthlyReport, TargetPopulation
from internal_control import selectors as ic_selectors

# The demo seeded and checked row by row, twice: the full suite runs it, the fast loop not.
pytestmark = pytest.mark.slow

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
YOUTH = ["10-12", "13-15", "16-19", "20-25"]
OTHER = ["0-5", "6-9", "26-64", "65+"]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One seeded database for the whole module, rolled back at its end. A fast password
    hasher first keeps the demo users' logins quick."""
    hashers = override_settings(PASSWORD_HASHERS=[FAST_HASHER, *settings.PASSWORD_HASHERS])
    with django_db_blocker.unblock(), hashers, transaction.atomic():
        result = seed_demo()
        yield result
        transaction.set_rollback(True)


def youth_targeted() -> Q:
    any_youth = Q()
    for band in YOUTH:
        any_youth |= Q(**{TARGET_FIELDS[band]: True})
    return any_youth & Q(**{TARGET_FIELDS[band]: False for band in OTHER})


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def activity_rows() -> list[tuple]:
    names = [field.attname for field in Activity._meta.concrete_fields]
    rows = []
    for activity in Activity.objects.order_by("unit__slug", "date", "title").prefetch_related(
        "goals", "partners"
    ):
        rows.append(
            (
                activity.unit.slug,
                *(getattr(activity, name) for name in names),
                tuple(sorted(goal.code for goal in activity.goals.all())),
                tuple(sorted(partner.name for partner in activity.partners.all())),
            )
        )
    return rows


@pytest.mark.django_db
def test_second_run_changes_no_row(seeded):
    counts, rows = row_counts(), activity_rows()
    assert counts["activities.Activity"] > 400

    again = seed_demo()

    assert again.created_activities == 0
    assert row_counts() == counts  # history tables included: nothing was written again
    assert activity_rows() == rows


@pytest.mark.django_db
def test_units_and_frameworks(seeded):
    culture = Unit.objects.get(slug="kulturenheten")
    assert culture.ancestor_slugs() == [
        "flens-kommun",
        "barn-utbildnings-och-kulturforvaltningen",
        "kulturenheten",
    ]
    administration = Unit.objects.get(slug="barn-utbildnings-och-kulturforvaltningen")
    assert administration.name == "Barn-, utbildnings- och kulturförvaltningen"
    assert sorted(administration.children.values_list("slug", flat=True)) == [
        "bibliotek",
        "fritidsgardar",
        "kulturenheten",
        "kulturskolan",
    ]
    agenda = Framework.objects.get(kind=Framework.Kind.AGENDA_2030)
    names = dict(agenda.goals.values_list("code", "name"))
    assert len(names) == 17
    assert names["1"] == "Ingen fattigdom"
    assert names["3"] == "God hälsa och välbefinnande"
    assert names["16"] == "Fredliga och inkluderande samhällen"
    strategic = Framework.objects.get(kind=Framework.Kind.STRATEGIC_PLAN)
    # The top level (goals below it are the governance chain's, issue 13).
    top_level = strategic.goals.filter(parent=None).order_by("order")
    assert list(top_level.values_list("name", flat=True)) == [
        "Flen – En tillväxtkommun",
        "Flen – Där människor får ta plats och växa",
        "Flen – För trygghet genom hela livet",
    ]
    assert "mål 8" in strategic.description and "mål 16" in strategic.description


@pytest.mark.django_db
def test_plan_has_the_seeds_areas_and_goals(seeded):
    plan = Plan.objects.get(unit__slug="flens-kommun", status=Plan.Status.ADOPTED)
    assert (plan.start_year, plan.end_year, plan.status) == (2022, 2025, Plan.Status.ADOPTED)
    assert plan.steward.slug == "kulturenheten"
    areas = list(PriorityArea.objects.filter(plan=plan).order_by("number"))
    assert [area.name for area in areas] == [
        "Främja kultur av och med barn och unga",
        "Synliggöra kulturen i Flens kommun",
        "Synliggöra konsten i Flens kommun",
        "Tillgängliggöra mötesplatser och möten för och med kultur",
    ]
    codes = [goal.code for goal in Goal.objects.filter(plan=plan).order_by("area__number", "order")]
    assert codes == [
        "1.1", "1.2", "1.3", "1.4",
        "2.1", "2.2", "2.3", "2.4",
        "3.1", "3.2", "3.3",
        "4.1", "4.2",
    ]  # fmt: skip
    assert Goal.objects.get(plan=plan, code="2.4").text == (
        "Uppmärksamma de nationella minoriteternas kultur."
    )
    expected_links = {1: {1, 3, 5, 10}, 2: {1, 3, 5, 8, 10}, 3: {3, 4, 5, 8, 10, 11}}
    expected_links[4] = {8, 10, 11, 15, 16}
    for area in areas:
        sdg = {
            int(goal.code)
            for goal in area.framework_goals.filter(framework__kind=Framework.Kind.AGENDA_2030)
        }
        assert sdg == expected_links[area.number]
    culture = Unit.objects.get(slug="kulturenheten")
    for year in (2022, 2024, 2026, 2027):
        assert plan_in_force(unit=culture, year=year) == plan


@pytest.mark.django_db
def test_year_plan_2024_as_the_seed(seeded):
    year_plan = YearPlan.objects.get(unit__slug="kulturenheten", year=2024)
    assert year_plan.budget_kr == Decimal("3022000")
    assert year_plan.staffing_fte == Decimal("2.50")
    assert year_plan.function_list == [
        "Enhetschef",
        "Kulturproducent",
        "Konstutvecklare-bildpedagog",
    ]
    assert "3 022 tKr" in year_plan.preconditions
    assert year_plan.analysis.startswith("Kulturenheten har bidragit")
    area_plans = {ap.area.number: ap for ap in AreaYearPlan.objects.filter(year_plan=year_plan)}
    assert sorted(area_plans) == [1, 2, 3, 4]
    assert "meningsfull fritid" in area_plans[1].board_goal
    assert all(ap.followup == "VEPAQ" for ap in area_plans.values())
    headings = list(area_plans[3].focus_items.values_list("heading", flat=True))
    assert headings[0] == "Synliggöra" and headings[-1] == "Övriga uppdrag"
    assert area_plans[1].focus_items.count() == 4
    assert set(
        YearPlan.objects.filter(unit__slug="kulturenheten").values_list("year", "status")
    ) == {(2022, "adopted"), (2023, "adopted"), (2024, "adopted")}


@pytest.mark.django_db
def test_indicators_and_population(seeded):
    indicators = {i.source: i for i in Indicator.objects.filter(unit__slug="kulturenheten")}
    assert set(indicators) >= {"young_participants", "young_population_share", "youth_share"}
    share = indicators["youth_share"]
    assert dict(share.values.values_list("year", "value")) == {
        2022: Decimal("36"),
        2023: Decimal("43.5"),  # as the seed reports; computed it is 43.6
    }
    assert set(share.targets.values_list("year", flat=True)) == {2024, 2025}
    assert share.baseline_year == 2022
    assert indicators["young_participants"].baseline_value > 0
    assert set(TargetPopulation.objects.values_list("unit__slug", "year").distinct()) == {
        (slug, year) for slug in ("flens-kommun", "kulturenheten") for year in (2022, 2023, 2024)
    }


@pytest.mark.django_db
def test_activity_figures_match_the_seed(seeded):
    done = Activity.objects.filter(unit__slug="kulturenheten", status=Status.DONE)
    assert done.filter(date__year=2022).count() == 64
    assert done.filter(date__year=2022).filter(youth_targeted()).count() == 23
    assert done.filter(date__year=2023).count() == 101
    assert done.filter(date__year=2023).filter(youth_targeted()).count() == 44
    assert 70 <= done.filter(date__year=2024).count() <= 90

    culture = Activity.objects.filter(unit__slug="kulturenheten")
    assert culture.filter(status=Status.CANCELLED).count() >= 3
    planned = culture.filter(status=Status.PLANNED)
    assert planned.count() >= 10
    # Two planned activities from the week before "today" wait to be marked as done.
    overdue = planned.filter(date__lt=DEMO_TODAY)
    assert overdue.count() == 2
    assert all(
        DEMO_TODAY - date <= datetime.timedelta(days=7)
        for date in overdue.values_list("date", flat=True)
    )
    assert set(done.values_list("kind", flat=True)) == {"culture", "art", "dialogue"}
    with_others = done.exclude(collaboration="own").count() / done.count()
    assert 0.85 <= with_others <= 0.92
    assert done.exclude(holiday="").exists()
    assert Activity.objects.filter(unit__slug="bibliotek", status=Status.DONE).count() > 0


@pytest.mark.django_db
def test_every_demo_activity_is_valid(seeded):
    activities = Activity.objects.select_related("unit", "priority_area").prefetch_related(
        "goals", "co_arrangers"
    )
    closed = set(ClosedMonth.objects.values_list("unit_id", "year", "month"))
    for activity in activities:
        try:
            activity.full_clean()
        except ValidationError as error:
            # Approved months are locked (for the owner or a co-arranger); that is the only
            # complaint allowed.
            arrangers = [activity.unit_id, *(unit.pk for unit in activity.co_arrangers.all())]
            month = (activity.date.year, activity.date.month)
            assert any((unit_id, *month) in closed for unit_id in arrangers)
            assert list(error.message_dict) == ["date"]
            period = f"{activity.date.year}-{activity.date.month:02d}"
            assert f"({period}), och månaden är låst" in error.message_dict["date"][0]
        goals = list(activity.goals.all())
        assert goals
        activity.validate_goals(goals)
        assert {goal.area_id for goal in goals} == {activity.priority_area_id}
        assert activity.age_known_total <= activity.participants_total
        if activity.status == Status.DONE:
            assert activity.participants_total > 0
        else:
            assert not activity.has_participants()
        assert activity.target_bands
    # Holidays fall in their months.
    months = {
        "sportlov": {2, 3},
        "pasklov": {3, 4},
        "sommarlov": {6, 7, 8},
        "hostlov": {10, 11},
        "jullov": {12, 1},
    }
    for holiday, date in Activity.objects.exclude(holiday="").values_list("holiday", "date"):
        assert date.month in months[holiday]
    assert (
        sum(
            Activity.objects.filter(status=Status.DONE).values_list(
                AGE_COUNT_FIELDS["16-19"], flat=True
            )
        )
        > 0
    )


@pytest.mark.django_db
def test_demo_users_log_in_with_their_roles(seeded, client):
    expected = {
        "admin": ("admin", "flens-kommun"),
        "chef": ("manager", "kulturenheten"),
        "medarbetare": ("staff", "kulturenheten"),
        "politiker": ("viewer", "flens-kommun"),
        "chef-bibliotek": ("manager", "bibliotek"),
    }
    User = get_user_model()
    for username, membership in expected.items():
        user = User.objects.get(username=username)
        assert user.first_name and user.last_name
        assert set(Membership.objects.filter(user=user).values_list("role", "unit__slug")) == {
            membership
        }
        assert client.login(username=username, password=DEMO_PASSWORD)
        client.logout()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert not User.objects.filter(is_staff=True).exclude(username="admin").exists()


@pytest.mark.django_db
def test_command_prints_users_and_password(seeded):
    out = StringIO()
    with translation.override("sv"):  # the command speaks Swedish, whatever ran before
        call_command("seed_demo", stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text
    assert "http://127.0.0.1:8000/" in text
    for username in ("admin", "chef", "medarbetare", "politiker", "chef-bibliotek"):
        assert username in text
    assert "0 nya aktiviteter" in text


def test_demo_today_is_a_date():
    assert isinstance(DEMO_TODAY, datetime.date)


@pytest.mark.django_db
def test_monthly_reports_tell_the_year(seeded):
    reports = MonthlyReport.objects.filter(unit__slug="kulturenheten")
    states = {(r.year, r.month): r.state for r in reports}
    assert {month for year, month in states if year == 2024} == set(range(1, 13))
    assert all(states[(2024, month)] == "approved" for month in range(1, 13))
    assert [states[(2026, month)] for month in range(1, 12)] == ["approved"] * 9 + [
        "submitted",
        "draft",
    ]
    assert (2026, 12) not in states and (2025, 1) not in states
    closed = set(
        ClosedMonth.objects.filter(unit__slug="kulturenheten").values_list("year", "month")
    )
    assert closed == {(2024, m) for m in range(1, 13)} | {(2026, m) for m in range(1, 10)}
    assert not ClosedMonth.objects.exclude(unit__slug="kulturenheten").exists()

    approved = reports.get(year=2026, month=9)
    assert approved.approved_by.username == "chef" and approved.submitted_by.username == "chef"
    for dim in "vepaq":
        assert getattr(approved, f"{dim}_status") in {"green", "yellow", "red"}
        assert getattr(approved, f"{dim}_comment")
    assert 2_000_000 < approved.e_outcome_ytd_kr < 2_500_000  # 3 022 tkr a year
    assert 2_900_000 < approved.e_forecast_kr < 3_200_000
    assert approved.p_actual_fte == Decimal("2.5")
    assert approved.p_sick_leave_short is not None
    assert 3 <= approved.a_workload <= 4
    summer = reports.get(year=2026, month=6)
    assert summer.e_status == "yellow" and summer.e_actions
    december = reports.get(year=2024, month=12)
    assert december.e_outcome_ytd_kr == Decimal("3022000")
    draft = reports.get(year=2026, month=11)
    assert draft.v_comment and draft.approved_at is None and draft.submitted_at is None
    assert reports.get(year=2026, month=10).approved_at is None


@pytest.mark.django_db
def test_matrix_and_focus_items_are_assessed(seeded):
    cells = MatrixAssessment.objects.filter(unit__slug="kulturenheten")
    assert cells.count() == 13 * 3
    assert set(cells.values_list("year", flat=True)) == {2022, 2023, 2024}
    order = ["not_started", "started", "partly_done", "done"]
    for code in ("1.1", "1.3", "3.3", "4.2"):
        steps = [
            order.index(cell.assessment)
            for cell in cells.filter(goal__code=code, goal__plan__status="adopted").order_by("year")
        ]
        assert steps == sorted(steps)  # never backwards
    assert all(cells.values_list("comment", flat=True))
    focus = FocusItemAssessment.objects.filter(
        focus_item__area_year_plan__year_plan__unit__slug="kulturenheten",
        focus_item__area_year_plan__year_plan__year=2024,
    )
    assert focus.count() == 17
    assert not focus.filter(Q(effect="") | Q(development="") | Q(assessment="")).exists()


@pytest.mark.django_db
def test_draft_plan_is_read_only_by_those_who_work_with_it(seeded):
    draft = Plan.objects.get(name="Kulturplan för Flens kommun 2026–2029 (utkast)")
    assert draft.status == Plan.Status.DRAFT
    assert (draft.unit.slug, draft.steward.slug) == ("flens-kommun", "kulturenheten")
    assert (draft.start_year, draft.end_year) == (2026, 2029)
    assert draft.areas.count() == 2 and Goal.objects.filter(plan=draft).count() == 5
    User = get_user_model()
    visible = {
        username: permissions.can_view_plan(User.objects.get(username=username), draft)
        for username in ("admin", "chef", "medarbetare", "politiker", "chef-bibliotek")
    }
    assert visible == {
        "admin": True,
        "chef": True,
        "medarbetare": True,
        "politiker": True,
        "chef-bibliotek": False,
    }
    # The draft does not change which plan is in force.
    culture = Unit.objects.get(slug="kulturenheten")
    assert plan_in_force(unit=culture, year=2026).name == "Kulturplan för Flens kommun 2022–2025"


@pytest.mark.django_db
def test_chef_bibliotek_gets_404_on_the_draft(seeded, client):
    draft = Plan.objects.get(name="Kulturplan för Flens kommun 2026–2029 (utkast)")
    client.login(username="chef-bibliotek", password=DEMO_PASSWORD)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.logout()
    client.login(username="politiker", password=DEMO_PASSWORD)
    assert client.get(draft.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_internal_control_plan_2024(seeded):
    culture = Unit.objects.get(slug="kulturenheten")
    report = ic_selectors.report(unit=culture, year=2024)
    assert (report["state"], report["adopted_by"]) == ("adopted", "Karin Lindqvist")
    assert len(report["risks"]) >= 4
    first = report["risks"][0]
    assert first["title"] == "För svag bredd i kultur- och fritidsaktiviteter"
    assert (first["likelihood"], first["consequence"], first["value"]) == (4, 3, 12)
    assert first["handling"] == "Hanteras snarast"
    assert report["matrix"][3][2] >= 1  # likelihood 4 (stor), consequence 3 (kännbar)
    results = [
        result
        for risk in report["risks"]
        for control in risk["controls"]
        for result in control["results"]
    ]
    assert any(r["outcome"] == "deviation" and r["actions"] for r in results)
    assert sum(len(risk["controls"]) for risk in report["risks"]) >= 3


def test_several_planned_activities_of_kulturenheten_are_public(seeded):
    public = Activity.objects.filter(is_public=True)
    assert public.count() >= 5
    assert set(public.values_list("unit__slug", flat=True)) == {"kulturenheten"}
    assert set(public.values_list("status", flat=True)) == {Status.PLANNED}
    assert all(activity.public_text and activity.start_time for activity in public)


@pytest.mark.django_db
def test_report_json_from_summaries_equals_json_from_rows(seeded):
    """Issue 17: the reports read the summary tables; the demo's report JSON is the same to the
    digit when every figure is computed from the activity rows instead, for every unit, year
    and kind, and the rebuild check finds nothing."""
    assert summaries.check() == []
    documents = 0
    for unit in Unit.objects.filter(path__startswith="/flens-kommun/"):
        for year in range(2022, DEMO_TODAY.year + 1):
            builders = [
                lambda u=unit, y=year: reports.annual_report(unit=u, year=y),
                lambda u=unit, y=year: reports.tertial_report(unit=u, year=y, tertial=1),
                lambda u=unit, y=year: reports.tertial_report(unit=u, year=y, tertial=2),
                *(
                    lambda u=unit, y=year, m=month: reports.vepaq_report(unit=u, year=y, month=m)
                    for month in (3, 6, 11, 12)
                ),
            ]
            for build in builders:
                from_summaries = build()
                with figures.from_activity_rows():
                    from_rows = build()
                assert from_summaries == from_rows
                documents += 1
    assert documents >= 5 * 7 * 3
