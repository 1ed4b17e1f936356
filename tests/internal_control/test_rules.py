"""The scale, the handling rule (all 16 cells, default and changed bounds), the matrix counts
and the model invariants."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from internal_control import selectors
from internal_control.models import (
    Action,
    Control,
    ControlResult,
    Handling,
    InternalControlPlan,
    Risk,
    handling_for,
)

DEFAULT = {
    (1, 1): "Ingen åtgärd", (1, 2): "Ingen åtgärd", (1, 3): "Ingen åtgärd", (1, 4): "Bevakas",
    (2, 1): "Ingen åtgärd", (2, 2): "Bevakas", (2, 3): "Bevakas", (2, 4): "Åtgärdas",
    (3, 1): "Ingen åtgärd", (3, 2): "Bevakas", (3, 3): "Åtgärdas", (3, 4): "Hanteras snarast",
    (4, 1): "Bevakas", (4, 2): "Åtgärdas", (4, 3): "Hanteras snarast", (4, 4): "Hanteras snarast",
}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(("cell", "words"), sorted(DEFAULT.items()))
def test_value_and_handling_of_every_cell(ic, cell, words):
    likelihood, consequence = cell
    risk = Risk(plan=ic["plan"], likelihood=likelihood, consequence=consequence)
    assert risk.value == likelihood * consequence
    assert risk.get_handling_display() == words


def test_changed_bounds_move_the_cells():
    # Bevakas from 3, Åtgärdas from 6, Hanteras snarast from 9.
    bounds = {"monitor_from": 3, "act_from": 6, "urgent_from": 9}
    expected = {1: "none", 2: "none", 3: "monitor", 4: "monitor", 6: "act", 8: "act", 9: "urgent"}
    for value, handling in expected.items():
        assert handling_for(value, **bounds) == handling, value
    assert handling_for(16, **bounds) == Handling.URGENT
    rows = selectors.matrix_rows(matrix=[[0] * 4] * 4, bounds=bounds)
    cell_3x3 = rows[1]["cells"][2]  # likelihood 3 (second row from the top), consequence 3
    assert (cell_3x3["value"], cell_3x3["handling_label"]) == (9, "Hanteras snarast")
    assert [r["range"] for r in selectors.handling_ranges(bounds)] == ["1–2", "3–4", "6–8", "9–16"]


@pytest.mark.django_db
def test_plan_bounds_are_used_by_its_risks(ic):
    plan = ic["plan"]
    plan.urgent_from = 16
    plan.full_clean()
    assert Risk(plan=plan, likelihood=4, consequence=3).get_handling_display() == "Åtgärdas"


@pytest.mark.django_db
def test_bounds_must_increase(ic):
    plan = ic["plan"]
    plan.act_from = 3
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "Gränserna måste öka" in str(error.value)


@pytest.mark.django_db
def test_matrix_counts_rows_by_likelihood_columns_by_consequence(ic):
    plan = ic["plan"]
    for likelihood, consequence in [(1, 4), (1, 4), (2, 1), (4, 4)]:
        Risk.objects.create(
            plan=plan, process="P", title="R", likelihood=likelihood,
            consequence=consequence, decision="accept",
        )  # fmt: skip
    assert selectors.risk_matrix(plan=plan) == [
        [0, 0, 0, 2],
        [1, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 1, 1],
    ]


@pytest.mark.django_db
def test_results_need_an_adopted_plan_and_its_year(ic, users):
    control = ic["control"]
    result = ControlResult(control=control, date=datetime.date(2025, 1, 3), outcome="ok")
    with pytest.raises(ValidationError) as error:
        result.full_clean()
    assert "planens år, 2024" in str(error.value)
    plan = ic["plan"]
    InternalControlPlan.objects.filter(pk=plan.pk).update(
        state="draft", adopted_by=None, adopted_at=None
    )

    fresh = Control.objects.get(pk=control.pk)
    result = ControlResult(control=fresh, date=datetime.date(2024, 5, 3), outcome="ok")
    with pytest.raises(ValidationError) as error:
        result.full_clean()
    assert "måste vara antagen" in str(error.value)


@pytest.mark.django_db
def test_only_deviations_get_actions(ic):
    ok = ControlResult.objects.create(
        control=ic["control"], date=datetime.date(2024, 6, 1), outcome="ok"
    )
    action = Action(result=ok, title="X", responsible="Y", due_date=datetime.date(2024, 7, 1))
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "Bara en avvikelse" in str(error.value)


@pytest.mark.django_db
def test_lights_follow_the_deviation_and_its_action(ic):
    risk = selectors.risks_with_follow_up(plan=ic["plan"])[0]
    # An open action within its date: yellow; past its date: red; done: green.
    assert selectors.light_for(risk=risk, as_of=datetime.date(2024, 5, 1)) == "yellow"
    assert selectors.light_for(risk=risk, as_of=datetime.date(2024, 9, 1)) == "red"
    ic["action"].status = "done"
    ic["action"].save()
    risk = selectors.risks_with_follow_up(plan=ic["plan"])[0]
    assert selectors.light_for(risk=risk, as_of=datetime.date(2024, 9, 1)) == "green"
