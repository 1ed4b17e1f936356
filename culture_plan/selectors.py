"""Reads for the plan side: the plan in force, what a user may see."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from culture_plan import permissions
from culture_plan.models import (
    AreaYearPlan,
    FocusItem,
    Goal,
    Indicator,
    Plan,
    PriorityArea,
    Unit,
    YearPlan,
)


def plan_in_force(*, unit: Unit, year: int) -> Plan | None:
    """The adopted plan of the unit or its nearest ancestor that covers `year`; when none
    covers it, the latest adopted plan that began before it (a plan stays in force until the
    next is adopted). DESIGN: "The plan in force"."""
    slugs = unit.ancestor_slugs()
    adopted = Plan.objects.filter(unit__slug__in=slugs, status=Plan.Status.ADOPTED).select_related(
        "unit"
    )
    candidates = sorted(adopted, key=lambda plan: -plan.unit.path.count("/"))
    for plan in candidates:
        if plan.start_year <= year <= plan.end_year:
            return plan
    earlier = [plan for plan in candidates if plan.start_year <= year]
    if not earlier:
        return None
    # Nearest unit first, then the plan that began latest.
    return max(earlier, key=lambda plan: (plan.unit.path.count("/"), plan.start_year))


def plan_years_in_force(*, plan: Plan, until_year: int) -> list[int]:
    """The plan's own years plus each later year (up to `until_year`) in which it was still
    the plan in force for its unit: the implementation matrix's columns."""
    years = list(plan.years)
    year = plan.end_year + 1
    while year <= until_year:
        current = plan_in_force(unit=plan.unit, year=year)
        if current is None or current.pk != plan.pk:
            break
        years.append(year)
        year += 1
    return years


def visible_plans(*, user) -> QuerySet[Plan]:
    """Plans the user may read (see permissions.can_view_plan)."""
    units = permissions.visible_units(user)
    unit_paths = list(units.values_list("path", flat=True))
    if user.is_superuser:
        return Plan.objects.select_related("unit", "steward")
    own = Q(unit__in=units) | Q(steward__in=units)
    framing = Q()
    for path in unit_paths:
        # Any plan owned by a unit at or above one of the user's units.
        slugs = [part for part in path.split("/") if part]
        framing |= Q(unit__slug__in=slugs)
    condition = own
    if unit_paths:
        condition |= framing & ~Q(status=Plan.Status.DRAFT)
    return Plan.objects.filter(condition).select_related("unit", "steward").distinct()


def plan_with_structure(*, plan_id: int) -> Plan:
    """A plan with areas, goals and their framework links in a fixed number of queries."""
    goals = Goal.objects.prefetch_related("framework_goals__framework").order_by("order", "code")
    areas = PriorityArea.objects.prefetch_related(
        "framework_goals__framework", Prefetch("goals", queryset=goals)
    ).order_by("number")
    return (
        Plan.objects.select_related("unit", "steward")
        .prefetch_related("framework_goals__framework", Prefetch("areas", queryset=areas))
        .get(pk=plan_id)
    )


def year_plan_with_structure(*, year_plan_id: int) -> YearPlan:
    area_plans = (
        AreaYearPlan.objects.select_related("area")
        .prefetch_related(
            "framework_goals__framework",
            Prefetch("focus_items", queryset=FocusItem.objects.order_by("order", "pk")),
            Prefetch("area__goals", queryset=Goal.objects.order_by("order", "code")),
        )
        .order_by("area__number")
    )
    return (
        YearPlan.objects.select_related("unit", "plan")
        .prefetch_related(Prefetch("area_plans", queryset=area_plans))
        .get(pk=year_plan_id)
    )


def visible_year_plans(*, user) -> QuerySet[YearPlan]:
    return YearPlan.objects.filter(unit__in=permissions.visible_units(user)).select_related(
        "unit", "plan"
    )


def visible_indicators(*, user) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(unit__in=permissions.visible_units(user))
        .select_related("unit", "plan", "goal")
        .prefetch_related("targets", "values")
    )


def plans_in_force(*, units, year: int) -> dict[int, Plan | None]:
    """`plan_in_force` for many units at once, in one query instead of one per unit."""
    units = list(units)
    slugs = {slug for unit in units for slug in unit.ancestor_slugs()}
    adopted = list(
        Plan.objects.filter(unit__slug__in=slugs, status=Plan.Status.ADOPTED).select_related("unit")
    )
    result: dict[int, Plan | None] = {}
    for unit in units:
        own = set(unit.ancestor_slugs())
        candidates = sorted(
            (plan for plan in adopted if plan.unit.slug in own),
            key=lambda plan: -plan.unit.path.count("/"),
        )
        covering = [plan for plan in candidates if plan.start_year <= year <= plan.end_year]
        if covering:
            result[unit.pk] = covering[0]
            continue
        earlier = [plan for plan in candidates if plan.start_year <= year]
        result[unit.pk] = (
            max(earlier, key=lambda plan: (plan.unit.path.count("/"), plan.start_year))
            if earlier
            else None
        )
    return result


def unit_overview(*, unit: Unit, user, year: int) -> dict:
    """The unit page: its place in the tree, the plan in force, year plans and indicators."""
    visible = permissions.visible_units(user)
    return {
        "children": list(unit.children.filter(pk__in=visible.values("pk")).order_by("name")),
        "plan": plan_in_force(unit=unit, year=year),
        "own_plans": [
            plan
            for plan in Plan.objects.filter(Q(unit=unit) | Q(steward=unit)).select_related(
                "unit", "steward"
            )
            if permissions.can_view_plan(user, plan)
        ],
        "year_plans": list(unit.year_plans.select_related("plan").order_by("-year")),
        "indicators": list(
            unit.indicators.select_related("goal").prefetch_related("targets", "values")
        ),
    }


def framing_plans(*, unit: Unit, user=None) -> QuerySet[Plan]:
    """Plans a unit's year plan or indicator may belong to: those of the unit and the units
    above it; with `user`, only those the user may read."""
    plans = Plan.objects.filter(unit__slug__in=unit.ancestor_slugs())
    if user is not None:
        plans = plans.filter(pk__in=visible_plans(user=user).values("pk"))
    return plans.order_by("-start_year", "name")
