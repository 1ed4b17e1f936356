"""Writes for the plan side. Each service validates with full_clean() and saves in one
transaction, so views, forms and the admin hold no business logic of their own."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher
from typing import Any

from django.db import transaction
from django.db.models import Model

from culture_plan.guards import check_delete_tree
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


SIMILAR = 0.6


def match_focus_lines(items: list[FocusItem], lines: list[str]) -> dict[int, FocusItem]:
    """Line index -> the existing item it continues. Unchanged lines keep their item wherever
    they moved; an edited line (a typo fixed, a word added) keeps the most similar remaining
    item; when as many lines as items are left over, they pair by position (rewritten in
    place). What is left of the items was deleted by the user."""
    matched: dict[int, FocusItem] = {}
    free = list(items)
    for index, line in enumerate(lines):
        same = next((item for item in free if item.text == line), None)
        if same is not None:
            matched[index] = same
            free.remove(same)
    pairs = sorted(
        (
            (SequenceMatcher(None, line.casefold(), item.text.casefold()).ratio(), index, item)
            for index, line in enumerate(lines)
            if index not in matched
            for item in free
        ),
        key=lambda pair: (-pair[0], pair[1], pair[2].order, pair[2].pk),
    )
    for ratio, index, item in pairs:
        if ratio < SIMILAR:
            break
        if index in matched or item not in free:
            continue
        matched[index] = item
        free.remove(item)
    left_lines = [index for index in range(len(lines)) if index not in matched]
    if left_lines and len(left_lines) == len(free):
        for index, item in zip(left_lines, free, strict=True):
            matched[index] = item
    return matched


def _sync_focus_items(*, area_year_plan: AreaYearPlan, lines: Iterable[str], by) -> None:
    """Make the focus items equal the lines, continuing the existing rows wherever a line
    is the same or an edit of one (match_focus_lines), so that their yearly assessments
    survive a typo fix; new lines become new rows. Removing a row that has an assessment is
    refused (a delete guard of the follow-up) before anything is written."""
    lines = list(lines)
    existing = list(area_year_plan.focus_items.order_by("order", "pk"))
    matched = match_focus_lines(existing, lines)
    kept = {item.pk for item in matched.values()}
    removed = [item for item in existing if item.pk not in kept]
    check_delete_tree(removed)
    for item in removed:
        item._history_user = by
        item.delete()
    for order, line in enumerate(lines, start=1):
        item = matched.get(order - 1) or FocusItem(area_year_plan=area_year_plan)
        if item.pk and item.text == line and item.order == order:
            continue
        item.text = line
        item.order = order
        item.full_clean()
        item._history_user = by
        item.save()


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
