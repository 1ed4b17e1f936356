"""Plan pages. Reads go through selectors, rules through permissions."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from culture_plan import permissions, selectors
from culture_plan.models import Indicator, Plan, Unit, YearPlan


@login_required
def home(request):
    units = permissions.visible_units(request.user)
    return render(request, "culture_plan/home.html", {"units": units})


@login_required
def unit_detail(request, slug):
    unit = get_object_or_404(Unit, slug=slug)
    permissions.require(True, visible=permissions.can_view_unit(request.user, unit))
    return render(request, "culture_plan/unit_detail.html", {"unit": unit})


@login_required
def plan_list(request):
    plans = selectors.visible_plans(user=request.user)
    return render(request, "culture_plan/plan_list.html", {"plans": plans})


@login_required
def plan_detail(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    permissions.require(True, visible=permissions.can_view_plan(request.user, plan))
    plan = selectors.plan_with_structure(plan_id=plan.pk)
    return render(request, "culture_plan/plan_detail.html", {"plan": plan})


@login_required
def yearplan_detail(request, pk):
    year_plan = get_object_or_404(YearPlan, pk=pk)
    permissions.require(True, visible=permissions.can_view_unit(request.user, year_plan.unit))
    year_plan = selectors.year_plan_with_structure(year_plan_id=year_plan.pk)
    return render(request, "culture_plan/yearplan_detail.html", {"year_plan": year_plan})


@login_required
def indicator_list(request):
    indicators = selectors.visible_indicators(user=request.user)
    return render(request, "culture_plan/indicator_list.html", {"indicators": indicators})


@login_required
def indicator_detail(request, pk):
    indicator = get_object_or_404(Indicator, pk=pk)
    permissions.require(True, visible=permissions.can_view_unit(request.user, indicator.unit))
    return render(request, "culture_plan/indicator_detail.html", {"indicator": indicator})
