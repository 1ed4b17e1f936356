"""The analysis before a new year: one page per unit and year (figures and the manager's
text, saved with the annual report document)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from culture_plan import permissions
from culture_plan.models import Unit
from followup import analysis, services
from followup.models import ReportDocument
from followup.report_sections import prepare_sections


def _unit(request, slug: str, year: int) -> Unit:
    if not 2000 <= year <= 2100:
        raise Http404
    unit = get_object_or_404(Unit, slug=slug)
    permissions.require(True, visible=permissions.can_download_reports(request.user, unit))
    return unit


@login_required
@require_GET
def analysis_page(request, slug: str, year: int):
    unit = _unit(request, slug, year)
    figures = analysis.analysis_figures(unit=unit, year=year)
    document = ReportDocument.objects.filter(
        unit=unit, year=year, kind=ReportDocument.Kind.ANNUAL, tertial=0
    ).first()
    return render(
        request,
        "followup/analysis.html",
        {
            "unit": unit,
            "year": year,
            "analysis": figures,
            "sections": prepare_sections(analysis.analysis_sections(figures)),
            "charts": analysis.analysis_charts(figures),
            "document": document,
            "can_write": permissions.can_write_report_document(request.user, unit),
        },
    )


@login_required
@require_POST
def analysis_save(request, slug: str, year: int):
    unit = _unit(request, slug, year)
    permissions.require(permissions.can_write_report_document(request.user, unit))
    document = services.document_get_or_create(unit=unit, year=year, kind="annual")
    try:
        services.document_save_analysis(
            document=document, text=request.POST.get("analysis", "")[:20_000], by=request.user
        )
        messages.success(request, _("Analysen är sparad med verksamhetsberättelsen."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("followup:analysis", slug=unit.slug, year=year)
