"""What every part of the demo shares: its constants and idempotent writes (a row is found by
its natural key, created when missing and saved only when a value differs, so that a second
run of seed_demo changes no row and adds no history)."""

from __future__ import annotations

import datetime

from demo.data import flen_activities as demo_data

DEMO_PASSWORD = demo_data.DEMO_PASSWORD
DEMO_TODAY = datetime.date(*demo_data.DEMO_TODAY)
RANDOM_SEED = 2024


def non_editable(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if not f.editable and not f.primary_key]


def upsert(model, *, lookup: dict, values: dict | None = None, by=None):
    """Get the row by its natural key; create it, or save it only when a value differs.
    `by` is the user the history row names (simple-history's `_history_user`)."""
    values = values or {}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        changed = True
    else:
        changed = False
        for name, value in values.items():
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                changed = True
    if changed:
        obj.full_clean(exclude=non_editable(model))
        if by is not None:
            obj._history_user = by
        obj.save()
    return obj


def set_m2m(manager, objs) -> None:
    wanted = {obj.pk for obj in objs}
    if wanted != {obj.pk for obj in manager.all()}:  # uses a prefetch when there is one
        manager.set(objs)
