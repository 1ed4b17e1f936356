"""Write a unit's activity plan as Excel (the import's format)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from activities.excel import activities_for_export, write_activities
from culture_plan.models import Unit


class Command(BaseCommand):
    help = (
        "Skriver en enhets aktiviteter till en Excel-fil i samma format som importen läser. "
        "Ett verktyg för driften: kommandot har ingen användare och kontrollerar inga "
        "behörigheter."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="Enhetens kortnamn (slug).")
        parser.add_argument("--year", type=int, help="Bara aktiviteter med datum detta år.")
        parser.add_argument("-o", "--output", required=True, help="Filen som ska skrivas.")

    def handle(self, *args, unit, year, output, **options):
        try:
            unit_obj = Unit.objects.get(slug=unit)
        except Unit.DoesNotExist:
            raise CommandError(_("Enheten %(unit)r finns inte.") % {"unit": unit}) from None
        written = write_activities(
            activities=activities_for_export(unit=unit_obj, year=year), destination=output
        )
        self.stdout.write(
            _("%(count)s aktiviteter skrivna till %(file)s.") % {"count": written, "file": output}
        )
