"""Bulk-create a large, deterministic data set for benchmarks/followup_bench.py.

Not demo data: a separate municipality ("bench-kommun") with administrations and units, an
adopted plan with goals, and activities spread over three years, written with bulk_create in
batches (no per-row save, no history rows), the summary tables kept current batch by batch.
"""

import datetime
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from activities import summaries
from activities.models import (
    AGE_COUNT_FIELDS,
    TARGET_FIELDS,
    Activity,
    Collaboration,
    Kind,
    Status,
)
from culture_plan.models import Goal, Plan, PriorityArea, Unit, YearPlan

ROOT_SLUG = "bench-kommun"
YEARS = [2022, 2023, 2024]
GOALS_PER_AREA = [4, 4, 3, 2]  # as Flen's plan: 1.1–1.4, 2.1–2.4, 3.1–3.3, 4.1–4.2
BAND_CHOICES = [
    ["10-12"],
    ["13-15", "16-19"],
    ["16-19", "20-25"],
    ["10-12", "13-15", "16-19", "20-25"],
    ["0-5"],
    ["0-5", "6-9"],
    ["6-9", "10-12"],
    ["26-64"],
    ["26-64", "65+"],
    ["65+"],
    list(TARGET_FIELDS),
    [],
]


class Command(BaseCommand):
    help = (
        "Skapar testdata för prestandamätning: kommunen 'bench-kommun' med enheter och "
        "många aktiviteter (deterministiskt, i omgångar). Tar bort tidigare testdata först."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=300, help="Antal enheter (löv).")
        parser.add_argument("--activities", type=int, default=1_000_000, help="Antal aktiviteter.")
        parser.add_argument("--batch-size", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2024)

    def handle(self, *args, units, activities, batch_size, seed, **options):
        if units < 1 or activities < 0:
            raise CommandError("Ange minst en enhet och ett icke-negativt antal aktiviteter.")
        rng = random.Random(seed)
        started = time.monotonic()
        self._delete_previous()
        leaves, goals = self._structure(units)
        self.stdout.write(f"{len(leaves)} enheter och {len(goals)} mål skapade.")
        written = 0
        while written < activities:
            size = min(batch_size, activities - written)
            self._batch(rng, leaves, goals, first=written, size=size, total=activities)
            written += size
            if written % (batch_size * 10) == 0 or written == activities:
                elapsed = time.monotonic() - started
                self.stdout.write(f"{written} aktiviteter ({elapsed:.0f} s)")
        self.stdout.write(f"Klart på {time.monotonic() - started:.0f} s.")

    def _delete_previous(self):
        root = Unit.objects.filter(slug=ROOT_SLUG).first()
        if root is None:
            return
        units = Unit.objects.filter(path__startswith=root.path)
        with transaction.atomic():
            Activity.goals.through.objects.filter(activity__unit__in=units).delete()
            Activity.co_arrangers.through.objects.filter(activity__unit__in=units).delete()
            Activity.objects.filter(unit__in=units)._raw_delete(Activity.objects.db)
            YearPlan.objects.filter(unit__in=units).delete()
            Plan.objects.filter(unit__in=units).delete()
            # Leaves first: Unit.parent is PROTECT.
            for unit in sorted(units, key=lambda u: -u.path.count("/")):
                unit.delete()

    @transaction.atomic
    def _structure(self, count: int):
        root = Unit.objects.create(slug=ROOT_SLUG, name="Benchkommun", kind=Unit.Kind.MUNICIPALITY)
        administrations = [
            Unit.objects.create(
                slug=f"bench-forv-{n}",
                name=f"Förvaltning {n}",
                kind=Unit.Kind.ADMINISTRATION,
                parent=root,
            )
            for n in range(1, 11)
        ]
        leaves = [
            Unit.objects.create(
                slug=f"bench-enhet-{n}",
                name=f"Enhet {n}",
                parent=administrations[n % len(administrations)],
            )
            for n in range(1, count + 1)
        ]
        plan = Plan.objects.create(
            unit=root,
            name="Benchplan 2022–2025",
            start_year=2022,
            end_year=2025,
            status=Plan.Status.ADOPTED,
        )
        goals = []
        for number, goal_count in enumerate(GOALS_PER_AREA, start=1):
            area = PriorityArea.objects.create(plan=plan, number=number, name=f"Område {number}")
            for order in range(1, goal_count + 1):
                goals.append(
                    Goal.objects.create(
                        area=area,
                        code=f"{number}.{order}",
                        text=f"Mål {number}.{order}",
                        order=order,
                    )
                )
        YearPlan.objects.bulk_create(
            YearPlan(unit=leaf, plan=plan, year=year, budget_kr=1_000_000, staffing_fte=3)
            for leaf in leaves
            for year in YEARS
        )
        return leaves, goals

    def _batch(self, rng: random.Random, leaves, goals, *, first: int, size: int, total: int):
        """Activities `first`…`first + size - 1` of `total`. Dates rise with the number (a few
        days of jitter), as when a municipality logs its activities month by month: rows of
        one month lie together on disk, as they would in production."""
        start = datetime.date(YEARS[0], 1, 1)
        days = (datetime.date(YEARS[-1], 12, 31) - start).days + 1
        objects, goal_choices, co_choices = [], [], []
        for number in range(first, first + size):
            day = min(max(number * days // total + rng.randrange(-3, 4), 0), days - 1)
            roll = rng.random()
            status = (
                Status.DONE if roll < 0.75 else Status.PLANNED if roll < 0.9 else Status.CANCELLED
            )
            fields = {
                "unit": rng.choice(leaves),
                "title": f"Aktivitet {rng.randrange(1_000_000)}",
                "date": start + datetime.timedelta(days=day),
                "status": status,
                "kind": rng.choice(Kind.values),
                "collaboration": rng.choice(Collaboration.values),
            }
            for band in rng.choice(BAND_CHOICES):
                fields[TARGET_FIELDS[band]] = True
            if status == Status.DONE:
                girls, boys, other = rng.randrange(30), rng.randrange(30), rng.randrange(3)
                fields.update(girls=girls, boys=boys, other_gender=other)
                remaining = girls + boys + other
                for field in AGE_COUNT_FIELDS.values():
                    if remaining and rng.random() < 0.3:
                        share = rng.randrange(remaining + 1)
                        fields[field] = share
                        remaining -= share
                if rng.random() < 0.3:
                    fields["survey_answers"] = rng.randrange(1, 20)
                    fields["survey_mean"] = f"{rng.randint(10, 50) / 10:.2f}"
                fields["cost_kr"] = rng.randrange(0, 20_000)
            objects.append(Activity(**fields))
            goal_choices.append(rng.sample(goals, rng.choice([0, 1, 1, 2])))
            # About one in 30 is arranged together with another unit (DESIGN "One event,
            # many arrangers"), so roll-ups count joint events once at scale too.
            partner = rng.choice(leaves) if rng.random() < 1 / 30 else None
            co_choices.append(partner if partner != fields["unit"] else None)
        with transaction.atomic():
            created = Activity.objects.bulk_create(objects, batch_size=len(objects))
            through = Activity.goals.through
            links = [
                through(activity_id=made.pk, goal_id=goal.pk)
                for made, chosen in zip(created, goal_choices, strict=True)
                for goal in chosen
            ]
            through.objects.bulk_create(links, batch_size=len(links) or 1)
            co_through = Activity.co_arrangers.through
            co_links = [
                co_through(activity_id=made.pk, unit_id=partner.pk)
                for made, partner in zip(created, co_choices, strict=True)
                if partner is not None
            ]
            co_through.objects.bulk_create(co_links, batch_size=len(co_links) or 1)
            # bulk_create sends no signals: the summaries are told in the same transaction.
            summaries.record_created(made.pk for made in created)
