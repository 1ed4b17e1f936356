"""`manage.py check --deploy`: a half-configured single sign-on is an error, naming what is
missing. Each protocol switches itself on only when its key settings are set (settings.py
OIDC_ENABLED, SAML_ENABLED), so a site with some of them set and a typo in another would
otherwise run silently without the sign-in it meant to offer, or with one that fails at the
identity provider."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

OIDC_REQUIRED = [
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
]
# Needed to verify the identity provider's signature unless it signs with the client secret.
OIDC_JWKS = "OIDC_OP_JWKS_ENDPOINT"
SAML_SETTINGS = [
    "SAML_SP_ENTITY_ID",
    "SAML_IDP_METADATA_URL",
    "SAML_IDP_METADATA_FILE",
    "SAML_IDP_METADATA_CERT_FILE",
    "SAML_SP_KEY_FILE",
    "SAML_SP_CERT_FILE",
]


def _set(name: str) -> bool:
    return bool(getattr(settings, name, ""))


def oidc_missing() -> list[str]:
    """The OIDC settings missing when some are set (none set: OIDC is simply off)."""
    names = [*OIDC_REQUIRED, OIDC_JWKS]
    if not any(_set(name) for name in names):
        return []
    required = list(OIDC_REQUIRED)
    if not str(getattr(settings, "OIDC_RP_SIGN_ALGO", "RS256")).upper().startswith("HS"):
        required.append(OIDC_JWKS)
    return [name for name in required if not _set(name)]


def saml_missing() -> list[str]:
    """The SAML settings missing when some are set (none set: SAML is simply off)."""
    if not any(_set(name) for name in SAML_SETTINGS):
        return []
    missing = []
    if not _set("SAML_SP_ENTITY_ID"):
        missing.append("SAML_SP_ENTITY_ID")
    if not (_set("SAML_IDP_METADATA_URL") or _set("SAML_IDP_METADATA_FILE")):
        missing.append("SAML_IDP_METADATA_URL eller SAML_IDP_METADATA_FILE")
    if _set("SAML_IDP_METADATA_CERT_FILE") and not _set("SAML_IDP_METADATA_URL"):
        missing.append("SAML_IDP_METADATA_URL")
    pair = ["SAML_SP_KEY_FILE", "SAML_SP_CERT_FILE"]
    if any(_set(name) for name in pair):
        missing += [name for name in pair if not _set(name)]
    return list(dict.fromkeys(missing))


@register(Tags.security, deploy=True)
def single_sign_on_complete(app_configs, **kwargs) -> list[Error]:
    errors = []
    for protocol, missing, code in (
        ("OpenID Connect", oidc_missing(), "accounts.E001"),
        ("SAML 2.0", saml_missing(), "accounts.E002"),
    ):
        if missing:
            errors.append(
                Error(
                    f"{protocol} är bara delvis inställt: {', '.join(missing)} saknas.",
                    hint="Ange alla inställningarna för protokollet, eller ingen av dem "
                    "(README, Single sign-on).",
                    id=code,
                )
            )
    return errors
