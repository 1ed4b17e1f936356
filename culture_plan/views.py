"""Plan pages. Reads go through selectors, writes through services, rules through permissions.

404 for what the user may not see, 403 for what they see but may not change.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from culture_plan import form_flow, forms, permissions, selectors, services
from culture_plan.models import (
    AreaYearPlan,
    Goal,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Plan,
    PriorityArea,
    Unit,
    YearPlan,
)

# Read pages ----------------------------------------------------------------------------


@login_required
def unit_detail(request, slug):
    unit = get_object_or_404(Unit.objects.select_related("parent"), slug=slug)
    permissions.require(True, visible=permissions.can_view_unit(request.user, unit))
    year = timezone.localdate().year
    context = selectors.unit_overview(unit=unit, user=request.user, year=year)
    parent_visible = unit.parent and permissions.can_view_unit(request.user, unit.parent)
    context.update(
        unit=unit,
        year=year,
        parent_visible=parent_visible,
        can_manage=permissions.can_manage_unit(request.user, unit),
    )
    return render(request, "culture_plan/unit_detail.html", context)


@login_required
def plan_list(request):
    plans = selectors.visible_plans(user=request.user)
    can_create = permissions.units_with_role(request.user, permissions.EDITORS).exists()
    return render(
        request, "culture_plan/plan_list.html", {"plans": plans, "can_create": can_create}
    )


@login_required
def plan_detail(request, pk):
    plan = get_object_or_404(Plan.objects.select_related("unit", "steward"), pk=pk)
    permissions.require(True, visible=permissions.can_view_plan(request.user, plan))
    plan = selectors.plan_with_structure(plan_id=plan.pk)
    year_plans = selectors.visible_year_plans(user=request.user).filter(plan=plan)
    return render(
        request,
        "culture_plan/plan_detail.html",
        {
            "plan": plan,
            "year_plans": year_plans,
            "can_edit": permissions.can_edit_plan(request.user, plan),
        },
    )


@login_required
def yearplan_detail(request, pk):
    year_plan = get_object_or_404(YearPlan.objects.select_related("unit"), pk=pk)
    permissions.require(True, visible=permissions.can_view_unit(request.user, year_plan.unit))
    year_plan = selectors.year_plan_with_structure(year_plan_id=year_plan.pk)
    return render(
        request,
        "culture_plan/yearplan_detail.html",
        {
            "year_plan": year_plan,
            "can_edit": permissions.can_manage_unit(request.user, year_plan.unit),
            "plan_visible": permissions.can_view_plan(request.user, year_plan.plan),
        },
    )


@login_required
def indicator_list(request):
    indicators = selectors.visible_indicators(user=request.user).order_by(
        "unit__path", "order", "name"
    )
    return render(request, "culture_plan/indicator_list.html", {"indicators": indicators})


@login_required
def indicator_detail(request, pk):
    indicator = get_object_or_404(Indicator.objects.select_related("unit", "plan", "goal"), pk=pk)
    permissions.require(True, visible=permissions.can_view_unit(request.user, indicator.unit))
    return render(
        request,
        "culture_plan/indicator_detail.html",
        {
            "indicator": indicator,
            "targets": indicator.targets.order_by("year"),
            "values": indicator.values.order_by("year", "period"),
            "can_edit": permissions.can_manage_unit(request.user, indicator.unit),
        },
    )


# Plans, areas and goals: permissions.can_edit_plan -----------------------------------


@login_required
def plan_create(request):
    managed = permissions.units_with_role(request.user, permissions.EDITORS)
    permissions.require(managed.exists())
    initial = {}
    slug = request.GET.get("enhet")
    if slug:
        unit = managed.filter(slug=slug).first()
        if unit:
            initial = {"unit": unit, "steward": unit}
    form = forms.PlanForm(form_flow.form_data(request), user=request.user, initial=initial)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.plan_create(data=data, by=request.user),
        success=_("Kulturplanen är skapad."),
        title=_("Ny kulturplan"),
        back_url=reverse("plan_list"),
    )


def _editable_plan(request, plan: Plan) -> None:
    permissions.require(
        permissions.can_edit_plan(request.user, plan),
        visible=permissions.can_view_plan(request.user, plan),
    )


@login_required
def plan_update(request, pk):
    plan = get_object_or_404(Plan.objects.select_related("unit", "steward"), pk=pk)
    _editable_plan(request, plan)
    form = forms.PlanForm(form_flow.form_data(request), instance=plan, user=request.user)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.plan_update(plan=plan, data=data, by=request.user),
        success=_("Kulturplanen är sparad."),
        title=_("Ändra %(plan)s") % {"plan": plan},
        back_url=plan.get_absolute_url(),
    )


def _area_url(area: PriorityArea) -> str:
    return f"{area.plan.get_absolute_url()}#omrade-{area.number}"


@login_required
def area_create(request, pk):
    plan = get_object_or_404(Plan.objects.select_related("unit", "steward"), pk=pk)
    _editable_plan(request, plan)
    next_number = (max(plan.areas.values_list("number", flat=True), default=0)) + 1
    form = forms.PriorityAreaForm(
        form_flow.form_data(request),
        instance=PriorityArea(plan=plan),
        initial={"number": next_number},
    )
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.area_create(plan=plan, data=data, by=request.user),
        success=_("Området är skapat."),
        title=_("Nytt prioriterat område i %(plan)s") % {"plan": plan},
        back_url=plan.get_absolute_url(),
        redirect_to=_area_url,
    )


@login_required
def area_update(request, pk):
    area = get_object_or_404(
        PriorityArea.objects.select_related("plan__unit", "plan__steward"), pk=pk
    )
    _editable_plan(request, area.plan)
    form = forms.PriorityAreaForm(form_flow.form_data(request), instance=area)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.area_update(area=area, data=data, by=request.user),
        success=_("Området är sparat."),
        title=_("Ändra område %(area)s") % {"area": area},
        back_url=_area_url(area),
        redirect_to=_area_url,
    )


def _goal_url(goal: Goal) -> str:
    return f"{goal.area.plan.get_absolute_url()}#mal-{goal.pk}"


@login_required
def goal_create(request, pk):
    area = get_object_or_404(
        PriorityArea.objects.select_related("plan__unit", "plan__steward"), pk=pk
    )
    _editable_plan(request, area.plan)
    form = forms.GoalForm(
        form_flow.form_data(request),
        instance=Goal(area=area, plan=area.plan),
        initial={"area": area},
        plan=area.plan,
    )
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.goal_create(area=area, data=data, by=request.user),
        success=_("Inriktningsmålet är skapat."),
        title=_("Nytt inriktningsmål"),
        back_url=_area_url(area),
        redirect_to=_goal_url,
    )


@login_required
def goal_update(request, pk):
    goal = get_object_or_404(
        Goal.objects.select_related("area", "plan__unit", "plan__steward"), pk=pk
    )
    _editable_plan(request, goal.plan)
    form = forms.GoalForm(form_flow.form_data(request), instance=goal, plan=goal.plan)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.goal_update(goal=goal, data=data, by=request.user),
        success=lambda saved: _("Inriktningsmål %(code)s är sparat.") % {"code": saved.code},
        title=_("Ändra inriktningsmål %(code)s") % {"code": goal.code},
        back_url=_goal_url(goal),
        redirect_to=_goal_url,
    )


# Year plans and indicators: permissions.can_manage_unit -------------------------------


def _managed_unit(request, unit: Unit) -> None:
    permissions.require(
        permissions.can_manage_unit(request.user, unit),
        visible=permissions.can_view_unit(request.user, unit),
    )


@login_required
def yearplan_create(request, slug):
    unit = get_object_or_404(Unit, slug=slug)
    _managed_unit(request, unit)
    year = timezone.localdate().year
    # ?ar=2027: the start page offers next year's plan from November on.
    if request.GET.get("ar", "").isdigit() and year <= int(request.GET["ar"]) <= year + 1:
        year = int(request.GET["ar"])
    form = forms.YearPlanForm(
        form_flow.form_data(request),
        instance=YearPlan(unit=unit),
        unit=unit,
        user=request.user,
        initial={"year": year, "plan": selectors.plan_in_force(unit=unit, year=year)},
    )
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.year_plan_create(unit=unit, data=data, by=request.user),
        success=_("Verksamhetsplanen är skapad."),
        title=_("Ny verksamhetsplan för %(unit)s") % {"unit": unit},
        back_url=unit.get_absolute_url(),
    )


@login_required
def yearplan_update(request, pk):
    year_plan = get_object_or_404(YearPlan.objects.select_related("unit", "plan"), pk=pk)
    _managed_unit(request, year_plan.unit)
    form = forms.YearPlanForm(
        form_flow.form_data(request), instance=year_plan, unit=year_plan.unit, user=request.user
    )
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.year_plan_update(
            year_plan=year_plan, data=data, by=request.user
        ),
        success=_("Verksamhetsplanen är sparad."),
        title=_("Ändra %(year_plan)s") % {"year_plan": year_plan},
        back_url=year_plan.get_absolute_url(),
    )


def _area_year_plan_url(area_year_plan: AreaYearPlan) -> str:
    return f"{area_year_plan.year_plan.get_absolute_url()}#omrade-{area_year_plan.area.number}"


@login_required
def areayearplan_create(request, pk):
    year_plan = get_object_or_404(YearPlan.objects.select_related("unit", "plan"), pk=pk)
    _managed_unit(request, year_plan.unit)
    form = forms.AreaYearPlanForm(
        form_flow.form_data(request),
        instance=AreaYearPlan(year_plan=year_plan),
        year_plan=year_plan,
    )

    def save(data):
        focus = data.pop("focus")
        return services.area_year_plan_create(
            year_plan=year_plan, data=data, focus=focus, by=request.user
        )

    return form_flow.form_page(
        request,
        form=form,
        save=save,
        success=_("Områdets plan är sparad."),
        title=_("Nytt område i %(year_plan)s") % {"year_plan": year_plan},
        back_url=year_plan.get_absolute_url(),
        redirect_to=_area_year_plan_url,
    )


@login_required
def areayearplan_update(request, pk):
    area_year_plan = get_object_or_404(
        AreaYearPlan.objects.select_related("area", "year_plan__unit", "year_plan__plan"), pk=pk
    )
    year_plan = area_year_plan.year_plan
    _managed_unit(request, year_plan.unit)
    form = forms.AreaYearPlanForm(
        form_flow.form_data(request), instance=area_year_plan, year_plan=year_plan
    )

    def save(data):
        focus = data.pop("focus")
        return services.area_year_plan_update(
            area_year_plan=area_year_plan, data=data, focus=focus, by=request.user
        )

    return form_flow.form_page(
        request,
        form=form,
        save=save,
        success=_("Områdets plan är sparad."),
        title=_("Ändra område %(number)s i verksamhetsplan %(year)s")
        % {"number": area_year_plan.area.number, "year": year_plan.year},
        back_url=_area_year_plan_url(area_year_plan),
        redirect_to=_area_year_plan_url,
    )


@login_required
def indicator_create(request, slug):
    unit = get_object_or_404(Unit, slug=slug)
    _managed_unit(request, unit)
    form = forms.IndicatorForm(
        form_flow.form_data(request), instance=Indicator(unit=unit), unit=unit, user=request.user
    )
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.indicator_create(unit=unit, data=data, by=request.user),
        success=_("Indikatorn är skapad."),
        title=_("Ny indikator för %(unit)s") % {"unit": unit},
        back_url=unit.get_absolute_url(),
    )


@login_required
def indicator_update(request, pk):
    indicator = get_object_or_404(Indicator.objects.select_related("unit"), pk=pk)
    _managed_unit(request, indicator.unit)
    form = forms.IndicatorForm(
        form_flow.form_data(request), instance=indicator, unit=indicator.unit, user=request.user
    )
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.indicator_update(
            indicator=indicator, data=data, by=request.user
        ),
        success=_("Indikatorn är sparad."),
        title=_("Ändra %(indicator)s") % {"indicator": indicator},
        back_url=indicator.get_absolute_url(),
    )


def _indicator_part_url(obj) -> str:
    return obj.indicator.get_absolute_url()


@login_required
def target_create(request, pk):
    indicator = get_object_or_404(Indicator.objects.select_related("unit"), pk=pk)
    _managed_unit(request, indicator.unit)
    form = forms.IndicatorTargetForm(
        form_flow.form_data(request), instance=IndicatorTarget(indicator=indicator)
    )
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.indicator_target_save(
            indicator=indicator, data=data, by=request.user
        ),
        success=_("Målvärdet är sparat."),
        title=_("Nytt målvärde för %(indicator)s") % {"indicator": indicator},
        back_url=indicator.get_absolute_url(),
        redirect_to=_indicator_part_url,
    )


@login_required
def target_update(request, pk):
    target = get_object_or_404(IndicatorTarget.objects.select_related("indicator__unit"), pk=pk)
    indicator = target.indicator
    _managed_unit(request, indicator.unit)
    form = forms.IndicatorTargetForm(form_flow.form_data(request), instance=target)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.indicator_target_save(
            indicator=indicator, target=target, data=data, by=request.user
        ),
        success=_("Målvärdet är sparat."),
        title=_("Ändra målvärde för %(indicator)s") % {"indicator": indicator},
        back_url=indicator.get_absolute_url(),
        redirect_to=_indicator_part_url,
    )


@login_required
def value_create(request, pk):
    indicator = get_object_or_404(Indicator.objects.select_related("unit"), pk=pk)
    _managed_unit(request, indicator.unit)
    default_period = 0 if indicator.frequency == Indicator.Frequency.YEAR else 1
    form = forms.IndicatorValueForm(
        form_flow.form_data(request),
        instance=IndicatorValue(indicator=indicator),
        initial={"year": timezone.localdate().year, "period": default_period},
    )
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.indicator_value_save(
            indicator=indicator, data=data, by=request.user
        ),
        success=_("Värdet är sparat."),
        title=_("Nytt värde för %(indicator)s") % {"indicator": indicator},
        back_url=indicator.get_absolute_url(),
        redirect_to=_indicator_part_url,
    )


@login_required
def value_update(request, pk):
    value = get_object_or_404(IndicatorValue.objects.select_related("indicator__unit"), pk=pk)
    indicator = value.indicator
    _managed_unit(request, indicator.unit)
    form = forms.IndicatorValueForm(form_flow.form_data(request), instance=value)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.indicator_value_save(
            indicator=indicator, value=value, data=data, by=request.user
        ),
        success=_("Värdet är sparat."),
        title=_("Ändra värde för %(indicator)s") % {"indicator": indicator},
        back_url=indicator.get_absolute_url(),
        redirect_to=_indicator_part_url,
    )
