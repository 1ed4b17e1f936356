"""Page selectors of the follow-up: the context of each big page, built from selectors and
figures, so the views only check who may, call a service and render.

Reads only (no writes); a page's query count does not depend on which view builds it.
"""

from __future__ import annotations

import datetime

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from culture_plan import periods, permissions
from culture_plan.models import Plan, Unit
from culture_plan.selectors import plan_in_force
from followup import cache, figures, lights, report_sections, selectors
from followup.models import DIMENSION_NAMES, DIMENSIONS, Light, MonthlyReport
from followup.report_kinds import KINDS

LIGHT_LABELS = dict(Light.choices)
LIGHT_SHORT = {"green": _("Grön"), "yellow": _("Gul"), "red": _("Röd")}


def light(value: str | None) -> dict:
    """A light as the template shows it: a class and always the word (long and short)."""
    if value in LIGHT_LABELS:
        return {"value": value, "label": LIGHT_LABELS[value], "short": LIGHT_SHORT[value]}
    return {"value": "none", "label": _("Ej bedömd"), "short": _("Ej bedömd")}


def nav(*, unit: Unit, year: int) -> dict:
    """Links between a unit's follow-up pages (the matrix needs the plan in force)."""
    return {"year": year, "plan": plan_in_force(unit=unit, year=year)}


def _suggestions(*, report: MonthlyReport | None, data: dict) -> dict[str, str | None]:
    dims = data.get("dimensions", {})
    if all("suggested_status" in dims.get(dim, {}) for dim in DIMENSIONS):
        return {dim: dims[dim]["suggested_status"] for dim in DIMENSIONS}
    return lights.suggested_lights(report=report, figures=data)


# --- VEPAQ month -----------------------------------------------------------------------------


def _vepaq_sections(*, report, data: dict, form) -> list[dict]:
    """One section per dimension: its figures, its light and the suggested one, and (for a
    manager) its status field, whose hint names the suggestion."""
    suggestions = _suggestions(report=report, data=data)
    if data["dimensions"]["P"].get("personnel_hidden"):
        suggestions["P"] = None
    sections = []
    for dim in DIMENSIONS:
        dim_data = data["dimensions"][dim]
        suggested = suggestions.get(dim)
        if form is not None:
            status_field = form.fields[f"{dim.lower()}_status"]
            status_field.label = _("Status")
            status_field.help_text = (
                _("Förslag: %(light)s") % {"light": LIGHT_LABELS[suggested]}
                if suggested in LIGHT_LABELS
                else _("Inget förslag: underlag saknas. Du bedömer själv.")
            )
        sections.append(
            {
                "code": dim,
                "name": DIMENSION_NAMES[dim],
                "data": dim_data,
                "light": light(dim_data.get("status")),
                "suggested": light(suggested) if suggested else None,
                "status_field": form[f"{dim.lower()}_status"] if form is not None else None,
                "other_fields": form.fields_for(dim)[1:] if form is not None else [],
            }
        )
    return sections


def _month_link(year_month: tuple[int, int]) -> dict:
    year, month = year_month
    return {"year": year, "month": month, "name": periods.month_name(month)}


def _vepaq_fragments(*, user, unit: Unit, year: int, month: int, form, page) -> dict:
    """The keys of the VEPAQ month's cached fragments (``{% fragment %}``): the figures, the
    five dimensions and the month's listing, under the version of the unit's subtree this year
    and last (the report's own texts, lights and state are saved under the unit and year, so
    they change it too). The dimensions depend on who reads them (lights of drafts, personnel
    data, the manager's form) and are not cached while a posted form shows its errors."""
    base = cache.fragment_key(name="vepaq", units=[unit], years=[year - 1, year], parts=(month,))
    if base is None:
        return {"figures": None, "sections": None, "listing": None}
    reader = (
        permissions.sees_draft_lights(user, unit),
        permissions.can_see_personnel_data(user, unit),
        None if form is None else form.is_bound,
    )
    return {
        "figures": (base, "figures"),
        "sections": None if form is not None and form.is_bound else (base, "sections", reader),
        "listing": (base, "listing", (page or "")[:12]),
    }


