"""The cached fragments of the log form, the activity plan and the activity list's filters
(activity_form.html, activity_plan.html, activity_list.html, keyed by activities.versions)
never show what the database no longer holds: read (the cache is filled), write, read
again, and the page shows the new value. The cached page is the same bytes as the one
rendered without the cache, and a warm read takes fewer queries."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from culture_plan.models import Role
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    PartnerFactory,
    PlaceFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(users):
    client = Client()
    client.force_login(users["staff"])
    return client


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


FORM = reverse("activities:create")


def plan_url(unit, year=2024) -> str:
    return reverse("activities:plan", kwargs={"slug": unit.slug, "year": year})


# --- The log form ------------------------------------------------------------------------


def test_the_cached_form_is_the_same_bytes(staff_client, plan_areas, django_assert_max_num_queries):
    cold = page(staff_client, FORM)
    warm = page(staff_client, FORM)
    assert warm == cold
    cache.clear()
    assert page(staff_client, FORM) == cold
    with django_assert_max_num_queries(10):
        staff_client.get(FORM)
    assert page(staff_client, FORM + "?status=planned") != cold  # its own key


def test_a_new_unit_shows_among_the_co_arrangers(staff_client, tree):
    page(staff_client, FORM)
    UnitFactory(slug="musikskolan", name="Musikskolan", parent=tree["administration"])
    assert "Musikskolan" in page(staff_client, FORM)


def test_a_renamed_area_and_goal_show_in_the_form(staff_client, plan_areas):
    assert "Unga skapar själva" in page(staff_client, FORM)
    plan_areas["area2"].name = "Kultur överallt"
    plan_areas["area2"].save()
    goal = plan_areas["goals"]["1.2"]
    goal.text = "Unga gör egen kultur"
    goal.save()
    html = page(staff_client, FORM)
    assert "Kultur överallt" in html and "Unga gör egen kultur" in html


def test_a_new_place_shows_in_the_form(staff_client, tree):
    page(staff_client, FORM)
    PlaceFactory(unit=tree["culture"], name="Sparreholm")
    assert '<option value="Sparreholm">' in page(staff_client, FORM)


def test_a_refused_form_shows_what_was_typed(staff_client, tree, post_data):
    page(staff_client, FORM)
    response = staff_client.post(FORM, post_data(tree["culture"], title="Ny konsert", date=""))
    assert response.status_code in {200, 400}
    assert 'value="Ny konsert"' in response.content.decode()


def test_the_form_follows_the_language(staff_client):
    swedish = page(staff_client, FORM)
    staff_client.cookies["django_language"] = "en"
    assert page(staff_client, FORM) != swedish


# --- The activity plan ---------------------------------------------------------------------


@pytest.fixture
def march(tree):
    return ActivityFactory(unit=tree["culture"], title="Sagostund", date=datetime.date(2024, 3, 12))


def test_the_cached_plan_is_the_same_bytes(
    staff_client, tree, march, django_assert_max_num_queries
):
    cold = page(staff_client, plan_url(tree["culture"]))
    assert page(staff_client, plan_url(tree["culture"])) == cold
    with django_assert_max_num_queries(9):
        staff_client.get(plan_url(tree["culture"]))


def test_a_title_edit_and_a_new_activity_show_in_the_plan(staff_client, tree, march):
    assert "Sagostund" in page(staff_client, plan_url(tree["culture"]))
    march.title = "Sagostund för alla"
    march.save()
    ActivityFactory(unit=tree["culture"], title="Vårkonsert", date=datetime.date(2024, 4, 2))
    html = page(staff_client, plan_url(tree["culture"]))
    assert "Sagostund för alla" in html and "Vårkonsert" in html
    assert "2 aktiviteter under året" in html


def test_an_activity_moved_to_another_year_leaves_the_plan(staff_client, tree, march):
    page(staff_client, plan_url(tree["culture"]))
    march.date = datetime.date(2025, 3, 12)
    march.save()
    assert "Sagostund" not in page(staff_client, plan_url(tree["culture"]))
    assert "Sagostund" in page(staff_client, plan_url(tree["culture"], 2025))


def test_another_unit_s_activity_and_its_place_show_when_co_arranged(staff_client, tree):
    place = PlaceFactory(unit=tree["library"], name="Biblioteket")
    theirs = ActivityFactory(
        unit=tree["library"], title="Bokcirkel", date=datetime.date(2024, 5, 6), place=place
    )
    assert "Bokcirkel" not in page(staff_client, plan_url(tree["culture"]))
    theirs.co_arrangers.add(tree["culture"])
    assert "Bokcirkel" in page(staff_client, plan_url(tree["culture"]))
    place.name = "Stadsbiblioteket"
    place.save()
    assert "Stadsbiblioteket" in page(staff_client, plan_url(tree["culture"]))
    tree["library"].name = "Folkbiblioteket"
    tree["library"].save()
    assert "Folkbiblioteket" in page(staff_client, plan_url(tree["culture"]))


# --- The activity list's filter form and plan picker ----------------------------------------

LIST = reverse("activities:list")


@pytest.fixture
def manager_client(users):
    client = Client()
    client.force_login(users["manager"])
    return client


def test_the_cached_list_form_is_the_same_bytes(
    staff_client, tree, march, plan_areas, django_assert_max_num_queries
):
    url = LIST + "?year=2024&kind=workshop"
    cold = page(staff_client, url)
    assert page(staff_client, url) == cold
    cache.clear()
    assert page(staff_client, url) == cold
    with django_assert_max_num_queries(10):
        staff_client.get(url)
    # Each query has its own entry: the chosen values are in the form.
    assert page(staff_client, LIST + "?year=2023") != page(staff_client, LIST + "?year=2024")


def test_a_new_partner_and_place_show_in_the_list_filters(staff_client, tree):
    html = page(staff_client, LIST)
    assert "Sparreholm" not in html and "Flens Musikförening" not in html
    PlaceFactory(unit=tree["culture"], name="Sparreholm")
    PartnerFactory(unit=tree["culture"], name="Flens Musikförening")
    html = page(staff_client, LIST)
    assert "Sparreholm</option>" in html and "Flens Musikförening</option>" in html


def test_a_new_and_a_renamed_unit_show_in_the_picker_and_co_arrangers(staff_client, tree):
    page(staff_client, LIST)
    UnitFactory(slug="musikskolan", name="Musikskolan", parent=tree["culture"])
    tree["culture"].name = "Kulturavdelningen"
    tree["culture"].save()
    html = page(staff_client, LIST)
    assert html.count("Musikskolan") == 2  # the plan picker and the co-arranger select
    assert "Kulturavdelningen</a>" in html and "Kulturavdelningen</option>" in html


def test_a_renamed_area_shows_in_the_list_filters(staff_client, plan_areas):
    assert "Unga skapar själva" in page(staff_client, LIST)
    plan_areas["area2"].name = "Kultur överallt"
    plan_areas["area2"].save()
    assert "Kultur överallt" in page(staff_client, LIST)


def test_a_new_role_shows_its_units_at_once(staff_client, users, tree):
    assert "Bibliotek</a>" not in page(staff_client, LIST)
    MembershipFactory(user=users["staff"], unit=tree["library"], role=Role.STAFF)
    assert "Bibliotek</a>" in page(staff_client, LIST)


def test_a_new_activity_does_not_miss_the_form_but_shows_in_the_list(staff_client, tree, march):
    """Activity writes touch their year, not the every-year version the form is keyed by."""
    url = LIST + "?year=2024"
    page(staff_client, url)
    ActivityFactory(unit=tree["culture"], title="Höstkonsert", date=datetime.date(2024, 10, 2))
    html = page(staff_client, url)
    assert "Höstkonsert" in html
    assert re.search(r'id="total-done">\s*2\s*<', html) or "2 aktiviteter" in html


def test_readers_with_other_roles_get_their_own_form(staff_client, manager_client, users):
    assert 'href="/aktiviteter/ny/"' in page(staff_client, LIST)
    viewer = Client()
    viewer.force_login(users["viewer"])
    html = page(viewer, LIST)
    assert 'href="/aktiviteter/ny/"' not in html
    assert "Bibliotek</a>" in html  # the viewer sees the whole municipality
    assert "Bibliotek</a>" not in page(manager_client, LIST)


def test_a_plan_adopted_above_the_unit_shows_its_goals_in_the_list_filters(
    staff_client, plan_areas
):
    """The plan belongs to the municipality, above the staff member's unit: its version is
    part of the key (own_paths) although the unit's subtree does not hold it."""
    plan = plan_areas["plan"]
    plan.status = plan.Status.DRAFT
    plan.save()
    assert "Unga skapar själva" not in page(staff_client, LIST)
    plan.status = plan.Status.ADOPTED
    plan.save()
    assert "Unga skapar själva" in page(staff_client, LIST)


