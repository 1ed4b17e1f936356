"""Single sign-on endpoints. Each protocol answers 404 until its settings switch it on."""

from __future__ import annotations

import functools
import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from djangosaml2 import views as saml_views
from mozilla_django_oidc import views as oidc_views

logger = logging.getLogger(__name__)


def _only_when(flag: str):
    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not getattr(settings, flag, False):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


oidc_login = _only_when("OIDC_ENABLED")(oidc_views.OIDCAuthenticationRequestView.as_view())
oidc_callback = _only_when("OIDC_ENABLED")(oidc_views.OIDCAuthenticationCallbackView.as_view())
saml_login = _only_when("SAML_ENABLED")(saml_views.LoginView.as_view())
saml_acs = _only_when("SAML_ENABLED")(saml_views.AssertionConsumerServiceView.as_view())
saml_metadata = _only_when("SAML_ENABLED")(saml_views.MetadataView.as_view())


def no_access(request):
    """The municipality's identity provider signed someone in whom Kulturplan does not know."""
    return render(request, "accounts/no_access.html", status=403)


def saml_failure(request, exception=None, status=403, **kwargs):
    """djangosaml2's failure hook: an unknown person gets the no-access page, a broken or
    forged answer a plain refusal (never a server error)."""
    if isinstance(exception, PermissionDenied):
        return no_access(request)
    logger.warning("SAML sign-in refused: %r", exception)
    return render(request, "accounts/sso_error.html", status=status)


class LoginView(auth_views.LoginView):
    """Django's login form, with the single sign-on buttons of the protocols switched on."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso"] = {"oidc": settings.OIDC_ENABLED, "saml": settings.SAML_ENABLED}
        return context
