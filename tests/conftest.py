"""Shared fixtures: a small unit tree and one user per role (as DESIGN's demo users)."""

import pytest

from culture_plan.models import Role, Unit
from tests.factories import MembershipFactory, PlanFactory, UnitFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing six users' passwords with PBKDF2 per test costs seconds; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _swedish_by_default():
    """Every test starts in Swedish, whatever language an earlier test activated."""
    from django.utils import translation

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
