"""Who may do what with activities: 404 for what a user may not see, 403 for what they see
but may not change, login for anonymous."""

import pytest
from django.urls import reverse

from activities.models import Activity, Status
from tests.factories import ActivityFactory

ROLES = ["anonymous", "staff", "manager", "viewer", "admin", "other_manager"]

# Expected status per page and role (anonymous is always sent to the login page).
MATRIX = {
    "list": {"staff": 200, "manager": 200, "viewer": 200, "admin": 200, "other_manager": 200},
    "detail": {"staff": 200, "manager": 200, "viewer": 200, "admin": 200, "other_manager": 404},
    "plan": {"staff": 200, "manager": 200, "viewer": 200, "admin": 200, "other_manager": 404},
    "create": {"staff": 200, "manager": 200, "viewer": 403, "admin": 200, "other_manager": 200},
    "series": {"staff": 200, "manager": 200, "viewer": 403, "admin": 200, "other_manager": 200},
    "edit": {"staff": 200, "manager": 200, "viewer": 403, "admin": 200, "other_manager": 404},
    "mark_done": {
        "staff": 200,
        "manager": 200,
        "viewer": 403,
        "admin": 200,
        "other_manager": 404,
    },
    "copy": {"staff": 200, "manager": 200, "viewer": 403, "admin": 200, "other_manager": 404},
    "delete": {"staff": 403, "manager": 200, "viewer": 403, "admin": 200, "other_manager": 404},
}


@pytest.fixture
def activity(tree, plan_areas):
    return ActivityFactory(unit=tree["culture"], status=Status.PLANNED)


def url_for(page, activity):
    if page in {"list", "create", "series"}:
        return reverse(f"activities:{page}")
    if page == "plan":
        return reverse("activities:plan", args=["kulturenheten", activity.date.year])
    return reverse(f"activities:{page}", args=[activity.pk])


@pytest.mark.parametrize("page", list(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, users, activity, page, role):
    if users[role] is not None:
        client.force_login(users[role])
    response = client.get(url_for(page, activity))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == MATRIX[page][role]


@pytest.mark.parametrize("role", ROLES)
def test_delete_post(client, users, activity, role):
    if users[role] is not None:
        client.force_login(users[role])
    response = client.post(reverse("activities:delete", args=[activity.pk]))
    deleted = not Activity.objects.filter(pk=activity.pk).exists()
    if role in {"manager", "admin"}:
        assert response.status_code == 302 and deleted
    else:
        assert not deleted
        expected = {"anonymous": 302, "staff": 403, "viewer": 403, "other_manager": 404}[role]
        assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_edit_post(client, users, activity, role, post_data, tree):
    if users[role] is not None:
        client.force_login(users[role])
    response = client.post(
        reverse("activities:edit", args=[activity.pk]),
        post_data(tree["culture"], title="Ändrad", status="planned"),
    )
    activity.refresh_from_db()
    if role in {"staff", "manager", "admin"}:
        assert response.status_code == 302
        assert activity.title == "Ändrad"
    else:
        assert activity.title != "Ändrad"
        expected = {"anonymous": 302, "viewer": 403, "other_manager": 404}[role]
        assert response.status_code == expected


@pytest.mark.parametrize("role", ["viewer", "other_manager"])
def test_mark_done_post_refused(client, users, activity, role):
    client.force_login(users[role])
    response = client.post(reverse("activities:mark_done", args=[activity.pk]), {"girls": "3"})
    assert response.status_code in {403, 404}
    activity.refresh_from_db()
    assert activity.status == Status.PLANNED


def test_viewer_cannot_create_by_post(client, users, tree, plan_areas, post_data):
    client.force_login(users["viewer"])
    response = client.post(reverse("activities:create"), post_data(tree["culture"]))
    assert response.status_code == 403
    assert not Activity.objects.exists()


def test_other_manager_cannot_log_into_another_unit(client, users, tree, plan_areas, post_data):
    client.force_login(users["other_manager"])
    response = client.post(reverse("activities:create"), post_data(tree["culture"]))
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_buttons_only_for_who_may(client, users, activity):
    url = reverse("activities:detail", args=[activity.pk])
    client.force_login(users["viewer"])
    html = client.get(url).content.decode()
    assert "Ändra" not in html and "Ta bort" not in html and "Kopiera" not in html
    client.force_login(users["staff"])
    html = client.get(url).content.decode()
    assert "Ändra" in html and "Kopiera" in html and "Ta bort" not in html
    client.force_login(users["manager"])
    assert "Ta bort" in client.get(url).content.decode()
