"""Indexes of the activity list's filters (issue 23), on PostgreSQL only.

- Free text (``?q=``): Django's ``icontains`` is ``UPPER(col) LIKE UPPER('%…%')``, which a
  pg_trgm GIN index on ``UPPER(title)`` and ``UPPER(description)`` answers without reading
  the table (1 000 000 activities: a sequential scan before).
- Kind and collaboration (``?kind=``, ``?collaboration=``): the list's totals sum the
  participants of the filtered rows of a period; an index on (filter, date) that includes
  what the totals read lets PostgreSQL answer them from the index alone.

SQLite has neither trigram indexes nor INCLUDE; its lists are one municipality's, small.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    (
        "activity_title_trgm",
        "CREATE INDEX IF NOT EXISTS activity_title_trgm ON activities_activity "
        "USING gin (UPPER(title) gin_trgm_ops)",
    ),
    (
        "activity_description_trgm",
        "CREATE INDEX IF NOT EXISTS activity_description_trgm ON activities_activity "
        "USING gin (UPPER(description) gin_trgm_ops)",
    ),
    (
        "activity_kind_date_totals",
        "CREATE INDEX IF NOT EXISTS activity_kind_date_totals ON activities_activity "
        "(kind, date) INCLUDE (status, girls, boys, other_gender, unit_id, id)",
    ),
    (
        "activity_collab_date_totals",
        "CREATE INDEX IF NOT EXISTS activity_collab_date_totals ON activities_activity "
        "(collaboration, date) INCLUDE (status, girls, boys, other_gender, unit_id, id)",
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _name, sql in INDEXES:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _sql in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0005_data_versions"),
    ]

    operations = [
        # CreateExtension does nothing on other databases.
        TrigramExtension(),
        migrations.RunPython(create, drop),
    ]