def vepaq_page(
    *,
    user,
    unit: Unit,
    year: int,
    month: int,
    report: MonthlyReport | None,
    form,
    can_manage: bool,
    page: str | None,
    today: datetime.date,
) -> dict:
    """The VEPAQ month page: the report and its state, the five dimensions with the form's
    fields, the comparison with a year earlier, the month's activities (paged), what a
    manager must confirm before approving, the reopenings and the links to the months around.
    """
    data = SimpleLazyObject(
        lambda: selectors.vepaq_for(
            user=user, unit=unit, year=year, month=month, with_activity_list=False
        )
    )
    submitted = report is not None and report.state == MonthlyReport.State.SUBMITTED
    return {
        "unit": unit,
        "nav": nav(unit=unit, year=year),
        "year": year,
        "month": month,
        "month_name": periods.month_name(month),
        "report": report,
        "state": report.state if report else MonthlyReport.State.DRAFT,
        "state_label": report.get_state_display() if report else _("Ej påbörjad"),
        "locked": report is not None and report.is_locked,
        "can_manage": can_manage,
        "form": form,
        "fragments": _vepaq_fragments(
            user=user, unit=unit, year=year, month=month, form=form, page=page
        ),
        "data": data,
        "sections": SimpleLazyObject(lambda: _vepaq_sections(report=report, data=data, form=form)),
        "comparison": SimpleLazyObject(
            lambda: selectors.previous_year_comparison(unit=unit, year=year, month=month)
        ),
        "listing": SimpleLazyObject(
            lambda: selectors.month_activity_listing(unit=unit, year=year, month=month, page=page)
        ),
        "planned_in_past": (
            selectors.planned_in_past(unit=unit, year=year, month=month, today=today)
            if can_manage and submitted
            else []
        ),
        "reopenings": selectors.reopenings_for(report=report),
        "previous": _month_link(periods.shift_month(year, month, -1)),
        "following": _month_link(periods.shift_month(year, month, 1)),
    }


# --- Youth indicators ------------------------------------------------------------------------


def _youth_months(*, unit: Unit, year: int) -> list[dict]:
    this_series = figures.month_series(unit=unit, year=year)
    previous_series = figures.month_series(unit=unit, year=year - 1)
    return [
        {
            "name": periods.month_name(index + 1),
            "share": this_series[index]["youth_share"],
            "previous_share": previous_series[index]["youth_share"],
            "young": this_series[index]["participants"]["young_10_25"],
            "previous_young": previous_series[index]["participants"]["young_10_25"],
        }
        for index in range(12)
    ]


def _youth_year_to_date(*, unit: Unit, year: int, today: datetime.date) -> dict:
    """The youth share and young participants from January to this month (or to December of
    an earlier year) next to the same months a year earlier."""
    last_month = today.month if year == today.year else 12
    ytd = periods.ytd_period(year, last_month)
    ytd_previous = periods.ytd_period(year - 1, last_month)
    return {
        "ytd_month_name": periods.month_name(last_month),
        "ytd_share": figures.youth_share(unit=unit, start=ytd[0], end=ytd[1]),
        "ytd_previous_share": figures.youth_share(
            unit=unit, start=ytd_previous[0], end=ytd_previous[1]
        ),
        "ytd_young": figures.participants(unit=unit, start=ytd[0], end=ytd[1])["young_10_25"],
        "ytd_previous_young": figures.participants(
            unit=unit, start=ytd_previous[0], end=ytd_previous[1]
        )["young_10_25"],
    }


