"""The demo: Flens kommun with its culture plan, Kulturenhetens year plans, demo users and
realistic activities 2022–2027 (DESIGN: `seed_demo`), and the follow-up that tells the story:
Kulturenhetens VEPAQ reports (2024 all approved; 2026 January–September approved, October
submitted, November a draft), the implementation matrix 2022–2024, the assessed focus items of
2024, and a draft of the next plan (2026–2029) that only those working with it may read.
The follow-up goes through followup/services.py as the demo user `chef`, after the activities,
because approving a month closes it.

Safe to run again: every row has a natural key and is written only when missing or changed,
so a second run changes nothing (and adds no history). Activities are keyed by unit, title
and date and generated from a fixed random seed.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Sum
from simple_history.utils import bulk_create_with_history

from activities import summaries
from activities.demo import seed_co_arranged
from activities.models import (
    AGE_BANDS,
    AGE_COUNT_FIELDS,
    TARGET_FIELDS,
    YOUTH_BANDS,
    Activity,
    Partner,
    Place,
    Status,
)
from culture_plan.data import agenda2030, flen
from culture_plan.data import flen_activities as demo_data
from culture_plan.data import flen_followup as followup_data
from culture_plan.models import (
    AreaYearPlan,
    FocusItem,
    Framework,
    FrameworkGoal,
    Goal,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Membership,
    Plan,
    PriorityArea,
    Unit,
    YearPlan,
)
from followup.models import (
    DIMENSIONS,
    MatrixAssessment,
    MonthlyReport,
    TargetPopulation,
)
from followup.services import (
    focus_item_assessment_set,
    matrix_assessment_set,
    report_approve,
    report_get_or_create,
    report_return,
    report_submit,
    report_update,
)
from internal_control.demo import seed_internal_control
from public.demo import seed_public_calendar

DEMO_PASSWORD = demo_data.DEMO_PASSWORD
DEMO_TODAY = datetime.date(*demo_data.DEMO_TODAY)
RANDOM_SEED = 2024


@dataclass
class SeedResult:
    """What the command prints: the demo users and how many activities each unit has."""

    # (username, full name, role, unit slug)
    users: list[tuple[str, str, str, str]] = field(default_factory=list)
    activities: dict[str, int] = field(default_factory=dict)
    created_activities: int = 0


# --- generic idempotent writes -------------------------------------------------------------


def _non_editable(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if not f.editable and not f.primary_key]


def _upsert(model, *, lookup: dict, values: dict | None = None):
    """Get the row by its natural key; create it, or save it only when a value differs, so that
    a repeated seed neither touches rows nor adds history."""
    values = values or {}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        changed = True
    else:
        changed = False
        for name, value in values.items():
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                changed = True
    if changed:
        obj.full_clean(exclude=_non_editable(model))
        obj.save()
    return obj


def _set_m2m(manager, objs) -> None:
    wanted = {obj.pk for obj in objs}
    if wanted != {obj.pk for obj in manager.all()}:  # uses a prefetch when there is one
        manager.set(objs)


# --- plan side -----------------------------------------------------------------------------


def _seed_units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for slug, name, kind, parent_slug in flen.UNITS:
        units[slug] = _upsert(
            Unit,
            lookup={"slug": slug},
            values={"name": name, "kind": kind, "parent": units.get(parent_slug)},
        )
    return units


def _seed_frameworks() -> tuple[dict[int, FrameworkGoal], dict[str, FrameworkGoal]]:
    """Agenda 2030 and the municipality's own steering documents."""
    agenda = _upsert(
        Framework,
        lookup={"slug": agenda2030.FRAMEWORK["slug"]},
        values={
            "name": agenda2030.FRAMEWORK["name"],
            "kind": Framework.Kind.AGENDA_2030,
            "description": agenda2030.FRAMEWORK["description"],
        },
    )
    sdg = {
        number: _upsert(
            FrameworkGoal,
            lookup={"framework": agenda, "code": str(number)},
            values={"name": name, "order": number},
        )
        for number, name in agenda2030.GOALS
    }
    local: dict[str, FrameworkGoal] = {}
    for spec, kind, prefix in (
        (flen.STRATEGIC_PLAN, Framework.Kind.STRATEGIC_PLAN, "strategic"),
        (flen.BOARD_PLAN, Framework.Kind.BOARD_PLAN, "board"),
    ):
        framework = _upsert(
            Framework,
            lookup={"slug": spec["slug"]},
            values={"name": spec["name"], "kind": kind, "description": spec["description"]},
        )
        for order, goal in enumerate(spec["goals"], start=1):
            local[f"{prefix}:{goal[0]}"] = _upsert(
                FrameworkGoal,
                lookup={"framework": framework, "code": goal[0]},
                values={"name": goal[1], "order": order},
            )
    return sdg, local


