"""Reads for the follow-up pages: reports, their workflow state, the roll-up across units.

Figures themselves come from followup.figures (one place for each rule); these functions
only fetch what the pages show around them.
"""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities.models import Activity, Status
from culture_plan import periods, permissions
from culture_plan.models import FocusItem, Goal, Plan, PriorityArea, Unit, YearPlan
from followup import cache as figure_cache
from followup import figures
from followup.models import (
    DIMENSIONS,
    FocusItemAssessment,
    MatrixAssessment,
    MonthlyReport,
    MonthReopening,
    PublishedReport,
    ReportDocument,
    TargetPopulation,
)
from followup.reports import vepaq_report_for


def report_for_month(*, unit: Unit, year: int, month: int) -> MonthlyReport | None:
    return (
        MonthlyReport.objects.filter(unit=unit, year=year, month=month)
        .select_related("unit", "submitted_by", "approved_by")
        .first()
    )


def reports_by_month(*, unit: Unit, year: int, user=None) -> dict[int, MonthlyReport]:
    """The unit's reports of a year keyed by month (missing months are absent). With `user`,
    the lights of drafts are blanked for a reader who may not see them yet (a viewer)."""
    reports = {
        report.month: report for report in MonthlyReport.objects.filter(unit=unit, year=year)
    }
    if user is not None and not permissions.sees_draft_lights(user, unit):
        for report in reports.values():
            hide_draft_lights(report)
    return reports


HANDED_IN = (MonthlyReport.State.SUBMITTED, MonthlyReport.State.APPROVED)


def hide_draft_lights(report: MonthlyReport | None) -> MonthlyReport | None:
    """Blank the lights of a draft report in memory (never saved): DESIGN, viewers see a
    month's lights only once its report is submitted or approved."""
    if report is not None and report.state not in HANDED_IN:
        for dim in DIMENSIONS:
            setattr(report, f"{dim.lower()}_status", "")
    return report


def vepaq_for(*, user, unit: Unit, year: int, month: int, with_activity_list: bool = True) -> dict:
    """The VEPAQ report dict as `user` may see it: personnel data only for managers
    (reports.vepaq_report_for), and a viewer gets no lights (status and suggestion) of a month
    whose report is not handed in yet."""
    data = vepaq_report_for(
        user=user, unit=unit, year=year, month=month, with_activity_list=with_activity_list
    )
    if data["state"] not in HANDED_IN and not permissions.sees_draft_lights(user, unit):
        for dim in DIMENSIONS:
            data["dimensions"][dim]["status"] = None
            data["dimensions"][dim]["suggested_status"] = None
    return data


def reopenings_for(*, report: MonthlyReport | None) -> QuerySet[MonthReopening]:
    if report is None or report.pk is None:
        return MonthReopening.objects.none()
    return report.reopenings.select_related("reopened_by")


MONTH_LIST_PAGE_SIZE = 50


def month_activity_listing(*, unit: Unit, year: int, month: int, page: str | None) -> dict:
    """What the VEPAQ page lists of the month: a unit without child units gets all its
    activities, 50 a page; a unit with child units (an administration, the municipality) gets
    one row per unit below it that has activities in the month, with the figures of that
    unit's own report (figures.aggregate_units_below, from the summary tables), so that the
    page stays small and quick however many activities there are."""
    start, end = periods.month_period(year, month)
    has_children = Unit.objects.filter(parent=unit).exists()
    if has_children:
        return {"by_unit": by_unit_rows(unit=unit, start=start, end=end), "page": None}
    month_rows = figures.activities_for_unit(unit=unit).filter(date__range=(start, end))
    paginator = Paginator(
        month_rows.select_related("unit").order_by("date", "pk"), MONTH_LIST_PAGE_SIZE
    )
    return {"by_unit": None, "page": paginator.get_page(page)}


def by_unit_rows(*, unit: Unit, start: datetime.date, end: datetime.date) -> list[dict]:
    """One row per unit below `unit` with activities in the period, in path order: its done,
    planned and cancelled activities and the participants of the done ones, as its own report
    counts them (owned and co-arranged, its units' included)."""
    totals = figures.aggregate_units_below(
        unit=unit, start=start, end=end, groups={"counts", "participants"}
    )
    active = {
        path: raw
        for path, raw in totals.items()
        if raw["n_done"] or raw["n_planned"] or raw["n_cancelled"]
    }
    if not active:
        return []
    units = Unit.objects.filter(path__in=active).order_by("path").values("slug", "name", "path")
    rows = []
    for found in units:
        raw = active[found["path"]]
        rows.append(
            {
                "unit__slug": found["slug"],
                "unit__name": found["name"],
                "unit__path": found["path"],
                "done": raw["n_done"],
                "planned": raw["n_planned"],
                "cancelled": raw["n_cancelled"],
                "participants": figures.shape_participants(raw)["total"],
            }
        )
    return rows


