"""The comparison chart: the municipality among its group, as server-made SVG (page and PDF).

No script and no style attributes (the CSP forbids them): SVG presentation attributes only.
The chart has a <title> and <desc> and is labelled by them; the same numbers are given as a
table next to it. The own municipality is told apart without colour too: bold label, a solid
bar against hatched-light bars, and "(egen kommun)" in the table.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from governance.comparison import one_decimal

INK = "#1b1b1f"
OWN = "#3b1f6e"
OTHER = "#d9cff0"
LINE = "#b3261e"
FONT = "system-ui, DejaVu Sans, sans-serif"


def swedish(value) -> str:
    """One decimal, rounded half up like the JSON, with a decimal comma (5.675 → "5,7")."""
    if value is None:
        return "–"
    return number_format(Decimal(one_decimal(value)), decimal_pos=1, use_l10n=True)


def comparison_chart(result: dict) -> dict | None:
    """`result` is `selectors.indicator_comparison(...)`. None when there is no group."""
    members = result["members"]
    if not members:
        return None
    indicator = result["indicator"]
    year = result["year"]
    average = result["compared"]["average"] if result["compared"] else None
    chart_id = f"jamforelse-{indicator.pk}-{year}"
    ordered = sorted(
        members,
        key=lambda m: (m["value"] is None, -(m["value"] or 0)),
    )
    label_width = max(len(m["name"]) for m in ordered) * 8 + 20
    bar_area, row_height, top = 300, 26, 10
    width = label_width + bar_area + 70
    height = top + row_height * len(ordered) + 34
    largest = max([m["value"] for m in ordered if m["value"] is not None] + [average or 0]) or 1
    own_name = next((m["name"] for m in ordered if m["own"]), result["own"])
    title = _("%(indicator)s %(year)s: %(own)s jämfört med %(group)s") % {
        "indicator": indicator.name,
        "year": year,
        "own": own_name,
        "group": result["group"].name,
    }
    own_row = next((m for m in ordered if m["own"]), None)
    description = _(
        "%(own)s: %(value)s, plats %(rank)s av %(of)s. Gruppens medelvärde: %(average)s."
    ) % {
        "own": own_name,
        "value": swedish(own_row["value"] if own_row else None),
        "rank": (result["compared"] or {}).get("rank") or "–",
        "of": (result["compared"] or {}).get("of") or 0,
        "average": swedish(average),
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="{FONT}" '
        f'font-size="14" fill="{INK}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" '
        f'patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{OTHER}"/>'
        f'<path d="M0 6 L6 0" stroke="#8f7fb8" stroke-width="1"/></pattern></defs>',
    ]
    if average is not None:
        x = label_width + float(average) / float(largest) * bar_area
        bottom = top + row_height * len(ordered)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="{LINE}" '
            f'stroke-width="2" stroke-dasharray="5 3"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 20}" text-anchor="middle" fill="{LINE}">'
            f"{escape(_('medelvärde %(value)s') % {'value': swedish(average)})}</text>"
        )
    for index, member in enumerate(ordered):
        y = top + index * row_height
        weight = ' font-weight="bold"' if member["own"] else ""
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end"{weight}>'
            f"{escape(member['name'])}</text>"
        )
        if member["value"] is None:
            parts.append(f'<text x="{label_width + 4}" y="{y + 17}">{_("inget värde")}</text>')
            continue
        length = max(float(member["value"]) / float(largest) * bar_area, 1)
        fill = OWN if member["own"] else f"url(#{chart_id}-hatch)"
        parts.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row_height - 8}" '
            f'fill="{fill}"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 6:.1f}" y="{y + 17}"{weight}>'
            f"{escape(swedish(member['value']))}</text>"
        )
    parts.append("</svg>")
    rows = [
        [
            member["name"] + (" " + _("(egen kommun)") if member["own"] else ""),
            swedish(member["value"]),
            member["rank"] or "–",
        ]
        for member in ordered
    ]
    rows.append([_("Gruppens medelvärde"), swedish(average), ""])
    return {
        "id": chart_id,
        "title": title,
        "description": description,
        "svg": mark_safe("".join(parts)),
        "headers": [_("Kommun"), _("Värde"), _("Plats")],
        "rows": rows,
    }
