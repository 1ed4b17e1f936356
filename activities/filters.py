"""The activity list's filters (django-filter). Choices come only from units the user sees."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from activities.models import (
    AGE_BANDS,
    TARGET_FIELDS,
    YOUTH_BANDS,
    Activity,
    Collaboration,
    Holiday,
    Kind,
    Partner,
    Place,
    Status,
)
from activities.selectors import MONTH_NAMES, candidate_plans_below
from culture_plan import permissions
from culture_plan.models import Goal, PriorityArea, Unit
from culture_plan.validators import MAX_YEAR, MIN_YEAR

NO_HOLIDAY = "none"

# A text or partner filter matching up to this many activities names them by id (see
# _matching).
LISTED_MATCHES = 2000


def _matching(queryset, ids):
    """`queryset` narrowed to the activities whose ids `ids` (a values_list query) gives.

    Few matches (a word, a partner) are read first (one small query, through the trigram or
    link index) and written into the condition as a list: PostgreSQL then reads the rows by
    primary key. As a join or ``LIKE`` beside the period and the ``ORDER BY date … LIMIT
    50`` it walked the whole period instead (1 000 000 activities: 0.5–0.7 s for a year).
    Many matches stay a subquery."""
    listed = list(ids.order_by()[: LISTED_MATCHES + 1])
    if len(listed) <= LISTED_MATCHES:
        return queryset.filter(pk__in=listed)
    return queryset.filter(pk__in=ids)


def _units(request):
    return permissions.visible_units(request.user) if request else []


def _plans(request):
    if request is None:
        return candidate_plans_below(tops=[])
    return candidate_plans_below(tops=permissions.visible_tops(request.user))


def _areas(request):
    return PriorityArea.objects.filter(plan__in=_plans(request)).order_by(
        "-plan__start_year", "number"
    )


def _goals(request):
    return Goal.objects.filter(plan__in=_plans(request)).order_by(
        "-plan__start_year", "area__number", "order", "code"
    )


def _partners(request):
    return Partner.objects.filter(unit__in=_units(request)).order_by("name")


def _places(request):
    return Place.objects.filter(unit__in=_units(request)).order_by("name")


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Fritext"), method="filter_text")
    # A whole year in 2000–2100 (DESIGN "Trust"): ?year=99999, -1 or 1e9 is a form error.
    year = YearFilter(
        field_name="date",
        lookup_expr="year",
        label=_("År"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
    )
    month = django_filters.ChoiceFilter(
        field_name="date",
        lookup_expr="month",
        label=_("Månad"),
        choices=[(number, name) for number, name in enumerate(MONTH_NAMES, start=1)],
        empty_label=_("Alla månader"),
    )
    status = django_filters.ChoiceFilter(
        choices=Status.choices, label=_("Status"), empty_label=_("Alla")
    )
    priority_area = django_filters.ModelChoiceFilter(
        queryset=_areas, label=_("Prioriterat område"), empty_label=_("Alla")
    )
    goal = django_filters.ModelChoiceFilter(
        field_name="goals", queryset=_goals, label=_("Inriktningsmål"), empty_label=_("Alla")
    )
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("Typ"), empty_label=_("Alla"))
    collaboration = django_filters.ChoiceFilter(
        choices=Collaboration.choices, label=_("Samverkan"), empty_label=_("Alla")
    )
    partner = django_filters.ModelChoiceFilter(
        field_name="partners",
        method="filter_partner",
        queryset=_partners,
        label=_("Samverkanspart"),
        empty_label=_("Alla"),
    )
    place = django_filters.ModelChoiceFilter(
        queryset=_places, label=_("Ort"), empty_label=_("Alla")
    )
    holiday = django_filters.ChoiceFilter(
        label=_("Lov"),
        choices=[(NO_HOLIDAY, _("Inget lov"))]
        + [(value, label) for value, label in Holiday.choices if value],
        method="filter_holiday",
        empty_label=_("Alla"),
    )
    target = django_filters.ChoiceFilter(
        label=_("Målgrupp"),
        choices=[(band, band.replace("-", "–")) for band in AGE_BANDS],
        method="filter_target",
        empty_label=_("Alla"),
    )
    co_arranger = django_filters.ModelChoiceFilter(
        queryset=lambda request: (
            _units(request).order_by("path") if request else Unit.objects.none()
        ),
        label=_("Medarrangör"),
        empty_label=_("Alla"),
        method="filter_co_arranger",
    )
    youth = django_filters.BooleanFilter(
        label=_("Riktad till unga 10–25"),
        method="filter_youth",
        widget=forms.Select(
            choices=[("", _("Alla")), ("true", _("Ja")), ("false", _("Nej"))],
        ),
    )

    class Meta:
        model = Activity
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        found = Activity.objects.filter(Q(title__icontains=value) | Q(description__icontains=value))
        return _matching(queryset, found.values_list("pk", flat=True))

    def filter_partner(self, queryset, name, value):
        links = Activity.partners.through.objects.filter(partner=value)
        return _matching(queryset, links.values_list("activity_id", flat=True))

    def filter_holiday(self, queryset, name, value):
        return queryset.filter(holiday="" if value == NO_HOLIDAY else value)

    def filter_target(self, queryset, name, value):
        return queryset.filter(**{TARGET_FIELDS[value]: True})

    def filter_co_arranger(self, queryset, name, value):
        """Activities that the chosen unit co-arranges (another unit owns them); a subquery,
        so an activity with several co-arrangers is listed once."""
        co_arranged = Activity.co_arrangers.through.objects.filter(unit=value).values("activity_id")
        return queryset.filter(pk__in=co_arranged)

    def filter_youth(self, queryset, name, value):
        """Youth-targeted: at least one target band, and every target band within 10–25."""
        youth = Q()
        for band in YOUTH_BANDS:
            youth |= Q(**{TARGET_FIELDS[band]: True})
        for band in AGE_BANDS:
            if band not in YOUTH_BANDS:
                youth &= Q(**{TARGET_FIELDS[band]: False})
        return queryset.filter(youth) if value else queryset.exclude(youth)
