"""The admin opens for every plan model, with inlines and the history page."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

MODELS = [
    "unit",
    "membership",
    "framework",
    "frameworkgoal",
    "plan",
    "priorityarea",
    "goal",
    "yearplan",
    "areayearplan",
    "focusitem",
    "indicator",
    "indicatortarget",
    "indicatorvalue",
]


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
def test_admin_changelist_and_add(client, superuser, structure, model):
    client.force_login(superuser)
    assert client.get(reverse(f"admin:culture_plan_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:culture_plan_{model}_add")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "key"),
    [
        ("plan", "plan"),
        ("priorityarea", "area"),
        ("goal", "goal"),
        ("yearplan", "year_plan"),
        ("areayearplan", "area_year_plan"),
        ("indicator", "indicator"),
    ],
)
def test_admin_change_and_history(client, superuser, structure, model, key):
    client.force_login(superuser)
    pk = structure[key].pk
    assert client.get(reverse(f"admin:culture_plan_{model}_change", args=[pk])).status_code == 200
    history = client.get(reverse(f"admin:culture_plan_{model}_history", args=[pk]))
    assert history.status_code == 200


@pytest.mark.django_db
def test_user_admin_shows_memberships_inline(client, superuser, users):
    client.force_login(superuser)
    response = client.get(reverse("admin:auth_user_change", args=[users["manager"].pk]))
    assert response.status_code == 200
    assert "memberships-TOTAL_FORMS" in response.content.decode()
