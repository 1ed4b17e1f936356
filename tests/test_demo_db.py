"""The demo database of the session (tests/demo_db.py): each test gets the seeded rows as
`seed_demo` left them, whatever the test before it wrote, and new rows get fresh ids."""

import datetime

import pytest
from django.apps import apps

from activities.models import Activity
from culture_plan.models import Unit


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.fixture(scope="module")
def counts_of_the_demo():
    return {}


@pytest.mark.parametrize("round_", [1, 2])
def test_each_test_gets_the_demo_as_seeded(demo, counts_of_the_demo, round_):
    counts = row_counts()
    assert counts["activities.Activity"] > 400
    assert counts_of_the_demo.setdefault("counts", counts) == counts
    assert not Activity.objects.filter(title__in=["Ändrad i ett test", "Ny i ett test"]).exists()
    # Written here, gone in the next round.
    some = list(Activity.objects.values_list("pk", flat=True)[:50])
    Activity.objects.filter(pk__in=some).update(title="Ändrad i ett test")
    Activity.objects.create(
        unit=Unit.objects.get(slug="bibliotek"),
        title="Ny i ett test",
        date=datetime.date(2026, 1, 10),
    )
    Unit.objects.filter(slug="kulturenheten").update(name="Ändrad i ett test")


def test_new_rows_get_ids_after_the_demos(demo):
    highest = Activity.objects.order_by("-pk").values_list("pk", flat=True).first()
    unit = Unit.objects.get(slug="kulturenheten")
    assert unit.name == "Kulturenheten"
    copy = Activity.objects.filter(unit=unit).first()
    copy.pk = None
    copy.save()
    assert copy.pk > highest


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_gets_the_demo_too(demo):
    assert Unit.objects.get(slug="kulturenheten").name == "Kulturenheten"
    assert Activity.objects.count() > 400


@pytest.mark.django_db
def test_without_the_demo_the_database_is_empty():
    assert not Activity.objects.exists()
    assert not Unit.objects.exists()
