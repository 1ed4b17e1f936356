"""The Excel import's uploads between the preview and the confirmation (services).

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
import time

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from activities.imports import ImportPreview, ImportResult, import_activities, read_activity_file
from activities.models import ImportUpload
from culture_plan.models import Unit

UPLOAD_LIFETIME_SECONDS = 60 * 60
# The session's tokens of previewed, not yet confirmed uploads: token → unit, time, file name.
SESSION_KEY = "excel_imports"


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


def upload_preview(*, unit: Unit, user, uploaded) -> tuple[str, ImportPreview]:
    """Store an uploaded file and read it as a preview. Returns the token that confirms it
    and the preview; when the preview has errors the file is deleted at once and the token
    is empty (there is nothing to confirm)."""
    sweep_stale_uploads()
    token = secrets.token_urlsafe(24)
    stored_name = default_storage.save(upload_name(token), uploaded)
    upload = ImportUpload.objects.create(
        token=token, unit=unit, user=user, name=uploaded.name[:255], stored_name=stored_name
    )
    with default_storage.open(stored_name, "rb") as handle:
        preview = read_activity_file(unit=unit, file=handle)
    if not preview.is_valid:
        release_upload(upload)
        return "", preview
    return token, preview


def remember_pending(session, *, token: str, unit: Unit, name: str) -> None:
    """Note a previewed upload in the session (dropping those older than an hour)."""
    now = time.time()
    pending = {
        key: entry
        for key, entry in session.get(SESSION_KEY, {}).items()
        if now - entry["created"] < UPLOAD_LIFETIME_SECONDS
    }
    pending[token] = {"unit": unit.pk, "created": now, "name": name}
    session[SESSION_KEY] = pending


def forget_pending(session, *, token: str) -> None:
    pending = session.get(SESSION_KEY, {})
    pending.pop(token, None)
    session[SESSION_KEY] = pending


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


def import_claimed(*, upload: ImportUpload, unit: Unit, user) -> ImportResult:
    """Import a claimed upload, all of it or nothing (activities.imports), and delete the file
    whatever happens. Raises ImportFileError (with its preview) when the file no longer
    passes the checks, FileNotFoundError when it is gone from the storage."""
    try:
        with default_storage.open(upload.stored_name, "rb") as handle:
            return import_activities(unit=unit, file=handle, user=user)
    finally:
        release_upload(upload)
        sweep_stale_uploads()
