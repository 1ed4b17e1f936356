"""Swedish formats and words (issue 12's list), each held by a test."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from culture_plan import numbers
from followup import charts
from followup.models import MonthlyReport
from followup.report_sections import display_value
from tests.factories import ActivityFactory, UserFactory

NBSP = "\u00a0"


def test_thousands_space_everywhere():
    assert numbers.number(24104) == f"24{NBSP}104"
    assert numbers.number(Decimal("2.50")) == "2,5"
    assert display_value(24104) == f"24{NBSP}104"
    assert charts._number(24104) == f"24{NBSP}104"
    rendered = Template("{% load plan_format %}{{ n|number }}").render(Context({"n": 24104}))
    assert rendered == f"24{NBSP}104"


def test_kronor_without_ore_unless_there_are_ore():
    assert numbers.kr(Decimal("187700.00")) == f"187{NBSP}700 kr"
    assert numbers.kr(2747000) == f"2{NBSP}747{NBSP}000 kr"
    assert numbers.kr(Decimal("187700.5")) == f"187{NBSP}700,50 kr"
    assert display_value(Decimal("187700.00")) == f"187{NBSP}700"
    assert display_value(Decimal("50.0")) == "50,0"  # a share keeps its decimal
    assert display_value(Decimal("-1200.50")) == f"-1{NBSP}200,50"
    assert numbers.kr(None) == "–"


def test_no_antal_after_counts_and_none_after_a_dash():
    template = Template("{% load plan_format %}{{ v|with_unit:u }}")
    assert template.render(Context({"v": 1450, "u": "antal"})) == f"1{NBSP}450"
    assert template.render(Context({"v": None, "u": "antal"})) == "–"
    assert template.render(Context({"v": Decimal("43.6"), "u": "%"})) == "43,6 %"
    assert template.render(Context({"v": 12, "u": "besök"})) == "12 besök"


def test_chart_ticks_are_round():
    assert charts.nice_ticks(509) == [0, 200, 400, 600]
    assert charts.nice_ticks(24104) == [0, 10000, 20000, 30000]
    assert charts.nice_ticks(7) == [0, 2, 4, 6, 8]
    svg = charts.two_series_chart(
        title="Unga", description="x", labels=["jan", "feb"], series=[("2024", [509, 100])]
    )
    assert ">600</text>" in svg and ">127</text>" not in svg and ">509<" not in svg


@pytest.mark.django_db
def test_people_are_named_not_usernames(client, tree, users):
    manager = users["manager"]
    manager.first_name, manager.last_name = "Karin", "Lindqvist"
    manager.save()
    MonthlyReport.objects.create(
        unit=tree["culture"],
        year=2024,
        month=3,
        state=MonthlyReport.State.SUBMITTED,
        submitted_by=manager,
        submitted_at=datetime.datetime(2024, 4, 5, 10, 0, tzinfo=datetime.UTC),
    )
    client.force_login(manager)
    page = client.get(reverse("followup:vepaq", args=["kulturenheten", 2024, 3])).content
    page = page.decode()
    assert "av Karin Lindqvist." in page and "av chef." not in page
    assert numbers.person(UserFactory(username="utan-namn", first_name="")) == "utan-namn"


@pytest.mark.django_db
def test_the_year_filter_shows_once_on_the_activity_list(client, users):
    client.force_login(users["staff"])
    page = client.get(reverse("activities:list")).content.decode()
    assert page.count('name="year"') == 1


@pytest.mark.django_db
def test_staff_start_page_offers_ny_aktivitet(client, users):
    client.force_login(users["staff"])
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("activities:create")}">Ny aktivitet</a>' in page
    client.force_login(users["viewer"])
    assert "Ny aktivitet" not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_early_december_says_the_month_is_not_over(client, users, tree, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2026, 12, 2))
    ActivityFactory(unit=tree["culture"], date=datetime.date(2025, 12, 4), age_13_15=7, girls=7)
    client.force_login(users["manager"])
    page = client.get(reverse("followup:youth", args=["kulturenheten", 2026])).content.decode()
    assert "December 2026 är inte slut ännu" in page
    assert "Senaste hela jämförelsen: deltagare 10–25 år i december 2025. December 2024: 0." in page
    assert "December 2025: 0" not in page  # not "December mot december: 0" on 2 December
    page = client.get(reverse("followup:youth", args=["kulturenheten", 2025])).content.decode()
    assert "inte slut ännu" not in page
    assert "Deltagare 10–25 år i december 2025." in page


@pytest.mark.django_db
def test_an_expired_plan_is_in_force_until_a_new_one(client, users, flen_plan, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2026, 12, 2))
    client.force_login(users["manager"])
    page = client.get(reverse("unit_detail", args=["kulturenheten"])).content.decode()
    assert f"{flen_plan.name} (gäller tills en ny antas)" in page
