"""Fetch the values of every indicator linked to a Kolada KPI (DESIGN: Kolada v3 client)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from governance import kolada, selectors


class Command(BaseCommand):
    help = (
        "Hämtar värden från Kolada för alla indikatorer som är kopplade till ett nyckeltal, "
        "för den egna kommunen och jämförelsegruppens kommuner. Allt eller inget: "
        "misslyckas en hämtning ändras ingenting."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", help="Koladas adress (standard: inställningen KOLADA_BASE_URL)."
        )
        parser.add_argument(
            "--year",
            type=int,
            action="append",
            dest="years",
            help="År att hämta; kan anges flera gånger (standard: de tre senaste åren).",
        )

    def handle(self, *args, base_url=None, years=None, **options):
        today = timezone.localdate()
        years = sorted(set(years or [today.year - 3, today.year - 2, today.year - 1]))
        for year in years:
            if not 1990 <= year <= 2100:
                raise CommandError(f"Året {year} är inte giltigt.")
        requests = selectors.kolada_requests()
        if not requests:
            self.stdout.write("Inga indikatorer är kopplade till Kolada; inget att hämta.")
            return
        try:
            result = kolada.sync(requests=requests, years=years, base=base_url)
        except kolada.KoladaError as error:
            raise CommandError(f"Hämtningen från Kolada misslyckades: {error}") from None
        for kpi, old, new in result.title_changes:
            self.stdout.write(f"Nyckeltalet {kpi} har bytt titel i Kolada: «{old}» → «{new}».")
        self.stdout.write(
            f"Hämtade {', '.join(sorted(requests))} för {', '.join(map(str, years))} "
            f"({result.pages} sidor): {result.created} nya och {result.updated} uppdaterade "
            "värden. Källa: Kolada."
        )
