"""The summary tables (ActivityMonthSummary, GoalMonthSummary), kept current on every write.

Why: a municipality's figures summed over a million activity rows took seconds; summed over
pre-summed rows per unit, month and status they take milliseconds. The rule of DESIGN "One
event, many arrangers" (a unit's figures cover what it or a unit below it owns or co-arranges,
each once) is kept by weights: an activity adds +1 at each arranging unit and 1 - k at a unit
where k of its arranging branches meet, so that the sum over any subtree counts it once or
not at all (``arranger_weights``).

How they stay current: every change is a difference between two snapshots read from the
database, before and after (``Tracker``). Services and imports open one ``tracking()`` block
per transaction; the model signals (save, delete, the co-arranger and goal links) cover every
other path (the admin, a shell) with a snapshot before and after each write. Writes that skip
signals (bulk_create, QuerySet.update, raw deletes) call ``Tracker.watch``/``created``
themselves. ``rebuild()`` recomputes everything from the rows; ``check()`` reports drift.
GoalYearSummary is GoalMonthSummary summed per year, written by the same steps.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections import defaultdict
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F, Q, Sum
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from activities import versions
from activities.models import (
    AGE_COUNT_FIELDS,
    TARGET_FIELDS,
    YOUTH_BANDS,
    Activity,
    ActivityMonthSummary,
    Collaboration,
    GoalMonthSummary,
    GoalYearSummary,
    Kind,
    Status,
)
from culture_plan.models import Unit, unit_moved

CHUNK = 5000

# Activity fields a contribution is computed from.
SNAPSHOT_FIELDS = [
    "id",
    "unit_id",
    "date",
    "status",
    "kind",
    "collaboration",
    "girls",
    "boys",
    "other_gender",
    "unique_participants",
    "survey_answers",
    "survey_mean",
    "cost_kr",
    *AGE_COUNT_FIELDS.values(),
    *TARGET_FIELDS.values(),
]
YOUTH_TARGET_FIELDS = [TARGET_FIELDS[band] for band in YOUTH_BANDS]
OTHER_TARGET_FIELDS = [
    field for field in TARGET_FIELDS.values() if field not in YOUTH_TARGET_FIELDS
]
# The summary columns that hold sums (everything but the key).
SUM_COLUMNS = [
    "activities",
    "co_arranged",
    "youth_targeted",
    "girls",
    "boys",
    "other_gender",
    "unique_participants",
    *AGE_COUNT_FIELDS.values(),
    *TARGET_FIELDS.values(),
    *(f"kind_{kind}" for kind in Kind.values),
    *(f"collab_{collaboration}" for collaboration in Collaboration.values),
    "survey_answers",
    "survey_weighted",
    "cost_kr",
]
DECIMAL_COLUMNS = {"survey_weighted", "cost_kr"}


# --- Contributions ------------------------------------------------------------------------


def arranger_weights(paths: set[str], unit_ids: dict[str, int]) -> dict[int, int]:
    """Weights per unit id such that, for every unit U, the sum of the weights of U and the
    units below it is 1 when U or a unit below it arranges the activity, else 0.

    `paths` are the arranging units' paths. A unit on the union of their paths to the root
    gets 1 minus the number of its child units on that union: 1 at an arranger with no
    arranger below it, 1 - k where k branches meet, 0 on a plain stretch of path."""
    if len(paths) == 1:
        (path,) = paths
        return {unit_ids[path]: 1}
    on_paths: set[str] = set()
    for path in paths:
        parts = path.strip("/").split("/")
        for depth in range(1, len(parts) + 1):
            on_paths.add("/" + "/".join(parts[:depth]) + "/")
    children: dict[str, int] = defaultdict(int)
    for path in on_paths:
        parent = path[: path.rstrip("/").rfind("/") + 1]
        if parent in on_paths:
            children[parent] += 1
    weights = {}
    for path in on_paths:
        weight = 1 - children[path]
        if weight and path in unit_ids:
            weights[unit_ids[path]] = weight
    return weights


def activity_sums(row: dict, *, co_arranged: bool) -> dict:
    """The summary columns of one activity (its own figures, before weighting)."""
    sums = {
        "activities": 1,
        "co_arranged": int(co_arranged),
        "youth_targeted": int(
            any(row[field] for field in YOUTH_TARGET_FIELDS)
            and not any(row[field] for field in OTHER_TARGET_FIELDS)
        ),
        "girls": row["girls"],
        "boys": row["boys"],
        "other_gender": row["other_gender"],
        "unique_participants": row["unique_participants"] or 0,
        f"kind_{row['kind']}": 1,
        f"collab_{row['collaboration']}": 1,
        "cost_kr": row["cost_kr"] or Decimal("0.00"),
    }
    for field in AGE_COUNT_FIELDS.values():
        sums[field] = row[field]
    for field in TARGET_FIELDS.values():
        sums[field] = int(row[field])
    if row["survey_answers"] and row["survey_mean"] is not None:
        sums["survey_answers"] = row["survey_answers"]
        sums["survey_weighted"] = row["survey_answers"] * row["survey_mean"]
    return sums


class Contributions:
    """What a set of activities adds to the summary rows: sums per month key
    (unit id, year, month, status) and done counts per goal key (unit id, goal id, year,
    month)."""

    def __init__(self):
        self.months: dict[tuple, dict] = defaultdict(lambda: defaultdict(int))
        self.goals: dict[tuple, int] = defaultdict(int)

    def add(self, other: Contributions, sign: int = 1) -> None:
        for key, sums in other.months.items():
            target = self.months[key]
            for column, value in sums.items():
                target[column] += sign * value
        for key, done in other.goals.items():
            self.goals[key] += sign * done

    def nonzero(self) -> tuple[dict, dict]:
        months = {}
        for key, sums in self.months.items():
            changed = {column: value for column, value in sums.items() if value}
            if changed:
                months[key] = changed
        goals = {key: done for key, done in self.goals.items() if done}
        return months, goals


def unit_paths() -> tuple[dict[str, int], dict[int, str]]:
    ids = dict(Unit.objects.values_list("path", "id"))
    return ids, {pk: path for path, pk in ids.items()}


def contributions(activity_ids) -> Contributions:
    """The contributions of the given activities as they are in the database now (missing
    ones contribute nothing), read in three queries a chunk."""
    result = Contributions()
    ids = list(activity_ids)
    if not ids:
        return result
    path_ids, id_paths = unit_paths()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = list(Activity.objects.filter(pk__in=chunk).order_by().values(*SNAPSHOT_FIELDS))
        _add_rows(result, rows, path_ids, id_paths)
    return result


def _add_rows(
    result: Contributions, rows: list[dict], path_ids, id_paths, *, id_range: bool = False
) -> None:
    """Add these rows' contributions. `id_range`: the rows are every activity between the
    first's id and the last's (a rebuild), so their links are read by that range, not by a
    list of 20 000 ids (PostgreSQL plans the range at once)."""
    if not rows:
        return
    ids = [row["id"] for row in rows]
    done_ids = {row["id"] for row in rows if row["status"] == Status.DONE}
    if id_range:
        co_filter = goal_filter = {"activity_id__gte": ids[0], "activity_id__lte": ids[-1]}
    else:
        co_filter, goal_filter = {"activity_id__in": ids}, {"activity_id__in": done_ids}
    co_units: dict[int, set[str]] = defaultdict(set)
    for activity_id, unit_id in (
        Activity.co_arrangers.through.objects.filter(**co_filter)
        .order_by()
        .values_list("activity_id", "unit_id")
    ):
        co_units[activity_id].add(id_paths[unit_id])
    goals: dict[int, list[int]] = defaultdict(list)
    if done_ids:
        for activity_id, goal_id in (
            Activity.goals.through.objects.filter(**goal_filter)
            .order_by()
            .values_list("activity_id", "goal_id")
        ):
            if activity_id in done_ids:
                goals[activity_id].append(goal_id)
    for row in rows:
        arrangers = co_units.get(row["id"], set())
        paths = {id_paths[row["unit_id"]], *arrangers}
        weights = arranger_weights(paths, path_ids)
        sums = activity_sums(row, co_arranged=bool(arrangers))
        year, month = row["date"].year, row["date"].month
        for unit_id, weight in weights.items():
            target = result.months[(unit_id, year, month, row["status"])]
            for column, value in sums.items():
                target[column] += weight * value
            for goal_id in goals.get(row["id"], ()):
                result.goals[(unit_id, goal_id, year, month)] += weight


# --- Applying differences -----------------------------------------------------------------


def by_year(goals: dict) -> dict:
    """Goal month keys (unit, goal, year, month) summed per (unit, goal, year)."""
    years: dict[tuple, int] = defaultdict(int)
    for (unit_id, goal_id, year, _month), done in goals.items():
        years[(unit_id, goal_id, year)] += done
    return {key: done for key, done in years.items() if done}


def apply(delta: Contributions) -> None:
    """Add a difference to the summary rows: missing rows are inserted empty first (a
    concurrent insert of the same row is ignored), then each row is raised in one UPDATE, so
    that concurrent writers add up instead of overwriting each other."""
    months, goals = delta.nonzero()
    if not months and not goals:
        return
    existing_units = set(
        Unit.objects.filter(
            pk__in={key[0] for key in months} | {key[0] for key in goals}
        ).values_list("pk", flat=True)
    )
    months = {key: sums for key, sums in months.items() if key[0] in existing_units}
    goals = {key: done for key, done in goals.items() if key[0] in existing_units}
    with transaction.atomic():
        versions.touch({key[:2] for key in months} | {(key[0], key[2]) for key in goals})
        _add_to_rows(ActivityMonthSummary, ("unit_id", "year", "month", "status"), months.items())
        _add_to_rows(
            GoalMonthSummary,
            ("unit_id", "goal_id", "year", "month"),
            ((key, {"done": done}) for key, done in goals.items()),
        )
        _add_to_rows(
            GoalYearSummary,
            ("unit_id", "goal_id", "year"),
            ((key, {"done": done}) for key, done in by_year(goals).items()),
        )


def _add_to_rows(model, key_fields: tuple[str, ...], deltas) -> None:
    """Insert the missing rows empty, then raise each by its sums (``col = col + delta``)."""
    deltas = list(deltas)
    model.objects.bulk_create(
        [model(**dict(zip(key_fields, key, strict=True))) for key, _sums in deltas],
        ignore_conflicts=True,
    )
    for key, sums in deltas:
        model.objects.filter(**dict(zip(key_fields, key, strict=True))).update(
            **{column: F(column) + value for column, value in sums.items()}
        )


class Tracker:
    """Snapshots activities before a change and adds the difference after it."""

    def __init__(self):
        self.ids: set[int] = set()
        self.before = Contributions()

    def watch(self, activity_ids) -> None:
        """Remember how these activities count now (before they change)."""
        new = {pk for pk in activity_ids if pk is not None} - self.ids
        if new:
            self.before.add(contributions(new))
            self.ids |= new

    def created(self, activity_ids) -> None:
        """Activities that did not exist before: they counted nothing."""
        self.ids |= {pk for pk in activity_ids if pk is not None}

    def flush(self) -> None:
        """Add (now - before) of every activity watched or created, and start again."""
        if not self.ids:
            return
        delta = contributions(self.ids)
        delta.add(self.before, sign=-1)
        self.ids, self.before = set(), Contributions()
        apply(delta)


_local = threading.local()


def _active() -> Tracker | None:
    return getattr(_local, "tracker", None)


@contextlib.contextmanager
def tracking():
    """One transaction whose activity writes update the summaries once, at its end. Nested
    blocks join the outer one."""
    if _active() is not None:
        with transaction.atomic():
            yield _active()
        return
    tracker = Tracker()
    with transaction.atomic():
        _local.tracker = tracker
        try:
            yield tracker
            tracker.flush()
        finally:
            _local.tracker = None


def record_created(activity_ids) -> None:
    """Activities inserted without signals (bulk_create): counted from the end of the
    ``tracking()`` block, or at once (then call it after their links are inserted too)."""
    tracker = _active()
    if tracker is not None:
        tracker.created(activity_ids)
        return
    tracker = Tracker()
    tracker.created(activity_ids)
    with transaction.atomic():
        tracker.flush()


def tracked(function):
    """A service run in ``tracking()``: one transaction, the summaries updated once."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with tracking():
            return function(*args, **kwargs)

    return wrapper


