"""Writes for internal control. Each service validates with full_clean(), saves in one
transaction with its history author, and returns the object; views and the demo call them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from culture_plan.models import Unit
from culture_plan.selectors import plan_in_force
from internal_control.models import Action, Control, ControlResult, InternalControlPlan, Risk


def _save(*, instance: Model, data: Mapping[str, Any], by, m2m: tuple[str, ...] = ()) -> Model:
    """Copy plain fields from `data`, validate, save with `by` as the history author, then set
    the many-to-many links named in `m2m`."""
    links = {name: data[name] for name in m2m if name in data}
    for name, value in data.items():
        if name not in m2m:
            setattr(instance, name, value)
    instance.full_clean()
    instance._history_user = by
    instance.save()
    for name, value in links.items():
        getattr(instance, name).set(value)
    return instance


@transaction.atomic
def plan_create(*, unit: Unit, data: Mapping[str, Any], by) -> InternalControlPlan:
    """A new draft plan of the unit for a year (one per unit and year)."""
    year = data.get("year")
    if InternalControlPlan.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            {
                "year": _("%(unit)s har redan en internkontrollplan för %(year)s.")
                % {"unit": unit, "year": year}
            }
        )
    plan = InternalControlPlan(unit=unit, state=InternalControlPlan.State.DRAFT)
    return _save(instance=plan, data=data, by=by)


@transaction.atomic
def plan_update(*, plan: InternalControlPlan, data: Mapping[str, Any], by) -> InternalControlPlan:
    return _save(instance=plan, data=data, by=by)


@transaction.atomic
def plan_adopt(*, plan: InternalControlPlan, by, at=None) -> InternalControlPlan:
    """Adopts a draft plan: records who adopted it and when. A plan without risks cannot be
    adopted."""
    plan = InternalControlPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_adopted:
        raise ValidationError(_("Planen är redan antagen."))
    if not plan.risks.exists():
        raise ValidationError(_("En plan utan risker kan inte antas. Lägg till en risk först."))
    data = {
        "state": InternalControlPlan.State.ADOPTED,
        "adopted_by": by,
        "adopted_at": at or timezone.now(),
    }
    return _save(instance=plan, data=data, by=by)


def _check_goals(*, plan: InternalControlPlan, goals) -> None:
    """A risk threatens goals of the culture plan in force for the plan's unit and year."""
    goals = list(goals or [])
    if not goals:
        return
    in_force = plan_in_force(unit=plan.unit, year=plan.year)
    if in_force is None or any(goal.plan_id != in_force.pk for goal in goals):
        raise ValidationError(
            {
                "goals": _("Välj mål ur den kulturplan som gäller för enheten %(year)s.")
                % {"year": plan.year}
            }
        )


@transaction.atomic
def risk_create(*, plan: InternalControlPlan, data: Mapping[str, Any], by) -> Risk:
    _check_goals(plan=plan, goals=data.get("goals"))
    risk = Risk(plan=plan)
    if "order" not in data:
        last = plan.risks.order_by("-order").values_list("order", flat=True).first()
        risk.order = (last or 0) + 1
    return _save(instance=risk, data=data, by=by, m2m=("goals",))


@transaction.atomic
def risk_update(*, risk: Risk, data: Mapping[str, Any], by) -> Risk:
    _check_goals(plan=risk.plan, goals=data.get("goals"))
    return _save(instance=risk, data=data, by=by, m2m=("goals",))


@transaction.atomic
def control_create(*, risk: Risk, data: Mapping[str, Any], by) -> Control:
    return _save(instance=Control(risk=risk), data=data, by=by)


@transaction.atomic
def control_update(*, control: Control, data: Mapping[str, Any], by) -> Control:
    return _save(instance=control, data=data, by=by)


@transaction.atomic
def result_record(
    *, control: Control, data: Mapping[str, Any], action: Mapping[str, Any] | None = None, by
) -> ControlResult:
    """Records one control occasion and, for a deviation, its first action, together or not
    at all. An action's errors are reported under the action's own field names (action_…)."""
    result = _save(instance=ControlResult(control=control), data=data, by=by)
    if action:
        try:
            _save(instance=Action(result=result), data=action, by=by)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                raise ValidationError(
                    {f"action_{name}": errors for name, errors in error.error_dict.items()}
                ) from None
            raise
    return result


@transaction.atomic
def result_update(*, result: ControlResult, data: Mapping[str, Any], by) -> ControlResult:
    return _save(instance=result, data=data, by=by)


@transaction.atomic
def action_create(*, result: ControlResult, data: Mapping[str, Any], by) -> Action:
    return _save(instance=Action(result=result), data=data, by=by)


@transaction.atomic
def action_update(*, action: Action, data: Mapping[str, Any], by) -> Action:
    return _save(instance=action, data=data, by=by)
