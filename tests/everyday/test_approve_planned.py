"""Approving a month with planned activities in its past warns and lists them first."""

import datetime

import pytest
from django.urls import reverse

from activities.models import Status
from followup import services
from followup.models import MonthlyReport
from followup.selectors import planned_in_past
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def month(tree, users):
    culture = tree["culture"]
    report = MonthlyReport.objects.create(
        unit=culture, year=2024, month=3, state=MonthlyReport.State.SUBMITTED
    )
    past = ActivityFactory(
        unit=culture,
        title="Påsklovsteater",
        status=Status.PLANNED,
        date=datetime.date(2024, 3, 25),
        target_13_15=True,
    )
    ActivityFactory(unit=culture, title="Genomförd", date=datetime.date(2024, 3, 5))
    ActivityFactory(
        unit=culture, title="April", status=Status.PLANNED, date=datetime.date(2024, 4, 2)
    )
    return {"report": report, "past": past}


def test_the_selector_names_the_months_past_planned_activities(tree, month):
    found = planned_in_past(
        unit=tree["culture"], year=2024, month=3, today=datetime.date(2024, 4, 12)
    )
    assert [a.title for a in found] == ["Påsklovsteater"]
    # On 20 March the activity on the 25th still lies ahead.
    assert (
        planned_in_past(unit=tree["culture"], year=2024, month=3, today=datetime.date(2024, 3, 20))
        == []
    )


def test_the_service_refuses_until_confirmed(month, users):
    report = month["report"]
    with pytest.raises(services.PlannedInPastError) as error:
        services.report_approve(report=report, by=users["manager"])
    assert [a.title for a in error.value.activities] == ["Påsklovsteater"]
    assert "1 aktivitet i månaden är fortfarande planerad" in error.value.messages[0]
    report.refresh_from_db()
    assert report.state == MonthlyReport.State.SUBMITTED
    services.report_approve(report=report, by=users["manager"], planned_in_past_confirmed=True)
    report.refresh_from_db()
    assert report.state == MonthlyReport.State.APPROVED


def test_the_approve_step_lists_them_with_links_first(client, users, month):
    client.force_login(users["manager"])
    url = reverse("followup:vepaq", args=["kulturenheten", 2024, 3])
    page = client.get(url).content.decode()
    past = month["past"]
    warning = page.index('id="planned-in-past"')
    assert warning < page.index("Godkänn ändå")
    assert "1 aktivitet är fortfarande planerad fast datumet har passerat" in page
    assert reverse("activities:mark_done", args=[past.pk]) in page[warning:]
    assert reverse("activities:edit", args=[past.pk]) in page[warning:]
    assert "April" not in page[warning : page.index("Godkänn ändå")]

    response = client.post(url, {"action": "approve"}, follow=True)
    assert "fortfarande planerad" in response.content.decode()
    month["report"].refresh_from_db()
    assert month["report"].state == MonthlyReport.State.SUBMITTED

    client.post(url, {"action": "approve", "confirm_planned": "1"})
    month["report"].refresh_from_db()
    assert month["report"].state == MonthlyReport.State.APPROVED


def test_without_past_planned_activities_the_button_is_plain(client, users, month):
    month["past"].status = Status.CANCELLED
    month["past"].save()
    client.force_login(users["manager"])
    url = reverse("followup:vepaq", args=["kulturenheten", 2024, 3])
    page = client.get(url).content.decode()
    assert "planned-in-past" not in page and "Godkänn ändå" not in page
    client.post(url, {"action": "approve"})
    month["report"].refresh_from_db()
    assert month["report"].state == MonthlyReport.State.APPROVED
