from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CulturePlanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "culture_plan"
    verbose_name = _("Kulturplan")

    def ready(self):
        # Django's loading order: apps.py is imported before any model, and the guards read
        # the user model (get_user_model) and the admin's collector, so they load in ready().
        from culture_plan import guards  # noqa: PLC0415

        guards.register_user_guard()
