"""Reads for internal control: the plan page, the risk page, the risk matrix and the report.

Everything aggregates in the database or walks rows fetched with a fixed number of queries
(prefetches), so a page costs the same number of queries for 10 risks as for 1 000.
The report dict is the contract of `report internal_control` (docs/internal-control.md).
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from culture_plan import periods, permissions
from culture_plan.choices import Light
from culture_plan.models import Goal, Unit
from internal_control.models import (
    CONSEQUENCE_DESCRIPTIONS,
    LIKELIHOOD_DESCRIPTIONS,
    SCALE,
    Action,
    Consequence,
    Control,
    ControlResult,
    Handling,
    InternalControlPlan,
    Likelihood,
    Risk,
    handling_for,
)


def unit_plans(*, unit: Unit) -> QuerySet[InternalControlPlan]:
    return (
        InternalControlPlan.objects.filter(unit=unit)
        .annotate(risk_count=Count("risks"))
        .order_by("-year")
    )


INDEX_LIMIT = 200


def index_units(*, user) -> list[dict]:
    """The /internkontroll/ page: each unit the user may read (bounded), with its plans
    (newest first) and whether the user keeps its internal control."""
    units = list(permissions.visible_units(user).order_by("path")[:INDEX_LIMIT])
    plans: dict[int, list] = {}
    for plan in (
        InternalControlPlan.objects.filter(unit__in=[u.pk for u in units])
        .annotate(risk_count=Count("risks"))
        .order_by("-year")
    ):
        plans.setdefault(plan.unit_id, []).append(plan)
    managed = {u.pk for u in permissions.units_with_role(user, permissions.EDITORS)}
    return [
        {"unit": unit, "plans": plans.get(unit.pk, []), "can_manage": unit.pk in managed}
        for unit in units
        if plans.get(unit.pk) or unit.pk in managed
    ]


def latest_adopted_plan(*, units) -> InternalControlPlan | None:
    """The latest adopted internal control plan of these units (the politician's start page
    links its report beside the published reports)."""
    return (
        InternalControlPlan.objects.filter(unit__in=units, state=InternalControlPlan.State.ADOPTED)
        .select_related("unit")
        .order_by("-year", "unit__path")
        .first()
    )


def plan_for(*, unit: Unit, year: int) -> InternalControlPlan | None:
    return (
        InternalControlPlan.objects.filter(unit=unit, year=year)
        .select_related("unit", "adopted_by")
        .first()
    )


def risk_matrix(*, plan: InternalControlPlan | None) -> list[list[int]]:
    """Count of risks per cell: row = likelihood 1–4, column = consequence 1–4 (DESIGN)."""
    grid = [[0, 0, 0, 0] for _ in SCALE]
    if plan is None:
        return grid
    rows = (
        Risk.objects.filter(plan=plan)
        .values("likelihood", "consequence")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        grid[row["likelihood"] - 1][row["consequence"] - 1] = row["n"]
    return grid


def matrix_rows(*, matrix: list[list[int]], bounds: dict[str, int]) -> list:
    """The matrix as a page, PDF or SVG shows it: likelihood 4 at the top, each cell with its
    count, value and handling (code and words) under the plan's `bounds`."""
    rows = []
    for likelihood in reversed(SCALE):
        cells = []
        for consequence in SCALE:
            value = likelihood * consequence
            handling = handling_for(value, **bounds)
            cells.append(
                {
                    "likelihood": likelihood,
                    "consequence": consequence,
                    "count": matrix[likelihood - 1][consequence - 1],
                    "value": value,
                    "handling": str(handling),
                    "handling_label": str(Handling(handling).label),
                }
            )
        rows.append(
            {
                "likelihood": likelihood,
                "label": str(Likelihood(likelihood).label),
                "description": str(LIKELIHOOD_DESCRIPTIONS[likelihood]),
                "cells": cells,
            }
        )
    return rows


def consequence_columns() -> list[dict]:
    return [
        {
            "consequence": value,
            "label": str(Consequence(value).label),
            "description": str(CONSEQUENCE_DESCRIPTIONS[value]),
        }
        for value in SCALE
    ]