def _seed_plan(
    *, units: dict[str, Unit], sdg: dict[int, FrameworkGoal], local: dict[str, FrameworkGoal]
) -> tuple[Plan, dict[int, PriorityArea], dict[str, Goal]]:
    plan = _upsert(
        Plan,
        lookup={"unit": units["flens-kommun"], "name": flen.PLAN["name"]},
        values={
            "steward": units["kulturenheten"],
            "start_year": flen.PLAN["start_year"],
            "end_year": flen.PLAN["end_year"],
            "status": Plan.Status.ADOPTED,
            "description": flen.PLAN["description"],
        },
    )
    _set_m2m(plan.framework_goals, [sdg[n] for n in flen.PLAN["agenda2030"]])
    areas: dict[int, PriorityArea] = {}
    goals: dict[str, Goal] = {}
    for spec in flen.AREAS:
        area = _upsert(
            PriorityArea,
            lookup={"plan": plan, "number": spec["number"]},
            values={"name": spec["name"]},
        )
        areas[spec["number"]] = area
        links = [sdg[n] for n in spec["agenda2030"]]
        links += [local[f"strategic:{code}"] for code in spec["strategic"]]
        links += [local[f"board:{code}"] for code in spec["board"]]
        _set_m2m(area.framework_goals, links)
        for order, (code, text) in enumerate(spec["goals"], start=1):
            goal = _upsert(
                Goal,
                lookup={"plan": plan, "code": code},
                values={"area": area, "text": text, "order": order},
            )
            _set_m2m(goal.framework_goals, [sdg[n] for n in spec["agenda2030"]])
            goals[code] = goal
    return plan, areas, goals


def _seed_area_plan(
    *,
    year_plan: YearPlan,
    area: PriorityArea,
    sdg_links: list[FrameworkGoal],
    values: dict,
    focus: list[tuple[str, str]],
) -> None:
    area_plan = _upsert(AreaYearPlan, lookup={"year_plan": year_plan, "area": area}, values=values)
    _set_m2m(area_plan.framework_goals, sdg_links)
    for order, (heading, text) in enumerate(focus, start=1):
        _upsert(
            FocusItem,
            lookup={"area_year_plan": area_plan, "order": order},
            values={"heading": heading, "text": text},
        )


def _seed_year_plans(
    *, unit: Unit, plan: Plan, areas: dict[int, PriorityArea], sdg: dict[int, FrameworkGoal]
) -> None:
    area_sdg = {spec["number"]: [sdg[n] for n in spec["agenda2030"]] for spec in flen.AREAS}
    main = flen.YEAR_PLAN_2024
    functions = main["functions"]
    for year, spec in sorted(flen.EARLIER_YEAR_PLANS.items()):
        year_plan = _upsert(
            YearPlan,
            lookup={"unit": unit, "year": year},
            values={
                "plan": plan,
                "status": Plan.Status.ADOPTED,
                "budget_kr": Decimal(spec["budget_kr"]),
                "staffing_fte": Decimal(spec["staffing_fte"]),
                "functions": functions,
                "introduction": spec["introduction"],
                "preconditions": spec["preconditions"],
                "analysis": spec["analysis"],
            },
        )
        for number, area in areas.items():
            _seed_area_plan(
                year_plan=year_plan,
                area=area,
                sdg_links=area_sdg[number],
                values={"followup": "VEPAQ"},
                focus=[("", text) for text in spec["focus"][number]],
            )
    year_plan = _upsert(
        YearPlan,
        lookup={"unit": unit, "year": main["year"]},
        values={
            "plan": plan,
            "status": Plan.Status.ADOPTED,
            "budget_kr": Decimal(main["budget_kr"]),
            "staffing_fte": Decimal(main["staffing_fte"]),
            "functions": functions,
            "introduction": main["introduction"],
            "preconditions": main["preconditions"],
            "analysis": main["analysis"],
        },
    )
    for number, area in areas.items():
        spec = main["areas"][number]
        _seed_area_plan(
            year_plan=year_plan,
            area=area,
            sdg_links=area_sdg[number],
            values={
                "preconditions": spec["preconditions"],
                "board_goal": spec["board_goal"],
                "method": spec["method"],
                "followup": spec["followup"],
            },
            focus=spec["focus"],
        )


