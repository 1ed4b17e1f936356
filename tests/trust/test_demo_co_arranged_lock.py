"""Issue 21's bar, on the demo: an activity of another unit co-arranged by Kulturenheten, in a
month Kulturenheten approved, refuses save and delete through the model (and a change of its
co-arrangers), and Kulturenheten's figures of that month stay as approved."""

import json

import pytest
from django.db import transaction

from activities.models import Activity, ClosedMonth, MonthLockedError
from culture_plan.models import Unit
from followup.reports import vepaq_report


def figures(unit, year, month) -> str:
    report = vepaq_report(unit=unit, year=year, month=month)
    return json.dumps(
        {key: report[key] for key in ("activities", "participants", "youth_share")},
        default=str,
        sort_keys=True,
    )


@pytest.mark.django_db
def test_a_co_arranged_activity_in_kulturenhetens_approved_month_is_locked(demo):
    culture = Unit.objects.get(slug="kulturenheten")
    closed = set(ClosedMonth.objects.filter(unit=culture).values_list("year", "month"))
    joint = [
        activity
        for activity in Activity.objects.filter(co_arrangers=culture).exclude(unit=culture)
        if (activity.date.year, activity.date.month) in closed
    ]
    assert joint, "the demo has a co-arranged activity in a month Kulturenheten approved"
    activity = joint[0]
    year, month = activity.date.year, activity.date.month
    assert not ClosedMonth.is_closed(unit=activity.unit, year=year, month=month)
    before = figures(culture, year, month)

    activity.girls += 55
    with pytest.raises(MonthLockedError) as raised:
        activity.save()
    assert raised.value.messages[0].startswith("Kulturenheten har godkänt ")
    with pytest.raises(MonthLockedError):
        Activity.objects.get(pk=activity.pk).delete()
    with pytest.raises(MonthLockedError), transaction.atomic():
        Activity.objects.get(pk=activity.pk).co_arrangers.clear()

    assert Activity.objects.filter(pk=activity.pk, co_arrangers=culture).exists()
    assert figures(culture, year, month) == before
