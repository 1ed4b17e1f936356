from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo (seed_demo): above every app, since it seeds them all."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = _("Demodata")
