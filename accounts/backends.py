"""Authentication backends: throttling first, then the single sign-on protocols."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from djangosaml2.backends import Saml2Backend
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.matching import match_user

# Where identity providers usually put the e-mail address and the username (after pysaml2's
# attribute maps have turned urn:oid names into friendly ones).
SAML_EMAIL_ATTRIBUTES = ("mail", "email", "emailAddress")
SAML_USERNAME_ATTRIBUTES = ("uid", "sAMAccountName", "eduPersonPrincipalName")


class ThrottlingBackend(AxesStandaloneBackend):
    """django-axes' lockout check (5 failures per username and address → 15 minutes).

    Every sign-in over the web passes a request and is checked. A call without a request
    (Django's test client `login()`, the shell) has no address to throttle and no lockout page
    to show; axes would raise, here it is let through to the password check as Django does.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class MunicipalOIDCBackend(OIDCAuthenticationBackend):
    """OpenID Connect sign-in matched to an existing user (never creates one)."""

    def verify_claims(self, claims):
        return bool(claims.get("email") or claims.get("preferred_username"))

    def filter_users_by_claims(self, claims):
        user = match_user(email=claims.get("email"), username=claims.get("preferred_username"))
        users = get_user_model().objects
        return users.filter(pk=user.pk) if user else users.none()

    def create_user(self, claims):  # pragma: no cover - OIDC_CREATE_USER is False
        return None

    def update_user(self, user, claims):
        """The identity provider changes nothing of the user: names and roles stay the app's."""
        return user


class MunicipalSAMLBackend(Saml2Backend):
    """SAML 2.0 sign-in matched to an existing user by e-mail or username (never creates one)."""

    def _extract_user_identifier_params(self, session_info, attributes, attribute_mapping):
        email, username = _saml_identity(session_info, attributes)
        return "username", username or email

    def get_or_create_user(
        self,
        user_lookup_key,
        user_lookup_value,
        create_unknown_user,
        idp_entityid,
        attributes,
        attribute_mapping,
        request,
    ):
        email, username = _saml_identity({}, attributes)
        return match_user(email=email, username=username or user_lookup_value), False

    def _update_user(self, user, attributes, attribute_mapping, force_save=False):
        return user


def _first(attributes: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        values = attributes.get(name)
        if values:
            return values[0] if isinstance(values, list | tuple) else values
    return None


def _saml_identity(session_info: dict, attributes: dict) -> tuple[str | None, str | None]:
    email = _first(attributes, SAML_EMAIL_ATTRIBUTES)
    username = _first(attributes, SAML_USERNAME_ATTRIBUTES)
    name_id = session_info.get("name_id")
    if not username and name_id is not None and getattr(name_id, "text", None):
        text = name_id.text
        if "@" in text and not email:
            email = text
        elif "@" not in text:
            username = text
    return email, username
