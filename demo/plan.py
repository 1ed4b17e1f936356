"""The plan side of the demo: units, frameworks, the Flen culture plan 2022–2025 and the draft
of the next, Kulturenhetens year plans, its indicators and the demo users."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Sum

from activities.models import (
    AGE_COUNT_FIELDS,
    YOUTH_BANDS,
    Activity,
    Status,
)
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
from demo.common import set_m2m, upsert
from demo.data import agenda2030, flen
from demo.data import flen_activities as demo_data
from demo.data import flen_followup as followup_data


def seed_units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for slug, name, kind, parent_slug in flen.UNITS:
        units[slug] = upsert(
            Unit,
            lookup={"slug": slug},
            values={"name": name, "kind": kind, "parent": units.get(parent_slug)},
        )
    return units


def seed_frameworks() -> tuple[dict[int, FrameworkGoal], dict[str, FrameworkGoal]]:
    """Agenda 2030 and the municipality's own steering documents."""
    agenda = upsert(
        Framework,
        lookup={"slug": agenda2030.FRAMEWORK["slug"]},
        values={
            "name": agenda2030.FRAMEWORK["name"],
            "kind": Framework.Kind.AGENDA_2030,
            "description": agenda2030.FRAMEWORK["description"],
        },
    )
    sdg = {
        number: upsert(
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
        framework = upsert(
            Framework,
            lookup={"slug": spec["slug"]},
            values={"name": spec["name"], "kind": kind, "description": spec["description"]},
        )
        for order, goal in enumerate(spec["goals"], start=1):
            local[f"{prefix}:{goal[0]}"] = upsert(
                FrameworkGoal,
                lookup={"framework": framework, "code": goal[0]},
                values={"name": goal[1], "order": order},
            )
    return sdg, local


def seed_plan(
    *, units: dict[str, Unit], sdg: dict[int, FrameworkGoal], local: dict[str, FrameworkGoal]
) -> tuple[Plan, dict[int, PriorityArea], dict[str, Goal]]:
    plan = upsert(
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
    set_m2m(plan.framework_goals, [sdg[n] for n in flen.PLAN["agenda2030"]])
    areas: dict[int, PriorityArea] = {}
    goals: dict[str, Goal] = {}
    for spec in flen.AREAS:
        area = upsert(
            PriorityArea,
            lookup={"plan": plan, "number": spec["number"]},
            values={"name": spec["name"]},
        )
        areas[spec["number"]] = area
        links = [sdg[n] for n in spec["agenda2030"]]
        links += [local[f"strategic:{code}"] for code in spec["strategic"]]
        links += [local[f"board:{code}"] for code in spec["board"]]
        set_m2m(area.framework_goals, links)
        for order, (code, text) in enumerate(spec["goals"], start=1):
            goal = upsert(
                Goal,
                lookup={"plan": plan, "code": code},
                values={"area": area, "text": text, "order": order},
            )
            set_m2m(goal.framework_goals, [sdg[n] for n in spec["agenda2030"]])
            goals[code] = goal
    return plan, areas, goals


def seed_area_plan(
    *,
    year_plan: YearPlan,
    area: PriorityArea,
    sdg_links: list[FrameworkGoal],
    values: dict,
    focus: list[tuple[str, str]],
) -> None:
    area_plan = upsert(AreaYearPlan, lookup={"year_plan": year_plan, "area": area}, values=values)
    set_m2m(area_plan.framework_goals, sdg_links)
    for order, (heading, text) in enumerate(focus, start=1):
        upsert(
            FocusItem,
            lookup={"area_year_plan": area_plan, "order": order},
            values={"heading": heading, "text": text},
        )


def seed_year_plans(
    *, unit: Unit, plan: Plan, areas: dict[int, PriorityArea], sdg: dict[int, FrameworkGoal]
) -> None:
    area_sdg = {spec["number"]: [sdg[n] for n in spec["agenda2030"]] for spec in flen.AREAS}
    main = flen.YEAR_PLAN_2024
    functions = main["functions"]
    for year, spec in sorted(flen.EARLIER_YEAR_PLANS.items()):
        year_plan = upsert(
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
            seed_area_plan(
                year_plan=year_plan,
                area=area,
                sdg_links=area_sdg[number],
                values={"followup": "VEPAQ"},
                focus=[("", text) for text in spec["focus"][number]],
            )
    year_plan = upsert(
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
        seed_area_plan(
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


def young_participants(*, unit: Unit, year: int, month: int) -> int:
    fields = [AGE_COUNT_FIELDS[band] for band in YOUTH_BANDS]
    totals = Activity.objects.filter(
        unit=unit, status=Status.DONE, date__year=year, date__month=month
    ).aggregate(**{name: Sum(name) for name in fields})
    return sum(value or 0 for value in totals.values())


def seed_indicators(*, unit: Unit, plan: Plan, goals: dict[str, Goal]) -> None:
    """The seed's indicators; the December baseline is read from the demo activities."""
    december_2022 = young_participants(unit=unit, year=2022, month=12)
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
        indicator = upsert(
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
            upsert(
                IndicatorTarget,
                lookup={"indicator": indicator, "year": year},
                values={"value": value},
            )
        for year, (value, comment) in extra["values"].items():
            upsert(
                IndicatorValue,
                lookup={"indicator": indicator, "year": year, "period": 0},
                values={"value": Decimal(value), "comment": comment},
            )


def seed_users(*, units: dict[str, Unit], password: str) -> list[tuple[str, str, str, str]]:
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
        upsert(Membership, lookup={"user": user, "unit": units[unit_slug], "role": role})
        result.append((username, f"{first} {last}", role, unit_slug))
    return result


def seed_draft_plan(*, units: dict[str, Unit]) -> Plan:
    spec = followup_data.DRAFT_PLAN
    plan = upsert(
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
        area = upsert(PriorityArea, lookup={"plan": plan, "number": number}, values={"name": name})
        for order, (code, text) in enumerate(goals, start=1):
            upsert(
                Goal,
                lookup={"plan": plan, "code": code},
                values={"area": area, "text": text, "order": order},
            )
    return plan
