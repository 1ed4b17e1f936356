"""Each validation rule of an activity, through the form the user fills in."""

import pytest
from django.urls import reverse

from activities.forms import ActivityForm
from activities.models import Activity
from tests.factories import GoalFactory, PlanFactory, PriorityAreaFactory


def form_for(user, data):
    return ActivityForm(data, user=user)


@pytest.fixture
def staff(users):
    return users["staff"]


def test_valid_done_activity(staff, tree, plan_areas, post_data):
    goals = plan_areas["goals"]
    form = form_for(
        staff,
        post_data(
            tree["culture"],
            priority_area=str(plan_areas["area1"].pk),
            goals=[str(goals["1.1"].pk), str(goals["1.2"].pk)],
            girls="4",
            boys="3",
            age_6_9="5",
        ),
    )
    assert form.is_valid(), form.errors


def test_negative_count_is_rejected(staff, tree, plan_areas, post_data):
    form = form_for(staff, post_data(tree["culture"], girls="-1"))
    assert not form.is_valid()
    assert "girls" in form.errors
    assert "0" in form.errors["girls"][0]


def test_count_must_be_a_whole_number(staff, tree, plan_areas, post_data):
    form = form_for(staff, post_data(tree["culture"], boys="2.5"))
    assert not form.is_valid()
    assert "boys" in form.errors


