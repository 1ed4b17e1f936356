from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "followup"
    verbose_name = _("Uppföljning")

    def ready(self):
        # Django's loading order: apps.py is imported before any model, and the guards
        # import the models, so they load in ready().
        from followup import guards  # noqa: PLC0415

        guards.register()
