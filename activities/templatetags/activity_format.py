"""Small pieces of activity markup, rendered in Python because lists repeat them per row."""

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from culture_plan import numbers

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


@register.simple_tag
def plan_rows(activities, unit):
    """The activity plan's table rows: the markup of one row written per activity in the
    template, built here (a unit's year is up to 480 rows, 12 months of 40, on a page staff
    open every day)."""
    detail = reverse("activities:detail", kwargs={"pk": 0}).removesuffix("0/")
    co_arranger = escape(gettext("Medarrangör"))
    rows = []
    for a in activities:
        if a.co_arranged_here:
            owner = gettext("arrangeras av %(owner)s") % {"owner": escape(a.unit.name)}
            who = f' <span class="tag">{co_arranger}</span> <span class="muted">({owner})</span>'
        elif a.unit_id != unit.pk:
            who = f' <span class="muted">({escape(a.unit.name)})</span>'
        else:
            who = ""
        area = escape(localize(a.priority_area.number)) if a.priority_area else "–"
        place = escape(a.place.name) if a.place and a.place.name else "–"
        people = escape(localize(a.participants)) if a.status == "done" else "–"
        rows.append(
            "\n      <tr>\n"
            f"        <td>{a.date.day}/{a.date.month}</td>\n"
            f'        <td><a href="{detail}{a.pk}/">{escape(a.title)}</a>{who}</td>\n'
            f"        <td>{status_tag(a)}</td>\n"
            f"        <td>{area}</td>\n"
            f"        <td>{place}</td>\n"
            f'        <td class="num">{people}</td>\n'
            "      </tr>\n      "
        )
    return mark_safe("".join(rows))  # noqa: S308 (every value escaped above)


@register.simple_tag
def list_rows(activities):
    """The activity list's table rows (50 a page, each cell labelled for the phone layout):
    the markup of the template's loop, built here."""
    detail = reverse("activities:detail", kwargs={"pk": 0}).removesuffix("0/")
    labels = {
        "Datum": gettext("Datum"),
        "Titel": gettext("Titel"),
        "Enhet": gettext("Enhet"),
        "Status": gettext("Status"),
        "Område": gettext("Område"),
        "Ort": gettext("Ort"),
        "Deltagare": gettext("Deltagare"),
    }
    labels = {key: escape(label) for key, label in labels.items()}
    rows = []
    for a in activities:
        area = escape(localize(a.priority_area.number)) if a.priority_area else "–"
        place = escape(a.place.name) if a.place and a.place.name else "–"
        people = escape(numbers.number(a.participants)) if a.status == "done" else "–"
        rows.append(
            "\n    <tr>\n"
            f'      <td data-label="{labels["Datum"]}">{a.date.isoformat()}</td>\n'
            f'      <td data-label="{labels["Titel"]}">'
            f'<a href="{detail}{a.pk}/">{escape(a.title)}</a></td>\n'
            f'      <td data-label="{labels["Enhet"]}">{escape(a.unit.name)}</td>\n'
            f'      <td data-label="{labels["Status"]}">{status_tag(a)}</td>\n'
            f'      <td data-label="{labels["Område"]}">{area}</td>\n'
            f'      <td data-label="{labels["Ort"]}">{place}</td>\n'
            f'      <td class="num" data-label="{labels["Deltagare"]}">{people}</td>\n'
            "    </tr>\n    "
        )
    return mark_safe("".join(rows))  # noqa: S308 (every value escaped above)
