"""Report pages for the annual and tertial documents, their small POST-only actions (save,
approve, reopen) and the downloads of every report page (PDF, Excel).

Everyone who may read a unit reads and downloads its reports (404 for others); only managers
and admins write and approve (403 for readers).
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from culture_plan import periods, permissions
from culture_plan.models import PriorityArea, Unit
from followup import documents, figures, pages, selectors, services
from followup.forms import ReportDocumentForm
from followup.models import PublishedReport, ReportDocument
from followup.report_kinds import KINDS

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _readable_unit(request, slug: str) -> Unit:
    unit = get_object_or_404(Unit, slug=slug)
    permissions.require(True, visible=permissions.can_download_reports(request.user, unit))
    return unit


def _check(kind: str, year: int, part: int) -> None:
    periods.require_year(year)
    valid = {
        "annual": part == 0,
        "tertial": part in periods.TERTIALS,
        "vepaq": 1 <= part <= 12,
    }
    if not valid.get(kind, False):
        raise Http404


def _file(content: bytes, *, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _options(kind: str, part: int) -> dict:
    return {"month": part} if kind == "vepaq" else {"tertial": part} if kind == "tertial" else {}


@login_required
@require_GET
def download(request, slug, kind, year, part, fmt):
    """Today's figures of any report kind as PDF (tagged; ?arkiv=1: PDF/A) or Excel."""
    _check(kind, year, part)
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    unit = _readable_unit(request, slug)
    report_kind = KINDS[kind]
    if kind == "vepaq":
        data = selectors.vepaq_for(user=request.user, unit=unit, year=year, month=part)
    else:
        data = report_kind.build(unit=unit, year=year, **_options(kind, part))
    stem = slugify(f"{kind}-{unit.slug}-{year}" + (f"-{part}" if part else ""))
    if fmt == "pdf":
        archive = request.GET.get("arkiv") == "1"
        return _file(
            report_kind.render_pdf(data, archive=archive),
            name=f"{stem}{'-arkiv' if archive else ''}.pdf",
            content_type=PDF,
        )
    return _file(report_kind.render_xlsx(data), name=f"{stem}.xlsx", content_type=XLSX)


@login_required
@require_GET
def published_pdf(request, slug, pk):
    """A published version's frozen PDF (?arkiv=1: a PDF/A copy made from its frozen JSON)."""
    unit = _readable_unit(request, slug)
    version = get_object_or_404(
        PublishedReport.objects.select_related("document"), pk=pk, document__unit=unit
    )
    document = version.document
    stem = slugify(f"{document.kind}-{unit.slug}-{document.year}-v{version.version}")
    if request.GET.get("arkiv") == "1":
        pdf = documents.render_document_pdf(kind=document.kind, report=version.data, archive=True)
        return _file(pdf, name=f"{stem}-arkiv.pdf", content_type=PDF)
    return _file(bytes(version.pdf), name=f"{stem}.pdf", content_type=PDF)


def _period_activities(unit: Unit, kind: str, year: int, tertial: int):
    start, end = documents.period_of(kind, year, tertial)
    return selectors.good_example_choices(unit=unit, start=start, end=end)


def _areas(unit: Unit, year: int):
    plan, _goals = figures.goals_in_force(unit=unit, year=year)
    return PriorityArea.objects.filter(plan=plan).order_by("number") if plan else []


def _form(
    *, unit, kind, year, tertial, document, data=None, search="", areas=None
) -> ReportDocumentForm:
    areas = list(_areas(unit, year)) if areas is None else areas
    initial = {}
    if document is not None:
        initial = {name: getattr(document, name) for name in services.DOCUMENT_TEXT_FIELDS}
        initial["good_examples"] = list(document.good_examples.values_list("pk", flat=True))
        for text in document.area_texts.all():
            initial[f"area_{text.area_id}"] = text.analysis
    start, end = documents.period_of(kind, year, tertial)
    return ReportDocumentForm(
        data,
        initial=initial,
        areas=areas,
        activities=_period_activities(unit, kind, year, tertial),
        offer=partial(selectors.good_example_offer, unit=unit, start=start, end=end),
        search=search,
    )