# --- Signals: every other write path --------------------------------------------------------

_pending: dict = {}


def _begin(key, ids) -> None:
    tracker = _active()
    if tracker is not None:
        tracker.watch(ids)
        return
    tracker = Tracker()
    tracker.watch(ids)
    _pending_for_thread()[key] = tracker


def _end(key, created_ids=()) -> None:
    tracker = _active()
    if tracker is not None:
        tracker.created(created_ids)
        return
    tracker = _pending_for_thread().pop(key, None) or Tracker()
    tracker.created(created_ids)
    with transaction.atomic():
        tracker.flush()


def _pending_for_thread() -> dict:
    if not hasattr(_local, "pending"):
        _local.pending = {}
    return _local.pending


def _activity_pre_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    _begin(("save", instance.pk), [instance.pk])


def _activity_post_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    _end(("save", instance.pk), [instance.pk])


def _activity_pre_delete(sender, instance, **kwargs):
    _begin(("delete", instance.pk), [instance.pk])


def _activity_post_delete(sender, instance, **kwargs):
    _end(("delete", instance.pk))


def _links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if isinstance(instance, Activity) and not reverse:
        ids = [instance.pk]
    elif action.startswith("pre"):
        field = "unit_id" if sender is Activity.co_arrangers.through else "goal_id"
        ids = list(
            pk_set
            or sender.objects.filter(**{field: instance.pk}).values_list("activity_id", flat=True)
        )
    else:
        ids = []
    key = ("links", sender, type(instance), instance.pk)
    if action.startswith("pre_"):
        _begin(key, ids)
    else:
        _end(key)


