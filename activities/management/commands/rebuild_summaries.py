"""Rebuild the summary tables from the activity rows, or check them (issue 17 "Scale")."""

import time

from django.core.management.base import BaseCommand, CommandError

from activities import summaries


class Command(BaseCommand):
    help = (
        "Bygger om summeringstabellerna (per enhet, månad och status, och per enhet, mål och "
        "månad) från aktiviteterna. Med --check jämförs de bara, och kommandot avslutas med "
        "fel om de skiljer sig."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Jämför summeringarna med aktiviteterna utan att ändra något.",
        )

    def handle(self, *args, check, **options):
        started = time.monotonic()
        if check:
            problems = summaries.check()
            elapsed = time.monotonic() - started
            if problems:
                for line in problems[:50]:
                    self.stderr.write(line)
                raise CommandError(
                    f"Summeringarna stämmer inte med aktiviteterna: {len(problems)} rader "
                    f"skiljer sig ({elapsed:.1f} s)."
                )
            self.stdout.write(f"Summeringarna stämmer med aktiviteterna ({elapsed:.1f} s).")
            return
        counts = summaries.rebuild()
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Summeringarna ombyggda: {counts['month_rows']} månadsrader och "
            f"{counts['goal_rows']} målrader ({elapsed:.1f} s)."
        )