def _page(request, *, unit, kind, year, tertial, form=None, status=200):
    document = selectors.report_document(unit=unit, year=year, kind=kind, tertial=tertial)
    can_write = permissions.can_write_report_document(request.user, unit)
    approved = document is not None and document.state == ReportDocument.State.APPROVED
    areas = list(_areas(unit, year))
    if form is None and can_write and not approved:
        form = _form(
            unit=unit,
            kind=kind,
            year=year,
            tertial=tertial,
            document=document,
            search=request.GET.get("exempel", ""),
            areas=areas,
        )
    context = {
        "unit": unit,
        "nav": {"year": year, "plan": None},
        "kind": kind,
        "year": year,
        "tertial": tertial,
        "title": documents.document_title(kind, tertial),
        "period_label": documents.period_label(kind, year, tertial),
        "document": document,
        "approved": approved,
        "can_write": can_write,
        "form": form,
        "versions": selectors.published_versions(document=document),
        "missing_texts": []
        if approved
        else selectors.document_missing_texts(unit=unit, year=year, document=document, areas=areas),
        **pages.document_figures(unit=unit, kind=kind, year=year, tertial=tertial),
    }
    return render(request, "followup/document_page.html", context, status=status)


@login_required
@require_GET
def annual(request, slug, year):
    _check("annual", year, 0)
    unit = _readable_unit(request, slug)
    return _page(request, unit=unit, kind="annual", year=year, tertial=0)


@login_required
@require_GET
def tertial(request, slug, year, tertial):
    _check("tertial", year, tertial)
    unit = _readable_unit(request, slug)
    return _page(request, unit=unit, kind="tertial", year=year, tertial=tertial)


def _writable(request, slug, kind, year, tertial) -> Unit:
    if kind not in ("annual", "tertial"):
        raise Http404
    _check(kind, year, tertial)
    unit = _readable_unit(request, slug)
    permissions.require(permissions.can_write_report_document(request.user, unit))
    return unit


def _back(kind, unit, year, tertial):
    if kind == "annual":
        return redirect("followup:annual", slug=unit.slug, year=year)
    return redirect("followup:tertial", slug=unit.slug, year=year, tertial=tertial)


@login_required
@require_POST
def document_save(request, slug, kind, year, tertial):
    unit = _writable(request, slug, kind, year, tertial)
    document = selectors.report_document(unit=unit, year=year, kind=kind, tertial=tertial)
    form = _form(
        unit=unit, kind=kind, year=year, tertial=tertial, document=document, data=request.POST
    )
    if form.is_valid():
        try:
            document = services.document_get_or_create(
                unit=unit, year=year, kind=kind, tertial=tertial
            )
            services.document_save_texts(
                document=document,
                texts={name: form.cleaned_data[name] for name in services.DOCUMENT_TEXT_FIELDS},
                analyses=form.analyses(),
                good_examples=form.cleaned_data["good_examples"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Texterna är sparade."))
            return _back(kind, unit, year, tertial)
    return _page(request, unit=unit, kind=kind, year=year, tertial=tertial, form=form, status=400)


@login_required
@require_POST
def document_approve(request, slug, kind, year, tertial):
    unit = _writable(request, slug, kind, year, tertial)
    document = services.document_get_or_create(unit=unit, year=year, kind=kind, tertial=tertial)
    try:
        published = services.document_approve(
            document=document, by=request.user, left_empty=request.POST.getlist("left_empty")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Rapporten är fastställd och publicerad som version %(version)s.")
            % {"version": published.version},
        )
    return _back(kind, unit, year, tertial)


@login_required
@require_POST
def document_reopen(request, slug, kind, year, tertial):
    unit = _writable(request, slug, kind, year, tertial)
    document = selectors.report_document(unit=unit, year=year, kind=kind, tertial=tertial)
    if document is None:
        raise Http404
    try:
        services.document_reopen(document=document, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Rapporten är ett utkast igen. De publicerade versionerna finns kvar.")
        )
    return _back(kind, unit, year, tertial)
