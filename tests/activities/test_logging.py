"""Logging in the browser: create, mark done, copy, series, inline partners and places."""

import datetime
import re

import pytest
from django.urls import reverse

from activities.models import AGE_BANDS, Activity, Partner, Place, Status
from tests.factories import ActivityFactory, PartnerFactory, PlaceFactory


@pytest.fixture
def staff_client(client, users):
    client.force_login(users["staff"])
    return client


def test_log_done_activity_with_participants(staff_client, users, tree, plan_areas, post_data):
    goals = plan_areas["goals"]
    response = staff_client.post(
        reverse("activities:create"),
        post_data(
            tree["culture"],
            title="Lovaktivitet: serieteckning",
            date="2024-02-20",
            priority_area=str(plan_areas["area1"].pk),
            goals=[str(goals["1.1"].pk), str(goals["1.2"].pk)],
            kind="art",
            collaboration="external",
            girls="12",
            boys="9",
            other_gender="1",
            age_10_12="15",
            age_13_15="5",
            holiday="sportlov",
            target_bands=["10-12", "13-15"],
            place_name="Flen",
            partner_names="ABF",
        ),
    )
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:detail", args=[activity.pk])
    assert activity.status == Status.DONE
    assert activity.participants_total == 22
    assert activity.unknown_age == 2
    assert activity.target_bands == ["10-12", "13-15"]
    assert activity.created_by == users["staff"]
    assert set(activity.goals.values_list("code", flat=True)) == {"1.1", "1.2"}
    assert activity.place.name == "Flen"
    assert [p.name for p in activity.partners.all()] == ["ABF"]

    listing = staff_client.get(reverse("activities:list")).content.decode()
    assert "Lovaktivitet: serieteckning" in listing
    detail = staff_client.get(activity.get_absolute_url()).content.decode()
    assert "Lovaktivitet: serieteckning" in detail
    assert "Genomförd" in detail
    assert '<td class="num">22</td>' in detail  # total in the participants table
    assert "Sportlov" in detail
    assert "skapade aktiviteten" in detail  # history