def _seed_target_population(*, units: dict[str, Unit]) -> None:
    for slug in ("flens-kommun", "kulturenheten"):
        for year, population in flen.TARGET_POPULATION.items():
            _upsert(
                TargetPopulation,
                lookup={"unit": units[slug], "year": year},
                values={"population_10_25": population},
            )


def _young_participants(*, unit: Unit, year: int, month: int) -> int:
    fields = [AGE_COUNT_FIELDS[band] for band in YOUTH_BANDS]
    totals = Activity.objects.filter(
        unit=unit, status=Status.DONE, date__year=year, date__month=month
    ).aggregate(**{name: Sum(name) for name in fields})
    return sum(value or 0 for value in totals.values())


def _seed_indicators(*, unit: Unit, plan: Plan, goals: dict[str, Goal]) -> None:
    """The seed's indicators; the December baseline is read from the demo activities."""
    december_2022 = _young_participants(unit=unit, year=2022, month=12)
    population_2022 = flen.TARGET_POPULATION[2022]
    computed = {
        "young_participants": {
            "baseline": Decimal(december_2022),
            "targets": {
                2024: Decimal(round(december_2022 * 1.15)),
                2025: Decimal(round(december_2022 * 1.25)),
            },
            "values": {},
        },
        "young_population_share": {
            "baseline": Decimal(december_2022 * 100 / population_2022).quantize(Decimal("0.01")),
            "targets": {
                year: (Decimal(december_2022 * factor * 100 / population_2022)).quantize(
                    Decimal("0.01")
                )
                for year, factor in ((2024, 1.15), (2025, 1.25))
            },
            "values": {},
        },
    }
    for order, spec in enumerate(flen.INDICATORS, start=1):
        extra = computed.get(spec["key"])
        if extra is None:
            extra = {
                "baseline": Decimal(spec["baseline"]),
                "targets": {year: Decimal(v) for year, v in spec["targets"].items()},
                "values": spec["values"],
            }
        indicator = _upsert(
            Indicator,
            lookup={"unit": unit, "name": spec["name"]},
            values={
                "plan": plan,
                "goal": goals["1.1"],
                "unit_of_measure": spec["unit_of_measure"],
                "direction": Indicator.Direction.INCREASE,
                "frequency": spec["frequency"],
                "source": spec["source"],
                "baseline_year": 2022,
                "baseline_value": extra["baseline"],
                "order": order,
            },
        )
        for year, value in extra["targets"].items():
            _upsert(
                IndicatorTarget,
                lookup={"indicator": indicator, "year": year},
                values={"value": value},
            )
        for year, (value, comment) in extra["values"].items():
            _upsert(
                IndicatorValue,
                lookup={"indicator": indicator, "year": year, "period": 0},
                values={"value": Decimal(value), "comment": comment},
            )


def _seed_users(*, units: dict[str, Unit], password: str) -> list[tuple[str, str, str, str]]:
    User = get_user_model()
    result = []
    for username, first, last, role, unit_slug, superuser in demo_data.DEMO_USERS:
        user = User.objects.filter(username=username).first()
        changed = user is None
        if user is None:
            user = User(username=username)
            user.set_password(password)
        elif not user.check_password(password):
            user.set_password(password)
            changed = True
        for name, value in (
            ("first_name", first),
            ("last_name", last),
            ("is_superuser", superuser),
            ("is_staff", superuser),
            ("is_active", True),
            # Demo addresses (example.se is never a real mailbox), for the reminders.
            ("email", f"{username}@flen.example.se"),
        ):
            if getattr(user, name) != value:
                setattr(user, name, value)
                changed = True
        if changed:
            user.full_clean()
            user.save()
        _upsert(Membership, lookup={"user": user, "unit": units[unit_slug], "role": role})
        result.append((username, f"{first} {last}", role, unit_slug))
    return result


# --- activities ----------------------------------------------------------------------------


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
def _seed_activities(
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
        name: _upsert(Partner, lookup={"unit": unit, "name": name}, values={"kind": kind})
        for name, kind, _collab in partner_specs
    }
    places = {name: _upsert(Place, lookup={"unit": unit, "name": name}) for name in place_names}
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
                exclude=[*_non_editable(Activity), *TRUSTED_FOREIGN_KEYS],
                validate_constraints=False,
            )
            activity.validate_goals(activity_goals)
        if is_new:
            new.append((activity, activity_goals, activity_partners))
            continue
        if scalars_changed:
            activity.save()
        _set_m2m(activity.goals, activity_goals)
        _set_m2m(activity.partners, activity_partners)
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