def _unit_pre_save(sender, instance, raw=False, **kwargs):
    """A unit moved under another parent changes the weights of the co-arranged activities
    whose arrangers' paths it lies on (and of those below it)."""
    if raw or instance.pk is None:
        return
    old = Unit.objects.filter(pk=instance.pk).values_list("path", flat=True).first()
    if old is None or old == instance.path:
        return
    _begin(("unit", instance.pk), _joint_activity_ids())


def _unit_moved(sender, instance, **kwargs):
    if ("unit", instance.pk) in _pending_for_thread() or _active() is not None:
        _end(("unit", instance.pk))


def _unit_pre_delete(sender, instance, **kwargs):
    ids = list(instance.co_arranged_activities.values_list("pk", flat=True))
    if ids:
        _begin(("unit-delete", instance.pk), ids)


def _unit_post_delete(sender, instance, **kwargs):
    if ("unit-delete", instance.pk) in _pending_for_thread():
        _end(("unit-delete", instance.pk))


def _joint_activity_ids() -> list[int]:
    return list(
        Activity.co_arrangers.through.objects.values_list("activity_id", flat=True).distinct()
    )


def connect() -> None:
    """Connect the signals (ActivitiesConfig.ready)."""
    uid = "activities.summaries"
    pre_save.connect(_activity_pre_save, sender=Activity, dispatch_uid=f"{uid}.pre_save")
    post_save.connect(_activity_post_save, sender=Activity, dispatch_uid=f"{uid}.post_save")
    pre_delete.connect(_activity_pre_delete, sender=Activity, dispatch_uid=f"{uid}.pre_delete")
    post_delete.connect(_activity_post_delete, sender=Activity, dispatch_uid=f"{uid}.post_delete")
    for through in (Activity.co_arrangers.through, Activity.goals.through):
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"{uid}.{through}")
    pre_save.connect(_unit_pre_save, sender=Unit, dispatch_uid=f"{uid}.unit_pre_save")
    unit_moved.connect(_unit_moved, sender=Unit, dispatch_uid=f"{uid}.unit_moved")
    pre_delete.connect(_unit_pre_delete, sender=Unit, dispatch_uid=f"{uid}.unit_pre_delete")
    post_delete.connect(_unit_post_delete, sender=Unit, dispatch_uid=f"{uid}.unit_post_delete")


