"""Follow-up pages: dashboard, the VEPAQ month and year, youth indicators, matrix, diagrams.

Thin views: permissions from culture_plan.permissions, reads from selectors and figures,
writes through services. 404 for what the user may not see, 403 for what they may not change.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.services import StaleEditError
from culture_plan import periods, permissions
from culture_plan.conflicts import conflict_rows, posted_version
from culture_plan.models import FocusItem, Goal, Plan, Unit
from culture_plan.selectors import plan_in_force, plan_years_in_force
from followup import charts, figures, lights, reports, selectors, services
from followup.forms import (
    FocusItemAssessmentForm,
    MatrixAssessmentForm,
    MonthlyReportForm,
    ReopenForm,
    TargetPopulationForm,
)
from followup.models import (
    DIMENSION_NAMES,
    DIMENSIONS,
    FocusItemAssessment,
    Light,
    MatrixAssessment,
    MonthlyReport,
)

LIGHT_LABELS = dict(Light.choices)
CARD_LIMIT = 12


def _visible_unit(request, slug: str) -> Unit:
    unit = get_object_or_404(Unit, slug=slug)
    permissions.require(True, visible=permissions.can_view_unit(request.user, unit))
    return unit


LIGHT_SHORT = {"green": _("Grön"), "yellow": _("Gul"), "red": _("Röd")}


def _light(value: str | None) -> dict:
    """A light as the template shows it: a class and always the word (long and short)."""
    if value in LIGHT_LABELS:
        return {"value": value, "label": LIGHT_LABELS[value], "short": LIGHT_SHORT[value]}
    return {"value": "none", "label": _("Ej bedömd"), "short": _("Ej bedömd")}


def _nav(*, unit: Unit, year: int) -> dict:
    """Links between a unit's follow-up pages (the matrix needs the plan in force)."""
    return {"year": year, "plan": plan_in_force(unit=unit, year=year)}


def _suggestions(*, report: MonthlyReport | None, data: dict) -> dict[str, str | None]:
    dims = data.get("dimensions", {})
    if all("suggested_status" in dims.get(dim, {}) for dim in DIMENSIONS):
        return {dim: dims[dim]["suggested_status"] for dim in DIMENSIONS}
    return lights.suggested_lights(report=report, figures=data)


# --- VEPAQ month ---------------------------------------------------------------------------