def _youth_december(*, unit: Unit, year: int, population, today: datetime.date) -> dict:
    """Young participants in December against the target population. December is not over
    until the year is: then the card says so and shows the latest complete comparison
    (December a year earlier against the December before it)."""
    december = figures.young_participants_december(unit=unit, year=year)
    december_over = year < today.year
    latest_december = (
        None
        if december_over
        else figures.young_participants_december(unit=unit, year=min(year, today.year) - 1)
    )
    previous_population = selectors.target_population(unit=unit, year=year - 1)
    return {
        "december": december,
        "december_over": december_over,
        "latest_december": latest_december,
        "latest_december_year": min(year, today.year) - 1,
        "december_share": figures.percent(
            december["year"], population.population_10_25 if population else None
        ),
        "previous_population": previous_population,
        "december_previous_share": figures.percent(
            december["previous_year"],
            previous_population.population_10_25 if previous_population else None,
        ),
    }


def youth_page(*, unit: Unit, year: int, population, today: datetime.date) -> dict:
    """The youth indicators of a unit's year: month by month, year to date and December,
    each next to a year earlier (DESIGN "Youth indicators")."""
    return {
        "unit": unit,
        "nav": nav(unit=unit, year=year),
        "year": year,
        "population": population,
        "months": _youth_months(unit=unit, year=year),
        **_youth_year_to_date(unit=unit, year=year, today=today),
        **_youth_december(unit=unit, year=year, population=population, today=today),
    }


# --- Implementation matrix -------------------------------------------------------------------


def _focus_year(raw: str, years: list[int], today: datetime.date) -> int | None:
    """The year whose focus items the matrix lists: the one asked for, else this year, else
    the plan's last."""
    focus_year = periods.year_from_query(raw)
    if focus_year not in years:
        focus_year = today.year if today.year in years else (years[-1] if years else None)
    return focus_year


def matrix_page(
    *, unit: Unit, plan: Plan, years: list[int], asked_year: str, today: datetime.date
) -> dict:
    """The implementation matrix: per goal and year the done activities and the assessment,
    and the focus items of one year."""
    areas = selectors.plan_goals_by_area(plan=plan)
    goal_ids = [goal.pk for area in areas for goal in area["goals"]]
    done = figures.done_per_goal_and_year(unit=unit, goal_ids=goal_ids, years=years)
    assessments = selectors.matrix_assessments(unit=unit, goal_ids=goal_ids, years=years)
    for area in areas:
        area["rows"] = [
            {
                "goal": goal,
                "cells": [
                    {
                        "year": year,
                        "done": done.get((goal.pk, year), 0),
                        "assessment": assessments.get((goal.pk, year)),
                    }
                    for year in years
                ],
            }
            for goal in area["goals"]
        ]
    focus_year = _focus_year(asked_year, years, today)
    return {
        "unit": unit,
        "nav": {"year": focus_year or today.year, "plan": plan},
        "plan": plan,
        "years": years,
        "areas": areas,
        "focus_year": focus_year,
        "focus_items": (
            selectors.focus_items_for_year(unit=unit, year=focus_year) if focus_year else []
        ),
    }


# --- Report documents (annual, tertial) ------------------------------------------------------


def document_figures(*, unit: Unit, kind: str, year: int, tertial: int) -> dict:
    """The figures of a report document's page ("Periodens siffror i dag"): its sections,
    computed only when their fragment is not cached, and the fragment's key. The same for
    every reader; under the version of the unit's subtree in every year, since the report
    reaches back over the plan's years (matrix) and holds the document's own texts and
    assessments, all saved under the unit."""
    return {
        "figures_key": cache.fragment_key(
            name=f"document-{kind}", units=[unit], years=None, parts=(year, tertial)
        ),
        "sections": SimpleLazyObject(
            lambda: report_sections.prepare_sections(
                report_sections.annual_sections(
                    KINDS[kind].build(
                        unit=unit, year=year, **({"tertial": tertial} if kind == "tertial" else {})
                    )
                )
            )
        ),
    }
