"""The internal control report as a standalone HTML file, a tagged PDF and an Excel workbook,
all made from the report dict (internal_control.selectors.report), so every format says the
same. The Excel export of the plan is the same workbook."""

from __future__ import annotations

import datetime
import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from activities.excel import make_cell
from culture_plan.pdf import html_to_pdf
from internal_control import selectors

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def title(data: dict) -> str:
    if data.get("tertial"):
        return _("Internkontroll %(unit)s %(year)s, tertial %(t)s") % {
            "unit": data["unit_name"],
            "year": data["year"],
            "t": data["tertial"],
        }
    return _("Internkontroll %(unit)s %(year)s") % {"unit": data["unit_name"], "year": data["year"]}


def filename(data: dict, fmt: str) -> str:
    suffix = f"-t{data['tertial']}" if data.get("tertial") else ""
    return f"internkontroll-{data['unit']}-{data['year']}{suffix}.{fmt}"


def render_html(data: dict) -> str:
    """The standalone report page (also the source of the PDF): A4, Swedish, titled."""
    return render_to_string(
        "internal_control/report_document.html", {"section": data, "title": title(data)}
    )


def render_pdf(data: dict, *, archive: bool = False) -> bytes:
    """The report as a tagged PDF (PDF/UA-1) made by WeasyPrint from the same HTML; with
    `archive` the tagged PDF/A-3a copy."""
    return html_to_pdf(render_html(data), archive=archive)


# --- Excel ---------------------------------------------------------------------------------

RISK_HEADERS = [
    "Risk",
    "Process eller område",
    "Konsekvens (beskrivning)",
    "Hotade mål",
    "Sannolikhet (1–4)",
    "Konsekvens (1–4)",
    "Riskvärde",
    "Hantering",
    "Beslut",
    "Uppföljning",
]
CONTROL_HEADERS = ["Risk", "Kontrollmoment", "Metod", "Frekvens", "Ansvarig", "Rapporteras till"]
RESULT_HEADERS = ["Risk", "Kontrollmoment", "Datum", "Utfall", "Kommentar"]
ACTION_HEADERS = [
    "Risk",
    "Kontrollmoment",
    "Avvikelse (datum)",
    "Åtgärd",
    "Ansvarig",
    "Klar senast",
    "Status",
]


def _date(text: str | None):
    return datetime.date.fromisoformat(text) if text else None


def _sheet(workbook, name: str, headers: list[str], rows, widths: list[int]):
    sheet = workbook.create_sheet(name)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_row = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_row.append(cell)
    sheet.append(header_row)
    for row in rows:
        # User text that looks like a formula stays text (activities.excel.make_cell).
        sheet.append([make_cell(sheet, value) for value in row])
    return sheet


def render_xlsx(data: dict) -> bytes:
    """Sheets Risker, Kontrollmoment, Resultat, Åtgärder and Riskmatris; real numbers and
    dates; every text the users typed is written as text, never as a formula."""
    workbook = Workbook(write_only=True)
    outcome_words = {"ok": _("Utan anmärkning"), "deviation": _("Avvikelse")}
    status_words = {"planned": _("Planerad"), "ongoing": _("Pågår"), "done": _("Klar")}
    risks, controls, results, actions = [], [], [], []
    for risk in data["risks"]:
        risks.append(
            [
                risk["title"],
                risk["process"],
                risk["consequence_text"],
                ", ".join(risk["goals"]),
                risk["likelihood"],
                risk["consequence"],
                risk["value"],
                risk["handling"],
                risk["decision_label"],
                selectors.light_label(risk["light"]),
            ]
        )
        for control in risk["controls"]:
            controls.append(
                [
                    risk["title"],
                    control["title"],
                    control["method"],
                    control["frequency"],
                    control["responsible"],
                    control["reported_to"],
                ]
            )
            for result in control["results"]:
                results.append(
                    [
                        risk["title"],
                        control["title"],
                        _date(result["date"]),
                        str(outcome_words[result["outcome"]]),
                        result["comment"],
                    ]
                )
                for action in result["actions"]:
                    actions.append(
                        [
                            risk["title"],
                            control["title"],
                            _date(result["date"]),
                            action["title"],
                            action["responsible"],
                            _date(action["due_date"]),
                            str(status_words[action["status"]]),
                        ]
                    )
    _sheet(workbook, "Risker", RISK_HEADERS, risks, [40, 24, 40, 14, 12, 12, 10, 18, 12, 28])
    _sheet(workbook, "Kontrollmoment", CONTROL_HEADERS, controls, [40, 40, 16, 16, 24, 28])
    _sheet(workbook, "Resultat", RESULT_HEADERS, results, [40, 40, 12, 18, 50])
    _sheet(workbook, "Åtgärder", ACTION_HEADERS, actions, [40, 40, 16, 40, 24, 12, 12])
    rows = selectors.matrix_rows(matrix=data["matrix"], bounds=data["bounds"])
    matrix_sheet = [
        [f"{row['likelihood']} {row['label']}", *(cell["count"] for cell in row["cells"])]
        for row in rows
    ]
    headers = ["Sannolikhet \\ Konsekvens"] + [
        f"{column['consequence']} {column['label']}" for column in selectors.consequence_columns()
    ]
    _sheet(workbook, "Riskmatris", headers, matrix_sheet, [26, 14, 14, 14, 14])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