@login_required
def vepaq(request, slug, year, month):
    periods.require_month(year, month)
    unit = _visible_unit(request, slug)
    can_manage = permissions.can_manage_unit(request.user, unit)
    report = selectors.report_for_month(unit=unit, year=year, month=month)
    if not permissions.sees_draft_lights(request.user, unit):
        selectors.hide_draft_lights(report)
    form = reopen_form = conflict = None
    version = report.version if report is not None else None
    status = 200

    if request.method == "POST":
        permissions.require(can_manage)
        action = request.POST.get("action", "save")
        if action in {"save", "submit"}:
            instance = report or MonthlyReport(unit=unit, year=year, month=month)
            form = MonthlyReportForm(request.POST, instance=instance)
            if form.is_valid():
                try:
                    if report is None:
                        report = services.report_get_or_create(unit=unit, year=year, month=month)
                    data = {name: form.cleaned_data[name] for name in services.ALL_INPUT_FIELDS}
                    report = services.report_update(
                        report=report,
                        data=data,
                        by=request.user,
                        expected_version=posted_version(request),
                    )
                    if action == "submit":
                        report = services.report_submit(report=report, by=request.user)
                        messages.success(request, _("Rapporten är inskickad."))
                    else:
                        messages.success(request, _("Rapporten är sparad."))
                    return redirect(report.get_absolute_url())
                except StaleEditError as error:
                    conflict = {
                        "by_name": error.by_name,
                        "version": error.current.version,
                        "rows": conflict_rows(
                            posted=form, saved=MonthlyReportForm(instance=error.current)
                        ),
                    }
                    version = error.current.version
                    form.add_error(None, error)
                except ValidationError as error:
                    form.add_error(None, error)
            status = 409 if conflict else 400
        elif action in {"approve", "return"} and report is not None:
            try:
                if action == "approve":
                    services.report_approve(
                        report=report,
                        by=request.user,
                        planned_in_past_confirmed=request.POST.get("confirm_planned") == "1",
                    )
                else:
                    services.report_return(report=report, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("Rapporten är godkänd och månaden är låst.")
                    if action == "approve"
                    else _("Rapporten är återställd till utkast."),
                )
            return redirect(reverse("followup:vepaq", args=[unit.slug, year, month]))
        elif action == "reopen" and report is not None:
            reopen_form = ReopenForm(request.POST)
            if reopen_form.is_valid():
                try:
                    services.report_reopen(
                        report=report, reason=reopen_form.cleaned_data["reason"], by=request.user
                    )
                except ValidationError as error:
                    reopen_form.add_error(None, error)
                else:
                    messages.success(request, _("Månaden är öppnad igen och kan ändras."))
                    return redirect(report.get_absolute_url())
            status = 400
        else:
            raise Http404

    if report is not None and report.pk:
        report.refresh_from_db()  # the bound form may have touched the instance
    locked = report is not None and report.is_locked
    # Only a draft is edited: a submitted report is read-only until it is returned.
    editable = report is None or report.state == MonthlyReport.State.DRAFT
    if form is not None and not editable:
        for error in form.non_field_errors():
            messages.error(request, error)
        form = None
    if form is None and can_manage and editable:
        form = MonthlyReportForm(
            instance=report or MonthlyReport(unit=unit, year=year, month=month)
        )
    if reopen_form is None and can_manage and locked:
        reopen_form = ReopenForm()

    data = selectors.vepaq_for(
        user=request.user, unit=unit, year=year, month=month, with_activity_list=False
    )
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
                "light": _light(dim_data.get("status")),
                "suggested": _light(suggested) if suggested else None,
                "status_field": form[f"{dim.lower()}_status"] if form is not None else None,
                "other_fields": form.fields_for(dim)[1:] if form is not None else [],
            }
        )
    previous = periods.shift_month(year, month, -1)
    following = periods.shift_month(year, month, 1)
    comparison = selectors.previous_year_comparison(unit=unit, year=year, month=month)
    context = {
        "unit": unit,
        "nav": _nav(unit=unit, year=year),
        "year": year,
        "month": month,
        "month_name": periods.month_name(month),
        "report": report,
        "state": report.state if report else MonthlyReport.State.DRAFT,
        "state_label": report.get_state_display() if report else _("Ej påbörjad"),
        "locked": locked,
        "can_manage": can_manage,
        "form": form,
        "version": version,
        "conflict": conflict,
        "reopen_form": reopen_form,
        "data": data,
        "sections": sections,
        "comparison": comparison,
        "listing": selectors.month_activity_listing(
            unit=unit, year=year, month=month, page=request.GET.get("sida")
        ),
        "planned_in_past": (
            selectors.planned_in_past(unit=unit, year=year, month=month, today=timezone.localdate())
            if can_manage and report is not None and report.state == MonthlyReport.State.SUBMITTED
            else []
        ),
        "reopenings": selectors.reopenings_for(report=report),
        "previous": {
            "year": previous[0],
            "month": previous[1],
            "name": periods.month_name(previous[1]),
        },
        "following": {
            "year": following[0],
            "month": following[1],
            "name": periods.month_name(following[1]),
        },
    }
    return render(request, "followup/vepaq.html", context, status=status)


@login_required
def vepaq_year(request, slug, year):
    periods.require_year(year)
    unit = _visible_unit(request, slug)
    by_month = selectors.reports_by_month(unit=unit, year=year, user=request.user)
    series = figures.month_series(unit=unit, year=year)
    rows = []
    for month in range(1, 13):
        report = by_month.get(month)
        rows.append(
            {
                "month": month,
                "name": periods.month_name(month),
                "report": report,
                "state_label": report.get_state_display() if report else _("Ej påbörjad"),
                "lights": [
                    _light(getattr(report, f"{dim.lower()}_status", None) if report else None)
                    for dim in DIMENSIONS
                ],
                "done": series[month - 1]["counts"]["done"],
            }
        )
    context = {
        "unit": unit,
        "nav": _nav(unit=unit, year=year),
        "year": year,
        "rows": rows,
        "dimensions": [(dim, DIMENSION_NAMES[dim]) for dim in DIMENSIONS],
    }
    return render(request, "followup/vepaq_year.html", context)


# --- Youth indicators ----------------------------------------------------------------------


