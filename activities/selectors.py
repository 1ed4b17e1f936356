"""Reads for activities: what a user may see, the filtered list's totals, the activity plan.

Every figure here is computed in the database, so a page's query count does not grow with
the number of activities.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.dates import MONTHS
from django.utils.text import capfirst

from activities.models import Activity, Partner, Place, Status
from culture_plan import permissions
from culture_plan.models import Goal, Plan, PriorityArea, Unit
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


def visible_activities(*, user) -> QuerySet[Activity]:
    """Activities of every unit the user may see, with what the list shows in one query."""
    return (
        Activity.objects.filter(unit__in=permissions.visible_units(user))
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
    aggregate query over whatever the filters left."""
    ids = queryset.order_by().values("pk")
    totals = Activity.objects.filter(pk__in=ids).aggregate(
        done=Count("pk", filter=Q(status=Status.DONE)),
        planned=Count("pk", filter=Q(status=Status.PLANNED)),
        cancelled=Count("pk", filter=Q(status=Status.CANCELLED)),
        participants=Coalesce(Sum(participants_expression(), filter=Q(status=Status.DONE)), 0),
    )
    totals["all"] = totals["done"] + totals["planned"] + totals["cancelled"]
    return totals


def activity_detail(*, pk: int) -> Activity:
    return (
        Activity.objects.select_related("unit", "priority_area__plan", "place", "created_by")
        .prefetch_related("goals", "partners")
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


# Month names from Django's own catalog ("januari" in Swedish, "January" in English),
# capitalised for headings and choices.
MONTH_NAMES = [capfirst(MONTHS[number]) for number in range(1, 13)]


def activity_plan(*, unit: Unit, year: int) -> list[dict]:
    """The unit's (and its child units') activities of one year, month by month, with each
    month's counts from one aggregate query."""
    activities = (
        Activity.objects.filter(unit__path__startswith=unit.path, date__year=year)
        .select_related("unit", "priority_area", "place")
        .annotate(participants=participants_expression())
        .order_by("date", "pk")
    )
    counts = {
        row["date__month"]: row
        for row in Activity.objects.filter(unit__path__startswith=unit.path, date__year=year)
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
    for activity in activities:
        months[activity.date.month - 1]["activities"].append(activity)
    return months


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