def planned_in_past(*, unit: Unit, year: int, month: int, today) -> list[Activity]:
    """The month's activities (unit and child units) still Planerad although their date lies
    before today: approving the month would lock them as they are, so the approve step names
    them first (DESIGN "Everyday use")."""
    start, end = periods.month_period(year, month)
    return list(
        figures.activities_for_unit(unit=unit)
        .filter(date__range=(start, end), status=Status.PLANNED, date__lt=today)
        .select_related("unit")
        .order_by("date", "pk")
    )


def previous_year_comparison(*, unit: Unit, year: int, month: int) -> dict:
    """The same month and the same period (YTD) a year earlier: counts, participants and
    youth share, shaped as followup.figures shapes them (two queries)."""
    groups = {"counts", "participants", "youth"}
    result = {}
    for key, (start, end) in {
        "month_previous_year": periods.month_period(year - 1, month),
        "ytd_previous_year": periods.ytd_period(year - 1, month),
    }.items():
        raw = figures.aggregate_period(unit=unit, start=start, end=end, groups=groups)
        result[key] = {
            "activities": figures.shape_counts(raw),
            "participants": figures.shape_participants(raw),
            "youth_share": figures.shape_youth(raw),
        }
    return result


def latest_report(*, unit: Unit, user=None) -> MonthlyReport | None:
    """The unit's latest report; for a viewer (`user` who may not see drafts' lights) the
    latest one handed in."""
    reports = MonthlyReport.objects.filter(unit=unit)
    if user is not None and not permissions.sees_draft_lights(user, unit):
        reports = reports.filter(state__in=HANDED_IN)
    return reports.order_by("-year", "-month").first()


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


