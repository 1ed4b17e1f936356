"""The SAML 2.0 service provider's configuration, built from settings (environment).

djangosaml2 calls `sp_config(request)` (SAML_CONFIG_LOADER) for each SAML request, so the
assertion consumer URL follows the host the person uses (ALLOWED_HOSTS guards it) and a test
can point the settings at an identity provider it started.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import SPConfig
from saml2.saml import NAMEID_FORMAT_UNSPECIFIED


def sp_config(request=None) -> SPConfig:
    acs = reverse("accounts:saml_acs")
    if request is not None:
        acs = request.build_absolute_uri(acs)
    metadata: dict = {}
    if settings.SAML_IDP_METADATA_URL:
        remote = {"url": settings.SAML_IDP_METADATA_URL}
        if settings.SAML_IDP_METADATA_CERT_FILE:
            # The federation's signing certificate: unsigned or forged metadata is refused.
            remote["cert"] = settings.SAML_IDP_METADATA_CERT_FILE
        metadata["remote"] = [remote]
    if settings.SAML_IDP_METADATA_FILE:
        metadata["local"] = [settings.SAML_IDP_METADATA_FILE]
    signing = bool(settings.SAML_SP_KEY_FILE and settings.SAML_SP_CERT_FILE)
    config = {
        "entityid": settings.SAML_SP_ENTITY_ID,
        "xmlsec_binary": settings.SAML_XMLSEC_BINARY,
        "allow_unknown_attributes": True,
        "metadata": metadata,
        "service": {
            "sp": {
                "name": "Kulturplan",
                "name_id_format": NAMEID_FORMAT_UNSPECIFIED,
                "endpoints": {
                    "assertion_consumer_service": [(acs, BINDING_HTTP_POST)],
                },
                # Only answers to our own requests, and only signed assertions.
                "allow_unsolicited": False,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "authn_requests_signed": signing,
                "logout_requests_signed": signing,
                "requested_attributes": [],
            }
        },
        "preferred_binding": {"single_sign_on_service": [BINDING_HTTP_REDIRECT]},
    }
    if signing:
        config["key_file"] = settings.SAML_SP_KEY_FILE
        config["cert_file"] = settings.SAML_SP_CERT_FILE
        config["encryption_keypairs"] = [
            {"key_file": settings.SAML_SP_KEY_FILE, "cert_file": settings.SAML_SP_CERT_FILE}
        ]
    conf = SPConfig()
    conf.load(config)
    return conf
