"""activities.bulk_history writes the history rows of a bulk insert in SQL: they must be what
simple_history itself writes, column for column, so that a new column or another layout in a
later simple_history fails here before an import writes incomplete history."""

import datetime

import pytest

from activities import bulk_history
from activities.models import Activity
from tests.factories import ActivityFactory, GoalFactory, PartnerFactory

pytestmark = pytest.mark.django_db

M2M = {"goals": "goal", "partners": "partner", "co_arrangers": "unit"}


def _columns(model) -> set[str]:
    return {field.column for field in model._meta.concrete_fields}


def test_the_historical_tables_hold_only_what_the_helper_fills():
    """Every column of the history table is a tracked field, one of simple_history's own
    columns the helper fills, or the record's key; every column of an m2m history table is a
    through column, the record, or the copy's key."""
    historical = Activity.history.model
    meta = historical._meta
    filled = {field.column for field in historical.tracked_fields} | {
        meta.get_field(name).column for name in bulk_history.HISTORY_FIELDS
    }
    assert _columns(historical) == filled | {meta.pk.column}
    for name in M2M:
        through = Activity._meta.get_field(name).remote_field.through
        copy = getattr(historical, name).model
        assert _columns(copy) == _columns(through) | {
            copy._meta.get_field("history").column,
            copy._meta.pk.column,
        }


def _records(ids):
    return {
        row.pop("id"): row
        for row in Activity.history.filter(id__in=ids)
        .order_by("id")
        .values(*[f.attname for f in Activity.history.model._meta.concrete_fields])
    }


def test_created_history_is_what_bulk_history_create_writes(tree, users):
    unit = tree["culture"]
    made = Activity.objects.bulk_create(
        [
            Activity(unit=unit, title="Första", date=datetime.date(2024, 3, 1), girls=3),
            Activity(unit=unit, title="Andra", date=datetime.date(2024, 4, 2), status="planned"),
        ]
    )
    ids = [activity.pk for activity in made]
    history_date = bulk_history.created_history(
        Activity, ids=ids, user=users["staff"], reason="Import från Excel"
    )
    ours = _records(ids)
    Activity.history.filter(id__in=ids).delete()
    Activity.history.bulk_history_create(
        Activity.objects.filter(pk__in=ids).order_by("pk"),
        default_user=users["staff"],
        default_change_reason="Import från Excel",
        default_date=history_date,
    )
    theirs = _records(ids)
    for rows in (ours, theirs):
        for row in rows.values():
            row.pop("history_id")
    assert ours == theirs
    assert len(ours) == 2


def test_link_history_is_what_a_save_writes(tree, users):
    """The helper's copies of the links carry the link's id, the activity, the other side and
    the record, as simple_history's m2m tracking writes them on the record of a saved activity
    with the same links."""
    unit = tree["culture"]
    saved = ActivityFactory(unit=unit)
    saved.goals.set([GoalFactory()])
    saved.partners.set([PartnerFactory(unit=unit), PartnerFactory(unit=unit)])
    saved.co_arrangers.set([tree["library"]])
    (bulk,) = Activity.objects.bulk_create([Activity(unit=unit, title="Bulk", date=saved.date)])
    for name, target in M2M.items():
        through = Activity._meta.get_field(name).remote_field.through
        through.objects.bulk_create(
            through(activity_id=bulk.pk, **{f"{target}_id": other})
            for other in through.objects.filter(activity=saved).values_list(target, flat=True)
        )
    history_date = bulk_history.created_history(
        Activity, ids=[bulk.pk], user=users["staff"], reason="Import från Excel"
    )
    for name in M2M:
        bulk_history.link_history(
            Activity, field_name=name, ids=[bulk.pk], history_date=history_date
        )
    (record,) = bulk.history.all()
    latest = saved.history.order_by("-history_date", "-history_id").first()
    for name, target in M2M.items():
        through = Activity._meta.get_field(name).remote_field.through
        key = f"{target}_id"
        fields = ("id", "activity_id", key, "history_id")
        ours = sorted(
            tuple(getattr(copy, f) for f in fields) for copy in getattr(record, name).all()
        )
        assert ours == sorted(
            (link.pk, bulk.pk, getattr(link, key), record.history_id)
            for link in through.objects.filter(activity=bulk)
        )
        theirs = sorted(
            (getattr(copy, key), copy.activity_id == saved.pk, copy.history_id == latest.pk)
            for copy in getattr(latest, name).all()
        )
        assert theirs == sorted((row[2], True, True) for row in ours)


def test_nothing_is_written_without_rows_or_with_history_off(tree, settings):
    assert bulk_history.created_history(Activity, ids=[], user=None, reason="") is None
    settings.SIMPLE_HISTORY_ENABLED = False
    (made,) = Activity.objects.bulk_create(
        [Activity(unit=tree["culture"], title="Utan", date=datetime.date(2024, 3, 1))]
    )
    assert bulk_history.created_history(Activity, ids=[made.pk], user=None, reason="") is None
    assert not made.history.exists()
