"""Small pieces of activity markup; the rows that lists repeat per activity are Jinja2
fragments (jinja2/activities/)."""

from django import template
from django.template import engines
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

STATUS_CLASSES = {"done": "tag--approved", "planned": "tag--submitted"}


@register.simple_tag
def status_tag(activity):
    """The status as a coloured tag (Genomförd, Planerad, Inställd)."""
    return format_html(
        '<span class="tag {}">{}</span>',
        STATUS_CLASSES.get(activity.status, "tag--draft"),
        activity.get_status_display(),
    )


def _fragment(name: str, context: dict):
    """A hot fragment rendered by the Jinja2 engine (jinja2/, kulturplan.jinja2_environment):
    the same markup as the Django template loop it replaced, several times faster."""
    return mark_safe(engines["jinja2"].get_template(name).render(context))  # noqa: S308


def _detail_prefix() -> str:
    return reverse("activities:detail", kwargs={"pk": 0}).removesuffix("0/")


@register.simple_tag
def plan_rows(activities, unit):
    """The activity plan's table rows (a unit's year is up to 480 rows, 12 months of 40, on a
    page staff open every day): jinja2/activities/plan_rows.html."""
    return _fragment(
        "activities/plan_rows.html",
        {"activities": activities, "unit": unit, "detail": _detail_prefix()},
    )


@register.simple_tag
def list_rows(activities):
    """The activity list's table rows (50 a page, each cell labelled for the phone layout):
    jinja2/activities/list_rows.html."""
    return _fragment(
        "activities/list_rows.html", {"activities": activities, "detail": _detail_prefix()}
    )
