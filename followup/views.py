"""Follow-up pages: dashboard, the VEPAQ month and year, youth indicators, matrix, diagrams.

Thin views: permissions from culture_plan.permissions, reads from selectors and figures,
writes through services. 404 for what the user may not see, 403 for what they may not change.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from activities.services import StaleEditError
from culture_plan import form_flow, periods, permissions
from culture_plan.conflicts import edit_conflict, posted_version
from culture_plan.models import FocusItem, Goal, Plan, Unit
from culture_plan.selectors import plan_years_in_force
from followup import charts, figures, pages, selectors, services
from followup import dashboard as dashboard_parts
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
CARD_LIMIT = dashboard_parts.CARD_LIMIT


def _visible_unit(request, slug: str) -> Unit:
    unit = get_object_or_404(Unit, slug=slug)
    permissions.require(True, visible=permissions.can_view_unit(request.user, unit))
    return unit


# --- VEPAQ month ---------------------------------------------------------------------------


def _vepaq_report(request, unit: Unit, year: int, month: int) -> MonthlyReport | None:
    report = selectors.report_for_month(unit=unit, year=year, month=month)
    if not permissions.sees_draft_lights(request.user, unit):
        selectors.hide_draft_lights(report)
    return report


def _vepaq_render(request, *, unit, year, month, report, version, status=200, **forms):
    """The VEPAQ month page; a manager gets the form while the report is a draft and the
    reopen form while the month is locked. `forms` are bound ones with errors to show."""
    can_manage = permissions.can_manage_unit(request.user, unit)
    if report is not None and report.pk:
        report.refresh_from_db()  # the bound form may have touched the instance
    # Only a draft is edited: a submitted report is read-only until it is returned.
    editable = report is None or report.state == MonthlyReport.State.DRAFT
    form, reopen_form = forms.get("form"), forms.get("reopen_form")
    if form is not None and not editable:
        for error in form.non_field_errors():
            messages.error(request, error)
        form = None
    if form is None and can_manage and editable:
        form = MonthlyReportForm(
            instance=report or MonthlyReport(unit=unit, year=year, month=month)
        )
    if reopen_form is None and can_manage and report is not None and report.is_locked:
        reopen_form = ReopenForm()
    context = pages.vepaq_page(
        user=request.user,
        unit=unit,
        year=year,
        month=month,
        report=report,
        form=form,
        can_manage=can_manage,
        page=request.GET.get("sida"),
        today=timezone.localdate(),
    )
    context.update(version=version, conflict=forms.get("conflict"), reopen_form=reopen_form)
    return render(request, "followup/vepaq.html", context, status=status)


def _vepaq_save(request, *, unit, year, month, report, version, submit=False):
    """Save the draft (and hand it in: `submit`); a save on top of a newer one is refused
    with both versions side by side (409), other errors show at the form (400)."""
    instance = report or MonthlyReport(unit=unit, year=year, month=month)
    form = MonthlyReportForm(request.POST, instance=instance)
    conflict = None
    if form.is_valid():
        try:
            if report is None:
                report = services.report_get_or_create(unit=unit, year=year, month=month)
            data = {name: form.cleaned_data[name] for name in services.ALL_INPUT_FIELDS}
            report = services.report_update(
                report=report, data=data, by=request.user, expected_version=posted_version(request)
            )
            if submit:
                report = services.report_submit(report=report, by=request.user)
        except StaleEditError as error:
            saved = MonthlyReportForm(instance=error.current)
            conflict = edit_conflict(by_name=error.by_name, posted=form, saved=saved)
            version = conflict["version"]
            form.add_error(None, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = _("Rapporten är inskickad.") if submit else _("Rapporten är sparad.")
            messages.success(request, done)
            return redirect(report.get_absolute_url())
    status = 409 if conflict else 400
    return _vepaq_render(
        request,
        unit=unit,
        year=year,
        month=month,
        report=report,
        version=version,
        status=status,
        form=form,
        conflict=conflict,
    )


def _vepaq_decide(request, *, unit, year, month, report, version, approve):
    """Approve the handed-in report (the month locks) or return it to a draft."""
    try:
        if approve:
            confirmed = request.POST.get("confirm_planned") == "1"
            services.report_approve(
                report=report, by=request.user, planned_in_past_confirmed=confirmed
            )
        else:
            services.report_return(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Rapporten är godkänd och månaden är låst.")
            if approve
            else _("Rapporten är återställd till utkast."),
        )
    return redirect(reverse("followup:vepaq", args=[unit.slug, year, month]))


def _vepaq_reopen(request, *, unit, year, month, report, version):
    """Open a locked month again, with the reason on record."""
    reopen_form = ReopenForm(request.POST)
    if reopen_form.is_valid():
        try:
            reason = reopen_form.cleaned_data["reason"]
            services.report_reopen(report=report, reason=reason, by=request.user)
        except ValidationError as error:
            reopen_form.add_error(None, error)
        else:
            messages.success(request, _("Månaden är öppnad igen och kan ändras."))
            return redirect(report.get_absolute_url())
    return _vepaq_render(
        request,
        unit=unit,
        year=year,
        month=month,
        report=report,
        version=version,
        status=400,
        reopen_form=reopen_form,
    )


# The VEPAQ form posts to the month's own URL with the name of its action; each action is
# one of these (all but "save" and "submit" need a report to act on).
VEPAQ_ACTIONS = {
    "save": _vepaq_save,
    "submit": partial(_vepaq_save, submit=True),
    "approve": partial(_vepaq_decide, approve=True),
    "return": partial(_vepaq_decide, approve=False),
    "reopen": _vepaq_reopen,
}


@login_required
def vepaq(request, slug, year, month):
    periods.require_month(year, month)
    unit = _visible_unit(request, slug)
    report = _vepaq_report(request, unit, year, month)
    where = {"unit": unit, "year": year, "month": month, "report": report}
    where["version"] = report.version if report is not None else None
    if request.method != "POST":
        return _vepaq_render(request, **where)
    permissions.require(permissions.can_manage_unit(request.user, unit))
    name = request.POST.get("action", "save")
    if name not in VEPAQ_ACTIONS or (report is None and name not in {"save", "submit"}):
        raise Http404
    return VEPAQ_ACTIONS[name](request, **where)


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
                    pages.light(getattr(report, f"{dim.lower()}_status", None) if report else None)
                    for dim in DIMENSIONS
                ],
                "done": series[month - 1]["counts"]["done"],
            }
        )
    context = {
        "unit": unit,
        "nav": pages.nav(unit=unit, year=year),
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
    if request.method == "POST":
        permissions.require(can_manage)
    form = None  # the page is read-only for whoever may not manage the unit
    if can_manage:
        form = TargetPopulationForm(form_flow.form_data(request), instance=population)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.target_population_set(
            unit=unit, year=year, population_10_25=data["population_10_25"], by=request.user
        ),
        success=_("Målgruppens storlek är sparad."),
        redirect_to=lambda _saved: reverse("followup:youth", args=[unit.slug, year]),
        template="followup/youth.html",
        context=lambda: {
            **pages.youth_page(
                unit=unit, year=year, population=population, today=timezone.localdate()
            ),
            "can_manage": can_manage,
        },
        error_status=400,
    )


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
    context = pages.matrix_page(
        unit=unit,
        plan=plan,
        years=years,
        asked_year=request.GET.get("year", ""),
        today=timezone.localdate(),
    )
    context["can_manage"] = permissions.can_manage_unit(request.user, unit)
    return render(request, "followup/matrix.html", context)


@login_required
def matrix_cell(request, slug, plan_pk, goal_pk, year):
    unit, plan, years = _matrix_objects(request, slug, plan_pk)
    goal = get_object_or_404(Goal.objects.select_related("area"), pk=goal_pk, plan=plan)
    if year not in years:
        raise Http404
    permissions.require(permissions.can_manage_unit(request.user, unit))
    item = MatrixAssessment.objects.filter(unit=unit, goal=goal, year=year).first()
    if request.method == "POST":
        item = item or MatrixAssessment(unit=unit, goal=goal, year=year)
    matrix_url = reverse("followup:matrix", args=[unit.slug, plan.pk])
    return form_flow.form_page(
        request,
        form=MatrixAssessmentForm(form_flow.form_data(request), instance=item),
        save=lambda data: services.matrix_assessment_set(
            unit=unit, goal=goal, year=year, by=request.user, **data
        ),
        success=_("Bedömningen är sparad."),
        redirect_to=lambda _saved: f"{matrix_url}?year={year}#goal-{goal.pk}",
        template="followup/matrix_cell.html",
        context=lambda: {
            "unit": unit,
            "plan": plan,
            "goal": goal,
            "year": year,
            "done": figures.done_per_goal_and_year(unit=unit, goal_ids=[goal.pk], years=[year]).get(
                (goal.pk, year), 0
            ),
            "matrix_url": matrix_url,
        },
        error_status=400,
    )


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
        current = current or FocusItemAssessment(focus_item=item)
    matrix_url = reverse("followup:matrix", args=[unit.slug, year_plan.plan_id])
    matrix_url += f"?year={year_plan.year}"
    return form_flow.form_page(
        request,
        form=FocusItemAssessmentForm(form_flow.form_data(request), instance=current),
        save=lambda data: services.focus_item_assessment_set(
            focus_item=item, by=request.user, **data
        ),
        success=_("Bedömningen är sparad."),
        redirect_to=lambda _saved: f"{matrix_url}#focus-{item.pk}",
        template="followup/focus_item.html",
        context={"unit": unit, "item": item, "year_plan": year_plan, "matrix_url": matrix_url},
        error_status=400,
    )


# --- Diagrams ------------------------------------------------------------------------------


@login_required
def chart_page(request, slug, year):
    periods.require_year(year)
    unit = _visible_unit(request, slug)
    blocks = charts.year_charts(unit=unit, year=year)
    context = {"unit": unit, "nav": pages.nav(unit=unit, year=year), "year": year, "charts": blocks}
    return render(request, "followup/charts.html", context)


# --- Dashboard -----------------------------------------------------------------------------


@login_required
def dashboard(request):
    today = timezone.localdate()
    visible = list(permissions.visible_units(request.user).order_by("path"))
    # A card per reporting unit (kind "enhet") the user may read, at most CARD_LIMIT; the
    # roll-up table below covers every unit.
    card_units = [unit for unit in visible if unit.kind == Unit.Kind.UNIT]
    context = {
        "today": today,
        "month_name": periods.month_name(today.month),
        "cards": dashboard_parts.unit_cards(
            units=card_units[:CARD_LIMIT],
            today=today,
            user=request.user,
            light=pages.light,
            month_name=periods.month_name,
        ),
        "more_units": len(card_units) > CARD_LIMIT,
        "rollup_table": mark_safe(  # noqa: S308 (our own template, rendered and cached)
            dashboard_parts.rollup_table(request=request, units=visible, today=today)
        ),
    }
    return render(request, "followup/dashboard.html", context)
