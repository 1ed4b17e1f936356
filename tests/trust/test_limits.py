"""Limits on every input (DESIGN "Trust"): counts 0–100 000, dates 2000–2100, no control
characters, query parameters out of range give 404 or a form error, never 500."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from activities import summaries
from activities.models import Activity, Status
from culture_plan.validators import MAX_COUNT
from followup import services as followup_services
from tests.activities.conftest import activity_post
from tests.factories import ActivityFactory, GoalFactory, PriorityAreaFactory

BELL = "Sago\x07stund"


def done(tree, **counts):
    return Activity(
        unit=tree["culture"],
        title="Konsert",
        date=datetime.date(2024, 5, 4),
        status=Status.DONE,
        target_26_64=True,  # Målgrupp is required for planned and done activities
        **counts,
    )


# Counts -----------------------------------------------------------------------------------


def test_a_count_above_100_000_is_refused_by_the_model(tree):
    activity = done(tree, girls=MAX_COUNT + 1)
    with pytest.raises(ValidationError) as raised:
        activity.full_clean()
    assert "girls" in raised.value.message_dict
    done(tree, girls=MAX_COUNT, boys=MAX_COUNT).full_clean()


@pytest.mark.parametrize("field", ["girls", "boys", "other_gender", "age_10_12", "survey_answers"])
def test_the_database_refuses_counts_that_would_overflow_sums(tree, field):
    activity = ActivityFactory(unit=tree["culture"], date=datetime.date(2024, 5, 4))
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(**{field: 2_147_483_647})


def test_the_form_shows_the_limit(client, users, tree):
    client.force_login(users["staff"])
    response = client.post(
        reverse("activities:create"), activity_post(tree["culture"], girls="2147483647")
    )
    assert response.status_code == 200
    assert "100" in response.content.decode() and "000" in response.content.decode()
    assert not Activity.objects.exists()


# Dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])
def test_dates_outside_2000_2100_are_refused(tree, day):
    activity = done(tree)
    activity.date = day
    with pytest.raises(ValidationError) as raised:
        activity.full_clean()
    assert "mellan 2000-01-01 och 2100-12-31" in raised.value.message_dict["date"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.bulk_create([activity])


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_form_refuses_far_dates_without_500(client, users, tree, day):
    client.force_login(users["staff"])
    response = client.post(reverse("activities:create"), activity_post(tree["culture"], date=day))
    assert response.status_code == 200
    assert "mellan 2000-01-01 och 2100-12-31" in response.content.decode()


# Control characters ----------------------------------------------------------------------


def test_control_characters_are_refused_in_activity_text(tree):
    activity = done(tree)
    activity.title = BELL
    activity.description = "rad ett\r\nrad\ttvå"  # tab and line breaks are fine
    with pytest.raises(ValidationError) as raised:
        activity.full_clean()
    assert list(raised.value.message_dict) == ["title"]
    assert "styrtecken" in raised.value.message_dict["title"][0]


def test_control_characters_are_refused_in_the_form(client, users, tree):
    client.force_login(users["staff"])
    response = client.post(reverse("activities:create"), activity_post(tree["culture"], title=BELL))
    assert response.status_code == 200
    assert "styrtecken" in response.content.decode()
    assert not Activity.objects.exists()


def test_control_characters_are_refused_in_plans_and_reports(tree, flen_plan, users):
    area = PriorityAreaFactory(plan=flen_plan, number=1)
    goal = GoalFactory.build(area=area, plan=flen_plan, code="1.1", text="Mål\x00")
    with pytest.raises(ValidationError) as raised:
        goal.full_clean()
    assert "text" in raised.value.message_dict
    report = followup_services.report_get_or_create(unit=tree["culture"], year=2024, month=5)
    with pytest.raises(ValidationError) as raised:
        followup_services.report_update(
            report=report, data={"v_comment": "ok\x1b[31m"}, by=users["manager"]
        )
    assert "v_comment" in raised.value.message_dict


def test_excel_export_survives_control_characters_stored_before_the_rule(client, users, tree):
    activity = ActivityFactory(unit=tree["culture"], title="Konsert")
    Activity.objects.filter(pk=activity.pk).update(title=BELL, description="=HYPERLINK(1)")
    client.force_login(users["staff"])
    response = client.get(reverse("activities:excel_export", kwargs={"slug": "kulturenheten"}))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell.value for cell in sheet[2]]
    assert "Sagostund" in values
    description = next(cell for cell in sheet[2] if cell.value == "=HYPERLINK(1)")
    assert description.data_type == "s"


# Query and URL parameters ----------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "year=99999",
        "year=-1",
        "year=1e9",
        "year=2024.5",
        "month=13",
        "month=-1",
        "month=1e9",
        "page=99999999999999999999",
        "page=-1",
        "page=1e9",
        "priority_area=99999999999999999999",
        "goal=-1",
        "partner=1e9",
        "place=99999999999999999999",
    ],
)
def test_activity_list_never_500s_on_bad_numbers(client, users, tree, query):
    client.force_login(users["manager"])
    ActivityFactory(unit=tree["culture"])
    response = client.get(f"{reverse('activities:list')}?{query}")
    assert response.status_code in (200, 404)


@pytest.mark.parametrize(
    "path",
    [
        "/aktiviteter/plan/kulturenheten/99999/",
        "/aktiviteter/plan/kulturenheten/0/",
        "/aktiviteter/99999999999999999999/",
        "/aktiviteter/99999999999999999999/andra/",
        "/uppfoljning/kulturenheten/vepaq/99999/",
        "/uppfoljning/kulturenheten/vepaq/2024/13/",
        "/uppfoljning/kulturenheten/vepaq/2024/99999999999999999999/",
        "/uppfoljning/kulturenheten/unga/99999/",
        "/uppfoljning/kulturenheten/diagram/99999/",
        "/uppfoljning/kulturenheten/matris/99999999999999999999/",
        "/uppfoljning/kulturenheten/matris/1/99999999999999999999/99999/",
        "/uppfoljning/kulturenheten/inriktning/99999999999999999999/",
        "/planer/99999999999999999999/",
        "/verksamhetsplaner/99999999999999999999/",
        "/indikatorer/99999999999999999999/",
    ],
)
def test_out_of_range_url_numbers_are_404(client, users, tree, path):
    client.force_login(users["admin"])
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "query",
    ["year=99999", "year=-1", "year=1e9", "unit=kulturenheten&year=99999999999999999999"],
)
def test_other_pages_that_parse_numbers(client, users, tree, query):
    client.force_login(users["admin"])
    for name in ["activities:plan_choose", "followup:dashboard", "home"]:
        response = client.get(f"{reverse(name)}?{query}")
        assert response.status_code in (200, 302, 404), name
        if response.status_code == 302:
            assert client.get(response.url).status_code in (200, 404)
    for name in ["activities:excel_export", "activities:excel_template"]:
        response = client.get(f"{reverse(name, kwargs={'slug': 'kulturenheten'})}?{query}")
        assert response.status_code == 200
    response = client.get(
        f"{reverse('activities:goal_choices')}?priority_area=99999999999999999999&date=99999-01-01"
    )
    assert response.status_code == 200


def test_sums_of_the_largest_counts_fit_their_columns(client, users, tree):
    """On PostgreSQL an int4 sum of two 2 147 483 647 counts overflowed (HTTP 500 for
    everyone); with counts capped, the largest values sum without error on every page."""
    biggest = dict.fromkeys(["girls", "boys", "other_gender"], MAX_COUNT)
    ages = {"age_10_12": MAX_COUNT, "age_13_15": MAX_COUNT, "age_16_19": MAX_COUNT}
    activities = []
    for day in range(1, 21):
        activity = done(tree, **biggest, **ages, survey_answers=MAX_COUNT)
        activity.date = datetime.date(2024, 5, day)
        activity.full_clean()
        activities.append(activity)
    created = Activity.objects.bulk_create(activities)
    summaries.record_created(activity.pk for activity in created)
    client.force_login(users["manager"])
    for url in [
        reverse("activities:list"),
        reverse("activities:list") + "?year=2024",
        reverse("activities:plan", kwargs={"slug": "kulturenheten", "year": 2024}),
        reverse("followup:dashboard"),
        reverse("followup:vepaq", args=["kulturenheten", 2024, 5]),
        reverse("followup:vepaq_year", args=["kulturenheten", 2024]),
        reverse("followup:youth", args=["kulturenheten", 2024]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("activities:list") + "?year=2024").content.decode()
    total = re.search(r'id="total-participants">([^<]+)<', page).group(1)
    assert re.sub(r"\D", "", total) == "6000000"  # 20 × 300 000 participants
