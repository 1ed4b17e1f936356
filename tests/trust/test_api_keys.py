"""API keys are stored only as a hash (issue 21): `api_token` shows a key once, the database
and the admin never hold it as given, an old plain-text key is converted, and wrong keys are
throttled like wrong passwords."""

import importlib
import io
import types

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

from api.authentication import create_key

ANNUAL = "/api/v1/reports/annual/"
QUERY = {"unit": "kulturenheten", "year": 2024}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def api_token(username: str) -> str:
    out = io.StringIO()
    call_command("api_token", "--user", username, stdout=out)
    return out.getvalue().strip()


def everything_in_the_database() -> str:
    """Every value of every table, as text."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            parts.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(parts)


def client_with(key: str, address: str = "192.0.2.10") -> APIClient:
    client = APIClient(REMOTE_ADDR=address)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.mark.django_db(transaction=True)
def test_the_printed_key_works_and_is_nowhere_in_the_database(users, tree):
    key = api_token("politiker")
    assert len(key) == 64
    assert client_with(key).get(ANNUAL, QUERY).status_code == 200
    assert key not in everything_in_the_database()


@pytest.mark.django_db
def test_the_admin_never_shows_the_key(client, users, django_user_model):
    key = create_key(user=users["viewer"])
    admin = django_user_model.objects.create_superuser("superuser", password="x")
    client.force_login(admin)
    listing = client.get("/admin/knox/authtoken/")
    assert listing.status_code == 200 and "politiker" in listing.content.decode()
    assert key not in listing.content.decode()
    assert key[:20] not in listing.content.decode()


@pytest.mark.django_db
def test_wrong_keys_are_throttled_per_address_like_wrong_passwords(users, tree, settings):
    settings.API_KEY_FAILURE_LIMIT = 5
    key = create_key(user=users["viewer"])
    wrong = [client_with("0" * 64).get(ANNUAL, QUERY).status_code for _ in range(6)]
    assert wrong == [401] * 5 + [429]
    # The address is stopped, even with the right key; another address is not.
    assert client_with(key).get(ANNUAL, QUERY).status_code == 429
    assert client_with(key, address="192.0.2.99").get(ANNUAL, QUERY).status_code == 200


@pytest.mark.django_db
def test_rotate_revokes_the_earlier_keys(users, tree):
    old = api_token("politiker")
    out = io.StringIO()
    call_command("api_token", "--user", "politiker", "--rotate", stdout=out)
    new = out.getvalue().strip()
    assert client_with(old).get(ANNUAL, QUERY).status_code == 401
    assert client_with(new).get(ANNUAL, QUERY).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_an_old_plain_text_key_is_converted_and_its_table_dropped(users, tree):
    """The data migration on a database that still has rest_framework.authtoken's table."""
    old_key = "a" * 40
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {quote('authtoken_token')} ({quote('key')} varchar(40) PRIMARY KEY, "
            f"{quote('created')} timestamp NOT NULL, {quote('user_id')} integer NOT NULL)"
        )
        cursor.execute(
            f"INSERT INTO {quote('authtoken_token')} VALUES (%s, %s, %s)",
            [old_key, "2026-01-02 03:04:05", users["viewer"].pk],
        )
    migration = importlib.import_module("api.migrations.0001_hash_existing_api_keys")
    migration.hash_existing_keys(apps, types.SimpleNamespace(connection=connection))
    assert "authtoken_token" not in connection.introspection.table_names()
    assert client_with(old_key).get(ANNUAL, QUERY).status_code == 200
    assert old_key not in everything_in_the_database()


@pytest.mark.django_db
def test_the_schema_documents_the_token_header(users):
    client = APIClient()
    client.force_login(users["viewer"])
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert scheme["in"] == "header" and scheme["name"] == "Authorization"
