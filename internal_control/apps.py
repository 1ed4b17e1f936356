from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternalControlConfig(AppConfig):
    """Internal control (internkontroll). Uses culture_plan; followup's reports use it; it never
    imports followup."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "internal_control"
    verbose_name = _("Internkontroll")
