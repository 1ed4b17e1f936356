"""The public pages read in a fixed number of queries, whatever the number of events."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import Status
from tests.factories import ActivityFactory, PlaceFactory


def make_public(unit, place, n: int) -> None:
    today = timezone.localdate()
    for i in range(n):
        ActivityFactory(
            unit=unit,
            date=today + datetime.timedelta(days=1 + i % 60),
            status=Status.PLANNED,
            is_public=True,
            start_time=datetime.time(18, 0),
            place=place,
        )


def queries(django_assert_max_num_queries, client, url, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["public:calendar", "public:calendar_feed", "public:statistics_json"]
)
def test_queries_do_not_grow_with_events(client, tree, name, django_assert_max_num_queries):
    place = PlaceFactory(unit=tree["culture"], name="Flen")
    make_public(tree["culture"], place, 3)
    few = queries(django_assert_max_num_queries, client, reverse(name), 8)
    make_public(tree["culture"], place, 60)
    many = queries(django_assert_max_num_queries, client, reverse(name), 8)
    assert many == few
