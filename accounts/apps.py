from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Registers `check --deploy`'s check of a half-configured single sign-on (no models needed).
from accounts import checks  # noqa: F401


class AccountsConfig(AppConfig):
    """Sign-in: login throttling, session rules and single sign-on (OIDC, SAML 2.0).

    Depends only on django.contrib.auth; the other apps do not import it.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Inloggning")