# --- follow-up: monthly reports, matrix, focus items, the next plan's draft ----------------


def _overdue_specs(existing: list[dict]) -> list[dict]:
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


def report_values(year: int, month: int, *, state: str) -> dict:
    """The manager's judgement for one month (the VEPAQ input fields). A draft is half done:
    V and E are written, the rest waits."""
    budget = followup_data.BUDGET_KR[year]
    factor, forecast = followup_data.SPENDING[year][month]
    periodised = budget * sum(followup_data.MONTH_SPEND[:month]) / 12
    values: dict = {}
    for dim in DIMENSIONS:
        yellow = followup_data.YELLOW.get((year, dim, month))
        if dim == "V":
            comment = followup_data.V_COMMENTS[month]
            if yellow:
                comment = f"{comment} {yellow[0]}"
        else:
            comment = yellow[0] if yellow else followup_data.GREEN_TEXT[dim]
        values[f"{dim.lower()}_status"] = "yellow" if yellow else "green"
        values[f"{dim.lower()}_comment"] = comment
        values[f"{dim.lower()}_actions"] = yellow[1] if yellow else ""
    if year == 2026 and month in (6, 7, 8):
        values["e_comment"] += " Budgetnivå som 2024 (3 022 tkr), ingen verksamhetsplan för 2026."
    values["e_outcome_ytd_kr"] = Decimal(round(periodised * factor / 1000) * 1000)
    values["e_forecast_kr"] = Decimal(forecast)
    short, long = followup_data.SICK_LEAVE.get(year, {}).get(
        month, followup_data.DEFAULT_SICK_LEAVE
    )
    values["p_actual_fte"] = Decimal(followup_data.ACTUAL_FTE.get(year, {}).get(month, "2.50"))
    values["p_sick_leave_short"] = Decimal(str(short))
    values["p_sick_leave_long"] = Decimal(str(long))
    workload = followup_data.WORKLOAD.get(year, {}).get(month, 3)
    values["a_workload"] = workload
    values["a_risks"] = followup_data.RISKS[workload]
    if state == MonthlyReport.State.DRAFT:
        keep = {"v_status", "v_comment", "v_actions", "e_status", "e_comment", "e_actions"}
        keep |= {"e_outcome_ytd_kr", "e_forecast_kr"}
        values = {name: (value if name in keep else _empty(name)) for name, value in values.items()}
    return values


def _empty(name: str):
    field = MonthlyReport._meta.get_field(name)
    return None if field.null else ""


def _seed_reports(*, unit: Unit, by) -> None:
    """The VEPAQ reports through the workflow services. An approved report (and its closed
    month) is never touched again; others are written only when they differ."""
    existing = {
        (report.year, report.month): report
        for report in MonthlyReport.objects.filter(unit=unit, year__in=followup_data.REPORT_STATES)
    }
    order = [MonthlyReport.State.DRAFT, MonthlyReport.State.SUBMITTED]
    order.append(MonthlyReport.State.APPROVED)
    for year, months in sorted(followup_data.REPORT_STATES.items()):
        for month, state in sorted(months.items()):
            report = existing.get((year, month))
            if report is not None and report.state == MonthlyReport.State.APPROVED:
                continue
            if report is None:
                report = report_get_or_create(unit=unit, year=year, month=month)
            values = report_values(year, month, state=state)
            if any(getattr(report, name) != value for name, value in values.items()):
                if report.state == MonthlyReport.State.SUBMITTED and state == "draft":
                    report = report_return(report=report, by=by)
                report = report_update(report=report, data=values, by=by)
            if order.index(report.state) < order.index(state):
                if report.state == MonthlyReport.State.DRAFT:
                    report = report_submit(report=report, by=by)
                if state == MonthlyReport.State.APPROVED:
                    report = report_approve(report=report, by=by)


