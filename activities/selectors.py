"""Reads for activities: what a user may see, the filtered list's totals, the activity plan.

Every figure here is computed in the database, so a page's query count does not grow with
the number of activities.
"""

from __future__ import annotations

import datetime
import difflib

from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Sum, Value, When, Window
from django.db.models.functions import Coalesce, ExtractMonth, RowNumber
from django.utils.functional import SimpleLazyObject

from activities import summaries, versions
from activities.models import Activity, Partner, Place, Status
from culture_plan import periods, permissions
from culture_plan.models import Goal, Plan, PriorityArea, Unit, paths_above
from culture_plan.selectors import plan_in_force

# ?sort= values the list accepts, and what each orders by (a leading "-" reverses).
SORTS = {
    "date": ("date", "pk"),
    "title": ("title", "pk"),
    "status": ("status", "date", "pk"),
    "participants": ("participants", "date", "pk"),
}
DEFAULT_SORT = "-date"


def participants_expression():
    return F("girls") + F("boys") + F("other_gender")


def arranged_by(*, unit: Unit) -> QuerySet[Activity]:
    """The activities that `unit` or a unit below it owns or co-arranges, each once (DESIGN
    "One event, many arrangers"); followup.figures.activities_for_unit serves it to every
    figure. The co-arranged ones are an ``id IN (subquery)``, not a join, so an activity with
    several co-arrangers stays one row and sums are not multiplied. Unordered (an ordering
    would leak into GROUP BY)."""
    return Activity.objects.filter(arranged_by_q(unit=unit)).order_by()


# Up to this many co-arranged activities are named by id in arranged_by_q (see there).
LISTED_CO_ARRANGED = 500


def arranged_by_q(*, unit: Unit) -> Q:
    """The condition of ``arranged_by`` as a Q, for filtered aggregates over several units.

    The subtree's unit ids and, when there are few, the ids of the activities it co-arranges
    are read first (two small queries) and written into the condition as lists: PostgreSQL
    then reads a unit's rows through the (unit, date) and primary-key indexes together. As
    `unit_id IN (SELECT …) OR id IN (SELECT …)` it scanned the whole period instead (70 ms
    for one unit's year at 1 000 000 activities). Many co-arranged ones (a municipality's)
    stay a subquery, which its period scan needs anyway."""
    subtree = list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))
    co_arranged = (
        Activity.co_arrangers.through.objects.filter(unit__in=subtree)
        .order_by()
        .values_list("activity_id", flat=True)
        .distinct()
    )
    listed = list(co_arranged[: LISTED_CO_ARRANGED + 1])
    if len(listed) <= LISTED_CO_ARRANGED:
        return Q(unit__in=subtree) | Q(pk__in=listed)
    return Q(unit__in=subtree) | Q(pk__in=co_arranged)


def visible_activities(*, user) -> QuerySet[Activity]:
    """Activities of every unit the user may see, and those such a unit co-arranges, with
    what the list shows in one query."""
    units = permissions.visible_units(user)
    co_arranged = Activity.co_arrangers.through.objects.filter(unit__in=units).values("activity_id")
    return (
        Activity.objects.filter(Q(unit__in=units) | Q(pk__in=co_arranged))
        .select_related("unit", "priority_area", "place")
        .annotate(participants=participants_expression())
    )


def sort_activities(queryset: QuerySet[Activity], *, sort: str | None) -> tuple[QuerySet, str]:
    """Order by a whitelisted ?sort= value; anything else falls back to newest first."""
    key = (sort or "").strip()
    name = key.removeprefix("-")
    if name not in SORTS:
        key, name = DEFAULT_SORT, DEFAULT_SORT.removeprefix("-")
    prefix = "-" if key.startswith("-") else ""
    return queryset.order_by(*(prefix + field for field in SORTS[name])), key


def activity_totals(queryset: QuerySet[Activity]) -> dict[str, int]:
    """Done, planned and cancelled activities and the participants of the done ones, in one
    aggregate query over whatever the filters left (directly, not ``pk IN (the filtered
    rows)``: PostgreSQL then reads the filter's covering index alone, migration 0006). The
    filters never join a row twice: a goal, partner or co-arranger is one value."""
    totals = queryset.order_by().aggregate(
        done=Count("pk", filter=Q(status=Status.DONE)),
        planned=Count("pk", filter=Q(status=Status.PLANNED)),
        cancelled=Count("pk", filter=Q(status=Status.CANCELLED)),
        participants=Coalesce(Sum(participants_expression(), filter=Q(status=Status.DONE)), 0),
    )
    totals["all"] = totals["done"] + totals["planned"] + totals["cancelled"]
    return totals


