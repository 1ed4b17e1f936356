"""Shared fixtures: a small unit tree and one user per role (as DESIGN's demo users), and the
demo database, seeded once per test session (tests/demo_db.py)."""

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from culture_plan.models import Role, Unit
from demo.seed import seed_demo
from tests.demo_db import Snapshot
from tests.factories import MembershipFactory, PlanFactory, UnitFactory, UserFactory

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing six users' passwords with PBKDF2 per test costs seconds; tests need no strength."""
    settings.PASSWORD_HASHERS = [FAST_HASHER]


@pytest.fixture(autouse=True)
def _swedish_by_default():
    """Every test starts in Swedish, whatever language an earlier test activated."""
    translation.activate("sv")
    yield
    translation.activate("sv")


@pytest.fixture
def tree(db):
    """flens-kommun → bukf → kulturenheten, bibliotek; plus an unrelated municipality."""
    municipality = UnitFactory(
        slug="flens-kommun", name="Flens kommun", kind=Unit.Kind.MUNICIPALITY
    )
    administration = UnitFactory(
        slug="bukf",
        name="Barn-, utbildnings- och kulturförvaltningen",
        kind=Unit.Kind.ADMINISTRATION,
        parent=municipality,
    )
    culture = UnitFactory(slug="kulturenheten", name="Kulturenheten", parent=administration)
    library = UnitFactory(slug="bibliotek", name="Bibliotek", parent=administration)
    other = UnitFactory(slug="annan-kommun", name="Annan kommun", kind=Unit.Kind.MUNICIPALITY)
    return {
        "municipality": municipality,
        "administration": administration,
        "culture": culture,
        "library": library,
        "other": other,
    }


@pytest.fixture
def users(tree):
    """anonymous is None; the others hold the roles DESIGN gives the demo users."""

    def member(username, unit, role, **extra):
        user = UserFactory(username=username, **extra)
        MembershipFactory(user=user, unit=unit, role=role)
        return user

    return {
        "anonymous": None,
        "staff": member("medarbetare", tree["culture"], Role.STAFF),
        "manager": member("chef", tree["culture"], Role.MANAGER),
        "viewer": member("politiker", tree["municipality"], Role.VIEWER),
        "admin": member("admin", tree["municipality"], Role.ADMIN),
        "other_manager": member("chef-bibliotek", tree["library"], Role.MANAGER),
    }


@pytest.fixture
def flen_plan(tree):
    plan = PlanFactory(
        unit=tree["municipality"], steward=tree["culture"], name="Kulturplan 2022–2025"
    )
    return plan


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """`seed_demo` run once per session (per xdist worker); the database is then put back as
    it was, and each test that asks for `demo` gets the seeded rows copied back."""
    snapshot = Snapshot()
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        snapshot.take("before_demo")
        seed_demo()
        snapshot.take("demo")
        snapshot.restore("before_demo")
    return snapshot


@pytest.fixture
def demo(demo_snapshot, db):
    """The demo data of `seed_demo` (users with the demo password, the Flen plan, activities),
    in this test's transaction (or, for live-server tests, flushed after it)."""
    demo_snapshot.restore("demo")


@pytest.fixture(scope="module")
def demo_module(demo_snapshot, django_db_blocker):
    """The demo for a whole module of read-mostly tests, rolled back at the module's end."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_snapshot.restore("demo")
        yield
        transaction.set_rollback(True)
