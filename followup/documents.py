"""The annual and tertial reports as documents for politicians (DESIGN "Report documents for
politicians"): the period's figures (followup.reports) with what the manager wrote, rendered
as one HTML page that is also the source of the tagged PDF.

A document is rendered from one dict only, the period report's JSON with a "document" key
(texts, good examples, the plan's areas and goals, approval). A published version stores that
dict, so its PDF can be made again from its own figures, never from today's rows.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from activities.models import Status
from culture_plan import periods
from culture_plan.models import PriorityArea, Unit
from culture_plan.pdf import html_to_pdf
from followup import analysis, charts, figures
from followup.models import Assessment, ReportDocument
from followup.report_sections import annual_sections, display_value, prepare_sections
from governance.selectors import commitments_report_section
from internal_control.selectors import report_section

ASSESSMENT_CLASS = {
    "not_started": "not-started",
    "started": "started",
    "partly_done": "partly",
    "done": "done",
}


def municipality_of(unit: Unit) -> Unit:
    """The municipality the unit belongs to (the top of its tree when none is marked)."""
    chain = list(unit.ancestors_and_self())
    for candidate in chain:
        if candidate.kind == Unit.Kind.MUNICIPALITY:
            return candidate
    return min(chain, key=lambda item: item.path.count("/"))


def document_title(kind: str, tertial: int) -> str:
    if kind == ReportDocument.Kind.ANNUAL:
        return _("Verksamhetsberättelse")
    return _("Tertialrapport") if tertial == 1 else _("Delårsrapport")


def period_label(kind: str, year: int, tertial: int) -> str:
    return periods.period_label(year, 0 if kind == ReportDocument.Kind.ANNUAL else tertial)


def period_of(kind: str, year: int, tertial: int) -> tuple[datetime.date, datetime.date]:
    return periods.report_period(year, 0 if kind == ReportDocument.Kind.ANNUAL else tertial)


def document_block(
    *,
    unit: Unit,
    year: int,
    kind: str,
    tertial: int = 0,
    document: ReportDocument | None = None,
    approval: dict | None = None,
) -> dict:
    """Everything of a document that is not a figure: titles, the texts, the plan's areas
    (with the manager's analysis) and goals, the good examples with their lessons learned,
    and the approval (None for a draft). Plain JSON values only."""
    plan, goals = figures.goals_in_force(unit=unit, year=year)
    areas = list(PriorityArea.objects.filter(plan=plan).order_by("number")) if plan else []
    analyses = {}
    examples = []
    if document is not None and document.pk:
        analyses = {text.area_id: text.analysis for text in document.area_texts.all()}
        examples = [
            {
                "date": activity.date.isoformat(),
                "title": activity.title,
                "description": activity.description,
                "lessons_learned": activity.lessons_learned,
                "participants": activity.girls + activity.boys + activity.other_gender,
                "unit": activity.unit.name,
            }
            for activity in document.good_examples.select_related("unit").order_by("date", "pk")
        ]
    return {
        "title": document_title(kind, tertial),
        "kind": kind,
        "tertial": tertial,
        "municipality": municipality_of(unit).name,
        "unit_name": unit.name,
        "period_label": period_label(kind, year, tertial),
        "state": document.state if document is not None else ReportDocument.State.DRAFT.value,
        "approval": approval,
        "summary": document.summary if document else "",
        "economy": document.economy if document else "",
        "personnel": document.personnel if document else "",
        "outlook": document.outlook if document else "",
        "analysis": document.analysis if document else "",
        "left_empty": list(document.left_empty) if document else [],
        "areas": [
            {
                "number": area.number,
                "name": area.name,
                "analysis": analyses.get(area.pk, ""),
                "goals": [
                    {"code": goal.code, "text": goal.text}
                    for goal in goals
                    if goal.area_id == area.pk
                ],
            }
            for area in areas
        ],
        "good_examples": examples,
    }


def other_sections(*, unit: Unit, year: int, tertial: int) -> dict:
    """The sections other apps give the document: the commitments of the goal chain
    (governance) and the internal control (internal_control), for the year or the tertial.
    JSON-safe, so that a published version freezes them with the figures."""
    internal_control = report_section(unit=unit, year=year, tertial=tertial or None)
    internal_control["heading"] = str(internal_control.get("heading", ""))
    return {
        "commitments": commitments_report_section(unit=unit, year=year, tertial=tertial or None),
        "internal_control": internal_control,
        **analysis_section(unit=unit, year=year, tertial=tertial),
    }


def analysis_section(*, unit: Unit, year: int, tertial: int) -> dict:
    """The annual report's "Analys inför nästa år" (followup.analysis): its figures, frozen
    with the published version like every other section. Tertial reports have none."""
    if tertial:
        return {}
    return {"analysis": analysis.analysis_figures(unit=unit, year=year)}


def with_document(*, kind: str, report: dict) -> dict:
    """The report dict with its "document" key: kept when the dict already carries one (a
    published version), else the unit's current draft texts (or none) from the database."""
    if "document" in report:
        return report
    unit = Unit.objects.get(slug=report["unit"])
    tertial = report.get("tertial") or 0
    document = ReportDocument.objects.filter(
        unit=unit, year=report["year"], kind=kind, tertial=tertial
    ).first()
    block = document_block(
        unit=unit, year=report["year"], kind=kind, tertial=tertial, document=document
    )
    sections = other_sections(unit=unit, year=report["year"], tertial=tertial)
    return report | sections | {"document": block}


# --- The document's sections --------------------------------------------------------------


# (id, title, template, shown?) in the order of the document. The last two come from other
# apps (other_sections): shown when the unit has commitments or an internal control plan.
SECTIONS = [
    ("summary", "Sammanfattning", "followup/document/summary.html", None),
    ("activities", "Verksamheten i siffror", "followup/document/activities.html", None),
    ("areas", "Prioriterade områden", "followup/document/areas.html", None),
    ("matrix", "Genomförandematris", "followup/document/matrix.html", None),
    ("charts", "Diagram", "followup/document/charts.html", None),
    ("examples", "Goda exempel", "followup/document/examples.html", None),
    ("economy", "Ekonomi", "followup/document/economy.html", None),
    (
        "personnel",
        "Personal",
        "followup/document/personnel.html",
        lambda r: _text_shown(r, "personnel"),
    ),
    (
        "analysis",
        "Analys inför nästa år",
        "followup/document/analysis.html",
        lambda report: "analysis" in report,
    ),
    (
        "outlook",
        "Framåtblick",
        "followup/document/outlook.html",
        lambda r: _text_shown(r, "outlook"),
    ),
    (
        "commitments",
        "Åtaganden",
        "followup/document/commitments.html",
        lambda report: bool((report.get("commitments") or {}).get("commitments")),
    ),
    (
        "internal_control",
        "Intern kontroll",
        "followup/document/internal_control.html",
        lambda report: bool((report.get("internal_control") or {}).get("state")),
    ),
]


def _text_shown(report: dict, name: str) -> bool:
    """A section that is only a text: a published document leaves it out when the manager
    confirmed it empty (a draft shows that the text is missing)."""
    document = report.get("document") or {}
    return bool(document.get(name)) or not document.get("approval")


def document_sections(report: dict) -> list[dict]:
    """The numbered sections of the document, built in this one place."""
    sections = []
    for section_id, title, template, shown in SECTIONS:
        if shown is not None and not shown(report):
            continue
        sections.append(
            {
                "id": f"avsnitt-{section_id}",
                "key": section_id,
                "number": len(sections) + 1,
                "title": _(title),
                "template": template,
            }
        )
    return sections


def matrix_grid(report: dict) -> dict:
    """The matrix as one compact grid: goals (grouped by area) × years, each cell the done
    activities and the assessment in words, with a colour class that only repeats the word."""
    rows = report.get("matrix", [])
    years = sorted({row["year"] for row in rows})
    cells = {(row["goal"], row["year"]): row for row in rows}
    labels = dict(Assessment.choices)
    areas = []
    for area in report["document"]["areas"]:
        goal_rows = []
        for goal in area["goals"]:
            goal_rows.append(
                {
                    "code": goal["code"],
                    "text": goal["text"],
                    "cells": [
                        {
                            "done": cells.get((goal["code"], year), {}).get("done", 0),
                            "label": labels.get(
                                cells.get((goal["code"], year), {}).get("assessment"),
                                _("Ej bedömd"),
                            ),
                            "css": ASSESSMENT_CLASS.get(
                                cells.get((goal["code"], year), {}).get("assessment"), "none"
                            ),
                        }
                        for year in years
                    ],
                }
            )
        if goal_rows:
            areas.append({"number": area["number"], "name": area["name"], "goals": goal_rows})
    return {
        "years": years,
        "areas": areas,
        "legend": [(ASSESSMENT_CLASS[k], v) for k, v in labels.items()],
    }


def _key_figures(report: dict) -> list[dict]:
    shares = report["youth_share"]
    current = shares.get("year") or shares.get("period")
    previous = shares.get("previous_year") or shares.get("previous_year_period")
    people = report["participants"]
    return [
        {
            "label": _("Genomförda aktiviteter"),
            "value": display_value(report["activities"]["done"]),
        },
        {"label": _("Deltagare (besök)"), "value": display_value(people["total"])},
        {"label": _("Varav 10–25 år"), "value": display_value(people["young_10_25"])},
        {
            "label": _("Andel aktiviteter för 10–25 år"),
            "value": _percent(current["percent"]),
            "note": _("%(previous)s samma period året före")
            % {"previous": _percent(previous["percent"])},
        },
    ]


def _percent(value) -> str:
    return "–" if value is None else value.replace(".", ",") + " %"


def _appendix(report: dict) -> list[dict]:
    """The long tables, for the appendix (and the Excel workbook)."""
    # The matrix is in its own section as a grid; the Excel file keeps it as rows too.
    sections = [s for s in annual_sections(report) if str(s["sheet"]) != str(_("Matris"))]
    return prepare_sections(sections)


def document_context(*, kind: str, report: dict) -> dict:
    report = with_document(kind=kind, report=report)
    doc = report["document"]
    activity_rows = [
        [_(str(Status(key).label)), report["activities"][key]]
        for key in ("done", "planned", "cancelled")
    ]
    return {
        "report": report,
        "doc": doc,
        "sections": document_sections(report),
        "key_figures": _key_figures(report),
        "activity_rows": activity_rows,
        "matrix": matrix_grid(report),
        "charts": charts.report_charts(report),
        "appendix": _appendix(report),
        "approved": doc["approval"] is not None,
        "activity_cost": display_value(_decimal(report.get("activity_cost"))),
        "survey_mean": display_value(_decimal(report["survey"]["mean"])),
        **_analysis_context(report),
    }


def _analysis_context(report: dict) -> dict:
    """The analysis section's tables and charts, from the (possibly frozen) figures."""
    if "analysis" not in report:
        return {}
    return {
        "analysis_tables": prepare_sections(analysis.analysis_sections(report["analysis"])),
        "analysis_charts": analysis.analysis_charts(report["analysis"]),
    }


def _decimal(value):
    return None if value is None else Decimal(value)


def render_document_html(*, kind: str, report: dict) -> str:
    return render_to_string(
        "followup/document/document.html", document_context(kind=kind, report=report)
    )


def render_document_pdf(*, kind: str, report: dict, archive: bool = False) -> bytes:
    """The document as A4 PDF: tagged PDF/UA-1 with embedded fonts, or, for the archive, a
    tagged PDF/A-3a copy. WeasyPrint reads only bundled static files (culture_plan.pdf)."""
    return html_to_pdf(render_document_html(kind=kind, report=report), archive=archive)