def filtered_totals(*, user, queryset: QuerySet[Activity], filters: dict) -> dict[str, int]:
    """``activity_totals`` of the filtered list (a kind, a partner, a text: what the
    summaries do not hold), cached under the data version of the user's visible subtrees in
    the filtered year (every year without one) and the filter values. Every write of an
    activity the list can show touches that version: its owner's and its co-arrangers' (the
    rows co-arranged from outside the subtrees). At 1 000 000 activities the municipality's
    totals by kind are 31 ms of PostgreSQL, read on every page of the list."""
    tops = permissions.visible_tops(user)
    year = filters.get("year")
    chosen = sorted(
        (name, str(getattr(value, "pk", value)))
        for name, value in filters.items()
        if value not in (None, "")
    )
    return versions.remember(
        "activity-list-totals",
        paths=["/"] if tops is None else tops,
        years=[year] if year else None,
        parts=tuple(chosen),
        compute=lambda: activity_totals(queryset),
    )


# The list's filters that the summary tables can answer; any other filter reads the rows.
SUMMARISED_FILTERS = {"year", "month", "status"}


def summarised_totals(*, user, filters: dict) -> dict[str, int] | None:
    """The list's totals from the summary tables, when they give the same figures as
    ``activity_totals`` would: the filters are year, month and status only, and the units the
    user sees are one subtree (two separate ones could share a joint activity, which the
    summaries of each would count). ``None`` otherwise."""
    if any(
        value not in (None, "") for name, value in filters.items() if name not in SUMMARISED_FILTERS
    ):
        return None
    tops = permissions.visible_tops(user)
    if tops is None:  # a superuser: the roots of the tree
        tops = list(Unit.objects.filter(parent=None).values_list("path", flat=True))
    if len(tops) != 1:
        return None
    month = filters.get("month")
    return summaries.list_totals(
        path=tops[0],
        year=filters.get("year"),
        month=int(month) if month else None,
        status=filters.get("status") or None,
    )


def activity_detail(*, pk: int) -> Activity:
    return (
        Activity.objects.select_related("unit", "priority_area__plan", "place", "created_by")
        .prefetch_related("goals", "partners", "co_arrangers")
        .get(pk=pk)
    )


def activity_history(*, activity: Activity, limit: int = 20) -> list[dict]:
    """Who changed the activity, when, and which fields (newest first)."""
    records = list(
        activity.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    labels = {
        field.name: field.verbose_name
        for field in Activity._meta.get_fields()
        if hasattr(field, "verbose_name")
    }
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changed: list[str] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=["version"])
            changed = [str(labels.get(change.field, change.field)) for change in delta.changes]
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "type": record.history_type,
                "changed": changed,
            }
        )
    return entries


# Month names capitalised for headings and choices ("Januari"): culture_plan.periods.
MONTH_NAMES = periods.MONTH_TITLES


# A month of the activity plan lists at most this many activities (a busy unit's or an
# administration's month holds hundreds); the rest are counted, and the month's VEPAQ page
# lists them all, 50 a page.
PLAN_MONTH_ROWS = 40


def activity_plan(*, unit: Unit, year: int) -> list[dict]:
    """The activities of one year that the unit (or a unit below it) owns or co-arranges,
    month by month (the first PLAN_MONTH_ROWS of each), with each month's counts from one
    aggregate query. A co-arranged one is marked (``co_arranged_here``): another unit owns
    it."""
    activities = (
        arranged_by(unit=unit)
        .filter(date__year=year)
        .annotate(
            row_in_month=Window(
                RowNumber(),
                partition_by=[ExtractMonth("date")],
                order_by=[F("date").asc(), F("pk").asc()],
            )
        )
        .filter(row_in_month__lte=PLAN_MONTH_ROWS)
        .select_related("unit", "priority_area", "place")
        .annotate(
            participants=participants_expression(),
            co_arranged_here=Case(
                When(unit__path__startswith=unit.path, then=Value(False)),
                default=Value(True),
                output_field=BooleanField(),
            ),
        )
        .order_by("date", "pk")
    )
    counts = {
        row["date__month"]: row
        for row in arranged_by(unit=unit)
        .filter(date__year=year)
        .order_by()
        .values("date__month")
        .annotate(
            done=Count("pk", filter=Q(status=Status.DONE)),
            planned=Count("pk", filter=Q(status=Status.PLANNED)),
            cancelled=Count("pk", filter=Q(status=Status.CANCELLED)),
            participants=Coalesce(Sum(participants_expression(), filter=Q(status=Status.DONE)), 0),
        )
    }
    months = [
        {
            "number": number,
            "counts": counts.get(
                number, {"done": 0, "planned": 0, "cancelled": 0, "participants": 0}
            ),
            "activities": [],
        }
        for number in range(1, 13)
    ]
    for month in months:
        month["name"] = MONTH_NAMES[month["number"] - 1]
        counts = month["counts"]
        month["total"] = counts["done"] + counts["planned"] + counts["cancelled"]
    for activity in activities:
        months[activity.date.month - 1]["activities"].append(activity)
    return months


