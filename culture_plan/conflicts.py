"""Both versions of a form side by side, for a save refused because someone else saved first
(DESIGN "Trust": no lost update). Works for any form: the posted one (what the user typed,
kept) and an unbound one drawn from the saved object."""

from __future__ import annotations

from django import forms


def _shown(field: forms.Field, value) -> str:
    values = value if isinstance(value, list | tuple) else [value]
    choices = getattr(field, "choices", None)
    labels = {}
    if choices is not None:
        try:
            labels = {str(key): str(label) for key, label in choices}
        except (TypeError, ValueError):
            labels = {}
    shown = []
    for item in values:
        if item in (None, ""):
            continue
        if hasattr(item, "pk"):
            item = item.pk
        if isinstance(field, forms.BooleanField):
            shown.append("✓" if item not in (False, "False", "false", "0", "off") else "")
            continue
        shown.append(labels.get(str(item), str(item)))
    return ", ".join(part for part in shown if part)


def conflict_rows(*, posted: forms.BaseForm, saved: forms.BaseForm) -> list[dict]:
    """[{label, theirs, yours}] for the visible fields whose values differ."""
    rows = []
    for name, field in posted.fields.items():
        if isinstance(field.widget, forms.HiddenInput) or name not in saved.fields:
            continue
        yours = _shown(field, posted[name].value())
        theirs = _shown(saved.fields[name], saved[name].value())
        if yours != theirs:
            rows.append({"label": field.label or name, "theirs": theirs, "yours": yours})
    return rows


def posted_version(request) -> int | None:
    """The version a form was drawn from (hidden input `version`), or None."""
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


def edit_conflict(*, by_name: str, posted: forms.BaseForm, saved: forms.BaseForm) -> dict:
    """What includes/edit_conflict.html shows for a save refused because `by_name` saved
    first: who, the saved version (the one the next post is drawn from) and the rows that
    differ. `saved` is an unbound form of the saved object."""
    return {
        "by_name": by_name,
        "version": saved.instance.version,
        "rows": conflict_rows(posted=posted, saved=saved),
    }
