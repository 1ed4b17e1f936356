"""Excel pages: download a unit's activity plan or an empty template, and import a file.

The import runs in two steps (upload → preview → confirm); how an upload waits between them
and is claimed once is activities.uploads, the import itself activities.imports.
"""

from __future__ import annotations

import datetime
import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from activities import excel, uploads
from activities.excel import XLSX
from activities.forms import ImportUploadForm
from activities.imports import ImportFileError
from activities.models import Activity
from culture_plan import periods, permissions
from culture_plan.models import Unit
from culture_plan.selectors import plan_in_force

PREVIEW_ROWS = 200


def _unit_for(request, slug: str) -> Unit:
    unit = get_object_or_404(Unit, slug=slug)
    permissions.require(True, visible=permissions.can_view_unit(request.user, unit))
    return unit


@login_required
def excel_index(request):
    units = permissions.visible_units(request.user).order_by("path")
    return render(request, "activities/excel/index.html", {"units": units})


@login_required
def excel_unit(request, slug):
    unit = _unit_for(request, slug)
    years = [day.year for day in Activity.objects.filter(unit=unit).dates("date", "year")]
    this_year = datetime.date.today().year
    template_years = sorted({this_year, this_year + 1, *years[-1:]})
    return render(
        request,
        "activities/excel/unit.html",
        {
            "unit": unit,
            "years": years,
            "template_years": template_years,
            "can_import": permissions.can_log_activities(request.user, unit),
        },
    )


def _spool():
    """A temporary file for a download; FileResponse closes (and so deletes) it when sent."""
    return tempfile.TemporaryFile()  # noqa: SIM115


def _xlsx_response(output, *, filename: str) -> FileResponse:
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=filename, content_type=XLSX)


@login_required
def excel_export(request, slug):
    """The activity plan, streamed: the first bytes leave while the rows are still being
    read (activities.xlsx_stream), so a 100 000-row file never waits behind a proxy's
    timeout. Its size is not known in advance, so there is no Content-Length."""
    unit = _unit_for(request, slug)
    year = periods.year_from_query(request.GET.get("year"))
    export = excel.ActivityExport(excel.activities_for_export(unit=unit, year=year))
    response = StreamingHttpResponse(export, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=excel.export_filename(unit=unit, year=year)
    )
    return response


@login_required
def excel_template(request, slug):
    unit = _unit_for(request, slug)
    year = periods.year_from_query(request.GET.get("year")) or datetime.date.today().year
    output = _spool()
    excel.write_template(plan=plan_in_force(unit=unit, year=year), destination=output)
    return _xlsx_response(output, filename=f"aktivitetsmall-{unit.slug}-{year}.xlsx")


def _unit_for_import(request, slug: str) -> Unit:
    unit = _unit_for(request, slug)
    permissions.require(permissions.can_log_activities(request.user, unit))
    return unit


@login_required
@require_http_methods(["GET", "POST"])
def excel_import(request, slug):
    """Upload a file and see what it would create, with every problem, before confirming."""
    unit = _unit_for_import(request, slug)
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
    else:
        form = ImportUploadForm()
    if request.method != "POST" or not form.is_valid():
        return render(request, "activities/excel/import.html", {"unit": unit, "form": form})

    uploaded = form.cleaned_data["file"]
    token, preview = uploads.upload_preview(unit=unit, user=request.user, uploaded=uploaded)
    if token:
        uploads.remember_pending(request.session, token=token, unit=unit, name=uploaded.name)
    return _render_preview(
        request, unit=unit, preview=preview, token=token, form=ImportUploadForm()
    )


def _preview_rows(parsed_rows) -> list[dict]:
    status_words = excel.status_words()
    return [
        {
            "row": parsed.row,
            "date": parsed.activity.date,
            "title": parsed.activity.title,
            "status": status_words.get(parsed.activity.status, ""),
            "area": parsed.area_number,
            "goals": ", ".join(parsed.goal_codes),
            "partners": ", ".join(parsed.partner_names),
            "place": parsed.place_name,
            "participants": parsed.activity.participants_total,
        }
        for parsed in parsed_rows
    ]


def _render_preview(request, *, unit, preview, token, form):
    return render(
        request,
        "activities/excel/preview.html",
        {
            "unit": unit,
            "preview": preview,
            "rows": _preview_rows(preview.rows[:PREVIEW_ROWS]),
            "more_rows": max(len(preview.rows) - PREVIEW_ROWS, 0),
            "token": token,
            "form": form,
        },
    )


@login_required
@require_POST
def excel_import_confirm(request, slug):
    """Import the file the user just previewed: all of it or nothing."""
    unit = _unit_for_import(request, slug)
    token = request.POST.get("token", "")[:64]
    uploads.forget_pending(request.session, token=token)
    upload = uploads.claim_upload(token=token, unit=unit, user=request.user) if token else None
    if upload is None:
        messages.error(
            request,
            _(
                "Filen finns inte längre kvar eller är redan importerad (den sparas i en "
                "timme). Ladda upp den igen om den inte syns bland aktiviteterna."
            ),
        )
        return redirect("activities:excel_import", slug=unit.slug)
    try:
        result = uploads.import_claimed(upload=upload, unit=unit, user=request.user)
    except ImportFileError as error:
        return _render_preview(
            request, unit=unit, preview=error.preview, token="", form=ImportUploadForm()
        )
    except FileNotFoundError:
        messages.error(request, _("Filen finns inte längre kvar. Ladda upp den igen."))
        return redirect("activities:excel_import", slug=unit.slug)
    messages.success(
        request,
        _("%(count)s aktiviteter importerades till %(unit)s.")
        % {"count": result.created, "unit": unit.name},
    )
    return redirect(reverse("activities:excel_unit", kwargs={"slug": unit.slug}))
