"""`report indicators`: the unit's indicators with targets and comparisons, as JSON (the
contract, docs/governance.md), HTML, PDF (WeasyPrint, same HTML and SVG) and Excel."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from culture_plan.models import Unit
from culture_plan.pdf import html_to_pdf
from governance import charts, selectors


def _yes_no(value) -> str:
    if value is None:
        return "–"
    return _("Ja") if value else _("Nej")


def _table(rows: list[dict]) -> tuple[list[str], list[list]]:
    headers = [
        _("Indikator"),
        _("Nyckeltal i Kolada"),
        _("Värde"),
        _("Mål"),
        _("Målvärde"),
        _("Gruppens medelvärde"),
        _("Plats"),
        _("Målet nått"),
    ]
    body = []
    for row in rows:
        data = row["json"]
        compared = data["comparison"] or {}
        body.append(
            [
                data["name"],
                data["kolada_kpi"] or "–",
                charts.swedish(data["value"]),
                str(row["target_kind_label"]),
                charts.swedish(data["target"]["value"]),
                charts.swedish(compared.get("average")),
                (f"{compared['rank']} av {compared['of']}" if compared.get("rank") else "–"),
                _yes_no(data["target_met"]),
            ]
        )
    return headers, body


def render_html(*, unit: Unit, year: int) -> str:
    rows = selectors.indicator_rows(unit=unit, year=year)
    headers, body = _table(rows)
    section = {
        "title": _("Indikatorer %(year)s") % {"year": year},
        "headers": headers,
        "display_headers": [{"text": h, "num": i >= 2 and i != 3} for i, h in enumerate(headers)],
        "display_rows": [
            [{"text": cell, "num": i >= 2 and i != 3} for i, cell in enumerate(line)]
            for line in body
        ],
    }
    comparisons = [
        {"result": row, "chart": charts.comparison_chart(row)} for row in rows if row["members"]
    ]
    return render_to_string(
        "governance/report/indicators.html",
        {"unit": unit, "year": year, "sections": [section], "comparisons": comparisons},
    )


def render_pdf(*, unit: Unit, year: int, archive: bool = False) -> bytes:
    """The indicator report as a tagged A4 PDF (culture_plan.pdf); with `archive` the tagged
    PDF/A-3a copy."""
    return html_to_pdf(render_html(unit=unit, year=year), archive=archive)


def render_xlsx(*, unit: Unit, year: int) -> bytes:
    rows = selectors.indicator_rows(unit=unit, year=year)
    headers, body = _table(rows)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Indikatorer")
    sheet.append([str(_("Indikatorer %(year)s – %(unit)s") % {"year": year, "unit": unit.name})])
    sheet["A1"].font = Font(bold=True)
    sheet.append([str(h) for h in headers])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for line in body:
        sheet.append([str(cell) for cell in line])
    members = workbook.create_sheet(_("Jämförelser"))
    members.append(
        [
            str(_("Indikator")),
            str(_("Kommun")),
            str(_("Kod")),
            str(_("Värde")),
            str(_("Plats")),
            str(_("Källa")),
        ]
    )
    for cell in members[1]:
        cell.font = Font(bold=True)
    for row in rows:
        for member in row["members"]:
            members.append(
                [
                    row["indicator"].name,
                    member["name"],
                    member["id"],
                    float(member["value"]) if member["value"] is not None else None,
                    member["rank"],
                    str(_("Kolada (demodata)") if row["demo"] else _("Kolada")),
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
