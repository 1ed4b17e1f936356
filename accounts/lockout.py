"""The sign-in ceiling per account (DESIGN "Trust: sign-in"): beyond django-axes' lock of one
username from one address (AXES_FAILURE_LIMIT, 5), an account that has had
AXES_ACCOUNT_FAILURE_LIMIT (20) failed sign-ins from any number of addresses within
AXES_COOLOFF_TIME (15 minutes after the latest) is refused from every address, so that many
addresses guessing one password are stopped too. Counted from axes' own attempt rows in the
database, so every app server sees the same count."""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def account_failures(request, credentials: dict | None = None) -> int:
    """Failed sign-ins of the username in `credentials` across all addresses, within the
    cool-off time."""
    username = get_client_username(request, credentials)
    if not username:
        return 0
    attempts = AccessAttempt.objects.filter(username=username)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AccountCeilingHandler(AxesDatabaseHandler):
    """axes' database handler, also locked when the account's ceiling is reached."""

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        return account_failures(request, credentials) >= settings.AXES_ACCOUNT_FAILURE_LIMIT
