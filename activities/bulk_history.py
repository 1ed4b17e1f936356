"""History rows for rows inserted in bulk, written by the database (INSERT … SELECT).

simple_history's bulk API (``bulk_create_with_history`` and ``bulk_history_create``) builds
one historical model object per row and Django compiles its INSERT value by value; for the
Excel import's 10 000 activities and 35 000 goal and partner links that made the write three
times slower than this helper (README, "Benchmarks"), and the import over its 5 s target. So
the records are copied from the rows just written, in SQL, with every name read from the
models: the tables and columns from ``Model._meta``, the historical model from
``model.history.model``, the m2m history model of a field from
``model.history.model.<field>.model``, the through table's columns from the field. No
private attribute of simple_history or Django is used.

What is written is what simple_history writes for a created row ("+", the user, the change
reason, one ``history_date`` for the whole batch) and, for each m2m field it tracks, the
links of that record. ``tests/activities/test_bulk_history.py`` compares the helper's rows,
column for column, with the rows ``bulk_history_create`` and a save write, so a new column
or another layout in a later simple_history fails there first.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import connections
from django.utils import timezone

# Ids per `IN (…)` list: below SQLite's 999 bound parameters, with room for a few more.
ID_CHUNK = 900

# The columns simple_history adds to a historical model beside the tracked fields.
HISTORY_FIELDS = ("history_date", "history_change_reason", "history_type", "history_user")


def history_enabled() -> bool:
    return getattr(settings, "SIMPLE_HISTORY_ENABLED", True)


def _chunks(items: list, size: int = ID_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert_select(cursor, *, into: str, select: str, params: list, key: str, ids: list):
    """INSERT INTO `into` SELECT `select` WHERE `key` IN (ids), a chunk of ids a statement,
    rows in the order of `key`. Names come from the models' _meta, quoted; every value is a
    bound parameter."""
    for chunk in _chunks(ids):
        marks = ", ".join(["%s"] * len(chunk))
        cursor.execute(
            f"INSERT INTO {into} SELECT {select} WHERE {key} IN ({marks}) ORDER BY {key}",
            [*params, *chunk],
        )


def created_history(model, *, ids: list[int], user, reason: str) -> datetime.datetime | None:
    """The first history record ("+", created) of each of these rows of `model`, copied from
    the rows in the database. Returns the records' history_date (one moment for all), or
    None when history is switched off or there are no rows."""
    if not ids or not history_enabled():
        return None
    historical = model.history.model
    database = connections[model.objects.db]
    quote = database.ops.quote_name
    if user is None:
        user = historical.get_default_history_user(None)
    history_date = timezone.now()
    meta = historical._meta
    tracked = ", ".join(quote(field.column) for field in historical.tracked_fields)
    extra = ", ".join(quote(meta.get_field(name).column) for name in HISTORY_FIELDS)
    values = [
        meta.get_field("history_date").get_db_prep_save(history_date, database),
        reason,
        "+",
        user.pk if user is not None else None,
    ]
    with database.cursor() as cursor:
        _insert_select(
            cursor,
            into=f"{quote(meta.db_table)} ({tracked}, {extra})",
            select=f"{tracked}, %s, %s, %s, %s FROM {quote(model._meta.db_table)}",
            params=values,
            key=quote(model._meta.pk.column),
            ids=ids,
        )
    return history_date


def link_history(model, *, field_name: str, ids: list[int], history_date) -> None:
    """Copy the links of m2m field `field_name` of these rows onto their history records of
    `history_date` (what simple_history's m2m tracking writes after a save): one INSERT …
    SELECT from the through table joined to the records."""
    if not ids or history_date is None:
        return
    field = model._meta.get_field(field_name)
    through = field.remote_field.through._meta
    historical = model.history.model
    record = historical._meta
    copy = getattr(historical, field_name).model._meta
    database = connections[model.objects.db]
    quote = database.ops.quote_name
    own = quote(through.get_field(field.m2m_field_name()).column)
    other_name = field.m2m_reverse_field_name()
    other = quote(through.get_field(other_name).column)
    columns = [
        copy.get_field(name).column
        for name in (through.pk.name, field.m2m_field_name(), other_name, "history")
    ]
    record_of = quote(record.get_field(model._meta.pk.name).column)
    record_date = quote(record.get_field("history_date").column)
    with database.cursor() as cursor:
        _insert_select(
            cursor,
            into=f"{quote(copy.db_table)} ({', '.join(map(quote, columns))})",
            select=(
                f"link.{quote(through.pk.column)}, link.{own}, link.{other}, "
                f"record.{quote(record.pk.column)} FROM {quote(through.db_table)} link "
                f"JOIN {quote(record.db_table)} record "
                f"ON record.{record_of} = link.{own} AND record.{record_date} = %s"
            ),
            params=[record.get_field("history_date").get_db_prep_save(history_date, database)],
            key=f"link.{own}",
            ids=ids,
        )
