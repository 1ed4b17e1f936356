"""Refusals and missing pages speak Swedish, in the site's layout (not Django's bare pages)."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from culture_plan.models import Goal
from tests.factories import GoalFactory, PriorityAreaFactory


@pytest.mark.django_db
def test_404_is_swedish_in_the_layout(client, users):
    client.force_login(users["staff"])
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    content = response.content.decode()
    assert 'lang="sv"' in content
    assert "Sidan finns inte" in content
    assert "<main" in content


@pytest.mark.django_db
def test_403_is_swedish_in_the_layout(client, users, flen_plan):
    goal = GoalFactory(area=PriorityAreaFactory(plan=flen_plan, number=1), code="1.1")
    client.force_login(users["viewer"])
    response = client.get(reverse("goal_update", args=[goal.pk]))
    assert response.status_code == 403
    content = response.content.decode()
    assert "Åtkomst nekad" in content
    assert 'lang="sv"' in content
    assert Goal.objects.get(pk=goal.pk).text == goal.text


def test_500_page_renders_without_a_request_context(settings):
    html = render_to_string("500.html")
    assert "Något gick fel" in html
    assert "style=" not in html