def test_empty_count_means_zero(staff, tree, plan_areas, post_data):
    form = form_for(staff, post_data(tree["culture"], girls="", boys="2"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["girls"] == 0


def test_age_counts_cannot_exceed_total(staff, tree, plan_areas, post_data):
    form = form_for(staff, post_data(tree["culture"], girls="2", boys="1", age_10_12="4"))
    assert not form.is_valid()
    # One error for the group of age bands, with both sums, not at the box "10–12".
    assert "age_10_12" not in form.errors
    assert form.age_group_errors() == [
        "Åldrarna summerar till 4, deltagarna till 3 (flickor + pojkar + annat/ej angivet). "
        "Deltagare per ålder kan inte vara fler än deltagarna."
    ]


def test_age_sum_error_is_shown_once_at_the_age_fieldset(
    client, users, tree, plan_areas, post_data
):
    client.force_login(users["staff"])
    data = post_data(tree["culture"], girls="8", boys="6", age_10_12="9", age_13_15="6")
    html = client.post(reverse("activities:create"), data).content.decode()
    message = "Åldrarna summerar till 15, deltagarna till 14"
    assert html.count(message) == 2  # in the error summary and at the fieldset
    summary, form_html = html.split('<form method="post" novalidate', 1)
    assert f'<a href="#id_age_0_5">Deltagare per ålder: {message}' in summary
    fieldset = form_html.split('<fieldset class="participants__ages form-field--error">')[1]
    assert fieldset.split("</legend>")[1].count(message) == 1
    assert '<p class="field-error" id="age-bands-error">' in fieldset
    # Every age box says it is invalid and points at the message; none has its own error.
    assert 'aria-invalid="true" aria-describedby="age-bands-error"' in fieldset
    assert 'id="id_age_10_12_error"' not in html


def test_goal_of_another_plan_is_rejected(staff, tree, plan_areas, post_data):
    other_plan = PlanFactory(unit=tree["other"], name="Annan plan")
    foreign = GoalFactory(area=PriorityAreaFactory(plan=other_plan, number=1), code="1.1")
    form = form_for(
        staff,
        post_data(
            tree["culture"], priority_area=str(plan_areas["area1"].pk), goals=[str(foreign.pk)]
        ),
    )
    assert not form.is_valid()
    assert "goals" in form.errors


def test_goal_of_another_area_is_rejected(staff, tree, plan_areas, post_data):
    """Goals belong to the activity's own area, as the Excel row's area and codes must agree."""
    form = form_for(
        staff,
        post_data(
            tree["culture"],
            priority_area=str(plan_areas["area1"].pk),
            goals=[str(plan_areas["goals"]["2.1"].pk)],
        ),
    )
    assert not form.is_valid()
    assert "Målen 2.1 hör inte till område 1" in form.errors["goals"][0]


def test_goals_from_two_areas_without_an_area_are_rejected(staff, tree, plan_areas, post_data):
    goals = [plan_areas["goals"]["1.2"], plan_areas["goals"]["2.1"]]
    form = form_for(staff, post_data(tree["culture"], goals=[str(goal.pk) for goal in goals]))
    assert not form.is_valid()
    assert "priority_area" in form.errors


def test_goals_without_area_take_their_area(staff, tree, plan_areas, post_data):
    goal = plan_areas["goals"]["1.2"]
    form = form_for(staff, post_data(tree["culture"], goals=[str(goal.pk)]))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["priority_area"] == plan_areas["area1"]


def test_area_outside_the_plan_in_force_is_rejected(staff, tree, plan_areas, post_data):
    """The plan covers 2022–2025 and stays in force after; before 2022 there is none."""
    form = form_for(
        staff,
        post_data(tree["culture"], date="2019-05-01", priority_area=str(plan_areas["area1"].pk)),
    )
    assert not form.is_valid()
    assert "priority_area" in form.errors


@pytest.mark.parametrize("status", ["planned", "cancelled"])
def test_planned_or_cancelled_has_no_participants(staff, tree, plan_areas, post_data, status):
    form = form_for(staff, post_data(tree["culture"], status=status, girls="3"))
    assert not form.is_valid()
    assert "Bara en genomförd aktivitet har deltagare" in form.errors["girls"][0]


@pytest.mark.parametrize("status", ["planned", "cancelled"])
def test_planned_or_cancelled_without_participants_is_fine(
    staff, tree, plan_areas, post_data, status
):
    assert form_for(staff, post_data(tree["culture"], status=status)).is_valid()


def test_end_before_start_is_rejected(staff, tree, plan_areas, post_data):
    form = form_for(staff, post_data(tree["culture"], date="2024-03-12", end_date="2024-03-10"))
    assert not form.is_valid()
    assert "före startdatum" in form.errors["end_date"][0]


def test_unit_must_be_one_the_user_logs_for(users, tree, plan_areas, post_data):
    form = form_for(users["other_manager"], post_data(tree["culture"]))
    assert not form.is_valid()
    assert "unit" in form.errors


def test_error_page_keeps_what_was_typed(client, staff, tree, plan_areas, post_data):
    client.force_login(staff)
    data = post_data(
        tree["culture"],
        title="Bokcirkel för unga",
        girls="3",
        age_10_12="9",
        place_name="Malmköping",
        partner_names="ABF, Sörmlands museum",
        description="Vi läste Pippi.",
    )
    response = client.post(reverse("activities:create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "Det finns fel att rätta" in html
    assert 'value="Bokcirkel för unga"' in html
    assert 'value="Malmköping"' in html
    assert 'value="ABF, Sörmlands museum"' in html
    assert "Vi läste Pippi." in html
    assert 'name="age_10_12" value="9"' in html
    assert 'class="field-error"' in html
    assert not Activity.objects.exists()


def test_a_form_with_errors_lists_only_the_chosen_areas_goals(staff, tree, plan_areas, post_data):
    """As the htmx reload does: a re-rendered form on a phone is not 13 goals long."""
    form = form_for(
        staff,
        post_data(
            tree["culture"],
            priority_area=str(plan_areas["area1"].pk),
            goals=[str(plan_areas["goals"]["1.2"].pk)],
            girls="1",
            age_10_12="5",
        ),
    )
    assert not form.is_valid()
    choices = form.goal_choices()
    assert [group["area"] for group in choices["chosen"]] == [plan_areas["area1"]]
    assert not choices["others_open"]  # the other areas stay folded
    ticked = [goal.code for group in choices["chosen"] for goal, on, _ in group["goals"] if on]
    assert ticked == ["1.2"]


def test_a_goal_ticked_in_another_area_stays_visible(staff, tree, plan_areas, post_data):
    form = form_for(
        staff,
        post_data(
            tree["culture"],
            priority_area=str(plan_areas["area1"].pk),
            goals=[str(plan_areas["goals"]["2.1"].pk)],
        ),
    )
    assert not form.is_valid()
    choices = form.goal_choices()
    assert choices["others_open"]  # the folded areas open, so the ticked 2.1 shows
    ticked = [goal.code for group in choices["others"] for goal, on, _ in group["goals"] if on]
    assert ticked == ["2.1"]
