"""The demo database, built once per test session and restored for each test that needs it.

`seed_demo` costs about ten seconds; copying its rows back from a snapshot costs a fraction of
one. The snapshot lives beside the test database on the same connection: an attached
in-memory database on SQLite, a schema of its own on PostgreSQL. Restoring replaces every
table's rows (history, sessions and the summary tables included) and the sequences, so a test
sees exactly what `seed_demo` left, whatever ran before it.

With pytest-xdist each worker has its own test database and so its own snapshot.
"""

import os
import sqlite3

from django.core.cache import caches
from django.db import connection, transaction

# SQLite reserves the name sqlite_sequence, so its copy goes by another.
SQLITE_SEQUENCES = ("sqlite_sequence", "kp_sqlite_sequence")


class Snapshot:
    """Named copies of every table of the default database, taken and restored in SQL."""

    def __init__(self):
        self.vendor = connection.vendor
        self.sequences: dict[str, list[tuple[str, int, bool]]] = {}
        # SQLite: a shared in-memory database per snapshot, kept alive by a connection of our
        # own, so that a new Django connection (live-server tests get one) can attach it too.
        self._keep_alive: dict[str, sqlite3.Connection] = {}

    def tables(self) -> list[str]:
        with connection.cursor() as cursor:
            return sorted(connection.introspection.table_names(cursor))

    def _sqlite_pairs(self) -> list[tuple[str, str]]:
        return [*((table, table) for table in self.tables()), SQLITE_SEQUENCES]

    def _sqlite_uri(self, namespace: str) -> str:
        return f"file:{namespace}_{os.getpid()}?mode=memory&cache=shared"

    def _sqlite_attach(self, namespace: str) -> None:
        """Attaches the snapshot to this connection if it is not yet (SQLite refuses ATTACH
        inside a transaction, so a test's transaction must start on the connection that took
        the snapshot; live-server tests run in autocommit)."""
        with connection.cursor() as cursor:
            attached = {row[1] for row in cursor.execute("PRAGMA database_list").fetchall()}
            if namespace not in attached:
                cursor.execute("ATTACH DATABASE %s AS " + namespace, [self._sqlite_uri(namespace)])

    def _namespace(self, name: str) -> str:
        return f"kp_snapshot_{name}"

    def take(self, name: str) -> None:
        """Copies every table (autocommit, outside any test's transaction)."""
        namespace = self._namespace(name)
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                if namespace in self._keep_alive:
                    self._keep_alive.pop(namespace).close()
                    cursor.execute(f"DETACH DATABASE {namespace}")
                uri = self._sqlite_uri(namespace)
                self._keep_alive[namespace] = sqlite3.connect(uri, uri=True)
                cursor.execute("ATTACH DATABASE %s AS " + namespace, [uri])
                for table, copy in self._sqlite_pairs():
                    cursor.execute(
                        f"CREATE TABLE {namespace}.{quote(copy)} AS "
                        f"SELECT * FROM main.{quote(table)}"
                    )
            else:
                cursor.execute(f"DROP SCHEMA IF EXISTS {namespace} CASCADE")
                cursor.execute(f"CREATE SCHEMA {namespace}")
                for table in self.tables():
                    cursor.execute(
                        f"CREATE TABLE {namespace}.{quote(table)} AS "
                        f"SELECT * FROM public.{quote(table)}"
                    )
                cursor.execute(
                    "SELECT sequencename, COALESCE(last_value, 1), last_value IS NOT NULL "
                    "FROM pg_sequences WHERE schemaname = 'public'"
                )
                self.sequences[name] = cursor.fetchall()

    def restore(self, name: str) -> None:
        """Puts the copy back in one transaction (a savepoint inside a test's transaction)."""
        namespace = self._namespace(name)
        quote = connection.ops.quote_name
        tables = self.tables()
        if self.vendor == "sqlite":
            self._sqlite_attach(namespace)
        with transaction.atomic(), connection.cursor() as cursor:
            if self.vendor == "sqlite":
                cursor.execute("PRAGMA defer_foreign_keys = ON")
                for table, copy in self._sqlite_pairs():
                    cursor.execute(f"DELETE FROM main.{quote(table)}")
                    cursor.execute(
                        f"INSERT INTO main.{quote(table)} SELECT * FROM {namespace}.{quote(copy)}"
                    )
                cursor.execute("PRAGMA defer_foreign_keys = OFF")
            else:
                cursor.execute("TRUNCATE " + ", ".join(f"public.{quote(t)}" for t in tables))
                for table in tables:
                    cursor.execute(
                        f"INSERT INTO public.{quote(table)} "
                        f"SELECT * FROM {namespace}.{quote(table)}"
                    )
                for sequence, value, called in self.sequences[name]:
                    cursor.execute(
                        "SELECT setval(%s, %s, %s)", [f"public.{quote(sequence)}", value, called]
                    )
        for cache in caches.all():
            cache.clear()
