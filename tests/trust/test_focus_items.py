"""A typo fix in an area plan's focus items keeps the items and their assessments
(DESIGN "Trust": bad input loses nothing already saved)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from culture_plan import services
from culture_plan.models import AreaYearPlan, FocusItem
from followup.models import FocusItemAssessment
from tests.factories import PriorityAreaFactory, YearPlanFactory

LINES = [
    "Läsfrämjande insatser för barn på biblioteken",
    "Kulturskolans öppna verksamhet på landsbygden",
    "Dialog med föreningar om lokaler",
]


@pytest.fixture
def area_plan(tree, flen_plan):
    area = PriorityAreaFactory(plan=flen_plan, number=1)
    year_plan = YearPlanFactory(plan=flen_plan, unit=tree["culture"], year=2024)
    area_year_plan = AreaYearPlan.objects.create(year_plan=year_plan, area=area)
    services.area_year_plan_update(area_year_plan=area_year_plan, data={}, focus=LINES, by=None)
    items = list(area_year_plan.focus_items.order_by("order"))
    FocusItemAssessment.objects.create(
        focus_item=items[1], assessment="started", effect="Fler barn deltar."
    )
    return area_year_plan


def texts(area_year_plan):
    return list(area_year_plan.focus_items.order_by("order").values_list("text", flat=True))


def test_a_typo_fix_keeps_the_item_and_its_assessment(area_plan):
    before = list(area_plan.focus_items.order_by("order").values_list("pk", flat=True))
    fixed = [LINES[0], "Kulturskolans öppna verksamhet på landsbyggden", LINES[2]]
    services.area_year_plan_update(area_year_plan=area_plan, data={}, focus=fixed, by=None)
    after = list(area_plan.focus_items.order_by("order").values_list("pk", flat=True))
    assert after == before
    assert texts(area_plan) == fixed
    assessment = FocusItemAssessment.objects.get()
    assert assessment.focus_item_id == before[1] and assessment.effect == "Fler barn deltar."


def test_moving_and_editing_lines_keeps_the_matching_items(area_plan):
    assessed = FocusItemAssessment.objects.get().focus_item_id
    lines = [
        "Ny rad om sommarlovet",
        "Kulturskolans öppna verksamhet på hela landsbygden",
        LINES[0],
        LINES[2],
    ]
    services.area_year_plan_update(area_year_plan=area_plan, data={}, focus=lines, by=None)
    assert texts(area_plan) == lines
    assert FocusItem.objects.get(pk=assessed).text == lines[1]
    assert FocusItemAssessment.objects.filter(focus_item_id=assessed).exists()


def test_a_rewritten_line_in_place_keeps_its_item(area_plan):
    assessed = FocusItemAssessment.objects.get().focus_item_id
    lines = [LINES[0], "Helt ny formulering", LINES[2]]
    services.area_year_plan_update(area_year_plan=area_plan, data={}, focus=lines, by=None)
    assert FocusItem.objects.get(pk=assessed).text == "Helt ny formulering"


def test_removing_an_assessed_item_is_refused_and_changes_nothing(area_plan):
    with pytest.raises(ValidationError) as raised:
        services.area_year_plan_update(
            area_year_plan=area_plan, data={}, focus=[LINES[0], LINES[2]], by=None
        )
    assert "har en bedömning och tas inte bort" in raised.value.messages[0]
    assert texts(area_plan) == LINES
    assert FocusItemAssessment.objects.count() == 1


def test_removing_an_unassessed_item_works(area_plan):
    services.area_year_plan_update(
        area_year_plan=area_plan, data={}, focus=[LINES[1], LINES[2]], by=None
    )
    assert texts(area_plan) == [LINES[1], LINES[2]]
    assert FocusItemAssessment.objects.count() == 1


def test_the_form_shows_the_refusal_and_keeps_the_text(client, users, area_plan):
    client.force_login(users["manager"])
    url = reverse("areayearplan_update", args=[area_plan.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "area": str(area_plan.area_id),
        "preconditions": "",
        "board_goal": "",
        "method": "",
        "followup": "",
        "focus": f"{LINES[0]}\n{LINES[2]}",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "har en bedömning och tas inte bort" in page
    assert texts(area_plan) == LINES
    data["focus"] = f"{LINES[0]}\nKulturskolans öppna verksamhet på landsbygdn\n{LINES[2]}"
    response = client.post(url, data)
    assert response.status_code == 302
    assert FocusItemAssessment.objects.get().focus_item.text.endswith("landsbygdn")
