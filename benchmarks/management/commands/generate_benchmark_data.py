"""Bulk-create a large, deterministic data set for benchmarks/followup_bench.py.

Not demo data: a separate municipality ("bench-kommun") with administrations and units, an
adopted plan with goals, two places and two partners per unit, and activities spread over
three years (no per-row save, no history rows): most at one of their unit's places, about one
in ten with a partner. On PostgreSQL the activities and their links go in with COPY (psycopg 3's
``cursor.copy``), ids reserved from the table's sequence; elsewhere with bulk_create. The
summary tables are rebuilt once at the end (``summaries.rebuild``, as ``rebuild_summaries``),
not batch by batch: 1 000 000 activities took 49 minutes with per-batch updates.
"""

import datetime
import random
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from activities import summaries
from activities.models import (
    AGE_COUNT_FIELDS,
    TARGET_FIELDS,
    Activity,
    Collaboration,
    Kind,
    Partner,
    Place,
    Status,
)
from culture_plan.models import Goal, Plan, PriorityArea, Unit, YearPlan

ROOT_SLUG = "bench-kommun"
PER_UNIT = 2  # places and partners of each unit
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
        places, partners = self._places_and_partners(leaves)
        self.stdout.write(f"{len(leaves)} enheter och {len(goals)} mål skapade.")
        written = 0
        while written < activities:
            size = min(batch_size, activities - written)
            self._batch(
                rng, leaves, goals, places, partners, first=written, size=size, total=activities
            )
            written += size
            if written % (batch_size * 10) == 0 or written == activities:
                elapsed = time.monotonic() - started
                self.stdout.write(f"{written} aktiviteter ({elapsed:.0f} s)")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (
                    Activity,
                    Activity.goals.through,
                    Activity.co_arrangers.through,
                    Activity.partners.through,
                ):
                    cursor.execute(f"ANALYZE {model._meta.db_table}")
        counts = summaries.rebuild()
        self.stdout.write(
            f"Summeringar byggda: {counts['month_rows']} månadsrader, "
            f"{counts['goal_rows']} målrader ({time.monotonic() - started:.0f} s)."
        )
        self.stdout.write(f"Klart på {time.monotonic() - started:.0f} s.")

    def _delete_previous(self):
        root = Unit.objects.filter(slug=ROOT_SLUG).first()
        if root is None:
            return
        units = Unit.objects.filter(path__startswith=root.path)
        with transaction.atomic():
            Activity.goals.through.objects.filter(activity__unit__in=units).delete()
            Activity.co_arrangers.through.objects.filter(activity__unit__in=units).delete()
            Activity.partners.through.objects.filter(activity__unit__in=units).delete()
            Activity.objects.filter(unit__in=units)._raw_delete(Activity.objects.db)
            Partner.objects.filter(unit__in=units)._raw_delete(Partner.objects.db)
            Place.objects.filter(unit__in=units)._raw_delete(Place.objects.db)
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

    @transaction.atomic
    def _places_and_partners(self, leaves):
        """Each unit's places and partners: {unit id: [place, …]} and {unit id: [partner, …]}."""
        places = Place.objects.bulk_create(
            Place(unit=leaf, name=f"Ort {leaf.pk}-{n}") for leaf in leaves for n in range(PER_UNIT)
        )
        partners = Partner.objects.bulk_create(
            Partner(unit=leaf, name=f"Förening {leaf.pk}-{n}")
            for leaf in leaves
            for n in range(PER_UNIT)
        )
        by_unit: tuple[dict, dict] = ({}, {})
        for found, made in zip(by_unit, (places, partners), strict=True):
            for item in made:
                found.setdefault(item.unit_id, []).append(item)
        return by_unit

    def _batch(
        self,
        rng: random.Random,
        leaves,
        goals,
        places,
        partners,
        *,
        first: int,
        size: int,
        total: int,
    ):
        """Activities `first`…`first + size - 1` of `total`. Dates rise with the number (a few
        days of jitter), as when a municipality logs its activities month by month: rows of
        one month lie together on disk, as they would in production."""
        start = datetime.date(YEARS[0], 1, 1)
        days = (datetime.date(YEARS[-1], 12, 31) - start).days + 1
        objects, goal_choices, co_choices, partner_choices = [], [], [], []
        # Plain values looked up once (the enums' .values build a list on every call).
        kinds, collaborations = Kind.values, Collaboration.values
        done, planned, cancelled = Status.DONE.value, Status.PLANNED.value, Status.CANCELLED.value
        age_fields = list(AGE_COUNT_FIELDS.values())
        for number in range(first, first + size):
            day = min(max(number * days // total + rng.randrange(-3, 4), 0), days - 1)
            roll = rng.random()
            status = done if roll < 0.75 else planned if roll < 0.9 else cancelled
            fields = {
                "unit": rng.choice(leaves),
                "title": f"Aktivitet {rng.randrange(1_000_000)}",
                "date": start + datetime.timedelta(days=day),
                "status": status,
                "kind": rng.choice(kinds),
                "collaboration": rng.choice(collaborations),
            }
            if rng.random() < 0.8:
                fields["place"] = rng.choice(places[fields["unit"].pk])
            for band in rng.choice(BAND_CHOICES):
                fields[TARGET_FIELDS[band]] = True
            if status == done:
                girls, boys, other = rng.randrange(30), rng.randrange(30), rng.randrange(3)
                fields.update(girls=girls, boys=boys, other_gender=other)
                remaining = girls + boys + other
                for field in age_fields:
                    if remaining and rng.random() < 0.3:
                        share = rng.randrange(remaining + 1)
                        fields[field] = share
                        remaining -= share
                if rng.random() < 0.3:
                    fields["survey_answers"] = rng.randrange(1, 20)
                    fields["survey_mean"] = f"{rng.randint(10, 50) / 10:.2f}"
                fields["cost_kr"] = rng.randrange(0, 20_000)
            objects.append(fields)
            goal_choices.append(rng.sample(goals, rng.choice([0, 1, 1, 2])))
            # About one in 30 is arranged together with another unit (DESIGN "One event,
            # many arrangers"), so roll-ups count joint events once at scale too.
            partner = rng.choice(leaves) if rng.random() < 1 / 30 else None
            co_choices.append(partner if partner != fields["unit"] else None)
            linked = rng.random() < 0.1
            partner_choices.append([rng.choice(partners[fields["unit"].pk])] if linked else [])
        links = [
            (Activity.goals.through, "goal_id", [[g.pk for g in c] for c in goal_choices]),
            (Activity.co_arrangers.through, "unit_id", [[p.pk] if p else [] for p in co_choices]),
            (Activity.partners.through, "partner_id", [[p.pk for p in c] for c in partner_choices]),
        ]
        if connection.vendor == "postgresql":
            _copy(objects, links)
        else:
            _bulk_create(objects, links)


def _bulk_create(objects, links) -> None:
    with transaction.atomic():
        created = Activity.objects.bulk_create(
            [Activity(**fields) for fields in objects], batch_size=len(objects)
        )
        ids = [made.pk for made in created]
        for through, column, chosen in links:
            _insert_links(through, column, ids, chosen)


def _insert_links(through, column, ids, chosen) -> None:
    links = [
        through(activity_id=pk, **{column: other})
        for pk, others in zip(ids, chosen, strict=True)
        for other in others
    ]
    through.objects.bulk_create(links, batch_size=len(links) or 1)


def _copy(objects, links) -> None:
    """The batch with COPY: ids taken from the sequence first (so the links can name them),
    each row the template row's database values with this activity's own fields put in."""
    table = Activity._meta.db_table
    fields = [field for field in Activity._meta.concrete_fields if not field.primary_key]
    columns = [field.column for field in fields]
    template = Activity()
    base = [
        field.get_db_prep_save(field.pre_save(template, add=True), connection) for field in fields
    ]
    position = {field.name: index for index, field in enumerate(fields)}
    unit_column, place_column = position["unit"], position["place"]
    mean_column = position["survey_mean"]
    with transaction.atomic(), connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, for copy()
        raw.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(objects)],
        )
        ids = [row[0] for row in raw.fetchall()]
        column_list = ", ".join(f'"{name}"' for name in ["id", *columns])
        with raw.copy(f'COPY "{table}" ({column_list}) FROM STDIN') as copy:
            for pk, generated in zip(ids, objects, strict=True):
                row = list(base)
                for name, value in generated.items():
                    row[position[name]] = value
                row[unit_column] = generated["unit"].pk
                if "place" in generated:
                    row[place_column] = generated["place"].pk
                if "survey_mean" in generated:
                    row[mean_column] = Decimal(generated["survey_mean"])
                copy.write_row([pk, *row])
        for through, column, chosen in links:
            with raw.copy(
                f'COPY "{through._meta.db_table}" ("activity_id", "{column}") FROM STDIN'
            ) as copy:
                for pk, others in zip(ids, chosen, strict=True):
                    for other in others:
                        copy.write_row((pk, other))
