"""Template helpers for internal control: the matrix (SVG and table rows) from a report dict,
and lights and handling in words."""

from django import template

from culture_plan.choices import LIGHT_SHORT, Light
from internal_control import charts, selectors

register = template.Library()


@register.simple_tag
def matrix_for(data: dict) -> dict:
    """{rows, columns, svg, ranges} for a report dict (or a plan page's context values):
    needs its "matrix" and "bounds"."""
    rows = selectors.matrix_rows(matrix=data["matrix"], bounds=data["bounds"])
    columns = selectors.consequence_columns()
    return {
        "rows": rows,
        "columns": columns,
        "svg": charts.risk_matrix_svg(rows=rows, columns=columns),
        "ranges": selectors.handling_ranges(data["bounds"]),
    }


@register.filter
def light_label(value) -> str:
    return selectors.light_label(value or None)


@register.filter
def light_short(value) -> str:
    if value in Light.values:
        return str(LIGHT_SHORT[Light(value)])
    return selectors.light_label(None)
