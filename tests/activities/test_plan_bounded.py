"""The activity plan lists at most PLAN_MONTH_ROWS activities a month (issue 17)."""

import datetime

import pytest

from activities import summaries
from activities.models import Activity, Status
from activities.selectors import PLAN_MONTH_ROWS

pytestmark = pytest.mark.django_db


def test_a_busy_month_lists_the_first_forty_and_links_to_all(client, tree, users):
    made = Activity.objects.bulk_create(
        Activity(
            unit=tree["culture"],
            title=f"Läxhjälp {number}",
            date=datetime.date(2024, 6, 1 + number % 28),
            status=Status.PLANNED,
            target_10_12=True,
        )
        for number in range(PLAN_MONTH_ROWS + 5)
    )
    summaries.record_created(activity.pk for activity in made)
    Activity.objects.create(
        unit=tree["culture"], title="Julmarknad", date=datetime.date(2024, 12, 13)
    )
    client.force_login(users["staff"])
    response = client.get("/aktiviteter/plan/kulturenheten/2024/")
    months = response.context["months"]
    june, december = months[5], months[11]
    assert len(june["activities"]) == PLAN_MONTH_ROWS and june["total"] == PLAN_MONTH_ROWS + 5
    assert [a.date for a in june["activities"]] == sorted(a.date for a in june["activities"])
    assert len(december["activities"]) == 1
    assert response.context["total"]() == PLAN_MONTH_ROWS + 6  # computed only if not cached
    page = response.content.decode()
    assert "Visar de 40 första av 45 aktiviteter." in page
    assert 'href="/uppfoljning/kulturenheten/vepaq/2024/6/#activities-heading"' in page
