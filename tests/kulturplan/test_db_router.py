"""The database router: reads that may lag to the replica, writes and what follows to the
primary (kulturplan/db_router.py). The decisions, without a second server; the fleet test
(test_fleet.py) runs them against a real streaming replica."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from activities.models import Activity
from kulturplan import db_router
from kulturplan.db_router import (
    PIN_COOKIE,
    PrimaryReplicaRouter,
    ReplicaRoutingMiddleware,
    primary_only,
    replica_reads,
)

router = PrimaryReplicaRouter()


@pytest.fixture
def replica(monkeypatch):
    """A replica alias that answers (no query is made: only the router's choice is read)."""
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    monkeypatch.setattr(db_router, "_replica_usable", lambda state: True)


def run(method, view, cookies=None):
    request = getattr(RequestFactory(), method.lower())("/")
    request.COOKIES.update(cookies or {})
    seen = []

    def get_response(request):
        seen.extend(view())
        return HttpResponse("ok")

    response = ReplicaRoutingMiddleware(get_response)(request)
    return seen, response


def test_without_a_replica_everything_is_on_default():
    with replica_reads():
        assert router.db_for_read(Activity) == "default"
    assert router.db_for_write(Activity) == "default"


def test_outside_a_request_reads_the_primary(replica):
    assert router.db_for_read(Activity) == "default"
    with replica_reads():
        assert router.db_for_read(Activity) == "replica"
        with primary_only():
            assert router.db_for_read(Activity) == "default"


def test_a_safe_request_reads_the_replica_without_a_pin_cookie(replica):
    seen, response = run("GET", lambda: [router.db_for_read(Activity)])
    assert seen == ["replica"]
    assert PIN_COOKIE not in response.cookies


def test_an_unsafe_request_reads_the_primary_and_pins_the_browser(replica):
    seen, response = run("POST", lambda: [router.db_for_read(Activity)])
    assert seen == ["default"]
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 10
    assert cookie["httponly"]
    assert float(cookie.value) > time.time()
    # The same browser's next GET (on any server) reads the primary while the cookie lasts.
    seen, _ = run("GET", lambda: [router.db_for_read(Activity)], {PIN_COOKIE: cookie.value})
    assert seen == ["default"]
    # An expired or garbled cookie pins nothing.
    expired = f"{time.time() - 1:.3f}"
    assert run("GET", lambda: [router.db_for_read(Activity)], {PIN_COOKIE: expired})[0] == [
        "replica"
    ]
    assert run("GET", lambda: [router.db_for_read(Activity)], {PIN_COOKIE: "x"})[0] == ["replica"]


def test_a_write_in_a_safe_request_pins_the_rest_of_it(replica):
    def view():
        before = router.db_for_read(Activity)
        assert router.db_for_write(Activity) == "default"
        return [before, router.db_for_read(Activity)]

    seen, response = run("GET", view)
    assert seen == ["replica", "default"]
    assert PIN_COOKIE in response.cookies


def test_saving_the_session_pins_nothing(replica):
    def view():
        router.db_for_write(Session)
        return [router.db_for_read(Activity)]

    seen, response = run("GET", view)
    assert seen == ["replica"]
    assert PIN_COOKIE not in response.cookies


@pytest.mark.django_db(transaction=True)
def test_reads_in_a_transaction_on_the_primary_stay_there(replica):
    def view():
        with transaction.atomic():
            return [router.db_for_read(Activity)]

    assert run("GET", view)[0] == ["default"]


def test_an_unreachable_replica_falls_back_to_the_primary(monkeypatch, settings):
    """The health check fails: reads go to the primary, the failure is remembered a while."""

    class Broken:
        def close_if_health_check_failed(self):
            pass

        def ensure_connection(self):
            raise OperationalError("connection refused")

        def close(self):
            pass

    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    monkeypatch.setattr(db_router, "connections", {"replica": Broken(), "default": _Default()})
    monkeypatch.setattr(db_router, "_replica_down_until", 0.0)
    assert run("GET", lambda: [router.db_for_read(Activity)])[0] == ["default"]
    assert db_router._replica_down_until > time.monotonic()


class _Default:
    in_atomic_block = False


def test_migrations_only_on_default():
    assert router.allow_migrate("default", "activities")
    assert not router.allow_migrate("replica", "activities")
