from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "activities"
    verbose_name = _("Aktiviteter")

    def ready(self):
        # Django's loading order: apps.py is imported before any model, and the guards, locks
        # and summary signals import the models, so they load in ready().
        from activities import guards, locks, summaries, versions  # noqa: PLC0415

        guards.register()
        locks.connect()
        summaries.connect()
        versions.connect()
        # A database migrated to the summary tables with activities already in it gets them
        # filled once, after every migration has run (the whole schema is there then).
        post_migrate.connect(summaries.fill_if_empty, sender=self)
