"""Governance parts shown on other apps' pages, so that those apps never import governance:

- `{% goals_served activity %}` on the activity page: "which goals does this serve?";
- `{% indicator_comparison indicator %}` on the indicator page: the Kolada comparison.
"""

from django import template

from culture_plan import permissions
from governance import charts, selectors

register = template.Library()


@register.inclusion_tag("governance/_goals_served.html", takes_context=True)
def goals_served(context, activity):
    user = context["request"].user
    return {"rows": selectors.goals_served_by_activity(activity=activity, user=user)}


@register.inclusion_tag("governance/_indicator_comparison.html", takes_context=True)
def indicator_comparison(context, indicator, year=None):
    request = context["request"]
    years = selectors.comparison_years(indicator=indicator)
    requested = request.GET.get("ar", "")
    if year is None:
        year = int(requested) if requested.isdigit() and int(requested) in years else None
    if year is None and years:
        year = years[0]
    result = selectors.indicator_comparison(indicator=indicator, year=year) if year else None
    chart = charts.comparison_chart(result) if result else None
    return {
        "indicator": indicator,
        "year": year,
        "years": years,
        "result": result,
        "comparison": {"result": result, "chart": chart} if chart else None,
        "can_edit": permissions.can_edit_indicator_comparison(request.user, indicator.unit),
    }
