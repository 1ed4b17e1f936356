"""The good-examples picker offers what the unit's figures count (issue 24): the activities
it owns and those it co-arranges, done in the period."""

import datetime

from django.urls import reverse

from activities.models import Status
from followup import figures, services
from tests.factories import ActivityFactory


def test_picker_offers_co_arranged_activities_as_the_figures_count_them(tree, users, client_for):
    culture, library = tree["culture"], tree["library"]
    own = ActivityFactory(unit=culture, status=Status.DONE, date=datetime.date(2024, 3, 1))
    joint = ActivityFactory(
        unit=library, status=Status.DONE, date=datetime.date(2024, 4, 1), title="Samarrangerad"
    )
    joint.co_arrangers.add(culture)
    ActivityFactory(unit=library, status=Status.DONE, date=datetime.date(2024, 4, 2))
    counted = figures.activities_for_unit(unit=culture).filter(status=Status.DONE, date__year=2024)
    assert set(counted.values_list("pk", flat=True)) == {own.pk, joint.pk}
    html = client_for("manager").get(reverse("followup:annual", args=["kulturenheten", 2024]))
    html = html.content.decode()
    for activity in (own, joint):
        assert f'name="good_examples" type="checkbox" value="{activity.pk}"' in html
    document = services.document_get_or_create(unit=culture, year=2024, kind="annual")
    services.document_save_texts(
        document=document, texts={}, analyses={}, good_examples=[joint], by=users["manager"]
    )
    assert list(document.good_examples.all()) == [joint]
