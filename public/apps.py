from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """What anyone may read without signing in: the culture calendar and the open data.

    Arrows: public → followup, activities, culture_plan (never the other way)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "public"
    verbose_name = _("Öppet")
