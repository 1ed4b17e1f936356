"""Internal control pages. Reads through selectors, writes through services, rules through
culture_plan.permissions: 404 for what a user may not see (another unit's plan), 403 for what
they see but may not change (staff and viewers read only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from culture_plan import form_flow, periods, permissions
from culture_plan.models import Unit
from internal_control import forms, rendering, selectors, services
from internal_control.models import Action, Control, ControlResult, InternalControlPlan, Risk

FORM = "internal_control/form.html"
FORMATS = {"pdf": "application/pdf", "xlsx": rendering.XLSX_TYPE}


# --- lookups and checks ------------------------------------------------------------------


def _visible(request, unit: Unit) -> None:
    permissions.require(True, visible=permissions.can_view_internal_control(request.user, unit))


def _manageable(request, unit: Unit) -> None:
    permissions.require(
        permissions.can_manage_internal_control(request.user, unit),
        visible=permissions.can_view_internal_control(request.user, unit),
    )


def _unit(request, slug: str) -> Unit:
    unit = get_object_or_404(Unit, slug=slug)
    _visible(request, unit)
    return unit


def _plan(request, pk: int) -> InternalControlPlan:
    plan = get_object_or_404(
        InternalControlPlan.objects.select_related("unit", "adopted_by"), pk=pk
    )
    _visible(request, plan.unit)
    return plan


def _risk(request, pk: int) -> Risk:
    risk = get_object_or_404(Risk.objects.select_related("plan__unit"), pk=pk)
    _visible(request, risk.plan.unit)
    return risk


def _control(request, pk: int) -> Control:
    control = get_object_or_404(Control.objects.select_related("risk__plan__unit"), pk=pk)
    _visible(request, control.risk.plan.unit)
    return control


def _result(request, pk: int) -> ControlResult:
    result = get_object_or_404(
        ControlResult.objects.select_related("control__risk__plan__unit"), pk=pk
    )
    _visible(request, result.control.risk.plan.unit)
    return result


def _year_and_tertial(request, year: int) -> tuple[int, int | None]:
    return periods.require_year(year), periods.tertial_from_query(request.GET.get("tertial", ""))


# --- the managed form ----------------------------------------------------------------------


def _crumbs(unit: Unit, plan: InternalControlPlan | None = None, risk: Risk | None = None):
    crumbs = [
        (reverse("home"), _("Start")),
        (unit.get_absolute_url(), unit.name),
        (reverse("internal_control:unit", kwargs={"slug": unit.slug}), _("Internkontroll")),
    ]
    if plan is not None:
        crumbs.append((plan.get_absolute_url(), str(plan)))
    if risk is not None:
        crumbs.append((risk.get_absolute_url(), risk.title))
    return crumbs


# --- pages ---------------------------------------------------------------------------------


@login_required
def unit_index(request, slug):
    unit = _unit(request, slug)
    return render(
        request,
        "internal_control/unit.html",
        {
            "unit": unit,
            "plans": selectors.unit_plans(unit=unit),
            "can_manage": permissions.can_manage_internal_control(request.user, unit),
            "crumbs": _crumbs(unit)[:-1],
        },
    )


@login_required
def index(request):
    """Internkontroll in the main menu: the units the user may read, with their plans."""
    return render(
        request, "internal_control/index.html", {"rows": selectors.index_units(user=request.user)}
    )


@login_required
def plan_detail(request, pk):
    plan = _plan(request, pk)
    context = selectors.plan_page(plan=plan)
    context.update(
        unit=plan.unit,
        can_manage=permissions.can_manage_internal_control(request.user, plan.unit),
        crumbs=_crumbs(plan.unit),
    )
    return render(request, "internal_control/plan_detail.html", context)


@login_required
def plan_create(request, slug):
    unit = _unit(request, slug)
    _manageable(request, unit)
    initial = {"year": timezone.localdate().year}
    form = forms.PlanForm(
        form_flow.form_data(request), initial=initial, instance=InternalControlPlan(unit=unit)
    )
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.plan_create(unit=unit, data=data, by=request.user),
        success=lambda plan: _("%(plan)s är skapad som utkast.") % {"plan": plan},
        title=_("Ny internkontrollplan för %(unit)s") % {"unit": unit},
        template=FORM,
        context={"crumbs": _crumbs(unit)},
        back_url=reverse("internal_control:unit", kwargs={"slug": unit.slug}),
    )


@login_required
def plan_update(request, pk):
    plan = _plan(request, pk)
    _manageable(request, plan.unit)
    form = forms.PlanForm(form_flow.form_data(request), instance=plan)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.plan_update(plan=plan, data=data, by=request.user),
        success=lambda plan: _("%(plan)s är sparad.") % {"plan": plan},
        title=_("Ändra %(plan)s") % {"plan": plan},
        template=FORM,
        context={"crumbs": _crumbs(plan.unit, plan)},
        back_url=plan.get_absolute_url(),
    )


@login_required
@require_POST
def plan_adopt(request, pk):
    plan = _plan(request, pk)
    _manageable(request, plan.unit)
    try:
        services.plan_adopt(plan=plan, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(plan)s är antagen.") % {"plan": plan})
    return redirect(plan.get_absolute_url())


@login_required
def plan_excel(request, pk):
    plan = _plan(request, pk)
    data = selectors.report(unit=plan.unit, year=plan.year)
    response = HttpResponse(rendering.render_xlsx(data), content_type=rendering.XLSX_TYPE)
    filename = f"internkontrollplan-{plan.unit.slug}-{plan.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def risk_detail(request, pk):
    risk = _risk(request, pk)
    context = selectors.risk_page(risk=risk)
    context.update(
        unit=risk.plan.unit,
        can_manage=permissions.can_manage_internal_control(request.user, risk.plan.unit),
        crumbs=_crumbs(risk.plan.unit, risk.plan),
    )
    return render(request, "internal_control/risk_detail.html", context)


@login_required
def risk_create(request, pk):
    plan = _plan(request, pk)
    _manageable(request, plan.unit)
    form = forms.RiskForm(form_flow.form_data(request), plan=plan)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.risk_create(plan=plan, data=data, by=request.user),
        success=lambda risk: (
            _("Risken ”%(risk)s” är sparad: värde %(value)s, %(handling)s.")
            % {"risk": risk, "value": risk.value, "handling": risk.get_handling_display().lower()}
        ),
        title=_("Ny risk i %(plan)s") % {"plan": plan},
        template=FORM,
        context={"crumbs": _crumbs(plan.unit, plan)},
        back_url=plan.get_absolute_url(),
    )


@login_required
def risk_update(request, pk):
    risk = _risk(request, pk)
    _manageable(request, risk.plan.unit)
    form = forms.RiskForm(form_flow.form_data(request), instance=risk, plan=risk.plan)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.risk_update(risk=risk, data=data, by=request.user),
        success=lambda risk: (
            _("Risken ”%(risk)s” är sparad: värde %(value)s, %(handling)s.")
            % {"risk": risk, "value": risk.value, "handling": risk.get_handling_display().lower()}
        ),
        title=_("Ändra risk"),
        template=FORM,
        context={"crumbs": _crumbs(risk.plan.unit, risk.plan, risk)},
        back_url=risk.get_absolute_url(),
    )


@login_required
def control_create(request, pk):
    risk = _risk(request, pk)
    _manageable(request, risk.plan.unit)
    form = forms.ControlForm(form_flow.form_data(request))
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.control_create(risk=risk, data=data, by=request.user),
        success=lambda control: _("Kontrollmomentet ”%(c)s” är sparat.") % {"c": control},
        title=_("Nytt kontrollmoment"),
        template=FORM,
        context={"crumbs": _crumbs(risk.plan.unit, risk.plan, risk)},
        back_url=risk.get_absolute_url(),
    )


@login_required
def control_update(request, pk):
    control = _control(request, pk)
    risk = control.risk
    _manageable(request, risk.plan.unit)
    form = forms.ControlForm(form_flow.form_data(request), instance=control)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.control_update(control=control, data=data, by=request.user),
        success=lambda control: _("Kontrollmomentet ”%(c)s” är sparat.") % {"c": control},
        title=_("Ändra kontrollmoment"),
        template=FORM,
        context={"crumbs": _crumbs(risk.plan.unit, risk.plan, risk)},
        back_url=risk.get_absolute_url(),
    )


def _result_fields(data: dict) -> dict:
    return {name: data[name] for name in ("date", "outcome", "comment")}


@login_required
def result_create(request, pk):
    control = _control(request, pk)
    risk = control.risk
    _manageable(request, risk.plan.unit)
    form = forms.ResultForm(form_flow.form_data(request), initial={"date": timezone.localdate()})
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.result_record(
            control=control, data=_result_fields(data), action=form.action_data(), by=request.user
        ),
        success=lambda result: (
            _("Resultatet %(date)s är registrerat: %(outcome)s.")
            % {"date": result.date.isoformat(), "outcome": result.get_outcome_display().lower()}
        ),
        title=_("Registrera resultat: %(control)s") % {"control": control},
        template=FORM,
        context={"crumbs": _crumbs(risk.plan.unit, risk.plan, risk)},
        back_url=risk.get_absolute_url(),
    )


@login_required
def result_update(request, pk):
    result = _result(request, pk)
    risk = result.control.risk
    _manageable(request, risk.plan.unit)
    form = forms.ResultForm(form_flow.form_data(request), instance=result, with_action=False)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.result_update(
            result=result, data=_result_fields(data), by=request.user
        ),
        success=lambda result: (
            _("Resultatet %(date)s är sparat.") % {"date": result.date.isoformat()}
        ),
        title=_("Ändra resultat: %(control)s") % {"control": result.control},
        template=FORM,
        context={"crumbs": _crumbs(risk.plan.unit, risk.plan, risk)},
        back_url=risk.get_absolute_url(),
    )


@login_required
def action_create(request, pk):
    result = _result(request, pk)
    risk = result.control.risk
    _manageable(request, risk.plan.unit)
    form = forms.ActionForm(form_flow.form_data(request))
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.action_create(result=result, data=data, by=request.user),
        success=lambda action: _("Åtgärden ”%(a)s” är sparad.") % {"a": action},
        title=_("Ny åtgärd för avvikelsen %(date)s") % {"date": result.date.isoformat()},
        template=FORM,
        context={"crumbs": _crumbs(risk.plan.unit, risk.plan, risk)},
        back_url=risk.get_absolute_url(),
    )


@login_required
def action_update(request, pk):
    action = get_object_or_404(
        Action.objects.select_related("result__control__risk__plan__unit"), pk=pk
    )
    risk = action.result.control.risk
    _visible(request, risk.plan.unit)
    _manageable(request, risk.plan.unit)
    form = forms.ActionForm(form_flow.form_data(request), instance=action)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.action_update(action=action, data=data, by=request.user),
        success=lambda action: _("Åtgärden ”%(a)s” är sparad.") % {"a": action},
        title=_("Ändra åtgärd"),
        template=FORM,
        context={"crumbs": _crumbs(risk.plan.unit, risk.plan, risk)},
        back_url=risk.get_absolute_url(),
    )


# --- the report for the board ---------------------------------------------------------------


@login_required
def report_page(request, slug, year):
    unit = _unit(request, slug)
    year, tertial = _year_and_tertial(request, year)
    section = selectors.report_section(unit=unit, year=year, tertial=tertial)
    return render(
        request,
        "internal_control/report_page.html",
        {
            "unit": unit,
            "section": section,
            "tertial": tertial,
            "query": f"?tertial={tertial}" if tertial else "",
            "crumbs": _crumbs(unit),
        },
    )


@login_required
def report_download(request, slug, year, fmt):
    unit = _unit(request, slug)
    year, tertial = _year_and_tertial(request, year)
    if fmt not in FORMATS:
        raise Http404
    data = selectors.report(unit=unit, year=year, tertial=tertial)
    content = rendering.render_pdf(data) if fmt == "pdf" else rendering.render_xlsx(data)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    name = rendering.filename(data, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
