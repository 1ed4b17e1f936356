"""The start page's cached parts (issue 23): a write shows at once, and a cached page is the
same bytes as one rendered afresh."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from culture_plan.models import Plan, Role, Unit
from followup import cache as figure_cache
from followup.models import MonthlyReport
from kulturplan.selectors import home_cache_key
from tests.factories import (
    MembershipFactory,
    PlanFactory,
    UnitFactory,
    UserFactory,
    YearPlanFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_clear_cache")]


@pytest.fixture
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _page(client) -> str:
    html = client.get("/").content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", html)


@pytest.fixture
def manager_setup(client):
    municipality = UnitFactory(slug="kommun", kind=Unit.Kind.MUNICIPALITY)
    unit = UnitFactory(slug="bibliotek", name="Biblioteket", parent=municipality)
    manager = UserFactory(username="chef")
    MembershipFactory(user=manager, unit=unit, role=Role.MANAGER)
    client.force_login(manager)
    return municipality, unit, manager


@override_settings(LANGUAGE_CODE="sv")
def test_the_cached_page_is_the_same_bytes_as_a_fresh_one(client, manager_setup):
    municipality, unit, _manager = manager_setup
    PlanFactory(unit=municipality, name="Kommunens kulturplan", start_year=2020, end_year=2030)
    with figure_cache.bypassed():
        fresh = _page(client)
    first = _page(client)
    cached = _page(client)
    assert fresh == first == cached
    assert "Kommunens kulturplan" in cached


@override_settings(LANGUAGE_CODE="sv")
def test_a_new_membership_shows_at_once(client, manager_setup):
    _municipality, _unit, manager = manager_setup
    assert "Museet" not in _page(client)
    MembershipFactory(user=manager, unit=UnitFactory(slug="museet", name="Museet"), role=Role.STAFF)
    assert "Museet" in _page(client)


@override_settings(LANGUAGE_CODE="sv")
def test_a_submitted_and_an_approved_report_show_at_once(client, manager_setup):
    _municipality, unit, _manager = manager_setup
    if timezone.localdate().month == 1:
        pytest.skip("no past month this year")
    year = timezone.localdate().year
    assert "(saknas)" in _page(client)  # January is due
    report = MonthlyReport.objects.create(unit=unit, year=year, month=1)
    assert "(utkast)" in _page(client)
    report.state = MonthlyReport.State.SUBMITTED
    report.save()
    page = _page(client)
    assert "(utkast)" not in page and "Månadsrapporter som väntar på godkännande" in page
    report.state = MonthlyReport.State.APPROVED
    report.save()
    assert "Månadsrapporter som väntar på godkännande" not in _page(client)


@override_settings(LANGUAGE_CODE="sv")
def test_a_year_plan_and_a_plan_above_show_at_once(client, manager_setup):
    municipality, unit, _manager = manager_setup
    year = timezone.localdate().year
    assert "Ingen plan gäller" in _page(client)
    plan = PlanFactory(unit=municipality, name="Ny plan", start_year=year - 1, end_year=year + 3)
    page = _page(client)
    assert "Ny plan" in page and "Ingen ännu" in page
    YearPlanFactory(plan=plan, unit=unit, year=year, status=Plan.Status.DRAFT)
    page = _page(client)
    assert f"Verksamhetsplan {year}" in page and "Ingen ännu" not in page
    plan.name = "Omdöpt plan"
    plan.save()
    assert "Omdöpt plan" in _page(client)


def test_the_day_is_part_of_the_key(client, manager_setup):
    _municipality, unit, manager = manager_setup
    units = [unit]
    today = datetime.date(2026, 5, 4)
    assert home_cache_key(user=manager, units=units, today=today) != home_cache_key(
        user=manager, units=units, today=today + datetime.timedelta(days=1)
    )