def activity_plan_page(*, unit: Unit, year: int) -> dict:
    """The activity plan page's months and total, computed only when its cached fragments
    (activity_plan.html) are missing: their key is the data version of the unit's subtree in
    the year, which every write of its activities, those it co-arranges (their titles and
    places too) and the units, areas and plan replaces."""
    months = SimpleLazyObject(lambda: activity_plan(unit=unit, year=year))
    return {
        "months": months,
        # A callable: the template's plural wants a number, computed when it renders.
        "total": lambda: sum(month["total"] for month in months),
        "fragment_key": versions.cache_key(
            "activity-plan",
            paths=[unit.path],
            years=[year],
            parts=(unit.pk, year),
        ),
    }


def list_filters_key(*, user, query: list[tuple[str, str]], year: int) -> str:
    """The key of the activity list's filter form and plan picker (activity_list.html): the
    same for every reader with the same roles and query. The form's choices are the visible
    units (co-arranger), their partners and places, and the areas and goals of the plans of
    those units and the units above them; the picker lists the units. Those writes touch the
    units' "every year" version (year 0) or everything (a unit, an area, a goal): activity
    writes, which touch a year, leave the key alone. One query."""
    tops = permissions.visible_tops(user)
    return versions.cache_key(
        "activity-list-filters",
        paths=["/"] if tops is None else tops,
        years=[0],
        own_paths=() if tops is None else paths_above(tops),
        parts=(permissions.membership_key(user), year, tuple(query)),
    )


def candidate_plans_below(*, tops: list[str] | None) -> QuerySet[Plan]:
    """``candidate_plans`` of every unit of the subtrees at `tops` (None: every unit), as one
    lazy query: the adopted plans of the units in them and above them. The list's filters
    build it on every request, and need the units' rows only if they render."""
    plans = Plan.objects.filter(status=Plan.Status.ADOPTED)
    if tops is None:
        return plans
    if not tops:
        return plans.none()
    owners = Q(unit__path__in=sorted(set(tops) | paths_above(tops)))
    for top in tops:
        owners |= Q(unit__path__startswith=top)
    return plans.filter(owners)


def candidate_plans(*, units) -> QuerySet[Plan]:
    """Adopted plans that can be in force for any of `units` (theirs or an ancestor's)."""
    slugs: set[str] = set()
    for unit in units:
        slugs.update(unit.ancestor_slugs())
    return Plan.objects.filter(unit__slug__in=slugs, status=Plan.Status.ADOPTED)


def goal_groups(*, unit: Unit | None, year: int, area_id: int | None = None) -> list[dict]:
    """The goals of the plan in force for `unit` in `year`, grouped by priority area; only
    one area's goals when `area_id` is given."""
    if unit is None:
        return []
    plan = plan_in_force(unit=unit, year=year)
    if plan is None:
        return []
    areas = PriorityArea.objects.filter(plan=plan).order_by("number")
    if area_id:
        areas = areas.filter(pk=area_id)
    goals = Goal.objects.filter(area__in=areas).order_by("area__number", "order", "code")
    by_area: dict[int, list[Goal]] = {}
    for goal in goals:
        by_area.setdefault(goal.area_id, []).append(goal)
    return [{"area": area, "goals": by_area.get(area.pk, [])} for area in areas]


GOAL_LABEL_LENGTH = 40