def rollup_rows(*, units, year: int, month: int) -> list[dict]:
    """One row per unit: done YTD, youth-targeted YTD, participants YTD, latest report state.

    A unit's row covers what it and its child units own or co-arrange, each activity once
    (DESIGN "One event, many arrangers", the rule of figures.activities_for_unit), summed
    from the summary tables by unit path in one query (figures.aggregate_units, uncached:
    the dashboard caches the rendered table), and one query for the latest reports.
    """
    if isinstance(units, QuerySet):
        unit_list = list(units.order_by("path"))
    else:
        unit_list = sorted(units, key=lambda unit: unit.path)
    if not unit_list:
        return []
    start, end = periods.ytd_period(year, month)
    totals = figures.aggregate_units.uncached(
        units=unit_list, start=start, end=end, groups={"youth", "participants"}
    )
    newest = MonthlyReport.objects.filter(unit=OuterRef("unit_id")).order_by("-year", "-month")
    states = {
        report.unit_id: report
        for report in MonthlyReport.objects.filter(
            unit__in=unit_list, pk=Subquery(newest.values("pk")[:1])
        )
    }
    rows = []
    for unit in unit_list:
        raw = totals[unit.pk]
        share = figures.shape_youth(raw)
        rows.append(
            {
                "unit": unit,
                "done": share["total"],
                "youth": share["youth"],
                "youth_percent": share["percent"],
                "youth_share": share,
                "participants": figures.shape_participants(raw)["total"],
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


# --- Report documents and their published versions -----------------------------------------


def report_document(*, unit: Unit, year: int, kind: str, tertial: int = 0):
    """The unit's report document for the period, or None while nobody has written one."""
    return ReportDocument.objects.filter(unit=unit, year=year, kind=kind, tertial=tertial).first()


def good_example_choices(*, unit: Unit, start: datetime.date, end: datetime.date) -> QuerySet:
    """The activities a report document may name as good examples: the period's done
    activities that the unit's figures count (figures.activities_for_unit: owned and
    co-arranged, the unit's and those below it), so the picker offers what the figures count."""
    return (
        figures.activities_for_unit(unit=unit)
        .filter(status=Status.DONE, date__range=(start, end))
        .select_related("unit")
        .order_by("date", "pk")
    )


def good_example_offer(
    *,
    unit: Unit,
    start: datetime.date,
    end: datetime.date,
    chosen: list[int],
    search: str,
    limit: int,
) -> dict:
    """What the good-example picker offers: the chosen activities and the `limit` newest
    others (matching `search` in the title), as (id, "date title") choices, and how many the
    period holds. Cached under the version of the unit's subtree in the period's years (an
    activity's title, date or status saved touches its arrangers' unit and year)."""

    def compute() -> dict:
        activities = good_example_choices(unit=unit, start=start, end=end)
        offered = activities.filter(title__icontains=search) if search else activities
        # The newest first (the date index gives them without sorting the period); the
        # chosen ones always, so that saving keeps them.
        shown = list(offered.exclude(pk__in=chosen).order_by("-date", "-pk")[:limit])
        shown = list(activities.filter(pk__in=chosen)) + shown
        return {
            "choices": [(item.pk, f"{item.date.isoformat()} {item.title}") for item in shown],
            "total": activities.count(),
        }

    return figure_cache.remember(
        "good-example-offer",
        units=[unit],
        years=range(start.year, end.year + 1),
        parts=(unit, start, end, sorted(chosen), search, limit),
        compute=compute,
    )


DOCUMENT_TEXT_LABELS = {
    "summary": gettext_lazy("Sammanfattning"),
    "economy": gettext_lazy("Ekonomi"),
    "personnel": gettext_lazy("Personal"),
    "outlook": gettext_lazy("Framåtblick"),
}


def document_missing_texts(*, unit: Unit, year: int, document, areas=None) -> list[dict]:
    """The texts of a report document that are still empty, in the document's order: the
    summary, each priority area's analysis (of the plan in force), economy, personnel and
    outlook. Each is {"key", "label"}; approving asks for these or a confirmation that they
    stay empty (services.document_approve)."""
    texts = {name: getattr(document, name, "") if document else "" for name in DOCUMENT_TEXT_LABELS}
    analyses = {}
    if document is not None and document.pk:
        analyses = {text.area_id: text.analysis for text in document.area_texts.all()}
    if areas is None:  # the plan in force's priority areas (the page hands them over)
        plan, _goals = figures.goals_in_force(unit=unit, year=year)
        areas = list(PriorityArea.objects.filter(plan=plan).order_by("number")) if plan else []
    missing = (
        [{"key": "summary", "label": str(DOCUMENT_TEXT_LABELS["summary"])}]
        if not texts["summary"].strip()
        else []
    )
    for area in areas:
        if not analyses.get(area.pk, "").strip():
            missing.append(
                {"key": f"area-{area.number}", "label": _("Analys: %(area)s") % {"area": area}}
            )
    for name in ["economy", "personnel", "outlook"]:
        if not texts[name].strip():
            missing.append({"key": name, "label": str(DOCUMENT_TEXT_LABELS[name])})
    return missing


def published_versions(*, document) -> list:
    """Every published version of a document, newest first, without the heavy columns."""
    if document is None:
        return []
    return list(
        PublishedReport.objects.filter(document=document)
        .defer("json_text", "pdf")
        .order_by("-version")
    )


def latest_published(*, unit: Unit, year: int, kind: str, tertial: int = 0):
    """The latest published version of the unit's report for the period, or None."""
    return (
        PublishedReport.objects.filter(
            document__unit=unit,
            document__year=year,
            document__kind=kind,
            document__tertial=tertial,
        )
        .order_by("-version")
        .first()
    )


def published_for_units(*, units) -> list:
    """The latest published version of every report document of `units`, newest period
    first, with the document and unit (one query, no JSON or PDF bytes loaded)."""
    newest = (
        PublishedReport.objects.filter(document=OuterRef("document"))
        .order_by("-version")
        .values("version")[:1]
    )
    return list(
        PublishedReport.objects.filter(document__unit__in=units, version=Subquery(newest))
        .select_related("document__unit")
        .defer("json_text", "pdf")
        .order_by("-document__year", "document__kind", "-document__tertial", "document__unit__path")
    )


START_PAGE_YEARS = 3


def start_page_overview(*, user, today: datetime.date) -> dict:
    """The politician's part of the start page: the latest published version of every report
    document of the units the user reads, and key figures per reporting unit (done activities,
    participants, youth share) for this year and the years before. One query a year for the
    figures and one for the reports, however many units and activities there are."""

    units = list(permissions.visible_units(user).filter(kind=Unit.Kind.UNIT).order_by("path"))
    published = published_for_units(units=permissions.visible_units(user))
    years = list(range(today.year - START_PAGE_YEARS + 1, today.year + 1))
    rows = []
    groups = {"counts", "participants", "youth"}
    per_year = {
        year: figures.aggregate_units(
            units=units,
            start=periods.year_period(year)[0],
            end=periods.year_period(year)[1],
            groups=groups,
        )
        for year in years
    }
    for unit in units:
        rows.append(
            {
                "unit": unit,
                "years": [
                    {
                        "year": year,
                        "done": per_year[year][unit.pk]["n_done"],
                        "participants": figures.shape_participants(per_year[year][unit.pk])[
                            "total"
                        ],
                        "youth_share": figures.shape_youth(per_year[year][unit.pk]),
                    }
                    for year in reversed(years)
                ],
            }
        )
    return {"published_reports": published, "key_figures": rows, "key_years": years}