def bounds_of(plan: InternalControlPlan | None) -> dict[str, int]:
    if plan is None:
        return {"monitor_from": 4, "act_from": 8, "urgent_from": 12}
    return {
        "monitor_from": plan.monitor_from,
        "act_from": plan.act_from,
        "urgent_from": plan.urgent_from,
    }


def handling_ranges(bounds: dict[str, int]) -> list[dict]:
    """The handling rule in words, e.g. "12–16 Hanteras snarast", from the plan's bounds."""
    values = sorted({a * b for a in SCALE for b in SCALE})
    ranges = []
    for handling in Handling:
        inside = [v for v in values if handling_for(v, **bounds) == handling]
        if inside:
            low, high = inside[0], inside[-1]
            text = f"{low}–{high}" if low != high else str(low)
            ranges.append({"handling": str(handling), "label": str(handling.label), "range": text})
    return ranges


def _results_prefetch(*, start=None, end=None) -> Prefetch:
    results = ControlResult.objects.order_by("date", "pk")
    if start is not None:
        results = results.filter(date__gte=start, date__lte=end)
    results = results.prefetch_related(
        Prefetch("actions", queryset=Action.objects.order_by("due_date", "pk"))
    )
    return Prefetch("results", queryset=results)


def risks_with_follow_up(*, plan: InternalControlPlan, start=None, end=None) -> list[Risk]:
    """The plan's risks, highest value first, with goals, controls, their results (within the
    period when given) and the results' actions: five queries whatever the number of risks."""
    controls = Control.objects.order_by("pk").prefetch_related(
        _results_prefetch(start=start, end=end)
    )
    risks = list(
        Risk.objects.filter(plan=plan)
        .by_value()
        .prefetch_related(
            Prefetch("goals", queryset=_goals()),
            Prefetch("controls", queryset=controls),
        )
    )
    for risk in risks:
        risk.plan = plan  # handling uses the plan's bounds without another query
    return risks


def _goals():
    return Goal.objects.order_by("area__number", "order", "code")


def light_for(*, risk: Risk, as_of: datetime.date) -> str | None:
    """The risk's follow-up light, in the words of the goal follow-up:
    no result yet → none (Ej bedömd); a deviation without an action, or an open action past
    its date → red; an open action within its date → yellow; otherwise green.
    Uses the prefetched controls, results and actions."""
    results = [result for control in risk.controls.all() for result in control.results.all()]
    if not results:
        return None
    light = Light.GREEN
    for result in results:
        if result.outcome != ControlResult.Outcome.DEVIATION:
            continue
        actions = list(result.actions.all())
        if not actions:
            return Light.RED
        for action in actions:
            if action.is_open:
                if action.due_date < as_of:
                    return Light.RED
                light = Light.YELLOW
    return light


def plan_page(*, plan: InternalControlPlan, today: datetime.date | None = None) -> dict:
    """The plan with its risks by value, each with its handling and light, and the matrix."""
    today = today or timezone.localdate()
    as_of = min(today, periods.year_period(plan.year)[1])
    risks = risks_with_follow_up(plan=plan)
    for risk in risks:
        risk.light = light_for(risk=risk, as_of=as_of)
        risk.control_count = len(risk.controls.all())
    matrix = risk_matrix(plan=plan)
    return {
        "plan": plan,
        "risks": risks,
        "matrix_data": {"matrix": matrix, "bounds": bounds_of(plan)},
    }


def risk_page(*, risk: Risk) -> dict:
    """A risk with its goals, controls, results and actions."""
    risk = (
        Risk.objects.select_related("plan__unit")
        .prefetch_related(
            Prefetch("goals", queryset=_goals()),
            Prefetch(
                "controls",
                queryset=Control.objects.order_by("pk").prefetch_related(_results_prefetch()),
            ),
        )
        .get(pk=risk.pk)
    )
    today = timezone.localdate()
    risk.light = light_for(risk=risk, as_of=min(today, periods.year_period(risk.plan.year)[1]))
    return {"risk": risk, "plan": risk.plan}


# --- the report ------------------------------------------------------------------------------


