"""Writes for the plan side. Each service validates with full_clean() and saves in one
transaction, so views, forms and the admin hold no business logic of their own."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Model

from culture_plan.models import (
    AreaYearPlan,
    FocusItem,
    Goal,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Plan,
    PriorityArea,
    Unit,
    YearPlan,
)

M2M_FIELDS = ("framework_goals",)


def _save(*, instance: Model, data: Mapping[str, Any], by) -> Model:
    """Copy plain fields from `data`, validate, save and set the many-to-many links."""
    m2m = {name: data[name] for name in M2M_FIELDS if name in data}
    for name, value in data.items():
        if name not in M2M_FIELDS:
            setattr(instance, name, value)
    instance.full_clean()
    instance._history_user = by
    instance.save()
    for name, value in m2m.items():
        getattr(instance, name).set(value)
    return instance


@transaction.atomic
def plan_create(*, data: Mapping[str, Any], by) -> Plan:
    return _save(instance=Plan(), data=data, by=by)


@transaction.atomic
def plan_update(*, plan: Plan, data: Mapping[str, Any], by) -> Plan:
    return _save(instance=plan, data=data, by=by)


@transaction.atomic
def area_create(*, plan: Plan, data: Mapping[str, Any], by) -> PriorityArea:
    return _save(instance=PriorityArea(plan=plan), data=data, by=by)


@transaction.atomic
def area_update(*, area: PriorityArea, data: Mapping[str, Any], by) -> PriorityArea:
    return _save(instance=area, data=data, by=by)


@transaction.atomic
def goal_create(*, area: PriorityArea, data: Mapping[str, Any], by) -> Goal:
    goal = Goal(area=area, plan_id=area.plan_id)
    return _save(instance=goal, data=data, by=by)


@transaction.atomic
def goal_update(*, goal: Goal, data: Mapping[str, Any], by) -> Goal:
    """Saves the goal; its `plan` follows its area (see Goal.save)."""
    return _save(instance=goal, data=data, by=by)


@transaction.atomic
def year_plan_create(*, unit: Unit, data: Mapping[str, Any], by) -> YearPlan:
    return _save(instance=YearPlan(unit=unit), data=data, by=by)


@transaction.atomic
def year_plan_update(*, year_plan: YearPlan, data: Mapping[str, Any], by) -> YearPlan:
    return _save(instance=year_plan, data=data, by=by)


def focus_lines(text: str) -> list[str]:
    """One focus item per non-empty line, surrounding spaces and list bullets removed."""
    lines = []
    for line in text.splitlines():
        line = line.strip().lstrip("-•*").strip()
        if line:
            lines.append(line)
    return lines


def _sync_focus_items(*, area_year_plan: AreaYearPlan, lines: Iterable[str], by) -> None:
    """Make the focus items equal the lines, keeping the rows whose text is unchanged so that
    their yearly assessments survive an edit; new lines become new rows, removed ones go."""
    existing = list(area_year_plan.focus_items.order_by("order", "pk"))
    unused = {item.pk: item for item in existing}
    for order, line in enumerate(lines, start=1):
        match = next((item for item in unused.values() if item.text == line), None)
        if match is None:
            match = FocusItem(area_year_plan=area_year_plan, text=line)
        else:
            del unused[match.pk]
        match.order = order
        match.full_clean()
        match._history_user = by
        match.save()
    for item in unused.values():
        item._history_user = by
        item.delete()


@transaction.atomic
def area_year_plan_create(
    *, year_plan: YearPlan, data: Mapping[str, Any], focus: Iterable[str], by
) -> AreaYearPlan:
    area_year_plan = _save(instance=AreaYearPlan(year_plan=year_plan), data=data, by=by)
    _sync_focus_items(area_year_plan=area_year_plan, lines=focus, by=by)
    return area_year_plan


@transaction.atomic
def area_year_plan_update(
    *, area_year_plan: AreaYearPlan, data: Mapping[str, Any], focus: Iterable[str], by
) -> AreaYearPlan:
    _save(instance=area_year_plan, data=data, by=by)
    _sync_focus_items(area_year_plan=area_year_plan, lines=focus, by=by)
    return area_year_plan


@transaction.atomic
def indicator_create(*, unit: Unit, data: Mapping[str, Any], by) -> Indicator:
    return _save(instance=Indicator(unit=unit), data=data, by=by)


@transaction.atomic
def indicator_update(*, indicator: Indicator, data: Mapping[str, Any], by) -> Indicator:
    return _save(instance=indicator, data=data, by=by)


@transaction.atomic
def indicator_target_save(
    *, indicator: Indicator, data: Mapping[str, Any], by, target: IndicatorTarget | None = None
) -> IndicatorTarget:
    return _save(instance=target or IndicatorTarget(indicator=indicator), data=data, by=by)


@transaction.atomic
def indicator_value_save(
    *, indicator: Indicator, data: Mapping[str, Any], by, value: IndicatorValue | None = None
) -> IndicatorValue:
    return _save(instance=value or IndicatorValue(indicator=indicator), data=data, by=by)
