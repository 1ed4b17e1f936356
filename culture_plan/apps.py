from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CulturePlanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "culture_plan"
    verbose_name = _("Kulturplan")

    def ready(self):
        from culture_plan import guards

        guards.register_user_guard()