def test_create_form_defaults_to_first_unit_and_today(staff_client, plan_areas):
    response = staff_client.get(reverse("activities:create"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="hidden" name="unit"' in html  # only one unit: no choice to make
    assert "Fler uppgifter" in html and '<details class="more-fields"' in html
    assert 'class="count-grid"' in html
    assert "besök, inte unika personer" in html
    assert "okänd ålder" in html
    assert '<datalist id="place-names">' in html


def test_unit_choice_when_user_logs_for_several_units(client, users, tree, plan_areas):
    client.force_login(users["admin"])
    html = client.get(reverse("activities:create")).content.decode()
    assert '<select name="unit"' in html
    assert "Bibliotek" in html and "Kulturenheten" in html


def test_goals_grouped_by_area_without_javascript(staff_client, plan_areas):
    html = staff_client.get(reverse("activities:create")).content.decode()
    assert "<legend>1. Främja kultur av och med barn och unga</legend>" in html
    assert "<legend>2. Kultur i hela kommunen</legend>" in html
    for goal in plan_areas["goals"].values():
        assert f'value="{goal.pk}"' in html


def test_goal_choices_endpoint_for_htmx(staff_client, plan_areas):
    response = staff_client.get(
        reverse("activities:goal_choices"),
        {
            "priority_area": plan_areas["area2"].pk,
            "date": "2024-05-01",
            "goals": [plan_areas["goals"]["2.2"].pk],
        },
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "2.1" in html and "2.2" in html
    # The chosen area's goals first; the other areas folded in one details element.
    chosen, others = html.split('<details class="goal-others"')
    assert "1.1" not in chosen
    assert "1.1" in others.split('<details class="goal-texts"')[0]
    pk = plan_areas["goals"]["2.2"].pk
    assert f'value="{pk}" id="id_goals_{pk}" checked' in html


def test_area_select_has_htmx_attributes(staff_client, plan_areas):
    html = staff_client.get(reverse("activities:create")).content.decode()
    assert 'hx-get="/aktiviteter/mal/"' in html
    assert 'hx-target="#goal-choices"' in html


def test_inline_partner_and_place_created_once_and_reused_case_insensitively(
    staff_client, tree, plan_areas, post_data
):
    PartnerFactory(unit=tree["culture"], name="Sörmlands museum")
    url = reverse("activities:create")
    staff_client.post(
        url,
        post_data(
            tree["culture"],
            title="Första",
            partner_names=(
                "sörmlands MUSEUM, Studieförbundet Vuxenskolan, studieförbundet vuxenskolan"
            ),
            place_name="Malmköping",
        ),
    )
    staff_client.post(
        url,
        post_data(
            tree["culture"],
            title="Andra",
            partner_names=" Studieförbundet vuxenskolan ",
            place_name="  MALMKÖPING ",
        ),
    )
    assert Partner.objects.filter(unit=tree["culture"]).count() == 2
    assert Place.objects.filter(unit=tree["culture"]).count() == 1
    first = Activity.objects.get(title="Första")
    second = Activity.objects.get(title="Andra")
    assert sorted(p.name for p in first.partners.all()) == [
        "Studieförbundet Vuxenskolan",
        "Sörmlands museum",
    ]
    assert [p.name for p in second.partners.all()] == ["Studieförbundet Vuxenskolan"]
    assert first.place_id == second.place_id
    assert first.place.name == "Malmköping"


def test_known_names_offered_in_datalist(staff_client, tree, plan_areas):
    PlaceFactory(unit=tree["culture"], name="Hälleforsnäs")
    PartnerFactory(unit=tree["culture"], name="ABF Sörmland")
    PlaceFactory(unit=tree["other"], name="Hemlig ort")
    html = staff_client.get(reverse("activities:create")).content.decode()
    assert '<option value="Hälleforsnäs">' in html
    assert '<option value="ABF Sörmland">' in html
    assert "Hemlig ort" not in html


def test_edit_changes_fields_and_history(staff_client, tree, plan_areas, post_data):
    activity = ActivityFactory(unit=tree["culture"], title="Gammal titel", status=Status.PLANNED)
    url = reverse("activities:edit", args=[activity.pk])
    form_html = staff_client.get(url).content.decode()
    assert 'value="Gammal titel"' in form_html
    response = staff_client.post(
        url, post_data(tree["culture"], title="Ny titel", status="planned")
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Ny titel"
    detail = staff_client.get(activity.get_absolute_url()).content.decode()
    assert "ändrade" in detail and "titel" in detail


def test_mark_done_sets_status_and_counts_in_one_post(staff_client, tree, plan_areas):
    activity = ActivityFactory(unit=tree["culture"], status=Status.PLANNED, target_6_9=True)
    url = reverse("activities:mark_done", args=[activity.pk])
    page = staff_client.get(url).content.decode()
    assert 'name="girls"' in page and 'name="age_65_plus"' in page
    assert 'name="target_bands"' not in page  # it has its Målgrupp already
    response = staff_client.post(
        url,
        {"girls": "7", "boys": "5", "other_gender": "", "age_6_9": "10", "survey_answers": ""},
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == Status.DONE
    assert (activity.girls, activity.boys, activity.other_gender) == (7, 5, 0)
    assert activity.age_6_9 == 10


def test_mark_done_rejects_bad_counts_and_keeps_them(staff_client, tree, plan_areas):
    activity = ActivityFactory(unit=tree["culture"], status=Status.PLANNED)
    response = staff_client.post(
        reverse("activities:mark_done", args=[activity.pk]), {"girls": "2", "age_26_64": "5"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Åldrarna summerar till 5, deltagarna till 2" in html
    assert 'name="age_26_64" value="5"' in html
    activity.refresh_from_db()
    assert activity.status == Status.PLANNED


def test_mark_done_link_on_planned_activity_only(staff_client, tree, plan_areas):
    planned = ActivityFactory(unit=tree["culture"], status=Status.PLANNED)
    done = ActivityFactory(unit=tree["culture"], status=Status.DONE)
    assert "Markera som genomförd" in staff_client.get(planned.get_absolute_url()).content.decode()
    assert "Markera som genomförd" not in staff_client.get(done.get_absolute_url()).content.decode()


def test_copy_prefills_a_planned_activity_a_week_later(staff_client, tree, plan_areas, post_data):
    original = ActivityFactory(
        unit=tree["culture"],
        title="Sagostund",
        date=datetime.date(2024, 3, 12),
        status=Status.DONE,
        girls=4,
        priority_area=plan_areas["area1"],
        place=PlaceFactory(unit=tree["culture"], name="Flen"),
    )
    original.goals.set([plan_areas["goals"]["1.1"]])
    url = reverse("activities:copy", args=[original.pk])
    html = staff_client.get(url).content.decode()
    assert 'value="Sagostund"' in html
    assert 'value="2024-03-19"' in html
    assert re.search(r'<input[^>]*value="planned"[^>]*checked', html)
    assert 'name="girls" value="0"' in html
    pk = plan_areas["goals"]["1.1"].pk
    assert f'value="{pk}" id="id_goals_{pk}" checked' in html
    response = staff_client.post(
        url,
        post_data(
            tree["culture"],
            title="Sagostund",
            date="2024-03-19",
            status="planned",
            priority_area=str(plan_areas["area1"].pk),
            goals=[str(plan_areas["goals"]["1.1"].pk)],
            place_name="Flen",
        ),
    )
    assert response.status_code == 302
    copy = Activity.objects.exclude(pk=original.pk).get()
    assert copy.status == Status.PLANNED
    assert copy.date == datetime.date(2024, 3, 19)
    assert copy.place_id == original.place_id
    assert list(copy.goals.all()) == [plan_areas["goals"]["1.1"]]


def series_post(unit, **overrides):
    data = {
        "unit": str(unit.pk),
        "title": "Läxhjälp",
        "start_date": "2024-09-02",
        "last_date": "2024-09-30",
        "weekdays": ["1", "3"],
        "target_bands": ["6-9"],
        "priority_area": "",
        "kind": "culture",
        "collaboration": "own",
        "place_name": "Flen",
        "partner_names": "ABF",
        "description": "",
        "holiday": "",
        "culture_area": "",
        "cost_kr": "",
        "lessons_learned": "",
    }
    data.update(overrides)
    return data


def test_series_on_tuesdays_and_thursdays(staff_client, tree, plan_areas):
    goal = plan_areas["goals"]["1.2"]
    response = staff_client.post(
        reverse("activities:series"),
        series_post(tree["culture"], goals=[str(goal.pk)], target_bands=["13-15"]),
    )
    assert response.status_code == 302
    activities = list(Activity.objects.order_by("date"))
    # September 2024: Tuesdays 3, 10, 17, 24 and Thursdays 5, 12, 19, 26.
    assert [a.date.day for a in activities] == [3, 5, 10, 12, 17, 19, 24, 26]
    assert {a.status for a in activities} == {Status.PLANNED}
    assert len({a.series for a in activities}) == 1 and activities[0].series is not None
    assert {a.date.weekday() for a in activities} == {1, 3}
    assert all(list(a.goals.all()) == [goal] for a in activities)
    assert all(a.target_bands == ["13-15"] for a in activities)
    assert Place.objects.count() == 1 and Partner.objects.count() == 1
    assert all(a.place.name == "Flen" for a in activities)


def test_series_limited_to_200(staff_client, tree, plan_areas):
    response = staff_client.post(
        reverse("activities:series"),
        series_post(
            tree["culture"],
            start_date="2024-01-01",
            last_date="2025-06-30",
            weekdays=["0", "1", "2", "3", "4"],
        ),
    )
    assert response.status_code == 200
    assert "högst 200 tillfällen" in response.content.decode()
    assert not Activity.objects.exists()


def test_series_needs_weekdays_and_order(staff_client, tree, plan_areas):
    response = staff_client.post(
        reverse("activities:series"),
        series_post(tree["culture"], weekdays=[], last_date="2024-08-01"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sista datum kan inte ligga före första datum" in html
    assert 'value="Läxhjälp"' in html
    assert not Activity.objects.exists()


def test_create_preselects_unit_from_the_plan_page(client, users, tree, plan_areas):
    client.force_login(users["admin"])
    response = client.get(reverse("activities:create"), {"status": "planned", "unit": "bibliotek"})
    form = response.context["form"]
    assert form["unit"].value() == tree["library"].pk
    assert form["status"].value() == "planned"


def test_mark_done_asks_for_a_missing_malgrupp(staff_client, tree, plan_areas):
    """An old or imported planned activity without Målgrupp: marking it done asks for it."""
    activity = ActivityFactory(unit=tree["culture"], status=Status.PLANNED)
    url = reverse("activities:mark_done", args=[activity.pk])
    assert 'name="target_bands"' in staff_client.get(url).content.decode()
    response = staff_client.post(url, {"girls": "7"})
    assert response.status_code == 200
    assert "Välj målgrupp" in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Status.PLANNED
    response = staff_client.post(url, {"girls": "7", "all_ages": "on"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == Status.DONE
    assert activity.target_bands == list(AGE_BANDS)
