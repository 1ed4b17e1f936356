"""Reads that may lag to the read replica, everything else to the primary (issue 23).

With DATABASE_REPLICA_URL set, settings adds a second alias, ``replica``, a PostgreSQL
streaming standby of ``default``. The rule, in one place:

- Every write goes to the primary (``default``); migrations run only there.
- A read goes to the replica only inside a request with a safe method (GET, HEAD, OPTIONS)
  that ``ReplicaRoutingMiddleware`` marked as one whose reads may lag: the pages and reports.
  Commands, the shell and tests read the primary unless they ask for ``replica_reads()``.
- Read-your-writes: a request with an unsafe method (POST, PUT, PATCH, DELETE) is pinned to
  the primary from its start; so is the rest of any request once it writes (other than its
  session), and so is every read inside a transaction on the primary. After such a request
  the response carries a short-lived cookie (DATABASE_REPLICA_PIN_SECONDS, 10 s by default)
  under which the same browser's next requests read the primary too, on whichever app
  server they land, so that the page after "Spara" shows what was saved even when the
  replica is a moment behind.
- The replica down: the first read of a request checks the replica's connection (Django's
  health check, CONN_HEALTH_CHECKS); if it cannot be had, reads go to the primary and the
  replica is tried again after DATABASE_REPLICA_RETRY_SECONDS (5 s).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"
PIN_COOKIE = "kp_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Writes that do not make a request's later reads need the primary: its own session row.
UNPINNING_APPS = frozenset({"sessions"})

logger = logging.getLogger(__name__)


@dataclass
class _Routing:
    replica_ok: bool = False  # reads may lag (a safe request, not pinned)
    wrote: bool = False  # this request wrote something (other than its session)
    replica_checked: bool | None = None  # the replica's connection checked this request


_state: contextvars.ContextVar[_Routing | None] = contextvars.ContextVar(
    "kulturplan_db_routing", default=None
)
_replica_down_until = 0.0


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def pin_seconds() -> int:
    return int(getattr(settings, "DATABASE_REPLICA_PIN_SECONDS", 10))


@contextlib.contextmanager
def replica_reads():
    """Reads in this block may come from the replica (a request's middleware, a report)."""
    token = _state.set(_Routing(replica_ok=True))
    try:
        yield
    finally:
        _state.reset(token)


@contextlib.contextmanager
def primary_only():
    """Every read in this block from the primary."""
    token = _state.set(_Routing(replica_ok=False))
    try:
        yield
    finally:
        _state.reset(token)


def pin_to_primary() -> None:
    """The rest of this request (or block) reads the primary."""
    state = _state.get()
    if state is not None:
        state.replica_ok = False


def wrote() -> bool:
    state = _state.get()
    return bool(state and state.wrote)


def _replica_usable(state: _Routing) -> bool:
    """Whether the replica answers; checked once a request, a failure remembered a while."""
    global _replica_down_until
    if state.replica_checked is not None:
        return state.replica_checked
    if time.monotonic() < _replica_down_until:
        state.replica_checked = False
        return False
    connection = connections[REPLICA]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
        state.replica_checked = True
    except DatabaseError as error:
        with contextlib.suppress(DatabaseError):
            connection.close()
        retry = float(getattr(settings, "DATABASE_REPLICA_RETRY_SECONDS", 5))
        _replica_down_until = time.monotonic() + retry
        logger.warning("Read replica unavailable, reading the primary for %s s: %s", retry, error)
        state.replica_checked = False
    return state.replica_checked


class PrimaryReplicaRouter:
    """DATABASE_ROUTERS entry; a no-op (everything on default) without a replica alias."""

    def db_for_read(self, model, **hints):
        state = _state.get()
        if state is None or not state.replica_ok or not replica_configured():
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            # A transaction on the primary reads what it is about to change there.
            return DEFAULT_DB_ALIAS
        return REPLICA if _replica_usable(state) else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        state = _state.get()
        if state is not None and model._meta.app_label not in UNPINNING_APPS:
            state.wrote = True
            state.replica_ok = False
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaRoutingMiddleware:
    """Marks safe requests' reads as ones that may lag, pins the rest and the next few
    seconds of a browser that just wrote (the cookie) to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in SAFE_METHODS
        token = _state.set(_Routing(replica_ok=safe and not self._pinned_by_cookie(request)))
        try:
            response = self.get_response(request)
            state = _state.get()
            if (not safe or state.wrote) and replica_configured():
                self._set_cookie(response)
            return response
        finally:
            _state.reset(token)

    @staticmethod
    def _pinned_by_cookie(request) -> bool:
        try:
            until = float(request.COOKIES.get(PIN_COOKIE, "0"))
        except ValueError:
            return False
        return until > time.time()

    @staticmethod
    def _set_cookie(response) -> None:
        seconds = pin_seconds()
        response.set_cookie(
            PIN_COOKIE,
            f"{time.time() + seconds:.3f}",
            max_age=seconds,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