# --- The activity list's totals of a filter the summaries do not hold -----------------------


def totals_of(html: str) -> dict[str, int]:
    return {
        name: int(re.search(rf'id="total-{name}">\s*([\d\s\u00a0]+?)\s*<', html).group(1))
        for name in ("done", "planned", "cancelled")
    }


def test_the_filtered_totals_follow_every_write(staff_client, tree):
    url = LIST + "?year=2024&kind=art"
    ActivityFactory(unit=tree["culture"], kind="art", date=datetime.date(2024, 3, 1))
    assert totals_of(page(staff_client, url))["done"] == 1
    second = ActivityFactory(unit=tree["culture"], kind="art", date=datetime.date(2024, 4, 1))
    assert totals_of(page(staff_client, url))["done"] == 2
    second.status = "cancelled"
    second.save()
    html = page(staff_client, url)
    assert totals_of(html) == {"done": 1, "planned": 0, "cancelled": 1}
    assert "2 aktiviteter" in html  # the pager's count is the totals'
    second.kind = "dialogue"
    second.save()
    assert totals_of(page(staff_client, url))["cancelled"] == 0


def test_the_filtered_totals_count_what_another_unit_co_arranges(staff_client, tree):
    """The library's art activity, outside the staff member's subtree, joins their list (and its
    totals) when their unit becomes a co-arranger, and leaves it when it stops being one."""
    url = LIST + "?year=2024&kind=art"
    theirs = ActivityFactory(unit=tree["library"], kind="art", date=datetime.date(2024, 5, 6))
    assert totals_of(page(staff_client, url))["done"] == 0
    theirs.co_arrangers.add(tree["culture"])
    assert totals_of(page(staff_client, url))["done"] == 1
    theirs.status = "planned"
    theirs.save()
    assert totals_of(page(staff_client, url)) == {"done": 0, "planned": 1, "cancelled": 0}
    theirs.co_arrangers.remove(tree["culture"])
    assert totals_of(page(staff_client, url))["planned"] == 0


def test_the_totals_of_a_text_filter_follow_a_new_title(staff_client, march):
    url = LIST + "?q=sagostund"
    assert totals_of(page(staff_client, url))["done"] == 1
    march.title = "Bokprat"
    march.save()
    assert totals_of(page(staff_client, url))["done"] == 0
