from django.core.management.base import BaseCommand, CommandError

from activities.models import Activity
from evaluation import services


class Command(BaseCommand):
    help = "Skriver ut länken till aktivitetens snabbenkät (och skapar enkäten om den saknas)."

    def add_arguments(self, parser):
        parser.add_argument("--activity", type=int, required=True, help="aktivitetens id")

    def handle(self, *args, activity, **options):
        found = Activity.objects.filter(pk=activity).first()
        if found is None:
            raise CommandError(f"Det finns ingen aktivitet med id {activity}.")
        self.stdout.write(services.survey_url(services.survey_ensure(activity=found)))
