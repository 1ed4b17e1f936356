"""The 4 × 4 risk matrix as an SVG heat map made on the server (the same in page and PDF).

Presentation attributes only (the CSP forbids style attributes); role="img" with <title> and
<desc>. Colour repeats what the words say: every cell shows its count and its handling in
words, and the page shows the same matrix as a table.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

INK = "#1b1b1f"
FONT = "system-ui, DejaVu Sans, sans-serif"
# Light fills (dark text on them keeps a contrast above 7:1), one per handling.
FILLS = {"none": "#cfe8d5", "monitor": "#fff1a6", "act": "#ffcf9e", "urgent": "#f4aaa1"}

LEFT, TOP, CELL_W, CELL_H, BOTTOM = 150, 10, 120, 84, 62


def risk_matrix_svg(*, rows: list[dict], columns: list[dict], chart_id: str = "riskmatris"):
    """`rows` and `columns` as made by internal_control.selectors.matrix_rows and
    consequence_columns (likelihood 4 first)."""
    width = LEFT + CELL_W * len(columns) + 10
    height = TOP + CELL_H * len(rows) + BOTTOM
    title = _("Riskmatris: antal risker efter sannolikhet och konsekvens")
    described = []
    for row in rows:
        for cell in row["cells"]:
            if cell["count"]:
                described.append(
                    ngettext(
                        "sannolikhet %(l)s och konsekvens %(c)s: %(n)s risk, %(h)s",
                        "sannolikhet %(l)s och konsekvens %(c)s: %(n)s risker, %(h)s",
                        cell["count"],
                    )
                    % {
                        "l": cell["likelihood"],
                        "c": cell["consequence"],
                        "n": cell["count"],
                        "h": cell["handling_label"].lower(),
                    }
                )
    description = _(
        "Rader: sannolikhet 4 (stor) överst till 1 (liten). Kolumner: konsekvens 1 "
        "(försumbar) till 4 (allvarlig). "
    ) + ("; ".join(described) + "." if described else _("Inga risker."))
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="{FONT}" font-size="13" fill="{INK}" class="risk-matrix-svg">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]
    for index, row in enumerate(rows):
        y = TOP + index * CELL_H
        parts.append(
            f'<text x="{LEFT - 10}" y="{y + CELL_H / 2 - 4}" text-anchor="end" '
            f'font-weight="700">{row["likelihood"]} {escape(row["label"])}</text>'
            f'<text x="{LEFT - 10}" y="{y + CELL_H / 2 + 13}" text-anchor="end" '
            f'font-size="11">{escape(_short(row["description"]))}</text>'
        )
        for column, cell in enumerate(row["cells"]):
            x = LEFT + column * CELL_W
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" '
                f'fill="{FILLS[cell["handling"]]}" stroke="#ffffff" stroke-width="3"/>'
                f'<text x="{x + CELL_W / 2}" y="{y + 34}" text-anchor="middle" font-size="26" '
                f'font-weight="700">{cell["count"]}</text>'
                f'<text x="{x + CELL_W / 2}" y="{y + 56}" text-anchor="middle" '
                f'font-size="12">{escape(cell["handling_label"])}</text>'
                f'<text x="{x + CELL_W / 2}" y="{y + 72}" text-anchor="middle" '
                f'font-size="11">{escape(_("värde %(v)s") % {"v": cell["value"]})}</text>'
            )
    base = TOP + CELL_H * len(rows)
    for column, info in enumerate(columns):
        x = LEFT + column * CELL_W + CELL_W / 2
        parts.append(
            f'<text x="{x}" y="{base + 20}" text-anchor="middle" font-weight="700">'
            f"{info['consequence']} {escape(info['label'])}</text>"
        )
    parts.append(
        f'<text x="{LEFT + CELL_W * len(columns) / 2}" y="{base + 46}" text-anchor="middle">'
        f"{escape(_('Konsekvens'))}</text>"
        f'<text x="{LEFT - 10}" y="{TOP + 2}" text-anchor="end" font-size="11" '
        f'dominant-baseline="hanging">{escape(_("Sannolikhet"))}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def _short(text: str) -> str:
    """ "kan inträffa varje vecka" → "varje vecka" (the row label has room for a few words)."""
    return text.removeprefix("kan inträffa ").strip()
