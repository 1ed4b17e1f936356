"""Reads for the follow-up pages: reports, their workflow state, the roll-up across units.

Figures themselves come from followup.figures (one place for each rule); these functions
only fetch what the pages show around them.
"""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When

from activities.models import Activity, Status
from culture_plan.models import FocusItem, Goal, Plan, Unit, YearPlan
from followup import figures
from followup.models import (
    FocusItemAssessment,
    MatrixAssessment,
    MonthlyReport,
    MonthReopening,
    TargetPopulation,
)


def shift_month(*, year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by `delta` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def report_for_month(*, unit: Unit, year: int, month: int) -> MonthlyReport | None:
    return (
        MonthlyReport.objects.filter(unit=unit, year=year, month=month)
        .select_related("unit", "submitted_by", "approved_by")
        .first()
    )


def reports_by_month(*, unit: Unit, year: int) -> dict[int, MonthlyReport]:
    """The unit's reports of a year keyed by month (missing months are absent)."""
    return {report.month: report for report in MonthlyReport.objects.filter(unit=unit, year=year)}


def reopenings_for(*, report: MonthlyReport | None) -> QuerySet[MonthReopening]:
    if report is None or report.pk is None:
        return MonthReopening.objects.none()
    return report.reopenings.select_related("reopened_by")


def month_activities(*, unit: Unit, year: int, month: int) -> QuerySet[Activity]:
    """The month's activities that the unit and its child units own or co-arrange, for the
    VEPAQ list."""
    start, end = figures.month_period(year, month)
    return (
        figures.activities_for_unit(unit=unit)
        .filter(date__range=(start, end))
        .select_related("unit")
        .order_by("date", "pk")
    )


def previous_year_comparison(*, unit: Unit, year: int, month: int) -> dict:
    """The same month and the same period (YTD) a year earlier: counts, participants and
    youth share, shaped as followup.figures shapes them (two queries)."""
    groups = {"counts", "participants", "youth"}
    result = {}
    for key, (start, end) in {
        "month_previous_year": figures.month_period(year - 1, month),
        "ytd_previous_year": figures.ytd_period(year - 1, month),
    }.items():
        raw = figures.aggregate_period(unit=unit, start=start, end=end, groups=groups)
        result[key] = {
            "activities": figures.shape_counts(raw),
            "participants": figures.shape_participants(raw),
            "youth_share": figures.shape_youth(raw),
            "co_arranged": figures.shape_co_arranged(raw),
            "unique_participants": figures.shape_unique_participants(raw),
        }
    return result


def latest_report(*, unit: Unit) -> MonthlyReport | None:
    return MonthlyReport.objects.filter(unit=unit).order_by("-year", "-month").first()


def waiting_months(*, unit: Unit, today: datetime.date) -> list[dict]:
    """Months of this year up to the last finished one whose report is not approved yet."""
    last = today.month - 1 if today.month > 1 else 0
    reports = reports_by_month(unit=unit, year=today.year)
    waiting = []
    for month in range(1, last + 1):
        report = reports.get(month)
        if report is None or report.state != MonthlyReport.State.APPROVED:
            waiting.append({"year": today.year, "month": month, "report": report})
    return waiting


def rollup_rows(*, units: QuerySet[Unit], year: int, month: int) -> list[dict]:
    """One row per unit: done YTD, youth-targeted YTD, participants YTD, latest report state.

    A unit's row covers what it and its child units own or co-arrange, each activity once
    (DESIGN "One event, many arrangers", the rule of figures.activities_for_unit). One grouped
    query over activities for all units, one over reports; the youth rule is
    figures.YOUTH_TARGETED, not written again. Activities without co-arrangers come grouped
    per owner path (summed by path prefix, as many units as there are); a co-arranged one
    comes as one row per co-arranger, keyed by its id, and counts once for each unit that owns
    or co-arranges it.
    """
    unit_list = list(units.order_by("path"))
    if not unit_list:
        return []
    start, end = figures.ytd_period(year, month)
    roots = top_units(units=unit_list)
    root_filter = Q()
    for root in roots:
        root_filter |= figures.activities_for_unit_q(unit=root)
    co_key = Case(
        When(co_arrangers__path__isnull=False, then=F("pk")),
        default=Value(None),
        output_field=IntegerField(),
    )
    grouped = (
        Activity.objects.filter(root_filter, status=Status.DONE, date__range=(start, end))
        .values("unit__path", "co_arrangers__path")
        .annotate(co_key=co_key)
        .values("unit__path", "co_arrangers__path", "co_key")
        .annotate(
            done=Count("pk"),
            youth=Count("pk", filter=figures.YOUTH_TARGETED),
            people=Sum(F("girls") + F("boys") + F("other_gender")),
        )
        .order_by()
    )
    per_path: dict[str, dict] = {}
    joint: dict[int, dict] = {}  # co-arranged activity id -> its figures and arrangers' paths
    for row in grouped:
        if row["co_key"] is None:
            per_path[row["unit__path"]] = row
        else:
            item = joint.setdefault(row["co_key"], {**row, "paths": {row["unit__path"]}})
            item["paths"].add(row["co_arrangers__path"])
    states: dict[int, MonthlyReport] = {}
    for report in MonthlyReport.objects.filter(unit__in=unit_list).order_by("year", "month"):
        states[report.unit_id] = report  # the last one wins: the latest month
    rows = []
    for unit in unit_list:
        done = youth = people = 0
        arranged = [row for path, row in per_path.items() if path.startswith(unit.path)] + [
            item
            for item in joint.values()
            if any(path.startswith(unit.path) for path in item["paths"])
        ]
        for row in arranged:
            done += row["done"]
            youth += row["youth"]
            people += row["people"] or 0
        rows.append(
            {
                "unit": unit,
                "done": done,
                "youth": youth,
                "youth_percent": figures.percent(youth, done),
                "participants": people,
                "latest_report": states.get(unit.pk),
            }
        )
    return rows


def top_units(*, units: list[Unit]) -> list[Unit]:
    """The units not below another unit of the list (their subtrees cover the rest)."""
    roots: list[Unit] = []
    for unit in sorted(units, key=lambda item: item.path):
        if not any(unit.path.startswith(root.path) for root in roots):
            roots.append(unit)
    return roots


def target_population(*, unit: Unit, year: int) -> TargetPopulation | None:
    return TargetPopulation.objects.filter(unit=unit, year=year).first()


def plan_goals_by_area(*, plan: Plan) -> list[dict]:
    """The plan's goals grouped by priority area, in order."""
    goals = (
        Goal.objects.filter(area__plan=plan)
        .select_related("area")
        .order_by("area__number", "order", "code")
    )
    areas: list[dict] = []
    for goal in goals:
        if not areas or areas[-1]["area"].pk != goal.area_id:
            areas.append({"area": goal.area, "goals": []})
        areas[-1]["goals"].append(goal)
    return areas


def matrix_assessments(
    *, unit: Unit, goal_ids: list[int], years: list[int]
) -> dict[tuple[int, int], MatrixAssessment]:
    items = MatrixAssessment.objects.filter(unit=unit, goal_id__in=goal_ids, year__in=years)
    return {(item.goal_id, item.year): item for item in items}


def focus_items_for_year(*, unit: Unit, year: int) -> list[FocusItem]:
    """The focus items (verksamhetsinriktning) of the unit's year plan, with assessments."""
    year_plan = YearPlan.objects.filter(unit=unit, year=year).first()
    if year_plan is None:
        return []
    items = list(
        FocusItem.objects.filter(area_year_plan__year_plan=year_plan)
        .select_related("area_year_plan__area")
        .order_by("area_year_plan__area__number", "order", "pk")
    )
    assessments = {
        item.focus_item_id: item
        for item in FocusItemAssessment.objects.filter(focus_item__in=items)
    }
    for item in items:
        item.current_assessment = assessments.get(item.pk)
    return items


def focus_item_unit(*, focus_item: FocusItem) -> Unit:
    return focus_item.area_year_plan.year_plan.unit
