"""Small pieces of activity markup, rendered in Python because lists repeat them per row."""

from django import template
from django.utils.html import format_html

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