# --- Rebuild and check --------------------------------------------------------------------


def computed_from_rows(*, batch: int = 20_000) -> Contributions:
    """Every summary row as computed from the activity rows now, in batches by id."""
    result = Contributions()
    units = unit_paths()
    last = 0
    while True:
        rows = list(
            Activity.objects.filter(pk__gt=last).order_by("pk").values(*SNAPSHOT_FIELDS)[:batch]
        )
        if not rows:
            return result
        _add_rows(result, rows, *units, id_range=True)
        last = rows[-1]["id"]


def rebuild() -> dict[str, int]:
    """Replace the summary tables with sums computed from the activity rows, in one
    transaction that blocks activity writes meanwhile (PostgreSQL: a SHARE lock)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {Activity._meta.db_table} IN SHARE MODE")
        computed = computed_from_rows()
        months, goals = computed.nonzero()
        versions.touch_everything()
        ActivityMonthSummary.objects.all().delete()
        GoalMonthSummary.objects.all().delete()
        GoalYearSummary.objects.all().delete()
        _insert_rows(ActivityMonthSummary, ("unit_id", "year", "month", "status"), months)
        _insert_rows(
            GoalMonthSummary,
            ("unit_id", "goal_id", "year", "month"),
            {key: {"done": done} for key, done in goals.items()},
        )
        _insert_rows(
            GoalYearSummary,
            ("unit_id", "goal_id", "year"),
            {key: {"done": done} for key, done in by_year(goals).items()},
        )
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner takes the new rows for none (a nested loop).
            with connection.cursor() as cursor:
                for model in (ActivityMonthSummary, GoalMonthSummary, GoalYearSummary):
                    cursor.execute(f"ANALYZE {model._meta.db_table}")
    return {"month_rows": len(months), "goal_rows": len(goals)}


def _insert_rows(model, key_fields: tuple[str, ...], rows: dict[tuple, dict]) -> None:
    """Insert summary rows (key → sums, missing sums at the field's default): with COPY on
    PostgreSQL (a rebuild at 1 000 000 activities writes some 100 000 wide rows; bulk_create
    spent a minute preparing their values), else bulk_create."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            [
                model(**dict(zip(key_fields, key, strict=True)), **sums)
                for key, sums in rows.items()
            ],
            batch_size=2000,
        )
        return
    defaults = [(field.attname, field.get_default()) for field in fields]
    key_index = {name: index for index, name in enumerate(key_fields)}
    columns = ", ".join(f'"{field.column}"' for field in fields)
    statement = f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN'
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for key, sums in rows.items():
            copy.write_row(
                [
                    key[key_index[name]] if name in key_index else sums.get(name, default)
                    for name, default in defaults
                ]
            )


