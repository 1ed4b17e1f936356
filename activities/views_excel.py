"""Excel pages: download a unit's activity plan or an empty template, and import a file.

The import runs in two steps (upload → preview → confirm). The uploaded bytes wait between
the steps in Django's default storage (settings.IMPORT_UPLOAD_PREFIX, so several app servers
share them), named by a random token; an ImportUpload row binds the token to the user and
the unit and is claimed by exactly one confirmation (a double click imports once). The file
is deleted after the confirmation, when the preview finds errors, or after an hour. Keeping
the parsed rows in the session instead would not fit: 10 000 rows are several megabytes.
The confirmation reads and checks the file again, so nothing the browser sends back is
trusted.
"""

from __future__ import annotations

import datetime
import secrets
import tempfile
import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from activities import excel
from activities.imports import ImportFileError, import_activities, read_activity_file
from activities.models import Activity, ImportUpload
from culture_plan import permissions
from culture_plan.models import Unit
from culture_plan.selectors import plan_in_force

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_LIFETIME_SECONDS = 60 * 60
SESSION_KEY = "excel_imports"
PREVIEW_ROWS = 200


def upload_name(token: str) -> str:
    """Where an upload waits in the default storage (settings.STORAGES["default"])."""
    return f"{settings.IMPORT_UPLOAD_PREFIX}/{token}.xlsx"


def sweep_stale_uploads() -> None:
    """Delete uploads older than an hour that were never confirmed (rows and files, also
    files whose row is gone)."""
    limit = timezone.now() - datetime.timedelta(seconds=UPLOAD_LIFETIME_SECONDS)
    for upload in ImportUpload.objects.filter(created_at__lt=limit):
        default_storage.delete(upload.stored_name)
        upload.delete()
    try:
        _dirs, files = default_storage.listdir(settings.IMPORT_UPLOAD_PREFIX)
    except (FileNotFoundError, NotImplementedError):
        return
    for name in files:
        stored = f"{settings.IMPORT_UPLOAD_PREFIX}/{name}"
        try:
            if default_storage.get_modified_time(stored) < limit:
                default_storage.delete(stored)
        except (FileNotFoundError, NotImplementedError):
            pass


def claim_upload(*, token: str, unit: Unit, user) -> ImportUpload | None:
    """The user's fresh upload for the unit, claimed by this request alone: one atomic
    UPDATE … WHERE claimed_at IS NULL, so that of two confirmations (a double click, two
    tabs, two app servers) exactly one gets it. None when it is gone, taken or not theirs."""
    fresh = timezone.now() - datetime.timedelta(seconds=UPLOAD_LIFETIME_SECONDS)
    claimed = ImportUpload.objects.filter(
        token=token, unit=unit, user=user, claimed_at__isnull=True, created_at__gte=fresh
    ).update(claimed_at=timezone.now())
    if claimed != 1:
        return None
    return ImportUpload.objects.get(token=token)


def release_upload(upload: ImportUpload) -> None:
    default_storage.delete(upload.stored_name)
    upload.delete()


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
    """The activity plan, streamed: the first bytes leave while the rows are still being
    read (activities.xlsx_stream), so a 100 000-row file never waits behind a proxy's
    timeout. Its size is not known in advance, so there is no Content-Length."""
    unit = _unit_for(request, slug)
    year = _year_param(request)
    export = excel.ActivityExport(excel.activities_for_export(unit=unit, year=year))
    response = StreamingHttpResponse(export, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=excel.export_filename(unit=unit, year=year)
    )
    return response


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
    uploaded = form.cleaned_data["file"]
    stored_name = default_storage.save(upload_name(token), uploaded)
    upload = ImportUpload.objects.create(
        token=token, unit=unit, user=request.user, name=uploaded.name[:255], stored_name=stored_name
    )
    with default_storage.open(stored_name, "rb") as handle:
        preview = read_activity_file(unit=unit, file=handle)
    if preview.is_valid:
        now = time.time()
        pending = {
            key: entry
            for key, entry in request.session.get(SESSION_KEY, {}).items()
            if now - entry["created"] < UPLOAD_LIFETIME_SECONDS
        }
        pending[token] = {"unit": unit.pk, "created": now, "name": uploaded.name}
        request.session[SESSION_KEY] = pending
    else:
        release_upload(upload)
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
    token = request.POST.get("token", "")[:64]
    pending = request.session.get(SESSION_KEY, {})
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    upload = claim_upload(token=token, unit=unit, user=request.user) if token else None
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
        with default_storage.open(upload.stored_name, "rb") as handle:
            result = import_activities(unit=unit, file=handle, user=request.user)
    except ImportFileError as error:
        return _render_preview(
            request, unit=unit, preview=error.preview, token="", form=ImportUploadForm()
        )
    except FileNotFoundError:
        messages.error(request, _("Filen finns inte längre kvar. Ladda upp den igen."))
        return redirect("activities:excel_import", slug=unit.slug)
    finally:
        release_upload(upload)
        sweep_stale_uploads()
    messages.success(
        request,
        _("%(count)s aktiviteter importerades till %(unit)s.")
        % {"count": result.created, "unit": unit.name},
    )
    return redirect(reverse("activities:excel_unit", kwargs={"slug": unit.slug}))
