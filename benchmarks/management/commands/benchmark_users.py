"""Users for the load test (benchmarks/locustfile.py) on the benchmark data set.

Not demo data and never for production: staff of the first N benchmark units and managers of
the benchmark municipality, all with one password given on the command line.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from benchmarks.management.commands.generate_benchmark_data import ROOT_SLUG
from culture_plan.models import Membership, Role, Unit


class Command(BaseCommand):
    help = (
        "Skapar användare för lasttestet: medarbetare på de första enheterna i "
        "bench-kommun och chefer för hela bench-kommun (bara för prestandamätning)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--staff", type=int, default=45)
        parser.add_argument("--managers", type=int, default=5)
        parser.add_argument("--password", required=True)

    @transaction.atomic
    def handle(self, *args, staff, managers, password, **options):
        root = Unit.objects.filter(slug=ROOT_SLUG).first()
        if root is None:
            raise CommandError("Kör generate_benchmark_data först: bench-kommun saknas.")
        leaves = list(Unit.objects.filter(slug__startswith="bench-enhet-").order_by("pk")[:staff])
        if len(leaves) < staff:
            raise CommandError(f"Det finns bara {len(leaves)} enheter i bench-kommun.")
        User = get_user_model()
        wanted = [(f"bench-staff-{n}", leaf, Role.STAFF) for n, leaf in enumerate(leaves, 1)]
        wanted += [(f"bench-chef-{n}", root, Role.MANAGER) for n in range(1, managers + 1)]
        for username, unit, role in wanted:
            user, _ = User.objects.get_or_create(username=username)
            user.set_password(password)
            user.save()
            Membership.objects.get_or_create(user=user, unit=unit, role=role)
        self.stdout.write(
            f"{len(wanted)} användare klara ({staff} medarbetare, {managers} chefer)."
        )