def fill_if_empty(using="default", **kwargs) -> None:
    """post_migrate: fill empty summary tables when there are activities (an upgrade)."""
    if using != "default":
        return
    if not ActivityMonthSummary.objects.exists() and Activity.objects.exists():
        rebuild()


def stored() -> Contributions:
    result = Contributions()
    for row in ActivityMonthSummary.objects.values(
        "unit_id", "year", "month", "status", *SUM_COLUMNS
    ):
        key = (row.pop("unit_id"), row.pop("year"), row.pop("month"), row.pop("status"))
        result.months[key].update(row)
    for unit_id, goal_id, year, month, done in GoalMonthSummary.objects.values_list(
        "unit_id", "goal_id", "year", "month", "done"
    ):
        result.goals[(unit_id, goal_id, year, month)] = done
    return result


def check() -> list[str]:
    """The differences between the summary tables and the sums computed from the rows, one
    line each (an empty list: they agree)."""
    expected = computed_from_rows()
    expected_years = by_year(expected.goals)
    expected.add(stored(), sign=-1)
    months, goals = expected.nonzero()
    problems = [
        f"unit {u} {y}-{m:02d} {s}: "
        + ", ".join(f"{column} {value:+}" for column, value in sorted(sums.items()))
        for (u, y, m, s), sums in sorted(months.items())
    ]
    problems += [
        f"unit {u} goal {g} {y}-{m:02d}: done {done:+}"
        for (u, g, y, m), done in sorted(goals.items())
    ]
    stored_years = defaultdict(int)
    for unit_id, goal_id, year, done in GoalYearSummary.objects.values_list(
        "unit_id", "goal_id", "year", "done"
    ):
        stored_years[(unit_id, goal_id, year)] = done
    for key in sorted(set(expected_years) | set(stored_years)):
        difference = expected_years.get(key, 0) - stored_years.get(key, 0)
        if difference:
            problems.append(f"unit {key[0]} goal {key[1]} {key[2]}: done {difference:+}")
    return problems


def list_totals(*, path: str, year=None, month=None, status=None) -> dict[str, int]:
    """The activity list's totals (done, planned, cancelled, participants of the done ones)
    for the activities arranged in the subtree at `path`, from the summary rows: the list's
    figures when it is filtered by year, month and status only."""
    rows = ActivityMonthSummary.objects.filter(unit__path__startswith=path)
    if year is not None:
        rows = rows.filter(year=year)
    if month is not None:
        rows = rows.filter(month=month)
    if status:
        rows = rows.filter(status=status)
    found = dict.fromkeys(Status.values, 0)
    participants = 0
    for row in (
        rows.order_by()
        .values("status")
        .annotate(
            activities=Sum("activities"), people=Sum(F("girls") + F("boys") + F("other_gender"))
        )
    ):
        found[row["status"]] = row["activities"] or 0
        if row["status"] == Status.DONE:
            participants = row["people"] or 0
    return {
        "done": found[Status.DONE],
        "planned": found[Status.PLANNED],
        "cancelled": found[Status.CANCELLED],
        "participants": participants,
        "all": sum(found.values()),
    }


def months_q(periods) -> Q:
    """The (year, month) rows of month-aligned periods."""
    condition = Q(pk__in=[])
    for start, end in periods:
        for year in range(start.year, end.year + 1):
            first = start.month if year == start.year else 1
            last = end.month if year == end.year else 12
            condition |= Q(year=year, month__gte=first, month__lte=last)
    return condition
