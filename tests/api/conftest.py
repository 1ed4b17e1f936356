"""API clients: DRF's APIClient with a user's token in the Authorization header."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from api.authentication import create_key


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Throttle counts live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token_client(users):
    """token_client("viewer") -> an APIClient sending `Authorization: Token KEY` of that user."""

    def make(role: str) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {create_key(user=users[role])}")
        return client

    return make
