"""`python manage.py seed_demo`: the Flen demo (see demo/seed.py). Safe to run again."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from culture_plan.models import Role
from demo.seed import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = _(
        "Fyller databasen med demodata för Flens kommun: kulturplanen 2022–2025, "
        "verksamhetsplaner, aktiviteter och demoanvändare. Kan köras flera gånger."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000/",
            help=_("Adressen som skrivs ut för att logga in."),
        )

    def handle(self, *args, **options):
        result = seed_demo(password=DEMO_PASSWORD)
        roles = dict(Role.choices)
        self.stdout.write(
            self.style.SUCCESS(
                _("Demodata klar: %(new)s nya aktiviteter (%(counts)s).")
                % {
                    "new": result.created_activities,
                    "counts": ", ".join(f"{k}: {v}" for k, v in result.activities.items()),
                }
            )
        )
        self.stdout.write(_("Logga in på %(url)s") % {"url": options["url"]})
        self.stdout.write(_("Lösenord för alla demoanvändare: %(pw)s") % {"pw": DEMO_PASSWORD})
        for username, name, role, unit in result.users:
            self.stdout.write(f"  {username:<15} {name:<18} {roles[role]} – {unit}")