def _person(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def _action_dict(action: Action, *, as_of: datetime.date) -> dict:
    return {
        "title": action.title,
        "responsible": action.responsible,
        "due_date": action.due_date.isoformat(),
        "status": action.status,
        "status_label": str(action.get_status_display()),
        "overdue": action.is_open and action.due_date < as_of,
    }


def report(*, unit: Unit, year: int, tertial: int | None = None, today=None) -> dict:
    """The internal control report for the board (DESIGN's JSON; more keys may be added):
    the plan's risks by value with their controls and the results of the period, the matrix
    (row = likelihood 1–4, column = consequence 1–4), and what is still open.

    A unit without a plan for the year gives state null, no risks and an empty matrix."""
    start, end = periods.report_period(year, tertial)
    today = today or timezone.localdate()
    as_of = min(today, end)
    plan = plan_for(unit=unit, year=year)
    data = {
        "unit": unit.slug,
        "unit_name": unit.name,
        "year": year,
        "tertial": tertial,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "state": plan.state if plan else None,
        "adopted_at": timezone.localtime(plan.adopted_at).date().isoformat()
        if plan and plan.adopted_at
        else None,
        "adopted_by": _person(plan.adopted_by) if plan else None,
        "bounds": bounds_of(plan),
        "risks": [],
        "matrix": risk_matrix(plan=plan),
        "open_actions": [],
    }
    summary = {
        "risks": 0,
        "controls": 0,
        "results": 0,
        "ok": 0,
        "deviations": 0,
        "actions": 0,
        "open_actions": 0,
        "overdue_actions": 0,
        "lights": {"green": 0, "yellow": 0, "red": 0, "none": 0},
    }
    if plan is not None:
        for risk in risks_with_follow_up(plan=plan, start=start, end=end):
            light = light_for(risk=risk, as_of=as_of)
            summary["risks"] += 1
            summary["lights"][light or "none"] += 1
            controls = []
            for control in risk.controls.all():
                summary["controls"] += 1
                results = []
                for result in control.results.all():
                    summary["results"] += 1
                    summary["ok" if result.outcome == "ok" else "deviations"] += 1
                    actions = [_action_dict(a, as_of=as_of) for a in result.actions.all()]
                    for action in actions:
                        summary["actions"] += 1
                        if action["status"] != Action.Status.DONE:
                            summary["open_actions"] += 1
                            summary["overdue_actions"] += action["overdue"]
                            data["open_actions"].append(
                                {"risk": risk.title, "control": control.title, **action}
                            )
                    results.append(
                        {
                            "date": result.date.isoformat(),
                            "outcome": result.outcome,
                            "comment": result.comment,
                            "actions": actions,
                        }
                    )
                controls.append(
                    {
                        "title": control.title,
                        "method": str(control.get_method_display()),
                        "frequency": str(control.get_frequency_display()),
                        "responsible": control.responsible,
                        "reported_to": control.reported_to,
                        "results": results,
                    }
                )
            handling = risk.handling
            data["risks"].append(
                {
                    "title": risk.title,
                    "process": risk.process,
                    "consequence_text": risk.consequence_text,
                    "goals": [goal.code for goal in risk.goals.all()],
                    "likelihood": risk.likelihood,
                    "likelihood_label": str(risk.get_likelihood_display()),
                    "consequence": risk.consequence,
                    "consequence_label": str(risk.get_consequence_display()),
                    "value": risk.value,
                    "handling": str(Handling(handling).label),
                    "handling_code": str(handling),
                    "decision": risk.decision,
                    "decision_label": str(risk.get_decision_display()),
                    "light": str(light) if light else None,
                    "controls": controls,
                }
            )
    data["open_actions"].sort(key=lambda action: (action["due_date"], action["title"]))
    data["summary"] = summary
    return data


def report_section(*, unit: Unit, year: int, tertial: int | None = None) -> dict:
    """The internal control section of the annual (or tertial) report document: the report
    dict (JSON-safe) plus a heading. Render it with templates/internal_control/_report_section.html
    (context variable `section`); the SVG matrix is drawn there from `section.matrix`."""
    data = report(unit=unit, year=year, tertial=tertial)
    data["heading"] = _("Internkontroll")
    return data


def light_label(value: str | None) -> str:
    return str(Light(value).label) if value else _("Ej bedömd")
