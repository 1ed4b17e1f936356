"""Data versions: what a cached figure or fragment depends on, replaced by the writes that
change it, in the same transaction.

Why: the follow-up pages compute the same figures of a unit's month for every reader, and
their cost is Python (shaping the figures, rendering the rows), not the database. Cached
under the version of the data they are made of, they are computed once per change.

The version of a set of unit subtrees and years is read from ``DataVersion`` in one query:
the number and the sums of the random tokens of the rows of the units in those subtrees and
those years, of their "every year" rows (year 0), and of the "everything" row (unit 0,
year 0: the plan, the units, anything else without a unit). Every write replaces the token
of the rows it touches:

- the summary rows (``activities.summaries.apply``: every activity write, the Excel import,
  co-arrangers, goal links, unit moves) touch the (unit, year) of each summary row they
  change, so that a subtree's version changes with any figure summed over it;
- any other save or delete of a model of ours (signals) touches (its unit, its year), (its
  unit, every year), or everything, whichever the model has: the monthly report, the year
  plan, the unit's indicators, a unit, the plan.

In the same transaction as the write: a reader that sees the new token sees the new data
(each statement reads what was committed before it), and one that read the old token stored
at most figures newer than it. Random tokens rather than counters: a rolled-back write
leaves a token nobody will ever read again, where a counter would count up to the same
number over different data. Read the versions from the database the figures come from.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import secrets
from collections.abc import Callable, Iterable

from django.apps import apps
from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.db.models.signals import m2m_changed, post_delete, post_save

from activities.models import (
    Activity,
    ActivityMonthSummary,
    DataVersion,
    GoalMonthSummary,
    GoalYearSummary,
    Partner,
    Place,
)
from culture_plan.models import Unit

EVERYTHING = (0, 0)
# Our apps' models are watched; Django's own (sessions, sign-ins) and the libraries' are not.
WATCHED_APPS = {
    "accounts",
    "culture_plan",
    "activities",
    "followup",
    "governance",
    "internal_control",
    "public",
    "api",
}
NOT_WATCHED = {DataVersion, ActivityMonthSummary, GoalMonthSummary, GoalYearSummary}
TIMEOUT = 60 * 60
_MISSING = object()


_BYPASSED = contextvars.ContextVar("cache_bypassed", default=False)


@contextlib.contextmanager
def bypassed():
    """Compute every cached value and fragment inside the block, neither reading nor writing
    the cache (the tests that count the queries of computing a page)."""
    token = _BYPASSED.set(True)
    try:
        yield
    finally:
        _BYPASSED.reset(token)


def is_bypassed() -> bool:
    return _BYPASSED.get()


def _token() -> int:
    return secrets.randbits(31)


def touch(keys: Iterable[tuple[int, int]]) -> None:
    """Give each (unit id, year) a new token (in the caller's transaction). Sorted, so that
    two writers touching the same rows lock them in the same order."""
    keys = sorted(set(keys))
    if not keys:
        return
    DataVersion.objects.bulk_create(
        [
            DataVersion(unit_key=unit, year=year, token_a=_token(), token_b=_token())
            for unit, year in keys
        ],
        update_conflicts=True,
        unique_fields=["unit_key", "year"],
        update_fields=["token_a", "token_b"],
    )


def touch_everything() -> None:
    touch([EVERYTHING])


def version(
    *, paths: Iterable[str], years: Iterable[int] | None, own_paths: Iterable[str] = ()
) -> str:
    """The version of the data of the subtrees at `paths` in `years` (None: every year), in
    one query. `own_paths`: units whose own rows count too, without their subtrees (the
    units above a page's units, whose plan the page shows)."""
    in_subtrees = Q(pk__in=[])
    for path in paths:
        in_subtrees |= Q(path__startswith=path)
    own_paths = sorted(set(own_paths))
    if own_paths:
        in_subtrees |= Q(path__in=own_paths)
    rows = Q(unit_key__in=Unit.objects.filter(in_subtrees).values("pk"))
    if years is not None:
        rows &= Q(year__in=sorted({*years, 0}))
    found = DataVersion.objects.filter(rows | Q(unit_key=0, year=0)).aggregate(
        n=Count("pk"), a=Sum("token_a"), b=Sum("token_b")
    )
    return f"{found['n']}.{found['a'] or 0}.{found['b'] or 0}"


def cache_key(
    name: str,
    *,
    paths: Iterable[str],
    years: Iterable[int] | None,
    parts: Iterable = (),
    own_paths: Iterable[str] = (),
) -> str | None:
    """The key of a value or rendered fragment (``{% fragment %}``, activities.templatetags.
    fragments) made of the subtrees at `paths` in `years` (None: every year): its name, a
    digest of `parts` (the rest of what it depends on) and the data version, read in one
    query. `own_paths`: units whose own rows count too, without their subtrees (see
    ``version``). A new write gives a new key. None inside ``bypassed()``: the fragment
    renders uncached."""
    if _BYPASSED.get():
        return None
    paths = sorted(set(paths))
    years = None if years is None else sorted(set(years))
    own_paths = sorted(set(own_paths))
    described = repr((paths, own_paths, years, tuple(parts)))
    digest = hashlib.blake2b(described.encode(), digest_size=12).hexdigest()
    found = version(paths=paths, years=years, own_paths=own_paths)
    return f"kp:{name}:{digest}:{found}"


def remember(
    name: str,
    *,
    paths: Iterable[str],
    years: Iterable[int] | None,
    parts: Iterable = (),
    compute: Callable[[], object],
    timeout: int = TIMEOUT,
):
    """`compute()`'s value, cached under the version of the subtrees at `paths` in `years`.
    `parts` are the rest of what the value depends on (unit id, month, language, role).
    `years` None: every year of those subtrees."""
    key = cache_key(name, paths=paths, years=years, parts=parts)
    if key is None:
        return compute()
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout)
    return value


# --- Signals: the writes that are not summary rows -------------------------------------------

_watched: dict[type, bool] = {}


def _is_watched(model) -> bool:
    if model not in _watched:
        meta = model._meta
        _watched[model] = (
            meta.app_label in WATCHED_APPS
            and model not in NOT_WATCHED
            and not any(field.name == "history_id" for field in meta.fields)  # history rows
        )
    return _watched[model]


def keys_of(instance) -> list[tuple[int, int]]:
    """The (unit, year) rows a saved or deleted object's pages read."""
    if isinstance(instance, Activity):
        year = instance.date.year if instance.date else 0
        units = {instance.unit_id}
        if instance.pk is not None:
            units |= set(
                Activity.co_arrangers.through.objects.filter(activity_id=instance.pk).values_list(
                    "unit_id", flat=True
                )
            )
        return [(unit, year) for unit in units if unit is not None]
    unit_id = getattr(instance, "unit_id", None)
    if isinstance(unit_id, int) and not isinstance(instance, Unit):
        year = getattr(instance, "year", 0)
        return [(unit_id, year if isinstance(year, int) else 0)]
    return [EVERYTHING]


def _changed(sender, instance, created=False, **kwargs) -> None:
    if not _is_watched(sender):
        return
    if isinstance(instance, Place | Partner) and not created:
        # A renamed or deleted place or partner shows on other units' pages too (the rows
        # of the activities they co-arrange): rare enough to touch everything.
        touch_everything()
    else:
        touch(keys_of(instance))


def _links_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and _is_watched(type(instance)):
        touch(keys_of(instance))


def connect() -> None:
    """Connect the signals of every watched model (ActivitiesConfig.ready); per model, so
    that the others keep Django's fast deletes."""
    uid = "activities.versions"
    for model in apps.get_models():
        if not _is_watched(model):
            continue
        label = model._meta.label
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}.save.{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}.delete.{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _links_changed, sender=through, dispatch_uid=f"{uid}.links.{through._meta.label}"
            )
