"""API keys (DESIGN "Open and connected": `Authorization: Token KEY`), stored only as a hash.

django-rest-knox keeps a SHA-512 digest of each key and its first 15 characters to find it,
never the key itself; `manage.py api_token` shows a new key once, when it is made. Wrong keys
are throttled like wrong passwords (django-axes): `API_KEY_FAILURE_LIMIT` wrong keys from one
address within `AXES_COOLOFF_TIME` and that address gets 429 for any key until the time has
passed, counted in the cache (like DRF's own throttles) and logged."""

from __future__ import annotations

import logging

from axes.helpers import get_client_ip_address, get_cool_off
from django.conf import settings
from django.core.cache import cache
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from rest_framework import exceptions
from rest_framework.authentication import get_authorization_header

logger = logging.getLogger(__name__)
KEYWORD = b"token"


def failure_key(request) -> str:
    return f"api-key-failures:{get_client_ip_address(request) or 'unknown'}"


def _cool_off_seconds(request) -> int:
    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds()) if cool_off else 15 * 60


def create_key(*, user, revoke_others: bool = False) -> str:
    """A new key for `user`, returned once (only its hash is stored). With `revoke_others`,
    the user's earlier keys stop working."""
    if revoke_others:
        AuthToken.objects.filter(user=user).delete()
    _token, key = AuthToken.objects.create(user=user, expiry=None)
    return key


class HashedTokenAuthentication(TokenAuthentication):
    """knox's token check, answering 429 to an address after too many wrong keys."""

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD:
            return None
        key = failure_key(request)
        if cache.get(key, 0) >= settings.API_KEY_FAILURE_LIMIT:
            raise exceptions.Throttled(wait=_cool_off_seconds(request))
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            if not cache.add(key, 1, timeout=_cool_off_seconds(request)):
                try:
                    cache.incr(key)
                except ValueError:  # expired between add and incr
                    cache.set(key, 1, timeout=_cool_off_seconds(request))
            logger.warning("API: wrong key from %s", get_client_ip_address(request))
            raise


class HashedTokenScheme(OpenApiAuthenticationExtension):
    """The schema's security scheme for HashedTokenAuthentication: `Authorization: Token KEY`."""

    target_class = "api.authentication.HashedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token-based authentication with required prefix `Token`: "
            "`Authorization: Token NYCKEL` (manage.py api_token).",
        }
