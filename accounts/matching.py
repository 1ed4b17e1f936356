"""Who a person signed in by the municipality's identity provider is in Kulturplan.

Single sign-on proves who someone is; what they may do stays in the app (memberships). So a
signed-in person is matched to an existing, active user and nobody is created: an unknown
person is refused, and an administrator adds the user (and their roles) first.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model


def match_user(*, email: str | None, username: str | None):
    """The one active user with this e-mail address, else the one with this username.

    Both compare case-insensitively (identity providers spell addresses as they like). An
    e-mail or username shared by several users matches none of them: guessing would sign
    someone in as another person.
    """
    users = get_user_model().objects.filter(is_active=True)
    for field, value in (("email", email), ("username", username)):
        value = (value or "").strip()
        if not value:
            continue
        found = list(users.filter(**{f"{field}__iexact": value})[:2])
        if len(found) == 1:
            return found[0]
    return None