@login_required
def youth(request, slug, year):
    periods.require_year(year)
    unit = _visible_unit(request, slug)
    can_manage = permissions.can_manage_unit(request.user, unit)
    population = selectors.target_population(unit=unit, year=year)
    status = 200
    form = None
    if request.method == "POST":
        permissions.require(can_manage)
        form = TargetPopulationForm(request.POST, instance=population)
        if form.is_valid():
            try:
                services.target_population_set(
                    unit=unit,
                    year=year,
                    population_10_25=form.cleaned_data["population_10_25"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Målgruppens storlek är sparad."))
                return redirect(reverse("followup:youth", args=[unit.slug, year]))
        status = 400
    if form is None and can_manage:
        form = TargetPopulationForm(instance=population)

    today = timezone.localdate()
    last_month = today.month if year == today.year else 12
    this_series = figures.month_series(unit=unit, year=year)
    previous_series = figures.month_series(unit=unit, year=year - 1)
    months = []
    for index in range(12):
        months.append(
            {
                "name": periods.month_name(index + 1),
                "share": this_series[index]["youth_share"],
                "previous_share": previous_series[index]["youth_share"],
                "young": this_series[index]["participants"]["young_10_25"],
                "previous_young": previous_series[index]["participants"]["young_10_25"],
            }
        )
    ytd = periods.ytd_period(year, last_month)
    ytd_previous = periods.ytd_period(year - 1, last_month)
    december = figures.young_participants_december(unit=unit, year=year)
    # December is not over until the year is: then the card says so and shows the latest
    # complete comparison (December a year earlier against the December before it).
    december_over = year < today.year
    latest_december = (
        None
        if december_over
        else figures.young_participants_december(unit=unit, year=min(year, today.year) - 1)
    )
    previous_population = selectors.target_population(unit=unit, year=year - 1)
    context = {
        "unit": unit,
        "nav": _nav(unit=unit, year=year),
        "year": year,
        "can_manage": can_manage,
        "form": form,
        "population": population,
        "months": months,
        "ytd_month_name": periods.month_name(last_month),
        "ytd_share": figures.youth_share(unit=unit, start=ytd[0], end=ytd[1]),
        "ytd_previous_share": figures.youth_share(
            unit=unit, start=ytd_previous[0], end=ytd_previous[1]
        ),
        "ytd_young": figures.participants(unit=unit, start=ytd[0], end=ytd[1])["young_10_25"],
        "ytd_previous_young": figures.participants(
            unit=unit, start=ytd_previous[0], end=ytd_previous[1]
        )["young_10_25"],
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
    return render(request, "followup/youth.html", context, status=status)


# --- Implementation matrix -----------------------------------------------------------------


def _matrix_objects(request, slug: str, plan_pk: int) -> tuple[Unit, Plan, list[int]]:
    unit = _visible_unit(request, slug)
    plan = get_object_or_404(Plan.objects.select_related("unit"), pk=plan_pk)
    permissions.require(True, visible=permissions.can_view_plan(request.user, plan))
    years = plan_years_in_force(plan=plan, until_year=timezone.localdate().year)
    return unit, plan, years


@login_required
def matrix(request, slug, plan_pk):
    unit, plan, years = _matrix_objects(request, slug, plan_pk)
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
    try:
        focus_year = int(request.GET.get("year", ""))
    except ValueError:
        focus_year = None
    if focus_year not in years:
        today_year = timezone.localdate().year
        focus_year = today_year if today_year in years else (years[-1] if years else None)
    context = {
        "unit": unit,
        "nav": {"year": focus_year or timezone.localdate().year, "plan": plan},
        "plan": plan,
        "years": years,
        "areas": areas,
        "can_manage": permissions.can_manage_unit(request.user, unit),
        "focus_year": focus_year,
        "focus_items": (
            selectors.focus_items_for_year(unit=unit, year=focus_year) if focus_year else []
        ),
    }
    return render(request, "followup/matrix.html", context)


@login_required
def matrix_cell(request, slug, plan_pk, goal_pk, year):
    unit, plan, years = _matrix_objects(request, slug, plan_pk)
    goal = get_object_or_404(Goal.objects.select_related("area"), pk=goal_pk, plan=plan)
    if year not in years:
        raise Http404
    permissions.require(permissions.can_manage_unit(request.user, unit))
    item = MatrixAssessment.objects.filter(unit=unit, goal=goal, year=year).first()
    matrix_url = reverse("followup:matrix", args=[unit.slug, plan.pk])
    if request.method == "POST":
        form = MatrixAssessmentForm(
            request.POST, instance=item or MatrixAssessment(unit=unit, goal=goal, year=year)
        )
        if form.is_valid():
            try:
                services.matrix_assessment_set(
                    unit=unit,
                    goal=goal,
                    year=year,
                    assessment=form.cleaned_data["assessment"],
                    comment=form.cleaned_data["comment"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Bedömningen är sparad."))
                return redirect(f"{matrix_url}?year={year}#goal-{goal.pk}")
        status = 400
    else:
        form = MatrixAssessmentForm(instance=item)
        status = 200
    done = figures.done_per_goal_and_year(unit=unit, goal_ids=[goal.pk], years=[year])
    context = {
        "unit": unit,
        "plan": plan,
        "goal": goal,
        "year": year,
        "form": form,
        "done": done.get((goal.pk, year), 0),
        "matrix_url": matrix_url,
    }
    return render(request, "followup/matrix_cell.html", context, status=status)


@login_required
def focus_item(request, slug, pk):
    unit = _visible_unit(request, slug)
    item = get_object_or_404(
        FocusItem.objects.select_related("area_year_plan__year_plan__unit", "area_year_plan__area"),
        pk=pk,
        area_year_plan__year_plan__unit=unit,
    )
    permissions.require(permissions.can_manage_unit(request.user, unit))
    year_plan = item.area_year_plan.year_plan
    current = FocusItemAssessment.objects.filter(focus_item=item).first()
    if request.method == "POST":
        form = FocusItemAssessmentForm(
            request.POST, instance=current or FocusItemAssessment(focus_item=item)
        )
        if form.is_valid():
            try:
                services.focus_item_assessment_set(
                    focus_item=item,
                    assessment=form.cleaned_data["assessment"],
                    effect=form.cleaned_data["effect"],
                    development=form.cleaned_data["development"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Bedömningen är sparad."))
                url = reverse("followup:matrix", args=[unit.slug, year_plan.plan_id])
                return redirect(f"{url}?year={year_plan.year}#focus-{item.pk}")
        status = 400
    else:
        form = FocusItemAssessmentForm(instance=current)
        status = 200
    context = {
        "unit": unit,
        "item": item,
        "year_plan": year_plan,
        "form": form,
        "matrix_url": reverse("followup:matrix", args=[unit.slug, year_plan.plan_id])
        + f"?year={year_plan.year}",
    }
    return render(request, "followup/focus_item.html", context, status=status)


# --- Diagrams ------------------------------------------------------------------------------


@login_required
def chart_page(request, slug, year):
    periods.require_year(year)
    unit = _visible_unit(request, slug)
    blocks = charts.year_charts(unit=unit, year=year)
    context = {"unit": unit, "nav": _nav(unit=unit, year=year), "year": year, "charts": blocks}
    return render(request, "followup/charts.html", context)


# --- Dashboard -----------------------------------------------------------------------------


def _unit_card(*, unit: Unit, today: datetime.date, user=None) -> dict:
    """What a manager needs to see first for one unit: latest lights, youth share YTD,
    the budget deviation, and the months still waiting."""
    latest = selectors.latest_report(unit=unit, user=user)
    ytd = periods.ytd_period(today.year, today.month)
    economy = None
    if latest is not None:
        economy = reports.vepaq_report(unit=unit, year=latest.year, month=latest.month)[
            "dimensions"
        ]["E"]
    return {
        "unit": unit,
        "latest": latest,
        "latest_name": periods.month_name(latest.month) if latest else "",
        "lights": [
            (dim, DIMENSION_NAMES[dim], _light(getattr(latest, f"{dim.lower()}_status", None)))
            for dim in DIMENSIONS
        ]
        if latest
        else [],
        "youth_share": figures.youth_share(unit=unit, start=ytd[0], end=ytd[1]),
        "economy": economy,
        "waiting": [
            {**item, "name": periods.month_name(item["month"])}
            for item in selectors.waiting_months(unit=unit, today=today)
        ],
    }


@login_required
def dashboard(request):
    today = timezone.localdate()
    user = request.user
    visible = permissions.visible_units(user)
    # A card per reporting unit (kind "enhet") the user may read, at most CARD_LIMIT: each
    # card costs a handful of queries; the roll-up table below covers every unit.
    card_units = list(visible.filter(kind=Unit.Kind.UNIT).order_by("path")[: CARD_LIMIT + 1])
    cards = [_unit_card(unit=unit, today=today, user=user) for unit in card_units[:CARD_LIMIT]]
    rows = selectors.rollup_rows(units=visible, year=today.year, month=today.month)
    totals = []
    ytd = periods.ytd_period(today.year, today.month)
    roots = selectors.top_units(units=[row["unit"] for row in rows])
    for unit in [unit for unit in roots if unit.kind == Unit.Kind.MUNICIPALITY]:
        totals.append(
            {
                "unit": unit,
                "counts": figures.activity_counts(unit=unit, start=ytd[0], end=ytd[1]),
                "youth_share": figures.youth_share(unit=unit, start=ytd[0], end=ytd[1]),
                "participants": figures.participants(unit=unit, start=ytd[0], end=ytd[1]),
            }
        )
    context = {
        "today": today,
        "month_name": periods.month_name(today.month),
        "cards": cards,
        "more_units": len(card_units) > CARD_LIMIT,
        "rows": rows,
        "totals": totals,
    }
    return render(request, "followup/dashboard.html", context)
