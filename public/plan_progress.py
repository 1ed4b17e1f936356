"""The plan's progress in public (`/kulturplanen/`): each priority area and goal of an adopted
culture plan with its latest published assessment per year, the done activities behind it and
links to the published annual reports.

Only published figures: everything comes from the JSON frozen in `PublishedReport` (the
latest version of each unit's approved annual report), never from drafts or live tables, so
an assessment changed after approval shows only once the report is approved again.
"""

from __future__ import annotations

from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse

from culture_plan.models import Plan, Unit
from followup.models import Assessment, PublishedReport, ReportDocument

PUBLIC_PLAN_STATUSES = [Plan.Status.ADOPTED, Plan.Status.ARCHIVED]
# The genomförandematris' words, and the colour class that repeats them.
COLOURS = {
    Assessment.NOT_STARTED: "not-started",
    Assessment.STARTED: "started",
    Assessment.PARTLY_DONE: "partly-done",
    Assessment.DONE: "done",
}


def public_plans():
    return Plan.objects.filter(status__in=PUBLIC_PLAN_STATUSES).select_related("unit")


def latest_published_annuals(*, plan: Plan) -> list[PublishedReport]:
    """The latest published version of each annual report of a unit under the plan's owner,
    oldest year first."""
    latest = (
        PublishedReport.objects.filter(document=OuterRef("document"))
        .order_by()
        .values("document")
        .annotate(v=Max("version"))
        .values("v")
    )
    return list(
        PublishedReport.objects.filter(
            document__kind=ReportDocument.Kind.ANNUAL,
            document__unit__path__startswith=plan.unit.path,
            version=Subquery(latest),
        )
        .select_related("document__unit")
        .order_by("document__year", "document__unit__path")
    )


def _cell(row: dict | None) -> dict:
    code = (row or {}).get("assessment") or None
    words = str(Assessment(code).label) if code in Assessment.values else None
    return {
        "assessment": code,
        "words": words,
        "colour": COLOURS.get(code, "none"),
        "done": (row or {}).get("done"),
    }


def plan_progress(*, plan: Plan) -> dict:
    """The public page's content, as plain data (the JSON beside the page is this)."""
    published = latest_published_annuals(plan=plan)
    # (unit slug, goal code, year) -> the matrix row as last published: an annual report's
    # matrix repeats the earlier years of the plan, and a later report's word wins.
    rows: dict[tuple[str, str, int], dict] = {}
    units: dict[str, Unit] = {}
    years: set[int] = set(plan.years)
    for report in published:
        unit = report.document.unit
        units[unit.slug] = unit
        for row in report.data.get("matrix", []):
            if row.get("year") is not None and row["year"] <= report.document.year:
                rows[(unit.slug, row["goal"], row["year"])] = row
                years.add(row["year"])
    years_sorted = sorted(years)
    unit_list = sorted(units.values(), key=lambda u: u.path)
    areas = []
    for area in plan.areas.prefetch_related("goals").order_by("number"):
        goals = []
        for goal in area.goals.all():
            goals.append(
                {
                    "code": goal.code,
                    "text": goal.text,
                    "units": [
                        {
                            "unit": unit.slug,
                            "name": unit.name,
                            "years": [
                                {"year": y, **_cell(rows.get((unit.slug, goal.code, y)))}
                                for y in years_sorted
                            ],
                        }
                        for unit in unit_list
                    ],
                }
            )
        areas.append({"number": area.number, "name": area.name, "goals": goals})
    return {
        "plan": plan.name,
        "id": plan.pk,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "owner": plan.unit.slug,
        "years": years_sorted,
        "areas": areas,
        "reports": [
            {
                "unit": report.document.unit.slug,
                "name": report.document.unit.name,
                "year": report.document.year,
                "title": report.document.title,
                "version": report.version,
                "approved_at": report.approved_at.date().isoformat(),
                "pdf": reverse("public:plan_report_pdf", args=[plan.pk, report.pk]),
            }
            for report in published
        ],
    }


def published_report_of(*, plan: Plan, pk: int) -> PublishedReport | None:
    """A published annual report under the plan's owner (its latest version or an older one)."""
    return (
        PublishedReport.objects.filter(
            pk=pk,
            document__kind=ReportDocument.Kind.ANNUAL,
            document__unit__path__startswith=plan.unit.path,
        )
        .select_related("document__unit")
        .first()
    )
