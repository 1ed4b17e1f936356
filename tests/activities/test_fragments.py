"""The Jinja2 fragments (jinja2/: the activity plan's and list's rows, checkbox and radio
items) give the same bytes as the Django template loops they replaced, kept here as the
reference, in Swedish and English, with names that need escaping, co-arranged and planned
activities and activities without a place or area."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from activities.models import Activity, Place, Status
from activities.selectors import activity_plan
from activities.templatetags.activity_format import list_rows, plan_rows
from culture_plan.models import PriorityArea
from culture_plan.templatetags.plan_format import choice_items
from tests.factories import ActivityFactory, PlanFactory

pytestmark = pytest.mark.django_db

LIST_LOOP = """{% load i18n plan_format activity_format %}{% for a in activities %}
    <tr>
      <td data-label="{% translate 'Datum' %}">{{ a.date|date:"Y-m-d" }}</td>
      <td data-label="{% translate 'Titel' %}"><a href="{{ a.get_absolute_url }}">{{ a.title }}</a></td>
      <td data-label="{% translate 'Enhet' %}">{{ a.unit.name }}</td>
      <td data-label="{% translate 'Status' %}">{% status_tag a %}</td>
      <td data-label="{% translate 'Område' %}">{% if a.priority_area %}{{ a.priority_area.number }}{% else %}–{% endif %}</td>
      <td data-label="{% translate 'Ort' %}">{{ a.place.name|default:"–" }}</td>
      <td class="num" data-label="{% translate 'Deltagare' %}">{% if a.status == 'done' %}{{ a.participants|number }}{% else %}–{% endif %}</td>
    </tr>
    {% endfor %}"""  # noqa: E501

PLAN_LOOP = """{% load i18n plan_format activity_format %}{% for a in activities %}
      <tr>
        <td>{{ a.date|date:"j/n" }}</td>
        <td><a href="{{ a.get_absolute_url }}">{{ a.title }}</a>{% if a.co_arranged_here %} <span class="tag">{% translate "Medarrangör" %}</span> <span class="muted">({% blocktranslate with owner=a.unit.name %}arrangeras av {{ owner }}{% endblocktranslate %})</span>{% elif a.unit_id != unit.pk %} <span class="muted">({{ a.unit.name }})</span>{% endif %}</td>
        <td>{% status_tag a %}</td>
        <td>{% if a.priority_area %}{{ a.priority_area.number }}{% else %}–{% endif %}</td>
        <td>{{ a.place.name|default:"–" }}</td>
        <td class="num">{% if a.status == 'done' %}{{ a.participants }}{% else %}–{% endif %}</td>
      </tr>
      {% endfor %}"""  # noqa: E501

# Django's own rendering of each choice (the widget templates), as choice_items's markup.
CHOICE_LOOP = """{% for choice in field %}<li>{{ choice }}</li>{% endfor %}"""


@pytest.fixture
def activities(tree):
    culture, library = tree["culture"], tree["library"]
    culture.name = 'Kultur & "bild" <enheten>'
    culture.save()
    plan = PlanFactory(unit=tree["municipality"])
    area = PriorityArea.objects.create(plan=plan, number=2, name="Område")
    place = Place.objects.create(unit=culture, name="O'Hara & <Söner>")
    made = [
        ActivityFactory(
            unit=culture,
            title='Konsert "ute" & <inne>',
            date=datetime.date(2024, 3, 5),
            girls=1200,
            boys=3,
            place=place,
            priority_area=area,
            target_10_12=True,
        ),
        ActivityFactory(
            unit=culture,
            title="Planerad",
            date=datetime.date(2024, 3, 7),
            status=Status.PLANNED,
            target_10_12=True,
        ),
        ActivityFactory(
            unit=library,
            title="Bibliotekets 'egen'",
            date=datetime.date(2024, 3, 9),
            status=Status.CANCELLED,
            target_10_12=True,
        ),
    ]
    made[2].co_arrangers.set([culture])
    return made


@pytest.mark.parametrize("language", ["sv", "en"])
def test_list_rows_are_the_template_loop(activities, language):
    rows = list(Activity.objects.select_related("unit", "place", "priority_area").order_by("pk"))
    with translation.override(language):
        expected = Template(LIST_LOOP).render(Context({"activities": rows}))
        assert str(list_rows(rows)) == expected
        assert str(list_rows([])) == Template(LIST_LOOP).render(Context({"activities": []}))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_plan_rows_are_the_template_loop(tree, activities, language):
    culture = tree["culture"]
    months = activity_plan(unit=culture, year=2024)
    rows = [a for month in months for a in month["activities"]]
    assert any(getattr(a, "co_arranged_here", False) for a in rows)
    with translation.override(language):
        expected = Template(PLAN_LOOP).render(Context({"activities": rows, "unit": culture}))
        assert str(plan_rows(rows, culture)) == expected
    administration = tree["administration"]
    rows = [a for m in activity_plan(unit=administration, year=2024) for a in m["activities"]]
    expected = Template(PLAN_LOOP).render(Context({"activities": rows, "unit": administration}))
    assert str(plan_rows(rows, administration)) == expected


class Choices(forms.Form):
    many = forms.MultipleChoiceField(
        choices=[("1", 'Ett & "två"'), ("2", "<Tre>"), ("3", "O'Hara")],
        widget=forms.CheckboxSelectMultiple,
    )
    one = forms.ChoiceField(choices=[("a", "A"), ("b", "B & C")], widget=forms.RadioSelect)


def test_choice_items_are_django_s_choices():
    form = Choices(data={"many": ["1", "3"], "one": "b"})
    for name in ("many", "one"):
        field = form[name]
        # Django writes the attributes in its widget template's order; choice_items writes
        # them sorted (flatatt). The same attributes and text, each escaped as Django does.
        items = str(choice_items(field)).split("</li>")
        django_items = Template(CHOICE_LOOP).render(Context({"field": field})).split("</li>")
        assert len(items) == len(django_items)
        for ours, theirs in zip(items, django_items, strict=True):
            assert sorted(ours.replace(">", " ").split()) == sorted(
                theirs.replace(">", " ").split()
            )
