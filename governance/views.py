"""Governance pages: goal chains top-down, commitments, their assessments, service offers and
an indicator's comparison settings. Reads through selectors, writes through services, rules
through culture_plan.permissions: 404 for what a user may not see, 403 for what they see but
may not change."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from culture_plan import form_flow, permissions
from culture_plan.models import Framework, FrameworkGoal, Indicator, Unit
from governance import forms, selectors, services
from governance.models import Commitment, IndicatorComparison, ServiceOffer


def _url(name, **kwargs) -> str:
    return reverse(name, kwargs=kwargs)


def _require_chains(request) -> None:
    permissions.require(True, visible=permissions.can_view_goal_chains(request.user))


# Goal chains -----------------------------------------------------------------------------


@require_GET
@login_required
def chain_index(request):
    _require_chains(request)
    frameworks = Framework.objects.prefetch_related("levels").order_by("kind", "name")
    rows = [
        {
            "framework": framework,
            "tree": selectors.goal_tree(framework=framework, user=request.user),
        }
        for framework in frameworks
        if framework.kind != Framework.Kind.AGENDA_2030
    ]
    units = permissions.visible_units(request.user).order_by("path")
    return render(request, "governance/chain_index.html", {"rows": rows, "units": units})


@require_GET
@login_required
def framework_chain(request, slug):
    _require_chains(request)
    framework = get_object_or_404(Framework, slug=slug)
    tree = selectors.goal_tree(framework=framework, user=request.user)
    return render(
        request,
        "governance/framework_chain.html",
        {"framework": framework, "rows": selectors.flatten(tree)},
    )


@require_GET
@login_required
def goal_detail(request, pk):
    _require_chains(request)
    goal = get_object_or_404(FrameworkGoal.objects.select_related("framework"), pk=pk)
    tree = selectors.goal_tree(framework=goal.framework, user=request.user, root=goal)
    levels = selectors.level_names(goal.framework)
    ancestors = [
        {"goal": item, "level": levels.get(depth, "")}
        for depth, item in enumerate(goal.ancestors())
    ]
    return render(
        request,
        "governance/goal_detail.html",
        {
            "goal": goal,
            "level": levels.get(len(ancestors), ""),
            "ancestors": ancestors,
            "rows": selectors.flatten(tree),
        },
    )


# Commitments -----------------------------------------------------------------------------


def _unit_for_reading(request, slug) -> Unit:
    unit = get_object_or_404(Unit, slug=slug)
    permissions.require(True, visible=permissions.can_view_commitments_of(request.user, unit))
    return unit


def _unit_for_editing(request, unit: Unit) -> None:
    permissions.require(
        permissions.can_edit_commitments_of(request.user, unit),
        visible=permissions.can_view_commitments_of(request.user, unit),
    )


@require_GET
@login_required
def unit_commitments(request, slug):
    unit = _unit_for_reading(request, slug)
    commitments = (
        Commitment.objects.filter(unit__in=unit.subtree())
        .select_related("unit", "framework_goal__framework", "plan_goal")
        .order_by("-year", "unit__path", "title")
    )
    return render(
        request,
        "governance/unit_commitments.html",
        {
            "unit": unit,
            "commitments": commitments,
            "can_edit": permissions.can_edit_commitments_of(request.user, unit),
        },
    )


@require_GET
@login_required
def commitment_detail(request, pk):
    commitment = get_object_or_404(
        Commitment.objects.select_related("unit", "framework_goal__framework", "plan_goal__plan"),
        pk=pk,
    )
    permissions.require(
        True, visible=permissions.can_view_commitments_of(request.user, commitment.unit)
    )
    context = selectors.commitment_detail(commitment=commitment)
    context["can_edit"] = permissions.can_edit_commitments_of(request.user, commitment.unit)
    return render(request, "governance/commitment_detail.html", context)


@login_required
def commitment_create(request, slug):
    unit = get_object_or_404(Unit, slug=slug)
    _unit_for_editing(request, unit)
    initial = {"year": timezone.localdate().year}
    goal_pk = request.GET.get("mal", "")
    if goal_pk.isdigit():
        initial["framework_goal"] = goal_pk
    form = forms.CommitmentForm(form_flow.form_data(request), unit=unit, initial=initial)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.commitment_save(data=data, unit=unit, by=request.user),
        success=_("Åtagandet är sparat."),
        title=_("Nytt åtagande för %(unit)s") % {"unit": unit.name},
        back_url=_url("governance:unit_commitments", slug=unit.slug),
    )


@login_required
def commitment_update(request, pk):
    commitment = get_object_or_404(Commitment.objects.select_related("unit"), pk=pk)
    _unit_for_editing(request, commitment.unit)
    form = forms.CommitmentForm(
        form_flow.form_data(request), instance=commitment, unit=commitment.unit
    )
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.commitment_save(
            data=data, commitment=commitment, by=request.user
        ),
        success=_("Åtagandet är sparat."),
        title=_("Ändra %(title)s") % {"title": commitment.title},
        back_url=commitment.get_absolute_url(),
    )


@login_required
def commitment_assess(request, pk):
    commitment = get_object_or_404(Commitment.objects.select_related("unit"), pk=pk)
    _unit_for_editing(request, commitment.unit)
    initial = {}
    period = request.GET.get("period", "")
    if period in ("1", "2", "3"):
        existing = commitment.assessments.filter(period=int(period)).first()
        initial = {"period": int(period)}
        if existing:
            initial.update(status=existing.status, comment=existing.comment)
    form = forms.AssessmentForm(form_flow.form_data(request), initial=initial)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.commitment_assess(
            commitment=commitment, by=request.user, **data
        ),
        success=_("Bedömningen är sparad."),
        title=_("Bedöm %(title)s") % {"title": commitment.title},
        back_url=commitment.get_absolute_url(),
        redirect_to=lambda obj: commitment.get_absolute_url(),
    )


# Service offers --------------------------------------------------------------------------


@require_GET
@login_required
def service_offers(request, slug):
    unit = _unit_for_reading(request, slug)
    return render(
        request,
        "governance/service_offers.html",
        {
            "unit": unit,
            "offers": selectors.service_offers_for(unit=unit),
            "can_edit": permissions.can_edit_commitments_of(request.user, unit),
        },
    )


@login_required
def service_offer_create(request, slug):
    unit = get_object_or_404(Unit, slug=slug)
    _unit_for_editing(request, unit)
    form = forms.ServiceOfferForm(form_flow.form_data(request), instance=ServiceOffer(unit=unit))
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.service_offer_save(data=data, unit=unit, by=request.user),
        success=_("Serviceerbjudandet är sparat."),
        title=_("Nytt serviceerbjudande för %(unit)s") % {"unit": unit.name},
        back_url=_url("governance:service_offers", slug=unit.slug),
    )


@login_required
def service_offer_update(request, pk):
    offer = get_object_or_404(ServiceOffer.objects.select_related("unit", "indicator"), pk=pk)
    _unit_for_editing(request, offer.unit)
    form = forms.ServiceOfferForm(form_flow.form_data(request), instance=offer)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.service_offer_save(data=data, offer=offer, by=request.user),
        success=_("Serviceerbjudandet är sparat."),
        title=_("Ändra serviceerbjudande"),
        back_url=offer.get_absolute_url(),
    )


# An indicator's comparison -----------------------------------------------------------------


@login_required
def indicator_comparison(request, pk):
    indicator = get_object_or_404(Indicator.objects.select_related("unit"), pk=pk)
    permissions.require(
        permissions.can_edit_indicator_comparison(request.user, indicator.unit),
        visible=permissions.can_view_unit(request.user, indicator.unit),
    )
    link = IndicatorComparison.objects.filter(indicator=indicator).first()
    form = forms.IndicatorComparisonForm(
        form_flow.form_data(request),
        indicator=indicator,
        initial={
            "kolada_kpi": indicator.kolada_kpi,
            "target_kind": indicator.target_kind,
            "group": link.group_id if link else None,
        },
    )
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.indicator_comparison_set(
            indicator=indicator, by=request.user, **data
        ),
        success=_("Jämförelsen är sparad."),
        title=_("Jämförelse och mål för %(indicator)s") % {"indicator": indicator.name},
        back_url=indicator.get_absolute_url(),
    )
