"""The activities of the demo: Kulturenhetens and Bibliotek's activities 2022–2027 from a fixed
random seed (activity specs), the two overdue planned ones, and the co-arranged activities."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import models
from simple_history.utils import bulk_create_with_history

from activities import summaries
from activities.models import (
    AGE_BANDS,
    AGE_COUNT_FIELDS,
    TARGET_FIELDS,
    YOUTH_BANDS,
    Activity,
    MonthLockedError,
    Partner,
    Place,
    Status,
)
from culture_plan.models import (
    Goal,
    PriorityArea,
    Unit,
)
from demo.common import DEMO_TODAY, RANDOM_SEED, non_editable, set_m2m, upsert
from demo.data import flen_activities as demo_data


def _easter(year: int) -> datetime.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def holiday_days(year: int, holiday: str) -> list[datetime.date]:
    """Weekdays of a school holiday in Flen (approximate weeks: sportlov v. 8, höstlov v. 44)."""
    if holiday == "sportlov":
        return [datetime.date.fromisocalendar(year, 8, day) for day in range(1, 6)]
    if holiday == "pasklov":
        easter_monday = _easter(year) + datetime.timedelta(days=1)
        return [easter_monday + datetime.timedelta(days=n) for n in range(1, 5)]
    if holiday == "hostlov":
        return [datetime.date.fromisocalendar(year, 44, day) for day in range(1, 6)]
    if holiday == "sommarlov":
        start, end = datetime.date(year, 6, 17), datetime.date(year, 8, 9)
    elif holiday == "jullov":
        days = [datetime.date(year, 1, d) for d in range(2, 6)]
        days += [datetime.date(year, 12, d) for d in range(27, 31)]
        return [day for day in days if day.weekday() < 5]
    else:
        raise ValueError(holiday)
    days = []
    day = start
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


HOLIDAYS = ["sportlov", "pasklov", "sommarlov", "hostlov", "jullov"]


MONTH_WEIGHTS = [6, 8, 9, 8, 10, 7, 2, 6, 11, 10, 10, 8]


TERM_MONTHS = [1, 2, 3, 4, 5, 9, 10, 11, 12]


def _random_date(rng: random.Random, year: int, rule: str) -> datetime.date:
    months = TERM_MONTHS if rule == "tue_thu" else list(range(1, 13))
    weights = [MONTH_WEIGHTS[m - 1] for m in months]
    month = rng.choices(months, weights)[0]
    day = datetime.date(year, month, rng.randint(1, 28))
    wanted = {"weekday": {0, 1, 2, 3, 4}, "tue_thu": {1, 3}, "saturday": {5}}.get(
        rule, {0, 1, 2, 3, 4, 5, 6}
    )
    while day.weekday() not in wanted:
        day += datetime.timedelta(days=1)
    return day


def _template_date(rng: random.Random, template: dict, year: int) -> tuple[datetime.date, str]:
    holiday = template.get("holiday", "")
    if holiday:
        chosen = rng.choice(HOLIDAYS) if holiday == "any" else holiday
        return rng.choice(holiday_days(year, chosen)), chosen
    if "month" in template:
        return datetime.date(year, template["month"], template["day"]), ""
    return _random_date(rng, year, template.get("weekday", "weekday")), ""


def _split(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """`total` split over `weights` (largest remainder), so the parts sum to `total`."""
    weights = [w * rng.uniform(0.6, 1.4) for w in weights]
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


ALL_AGES_WEIGHTS = {
    "0-5": 8, "6-9": 10, "10-12": 9, "13-15": 8, "16-19": 7, "20-25": 6, "26-64": 34, "65+": 18
}  # fmt: skip


def _participants(rng: random.Random, template: dict, bands: list[str], youth: bool) -> dict:
    low, high = template["size"]
    total = rng.randint(low, high)
    other = round(total * rng.choice([0, 0, 0.01, 0.02, 0.03]))
    girls = round((total - other) * rng.uniform(0.45, 0.66))
    counts = {"girls": girls, "boys": total - other - girls, "other_gender": other}
    known = total if rng.random() < 0.65 else round(total * rng.uniform(0.6, 0.95))
    if template["bands"] == ["all"]:
        weights = {band: ALL_AGES_WEIGHTS[band] for band in AGE_BANDS}
    else:
        weights = dict.fromkeys(bands, 10.0)
        if youth and rng.random() < 0.4:
            weights["26-64"] = 1.0  # leaders and parents who came along
    parts = _split(rng, known, list(weights.values()))
    for band, count in zip(weights, parts, strict=True):
        counts[AGE_COUNT_FIELDS[band]] = count
    return counts


def _spec(
    rng: random.Random,
    *,
    template: dict,
    date: datetime.date,
    holiday: str,
    status: str,
    youth: bool,
    places: list[str],
    place_weights: list[int],
) -> dict:
    bands = AGE_BANDS if template["bands"] == ["all"] else list(template["bands"])
    partners = list(template["partners"])
    if partners and rng.random() < 0.07:
        partners = []  # sometimes the unit does it alone after all
    elif partners:
        partners = sorted(rng.sample(partners, rng.randint(1, len(partners))))
    place = template.get("place") or rng.choices(places, place_weights)[0]
    kind = template["kind"]
    spec = {
        "title": template["title"],
        "date": date,
        "end_date": (
            date + datetime.timedelta(days=template["days"] - 1) if template.get("days") else None
        ),
        "status": status,
        "area": template["area"],
        "goals": template["goals"],
        "kind": kind,
        "partners": partners,
        "place": place,
        "holiday": holiday,
        "culture_area": template["culture_area"],
        "bands": bands,
        "national_minorities": bool(template.get("minorities")),
        "description": demo_data.DESCRIPTIONS[kind],
        "counts": {},
        "cost_kr": None,
        "survey_answers": None,
        "survey_mean": None,
        "lessons_learned": "",
    }
    high = template["size"][1]
    if status != Status.CANCELLED:
        spec["cost_kr"] = Decimal(rng.randrange(0, 40 + high // 4) * 100)
    if status == Status.CANCELLED:
        spec["lessons_learned"] = rng.choice(demo_data.CANCEL_REASONS)
    if status == Status.DONE:
        spec["counts"] = _participants(rng, template, bands, youth)
        total = spec["counts"]["girls"] + spec["counts"]["boys"] + spec["counts"]["other_gender"]
        if total >= 5 and rng.random() < 0.3:
            spec["survey_answers"] = rng.randint(3, min(total, 40))
            spec["survey_mean"] = Decimal(str(round(rng.uniform(3.4, 4.9), 2)))
        if rng.random() < 0.35:
            spec["lessons_learned"] = rng.choice(demo_data.LESSONS)
    return spec


def build_activity_specs(
    *,
    rng: random.Random,
    years: dict[int, tuple[int, int, int]],
    youth_templates: list[dict],
    other_templates: list[dict],
    yearly_templates: list[dict],
    planned_ahead: int,
    places: list[str],
    place_weights: list[int],
) -> list[dict]:
    """The activities of one unit: per year exactly `done` done activities of which `youth`
    youth-targeted, `cancelled` cancelled ones, and `planned_ahead` planned after DEMO_TODAY."""
    specs: list[dict] = []
    taken: set[tuple[str, datetime.date]] = set()

    def add(template, year, status, youth, *, after=None, before=DEMO_TODAY) -> bool:
        tries = 1 if "month" in template else 50  # a fixed-date event has one date a year
        for _attempt in range(tries):
            date, holiday = _template_date(rng, template, year)
            if date >= before or (after is not None and date <= after):
                continue
            if (template["title"], date) in taken:
                continue
            taken.add((template["title"], date))
            specs.append(
                _spec(
                    rng,
                    template=template,
                    date=date,
                    holiday=holiday,
                    status=status,
                    youth=youth,
                    places=places,
                    place_weights=place_weights,
                )
            )
            return True
        return False

    def fill(templates, year, status, youth, count, **kwargs):
        added = 0
        while added < count:
            if add(rng.choice(templates), year, status, youth, **kwargs):
                added += 1

    for year, (done, youth, cancelled) in sorted(years.items()):
        yearly = 0
        for template in yearly_templates:
            yearly += add(template, year, Status.DONE, False)
        fill(youth_templates, year, Status.DONE, True, youth)
        fill(other_templates, year, Status.DONE, False, done - youth - yearly)
        fill(youth_templates + other_templates, year, Status.CANCELLED, False, cancelled)
    # Planned activities from the day after DEMO_TODAY to the end of May next year.
    next_year = DEMO_TODAY.year + 1
    end = datetime.date(next_year, 6, 1)
    ahead = 0
    for template in yearly_templates:
        for year in (DEMO_TODAY.year, next_year):
            ahead += add(template, year, Status.PLANNED, False, after=DEMO_TODAY, before=end)
    pool = youth_templates + other_templates
    while ahead < planned_ahead:
        year = rng.choice([DEMO_TODAY.year, next_year, next_year])
        ahead += add(rng.choice(pool), year, Status.PLANNED, False, after=DEMO_TODAY, before=end)
    return specs


ACTIVITY_SCALARS = [
    "description",
    "end_date",
    "status",
    "priority_area_id",
    "kind",
    "collaboration",
    "place_id",
    "holiday",
    "culture_area",
    "national_minorities",
    "cost_kr",
    "survey_answers",
    "survey_mean",
    "lessons_learned",
    "girls",
    "boys",
    "other_gender",
    *AGE_COUNT_FIELDS.values(),
]


TRUSTED_FOREIGN_KEYS = ["unit", "place", "priority_area", "created_by"]


@summaries.tracked
def seed_activities(
    *,
    unit: Unit,
    areas: dict[int, PriorityArea],
    goals: dict[str, Goal],
    specs: list[dict],
    partner_specs: list[tuple[str, str, str]],
    place_names: list[str],
    created_by,
) -> int:
    """Create the missing activities in bulk (with their history), fix any that differ."""
    partner_collab = {name: collab for name, _kind, collab in partner_specs}
    partners = {
        name: upsert(Partner, lookup={"unit": unit, "name": name}, values={"kind": kind})
        for name, kind, _collab in partner_specs
    }
    places = {name: upsert(Place, lookup={"unit": unit, "name": name}) for name in place_names}
    existing = {
        (activity.title, activity.date): activity
        for activity in Activity.objects.filter(unit=unit).prefetch_related("goals", "partners")
    }
    new: list[tuple[Activity, list[Goal], list[Partner]]] = []
    for spec in specs:
        if spec["partners"]:
            collaborations = {partner_collab[name] for name in spec["partners"]}
            collaboration = "external" if "external" in collaborations else "internal"
        else:
            collaboration = "own"
        activity = existing.get((spec["title"], spec["date"]))
        is_new = activity is None
        if is_new:
            activity = Activity(unit=unit, title=spec["title"], date=spec["date"])
            activity.created_by = created_by
        values = {
            "description": spec["description"],
            "end_date": spec["end_date"],
            "status": spec["status"],
            "priority_area": areas[spec["area"]],  # the object: clean() reads it
            "kind": spec["kind"],
            "collaboration": collaboration,
            "place": places[spec["place"]],
            "holiday": spec["holiday"],
            "culture_area": spec["culture_area"],
            "national_minorities": spec["national_minorities"],
            "cost_kr": spec["cost_kr"],
            "survey_answers": spec["survey_answers"],
            "survey_mean": spec["survey_mean"],
            "lessons_learned": spec["lessons_learned"],
            "girls": 0,
            "boys": 0,
            "other_gender": 0,
            **dict.fromkeys(AGE_COUNT_FIELDS.values(), 0),
            **spec["counts"],
        }
        before = [getattr(activity, name) for name in ACTIVITY_SCALARS]
        old_bands = activity.target_bands
        for name, value in values.items():
            setattr(activity, name, value)
        activity.set_target_bands(spec["bands"])
        activity_goals = [goals[code] for code in spec["goals"]]
        activity_partners = [partners[name] for name in spec["partners"]]
        scalars_changed = before != [getattr(activity, n) for n in ACTIVITY_SCALARS] or (
            old_bands != activity.target_bands
        )
        if is_new or scalars_changed:
            # The foreign keys point at rows fetched just above, and the database enforces the
            # constraints on insert: skipping those checks halves the seed on PostgreSQL
            # (tests/test_seed_demo.py full_cleans every activity afterwards).
            activity.full_clean(
                exclude=[*non_editable(Activity), *TRUSTED_FOREIGN_KEYS],
                validate_constraints=False,
            )
            activity.validate_goals(activity_goals)
        if is_new:
            new.append((activity, activity_goals, activity_partners))
            continue
        if scalars_changed:
            activity.save()
        set_m2m(activity.goals, activity_goals)
        set_m2m(activity.partners, activity_partners)
    if new:
        created = bulk_create_with_history(
            [activity for activity, _g, _p in new],
            Activity,
            batch_size=500,
            default_user=created_by,
            default_change_reason="Demodata",
        )
        goal_links, partner_links = [], []
        for activity, (_a, activity_goals, activity_partners) in zip(created, new, strict=True):
            goal_links += [
                Activity.goals.through(activity_id=activity.pk, goal_id=goal.pk)
                for goal in activity_goals
            ]
            partner_links += [
                Activity.partners.through(activity_id=activity.pk, partner_id=partner.pk)
                for partner in activity_partners
            ]
        Activity.goals.through.objects.bulk_create(goal_links, batch_size=500)
        Activity.partners.through.objects.bulk_create(partner_links, batch_size=500)
        summaries.record_created(activity.pk for activity in created)
    return len(new)


def activity_specs_for(unit_slug: str) -> list[dict]:
    """The deterministic activity list of a demo unit (same seed, same list)."""
    if unit_slug == "kulturenheten":
        return build_activity_specs(
            rng=random.Random(RANDOM_SEED),
            years=demo_data.KULTURENHETEN_YEARS,
            youth_templates=demo_data.KULTURENHETEN_YOUTH,
            other_templates=demo_data.KULTURENHETEN_OTHER,
            yearly_templates=demo_data.KULTURENHETEN_YEARLY,
            planned_ahead=demo_data.PLANNED_AHEAD["kulturenheten"],
            places=demo_data.PLACES,
            place_weights=demo_data.PLACE_WEIGHTS,
        )
    return build_activity_specs(
        rng=random.Random(RANDOM_SEED + 1),
        years=demo_data.BIBLIOTEK_YEARS,
        youth_templates=demo_data.BIBLIOTEK_YOUTH,
        other_templates=demo_data.BIBLIOTEK_OTHER,
        yearly_templates=[],
        planned_ahead=demo_data.PLANNED_AHEAD["bibliotek"],
        places=demo_data.BIBLIOTEK_PLACES,
        place_weights=[3, 1, 1],
    )


def overdue_specs(existing: list[dict]) -> list[dict]:
    """Two planned activities in the week before DEMO_TODAY that nobody has marked as done
    yet, so that the start page shows staff what is waiting. Own random stream, so the main
    list stays as it is."""
    rng = random.Random(RANDOM_SEED + 7)
    taken = {(spec["title"], spec["date"]) for spec in existing}
    specs = []
    templates = [
        t
        for t in demo_data.KULTURENHETEN_YOUTH + demo_data.KULTURENHETEN_OTHER
        if "month" not in t and not t.get("holiday")
    ]
    for days_before in (6, 4):
        date = DEMO_TODAY - datetime.timedelta(days=days_before)
        while date.weekday() > 4:
            date -= datetime.timedelta(days=1)
        used = {spec["title"] for spec in specs}
        template = rng.choice(
            [t for t in templates if t["title"] not in used and (t["title"], date) not in taken]
        )
        taken.add((template["title"], date))
        specs.append(
            _spec(
                rng,
                template=template,
                date=date,
                holiday="",
                status=Status.PLANNED,
                youth=False,
                places=demo_data.PLACES,
                place_weights=demo_data.PLACE_WEIGHTS,
            )
        )
    return specs


def with_overdue(slug: str, specs: list[dict]) -> list[dict]:
    return specs + overdue_specs(specs) if slug == "kulturenheten" else specs


def youth_targeted_q() -> models.Q:
    """Done-or-not, the DESIGN's youth-targeted rule as a Q: at least one target band and
    none outside 10–25 (kept here for the seed's own checks)."""
    any_youth = models.Q()
    for band in YOUTH_BANDS:
        any_youth |= models.Q(**{TARGET_FIELDS[band]: True})
    none_other = models.Q(
        **{TARGET_FIELDS[band]: False for band in AGE_BANDS if band not in YOUTH_BANDS}
    )
    return any_youth & none_other


# (owner, title, date, co-arrangers)
CO_ARRANGED = [
    ("bibliotek", "Lovaktivitet: skrivverkstad", datetime.date(2025, 2, 18), ["kulturenheten"]),
    ("bibliotek", "Författarbesök", datetime.date(2025, 8, 8), ["kulturenheten"]),
    # In a month Kulturenheten approved (September 2026): its lock holds this one too.
    ("bibliotek", "Författarbesök", datetime.date(2026, 9, 7), ["kulturenheten"]),
    (
        "bibliotek",
        "Gaming och manga på biblioteket",
        datetime.date(2026, 10, 20),
        ["kulturenheten"],
    ),
    ("bibliotek", "Sagostund på biblioteket", datetime.date(2026, 11, 3), ["kulturenheten"]),
    (
        "kulturenheten",
        "Familjelördag: sagostund och skapande",
        datetime.date(2026, 12, 19),
        ["bibliotek"],
    ),
]

# (owner, title, date, unique participants): the same young people come back to a club.
UNIQUE_PARTICIPANTS = [
    ("bibliotek", "Sommarboken: läsklubb", datetime.date(2026, 7, 22), 9),
    ("bibliotek", "Sommarboken: läsklubb", datetime.date(2026, 8, 4), 14),
]


def _activity(units: dict[str, Unit], owner: str, title: str, date: datetime.date):
    return Activity.objects.filter(unit=units[owner], title=title, date=date).first()


def seed_co_arranged(*, units: dict[str, Unit], by) -> int:
    """Add the demo's co-arrangers and unique participants where missing; returns how many
    links were added. A listed activity the seed no longer makes is skipped, not invented."""
    added = 0
    for owner, title, date, co_slugs in CO_ARRANGED:
        activity = _activity(units, owner, title, date)
        if activity is None:
            continue
        wanted = [units[slug] for slug in co_slugs]
        present = set(activity.co_arrangers.values_list("pk", flat=True))
        missing = [unit for unit in wanted if unit.pk not in present]
        if missing:
            activity.validate_co_arrangers(wanted)
            try:
                activity.check_not_locked(co_arrangers=wanted)
            except MonthLockedError:
                continue  # a demo seeded before: its approved month is never touched again
            activity._history_user = by
            activity.co_arrangers.add(*missing)
            added += len(missing)
    for owner, title, date, count in UNIQUE_PARTICIPANTS:
        activity = _activity(units, owner, title, date)
        if activity is None or activity.unique_participants == count:
            continue
        activity.unique_participants = count
        activity.full_clean()
        activity._history_user = by
        activity.save()
    return added
