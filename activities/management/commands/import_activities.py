"""Import an activity plan from Excel into one unit: all rows or none."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from activities.imports import ImportFileError, duplicate_message, import_activities
from culture_plan.models import Unit


class Command(BaseCommand):
    help = (
        "Läser in aktiviteter från en Excel-fil (samma format som export_activities skriver) "
        "till en enhet. Allt eller inget: finns det fel skrivs ett meddelande per fel och "
        "ingenting importeras. Ett verktyg för driften: kommandot har ingen användare och "
        "kontrollerar inga behörigheter."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Excel-filen (.xlsx).")
        parser.add_argument("--unit", required=True, help="Enhetens kortnamn (slug).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Kontrollera filen och visa vad som skulle importeras, utan att spara.",
        )

    def handle(self, *args, file, unit, dry_run, **options):
        try:
            unit_obj = Unit.objects.get(slug=unit)
        except Unit.DoesNotExist:
            raise CommandError(_("Enheten %(unit)r finns inte.") % {"unit": unit}) from None
        try:
            with open(file, "rb") as handle:
                result = import_activities(unit=unit_obj, file=handle, dry_run=dry_run)
        except FileNotFoundError:
            raise CommandError(_("Filen %(file)r finns inte.") % {"file": file}) from None
        except ImportFileError as error:
            for message in error.messages:
                self.stderr.write(message)
            raise CommandError(f"Inget importerades: {len(error.messages)} fel i {file}.") from None
        if dry_run:
            summary = _("%(count)s aktiviteter skulle importeras till %(unit)s.")
        else:
            summary = _("%(count)s aktiviteter importerade till %(unit)s.")
        self.stdout.write(summary % {"count": result.created, "unit": unit_obj.name})
        if result.new_partners:
            self.stdout.write(_("Nya samverkansparter: %s") % ", ".join(result.new_partners))
        if result.new_places:
            self.stdout.write(_("Nya orter: %s") % ", ".join(result.new_places))
        for row, other in result.duplicates:
            self.stdout.write(_("Varning: %s") % duplicate_message(row, other))
        for warning in result.warnings:
            self.stdout.write(_("Varning: %s") % warning)
        if dry_run:
            self.stdout.write(_("Torrkörning: ingenting sparades."))