def _seed_matrix(*, unit: Unit, goals: dict[str, Goal], year_plan: YearPlan, by) -> None:
    existing = {
        (item.goal_id, item.year): item
        for item in MatrixAssessment.objects.filter(unit=unit, goal__in=goals.values())
    }
    for code, cells in followup_data.MATRIX.items():
        for year, (assessment, comment) in zip(followup_data.MATRIX_YEARS, cells, strict=True):
            item = existing.get((goals[code].pk, year))
            if item is not None and (item.assessment, item.comment) == (assessment, comment):
                continue
            matrix_assessment_set(
                unit=unit, goal=goals[code], year=year, assessment=assessment, comment=comment,
                by=by,
            )  # fmt: skip
    focus_items = (
        FocusItem.objects.filter(area_year_plan__year_plan=year_plan)
        .select_related("area_year_plan__area", "assessment")
        .order_by("area_year_plan__area__number", "order")
    )
    by_area: dict[int, list[FocusItem]] = {}
    for item in focus_items:
        by_area.setdefault(item.area_year_plan.area.number, []).append(item)
    for number, rows in followup_data.FOCUS_2024.items():
        for item, (assessment, effect, development) in zip(by_area[number], rows, strict=True):
            current = getattr(item, "assessment", None)
            if current is not None and (
                current.assessment,
                current.effect,
                current.development,
            ) == (assessment, effect, development):
                continue
            focus_item_assessment_set(
                focus_item=item,
                assessment=assessment,
                effect=effect,
                development=development,
                by=by,
            )


def _seed_draft_plan(*, units: dict[str, Unit]) -> Plan:
    spec = followup_data.DRAFT_PLAN
    plan = _upsert(
        Plan,
        lookup={"unit": units["flens-kommun"], "name": spec["name"]},
        values={
            "steward": units["kulturenheten"],
            "start_year": spec["start_year"],
            "end_year": spec["end_year"],
            "status": Plan.Status.DRAFT,
            "description": spec["description"],
        },
    )
    for number, name, goals in spec["areas"]:
        area = _upsert(PriorityArea, lookup={"plan": plan, "number": number}, values={"name": name})
        for order, (code, text) in enumerate(goals, start=1):
            _upsert(
                Goal,
                lookup={"plan": plan, "code": code},
                values={"area": area, "text": text, "order": order},
            )
    return plan


# --- the service ---------------------------------------------------------------------------


@transaction.atomic
def seed_demo(*, password: str = DEMO_PASSWORD) -> SeedResult:
    """Create or complete the whole demo in one transaction."""
    result = SeedResult()
    units = _seed_units()
    sdg, local = _seed_frameworks()
    plan, areas, goals = _seed_plan(units=units, sdg=sdg, local=local)
    _seed_year_plans(unit=units["kulturenheten"], plan=plan, areas=areas, sdg=sdg)
    _seed_target_population(units=units)
    result.users = _seed_users(units=units, password=password)
    User = get_user_model()
    for slug, partner_specs, place_names, creator in (
        ("kulturenheten", demo_data.PARTNERS, demo_data.PLACES, "medarbetare"),
        ("bibliotek", demo_data.BIBLIOTEK_PARTNERS, demo_data.BIBLIOTEK_PLACES, "chef-bibliotek"),
    ):
        result.created_activities += _seed_activities(
            unit=units[slug],
            areas=areas,
            goals=goals,
            specs=_with_overdue(slug, activity_specs_for(slug)),
            partner_specs=partner_specs,
            place_names=place_names,
            created_by=User.objects.get(username=creator),
        )
        result.activities[slug] = Activity.objects.filter(unit=units[slug]).count()
    # Co-arranged activities (activities/demo.py), before the reports close their months.
    seed_co_arranged(units=units, by=User.objects.get(username="chef-bibliotek"))
    _seed_indicators(unit=units["kulturenheten"], plan=plan, goals=goals)
    # Follow-up after the activities: approving a month closes it for further writes.
    chef = User.objects.get(username="chef")
    _seed_reports(unit=units["kulturenheten"], by=chef)
    _seed_matrix(
        unit=units["kulturenheten"],
        goals=goals,
        year_plan=YearPlan.objects.get(unit=units["kulturenheten"], year=2024),
        by=chef,
    )
    _seed_draft_plan(units=units)
    seed_internal_control(unit=units["kulturenheten"], goals=goals, by=chef)
    from governance.demo import seed_governance  # the demo seeds every app (governance: #13)

    seed_governance(units=units)
    seed_public_calendar(unit=units["kulturenheten"])
    from followup.demo import seed_annual_report

    seed_annual_report(unit=units["kulturenheten"], by=chef)
    return result


def _with_overdue(slug: str, specs: list[dict]) -> list[dict]:
    return specs + _overdue_specs(specs) if slug == "kulturenheten" else specs


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
