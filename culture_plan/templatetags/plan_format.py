"""Numbers as the municipality writes them: "3 022 000 kr", "3 022 tkr", "2,5 årsverken"."""

import itertools

from django import template
from django.template import engines
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from culture_plan import numbers

register = template.Library()


@register.filter
def number(value):
    """A number with Swedish grouping and decimal comma, without trailing zeros."""
    return numbers.number(value)


@register.filter
def kr(value):
    """Kronor: "3 022 000 kr"; öre only when the amount has öre ("187 700,50 kr")."""
    return numbers.kr(value)


@register.filter
def tkr(value):
    """Thousands of kronor, rounded half up: 3022000 → "3 022 tkr"."""
    return numbers.tkr(value)


@register.filter
def person(user):
    """A user's full name ("Karin Lindqvist"), not the username."""
    return numbers.person(user)


@register.filter
def with_unit(value, unit_of_measure):
    """An indicator value with its unit: "1 450 besök", but a plain count has no unit word
    ("1 450", not "1 450 antal") and a missing value is just "–"."""
    text = numbers.number(value)
    unit = (unit_of_measure or "").strip()
    if text == "–" or not unit or unit.casefold() == "antal":
        return text
    if unit == "%":
        return f"{text} %"
    return f"{text} {unit}"


@register.filter
def in_force_label(plan, year):
    """The plan in force in `year`, saying so when its period has ended: a plan stays in
    force until the next is adopted (DESIGN "The plan in force")."""
    if plan is None:
        return "–"
    if year and plan.end_year < int(year):
        return gettext("%(plan)s (gäller tills en ny antas)") % {"plan": plan}
    return str(plan)


@register.filter
def framework_groups(linked):
    """The framework goals an area, goal or plan links to, grouped by framework (in order):
    [{"framework", "goals"}], for a compact "Agenda 2030: 4, 10" line."""
    groups: dict[int, dict] = {}
    for framework_goal in linked.framework_goals.all():
        group = groups.setdefault(
            framework_goal.framework_id, {"framework": framework_goal.framework, "goals": []}
        )
        group["goals"].append(framework_goal)
    return list(groups.values())


@register.simple_tag
def plan_framework_goals(plan):
    """Every framework goal the plan, its areas or goals link to, once, grouped by framework
    (from the prefetched structure: no queries)."""
    seen: dict[int, object] = {}
    for linked in [plan, *plan.areas.all(), *(g for a in plan.areas.all() for g in a.goals.all())]:
        for framework_goal in linked.framework_goals.all():
            seen.setdefault(framework_goal.pk, framework_goal)
    ordered = sorted(
        seen.values(), key=lambda fg: (fg.framework.kind, fg.framework.name, fg.order, fg.code)
    )
    groups: dict[int, dict] = {}
    for framework_goal in ordered:
        groups.setdefault(
            framework_goal.framework_id, {"framework": framework_goal.framework, "goals": []}
        )["goals"].append(framework_goal)
    return list(groups.values())


# Tables that may not fit a phone ------------------------------------------------------------

_regions = itertools.count(1)


@register.simple_tag(takes_context=True)
def table_region(context):
    """Opens a table's scroll region: focusable (keyboard users can scroll it), named by the
    table's caption (`{% table_caption_id %}` on the caption) and with a visible hint that
    shows when the table is wider than the screen. Close it with </div>."""
    request = context.get("request")
    number = next(_regions)
    if request is not None:
        number = getattr(request, "_table_regions", 0) + 1
        request._table_regions = number
    context["_table_caption_id"] = f"table-caption-{number}"
    return format_html(
        '<div class="table-wrap" role="region" tabindex="0" aria-labelledby="{}" data-hint="{}">',
        f"table-caption-{number}",
        gettext("Tabellen är bredare än skärmen: svep i sidled för att se alla kolumner."),
    )


@register.simple_tag(takes_context=True)
def table_caption_id(context):
    return context.get("_table_caption_id", "")


@register.simple_tag
def choice_items(field):
    """The <li><label><input> label</label></li> items of a checkbox or radio field:
    jinja2/includes/choice_items.html, the same markup as rendering each choice's widget
    template at a fraction of the cost (a municipality's co-arranger list has a checkbox for
    each of its hundreds of units, and the form is the most used page)."""
    template = engines["jinja2"].get_template("includes/choice_items.html")
    return mark_safe(template.render({"field": field}))  # noqa: S308 (autoescaped fragment)
