"""Excel pages: download a unit's activity plan or an empty template, and import a file.

The import runs in two steps (upload → preview → confirm). The uploaded bytes wait between
the steps in a private temporary file (settings.BASE_DIR / "var" / "imports"), named by a
random token that the session binds to the user and the unit; the file is deleted after
the confirmation, when the preview finds errors, or after an hour. Keeping the parsed rows
in the session instead would not fit: 10 000 rows are several megabytes. The confirmation
reads and checks the file again, so nothing the browser sends back is trusted.
"""

from __future__ import annotations

import datetime
import os
import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from activities import excel
from activities.imports import ImportFileError, import_activities, read_activity_file
from activities.models import Activity
from culture_plan import permissions
from culture_plan.models import Unit
from culture_plan.selectors import plan_in_force

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_LIFETIME_SECONDS = 60 * 60
SESSION_KEY = "excel_imports"
PREVIEW_ROWS = 200


def upload_dir() -> Path:
    path = Path(settings.BASE_DIR) / "var" / "imports"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def sweep_stale_uploads() -> None:
    """Delete uploads older than an hour that were never confirmed."""
    limit = time.time() - UPLOAD_LIFETIME_SECONDS
    for path in upload_dir().glob("*.xlsx"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:
            pass


def upload_path(token: str) -> Path:
    return upload_dir() / f"{token}.xlsx"


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel-fil"),
        help_text=gettext_lazy(
            "En .xlsx-fil med samma kolumner som mallen. Högst 10 MB. Inget sparas förrän "
            "du har granskat och bekräftat."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Välj en Excel-fil som slutar på .xlsx."))
        if upload.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("Filen är större än 10 MB. Dela upp den."))
        return upload


def _unit_for(request, slug: str) -> Unit:
    unit = get_object_or_404(Unit, slug=slug)
    permissions.require(True, visible=permissions.can_view_unit(request.user, unit))
    return unit


def _year_param(request) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else None


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
    unit = _unit_for(request, slug)
    year = _year_param(request)
    output = _spool()
    excel.write_activities(
        activities=excel.activities_for_export(unit=unit, year=year), destination=output
    )
    return _xlsx_response(output, filename=excel.export_filename(unit=unit, year=year))


@login_required
def excel_template(request, slug):
    unit = _unit_for(request, slug)
    year = _year_param(request) or datetime.date.today().year
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

    sweep_stale_uploads()
    token = secrets.token_urlsafe(24)
    path = upload_path(token)
    # Readable by this process only, and never overwriting another upload.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        for chunk in form.cleaned_data["file"].chunks():
            handle.write(chunk)
    with path.open("rb") as handle:
        preview = read_activity_file(unit=unit, file=handle)
    if preview.is_valid:
        now = time.time()
        pending = {
            key: entry
            for key, entry in request.session.get(SESSION_KEY, {}).items()
            if now - entry["created"] < UPLOAD_LIFETIME_SECONDS
        }
        pending[token] = {
            "unit": unit.pk,
            "user": request.user.pk,
            "created": now,
            "name": form.cleaned_data["file"].name,
        }
        request.session[SESSION_KEY] = pending
    else:
        path.unlink(missing_ok=True)
        token = ""
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
    token = request.POST.get("token", "")
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    path = upload_path(token) if token.replace("-", "").replace("_", "").isalnum() else None
    fresh = (
        entry is not None
        and entry["unit"] == unit.pk
        and entry["user"] == request.user.pk
        and time.time() - entry["created"] < UPLOAD_LIFETIME_SECONDS
        and path is not None
        and path.exists()
    )
    if not fresh:
        if path is not None and entry is not None:
            path.unlink(missing_ok=True)
        messages.error(
            request,
            _("Filen finns inte längre kvar (den sparas i en timme). Ladda upp den igen."),
        )
        return redirect("activities:excel_import", slug=unit.slug)
    try:
        with path.open("rb") as handle:
            result = import_activities(unit=unit, file=handle, user=request.user)
    except ImportFileError as error:
        return _render_preview(
            request, unit=unit, preview=error.preview, token="", form=ImportUploadForm()
        )
    finally:
        path.unlink(missing_ok=True)
        sweep_stale_uploads()
    messages.success(
        request,
        _("%(count)s aktiviteter importerades till %(unit)s.")
        % {"count": result.created, "unit": unit.name},
    )
    return redirect(reverse("activities:excel_unit", kwargs={"slug": unit.slug}))
