"""The reports as files: the standalone HTML page, its A4 PDF and the Excel workbook of every
report kind, from the JSON of followup.reports (the VEPAQ month here, the annual and tertial
reports as documents through followup.documents).
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Font

from activities.excel import make_cell
from culture_plan.pdf import html_to_pdf
from culture_plan.periods import MONTH_NAMES
from followup.documents import render_document_html
from followup.models import DIMENSIONS, MonthlyReport
from followup.report_sections import choice_label, prepare_sections, sections_for, vepaq_sections

PERIOD_KINDS = {"annual", "tertial"}
VEPAQ_PDF_ACTIVITIES = 30


def render_html(*, kind: str, report: dict) -> str:
    """The standalone report page (also the source of the PDF). The annual and tertial
    reports are documents (followup.documents); the VEPAQ month is a two-page summary."""
    if kind in PERIOD_KINDS:
        return render_document_html(kind=kind, report=report)
    sections = prepare_sections(vepaq_sections(report))
    context = {
        "report": report,
        "month_name": MONTH_NAMES[report["month"] - 1],
        "state_label": choice_label(MonthlyReport.State, report["state"]),
    }
    # Page one: the lights and V; page two: E, P, A, Q and the month's activities (at most
    # VEPAQ_PDF_ACTIVITIES of them; the Excel file has every one).
    status, *main, activities = (
        sections[0],
        *[section for section in sections[1:] if section is not sections[4]],
        sections[4],
    )
    rows = activities["display_rows"]
    context |= {
        "status_section": status,
        "status_rows": list(
            zip(
                status["display_rows"],
                [report["dimensions"][dim]["status"] or "none" for dim in DIMENSIONS],
                strict=True,
            )
        ),
        "main_sections": main[:-2],
        "wide_sections": main[-2:],
        "activities_section": activities,
        "activity_rows": rows[:VEPAQ_PDF_ACTIVITIES],
        "activities_more": len(rows) > VEPAQ_PDF_ACTIVITIES,
        "activities_shown": VEPAQ_PDF_ACTIVITIES,
        "activities_total": len(rows),
    }
    return render_to_string(f"followup/report/{kind}.html", context)


def render_pdf(*, kind: str, report: dict, archive: bool = False) -> bytes:
    """The report page as A4 PDF, made by WeasyPrint from the same HTML: tagged (PDF/UA-1,
    fonts embedded) or, with `archive`, a PDF/A-3b copy for the archive."""
    return html_to_pdf(render_html(kind=kind, report=report), archive=archive)


def _sheet_title(title: str, used: set[str]) -> str:
    cleaned = "".join(ch for ch in str(title) if ch not in "[]:*?/\\")[:31]
    candidate, number = cleaned, 2
    while candidate in used:
        suffix = f" {number}"
        candidate = cleaned[: 31 - len(suffix)] + suffix
        number += 1
    used.add(candidate)
    return candidate


def render_xlsx(*, kind: str, report: dict) -> bytes:
    """The report as an Excel workbook: one sheet per section, a header row, real numbers."""
    sections = sections_for(kind, report)
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    bold = Font(bold=True)
    for section in sections:
        sheet = workbook.create_sheet(_sheet_title(section["sheet"], used))
        # User text goes in as data, never as a formula (one rule: activities.excel).
        sheet.append([make_cell(sheet, str(section["title"]))])
        sheet["A1"].font = bold
        sheet.append([make_cell(sheet, _xlsx_value(header)) for header in section["headers"]])
        for cell in sheet[2]:
            cell.font = bold
        for row in section["rows"]:
            sheet.append([make_cell(sheet, _xlsx_value(cell)) for cell in row])
        for column in sheet.columns:
            width = max(len(str(cell.value or "")) for cell in column[1:]) if column[1:] else 10
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, int | datetime.date):
        return value
    return str(value)
