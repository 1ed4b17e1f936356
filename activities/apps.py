from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "activities"
    verbose_name = _("Aktiviteter")

    def ready(self):
        from activities import guards, summaries, versions

        guards.register()
        summaries.connect()
        versions.connect()
        # A database migrated to the summary tables with activities already in it gets them
        # filled once, after every migration has run (the whole schema is there then).
        post_migrate.connect(summaries.fill_if_empty, sender=self)