def short_goal_text(text: str, limit: int = GOAL_LABEL_LENGTH) -> str:
    """A goal's text cut at a word boundary to at most `limit` characters (with "…"), so
    that a goal's checkbox is one or two lines on a phone; the full text stays beside it."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] not in " ,.;:" and " " in cut:  # mid-word: back to the last space
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:–-") + "…"


def goal_choices(*, unit: Unit | None, year: int, area_id: int | None, selected: set[str]) -> dict:
    """The goal checkboxes of the log form, for the form and its htmx reload alike: the
    chosen area's goals first, the plan's other areas behind one details element (open when
    a goal is ticked there, so nothing ticked is hidden). Each goal is (goal, ticked, short
    label)."""
    groups = [
        {
            "area": group["area"],
            "goals": [
                (goal, str(goal.pk) in selected, short_goal_text(goal.text))
                for goal in group["goals"]
            ],
        }
        for group in goal_groups(unit=unit, year=year)
    ]
    chosen = [group for group in groups if group["area"].pk == area_id]
    others = [group for group in groups if group["area"].pk != area_id]
    return {
        "has_plan": bool(groups),
        "chosen": chosen,
        "others": others,
        "others_open": any(on for group in others for _goal, on, _label in group["goals"]),
    }


def known_partner_names(*, units) -> list[str]:
    return sorted(set(Partner.objects.filter(unit__in=units).values_list("name", flat=True)))


def known_place_names(*, units) -> list[str]:
    return sorted(set(Place.objects.filter(unit__in=units).values_list("name", flat=True)))


def series_dates(
    *, start: datetime.date, end: datetime.date, weekdays: set[int]
) -> list[datetime.date]:
    """Every date from `start` to `end` (inclusive) that falls on one of `weekdays`
    (0 = Monday)."""
    days = (end - start).days
    return [
        start + datetime.timedelta(days=offset)
        for offset in range(days + 1)
        if (start + datetime.timedelta(days=offset)).weekday() in weekdays
    ]


# --- Likely duplicates (DESIGN "One event, many arrangers") --------------------------------

TITLE_SIMILARITY = 0.8


def normalised_title(title: str) -> str:
    """Lower case, letters and digits only, single spaces: "Läsfestival – 2026!" ->
    "läsfestival 2026"."""
    cleaned = "".join(char if char.isalnum() else " " for char in (title or "").casefold())
    return " ".join(cleaned.split())


def titles_similar(first: str, second: str) -> bool:
    """Similar titles: a difflib ratio of at least 0.8 between the normalised titles, or the
    words of the shorter all found in the longer ("Läsfestival" and "Läsfestival i Flen")."""
    a, b = normalised_title(first), normalised_title(second)
    if not a or not b:
        return False
    if difflib.SequenceMatcher(None, a, b).ratio() >= TITLE_SIMILARITY:
        return True
    words_a, words_b = set(a.split()), set(b.split())
    shorter, longer = sorted([words_a, words_b], key=len)
    return bool(shorter) and shorter <= longer


def likely_duplicates_of(
    *, unit: Unit, candidates: list[tuple[datetime.date, str, str]], exclude_pk=None
) -> dict[int, list[Activity]]:
    """For each (date, title, place name) of `candidates`: the activities of other units of
    the same municipality on that date, at a place of the same name (or both without one),
    with a similar title. One query for all candidates (the form has one, an import many);
    keyed by the candidate's index, only those with a match."""
    dates = {date for date, _title, _place in candidates if date}
    if not dates:
        return {}
    municipality = f"/{unit.ancestor_slugs()[0]}/"
    others = (
        Activity.objects.filter(date__in=dates, unit__path__startswith=municipality)
        .exclude(unit=unit)
        .select_related("unit", "place")
        .prefetch_related("co_arrangers")
        .order_by("date", "pk")
    )
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    by_date: dict[datetime.date, list[Activity]] = {}
    for activity in others:
        by_date.setdefault(activity.date, []).append(activity)
    found: dict[int, list[Activity]] = {}
    for index, (date, title, place_name) in enumerate(candidates):
        place = " ".join((place_name or "").split()).casefold()
        matches = [
            activity
            for activity in by_date.get(date, [])
            if (activity.place.name.casefold() if activity.place_id else "") == place
            and titles_similar(activity.title, title)
        ]
        if matches:
            found[index] = matches
    return found


def likely_duplicates(
    *, unit: Unit, date: datetime.date, title: str, place_name: str, exclude_pk=None
) -> list[Activity]:
    """The likely duplicates of one activity about to be logged (see likely_duplicates_of)."""
    found = likely_duplicates_of(
        unit=unit, candidates=[(date, title, place_name)], exclude_pk=exclude_pk
    )
    return found.get(0, [])


def co_arranger_choices(*, units) -> QuerySet[Unit]:
    """The units that may co-arrange an activity of any of `units`: every unit of their
    municipalities (the model refuses the owner itself and other municipalities)."""
    municipalities = {unit.ancestor_slugs()[0] for unit in units}
    condition = Q(pk__in=[])
    for slug in municipalities:
        condition |= Q(path__startswith=f"/{slug}/")
    return Unit.objects.filter(condition).order_by("path")
