"""The log form's goals on a phone (issue 24): the chosen area's goals with short labels,
the other areas behind one details element, the full texts one tap away; without JavaScript
too (the server renders the same fragment that htmx swaps in)."""

import pytest
from django.urls import reverse

from activities.selectors import short_goal_text


@pytest.fixture
def staff_client(client, users):
    client.force_login(users["staff"])
    return client


def test_short_goal_text_cuts_at_a_word_boundary():
    text = "Samordnade lov- och fritidsaktiviteter för barn och unga"
    short = short_goal_text(text)
    assert short == "Samordnade lov- och fritidsaktiviteter…"
    assert len(short) <= 40
    assert short_goal_text("Kort mål") == "Kort mål"
    # No word is cut in half, and no dangling comma before the ellipsis.
    assert short_goal_text("Ett, två, tre, fyra, fem, sex, sju, åtta, nio", limit=20) == (
        "Ett, två, tre, fyra…"
    )


def test_form_shows_the_chosen_areas_goals_and_folds_the_others(staff_client, plan_areas):
    goal = plan_areas["goals"]["1.2"]
    response = staff_client.post(
        reverse("activities:create"),
        {"title": "", "priority_area": plan_areas["area1"].pk, "goals": [goal.pk]},
    )
    html = response.content.decode()
    chosen, rest = html.split('<details class="goal-others">')
    others, texts = rest.split('<details class="goal-texts">')
    assert f'id="id_goals_{goal.pk}" checked' in chosen
    assert f'value="{plan_areas["goals"]["2.1"].pk}"' in others
    assert f'value="{plan_areas["goals"]["2.1"].pk}"' not in chosen
    # The full text in the label's title and under "Visa hela målen".
    assert f'title="1.2 {goal.text}"' in chosen
    assert "Visa hela målen" in texts and f"<dd>{goal.text}</dd>" in texts


def test_without_an_area_every_goal_is_one_tap_away(staff_client, plan_areas):
    html = staff_client.get(reverse("activities:create")).content.decode()
    assert "Välj prioriterat område ovan" in html
    folded = html.split('<details class="goal-others">')[1].split('<details class="goal-texts">')[0]
    for goal in plan_areas["goals"].values():
        assert f'value="{goal.pk}"' in folded
    assert "Visa målen i alla områden" in folded


def test_a_goal_ticked_in_another_area_opens_the_folded_areas(staff_client, plan_areas):
    other = plan_areas["goals"]["2.1"]
    response = staff_client.get(
        reverse("activities:goal_choices"),
        {"priority_area": plan_areas["area1"].pk, "date": "2024-05-01", "goals": [other.pk]},
    )
    html = response.content.decode()
    assert '<details class="goal-others" open>' in html
    assert f'id="id_goals_{other.pk}" checked' in html
