"""Abuse limits of the public answer page (DESIGN "Evaluation": one answer per device and
survey). The device is recognised by a signed cookie that names the surveys it answered;
each address may send a bounded number of answers a minute (the cache, shared between app
servers when CACHES says so). Nothing here stores who answered."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.core.signing import BadSignature

COOKIE = "kp_answered"
COOKIE_SALT = "evaluation.answered"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365
MAX_REMEMBERED = 50
ANSWERS_PER_MINUTE = 10


def answered_tokens(request) -> list[str]:
    try:
        value = request.get_signed_cookie(COOKIE, default="", salt=COOKIE_SALT)
    except BadSignature:
        return []
    return [token for token in value.split(",") if token]


def has_answered(request, token: str) -> bool:
    """Whether this device has already answered the survey."""
    return token in answered_tokens(request)


def remember_answer(request, response, token: str) -> None:
    tokens = [t for t in answered_tokens(request) if t != token][-(MAX_REMEMBERED - 1) :]
    response.set_signed_cookie(
        COOKIE,
        ",".join([*tokens, token]),
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def _key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return "evaluation-throttle:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def throttled(request) -> bool:
    """Counts this answer against the address's minute; True once it is over the limit."""
    key = _key(request)
    cache.add(key, 0, timeout=60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60)
        count = 1
    return count > ANSWERS_PER_MINUTE
