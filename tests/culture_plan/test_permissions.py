"""Who may open which plan page: one row per URL, one column per role (fixture `users`).

404 for what the user may not see, 403 for what they see but may not change, and a redirect
to the login page for anonymous visitors. Edit URLs are tried with GET and with POST; an
empty POST by a permitted user gets the form back with errors (200) and changes nothing.
"""

import pytest
from django.urls import reverse

ROLES = ["staff", "manager", "viewer", "admin", "other_manager"]

READ_ALL = dict.fromkeys(ROLES, 200)
READ_CULTURE = {**READ_ALL, "other_manager": 404}
EDIT_PLAN = {"staff": 403, "manager": 200, "viewer": 403, "admin": 200, "other_manager": 403}
EDIT_DRAFT_PLAN = {**EDIT_PLAN, "other_manager": 404}
EDIT_CULTURE = {"staff": 403, "manager": 200, "viewer": 403, "admin": 200, "other_manager": 404}
CREATE_PLAN = {"staff": 403, "manager": 200, "viewer": 403, "admin": 200, "other_manager": 200}

# (url name, object in `structure` whose key gives the URL argument, expected by role)
READ_PAGES = [
    ("home", None, READ_ALL),
    ("plan_list", None, READ_ALL),
    ("indicator_list", None, READ_ALL),
    ("unit_detail", "unit", READ_CULTURE),
    ("plan_detail", "plan", READ_ALL),
    ("plan_detail", "draft_plan", READ_CULTURE),
    ("yearplan_detail", "year_plan", READ_CULTURE),
    ("indicator_detail", "indicator", READ_CULTURE),
]
EDIT_PAGES = [
    ("plan_create", None, CREATE_PLAN),
    ("plan_update", "plan", EDIT_PLAN),
    ("plan_update", "draft_plan", EDIT_DRAFT_PLAN),
    ("area_create", "plan", EDIT_PLAN),
    ("area_create", "draft_plan", EDIT_DRAFT_PLAN),
    ("area_update", "area", EDIT_PLAN),
    ("area_update", "draft_area", EDIT_DRAFT_PLAN),
    ("goal_create", "area", EDIT_PLAN),
    ("goal_create", "draft_area", EDIT_DRAFT_PLAN),
    ("goal_update", "goal", EDIT_PLAN),
    ("yearplan_create", "unit", EDIT_CULTURE),
    ("yearplan_update", "year_plan", EDIT_CULTURE),
    ("areayearplan_create", "year_plan", EDIT_CULTURE),
    ("areayearplan_update", "area_year_plan", EDIT_CULTURE),
    ("indicator_create", "unit", EDIT_CULTURE),
    ("indicator_update", "indicator", EDIT_CULTURE),
    ("target_create", "indicator", EDIT_CULTURE),
    ("target_update", "target", EDIT_CULTURE),
    ("value_create", "indicator", EDIT_CULTURE),
    ("value_update", "value", EDIT_CULTURE),
]


def _url(name, key, structure):
    if key is None:
        return reverse(name)
    obj = structure[key]
    arg = obj.slug if key == "unit" else obj.pk
    return reverse(name, args=[arg])


def _cases(pages, methods):
    for name, key, expected in pages:
        for method in methods:
            for role in ["anonymous", *ROLES]:
                status = 302 if role == "anonymous" else expected[role]
                yield pytest.param(
                    name, key, method, role, status, id=f"{name}-{key}-{method}-{role}"
                )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "key", "method", "role", "status"), list(_cases(READ_PAGES, ["get"]))
)
def test_read_pages(client, users, structure, name, key, method, role, status):
    if users[role]:
        client.force_login(users[role])
    url = _url(name, key, structure)
    response = getattr(client, method)(url)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "key", "method", "role", "status"), list(_cases(EDIT_PAGES, ["get", "post"]))
)
def test_edit_pages(client, users, structure, name, key, method, role, status):
    if users[role]:
        client.force_login(users[role])
    url = _url(name, key, structure)
    response = getattr(client, method)(url, {})
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))
    if method == "post" and status == 200:
        assert "Det finns fel att rätta" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "visible"),
    [("staff", False), ("manager", True), ("viewer", False), ("admin", True)],
)
def test_edit_links_only_for_editors(client, users, structure, role, visible):
    client.force_login(users[role])
    pages = [
        (
            reverse("plan_detail", args=[structure["plan"].pk]),
            reverse("plan_update", args=[structure["plan"].pk]),
        ),
        (
            reverse("yearplan_detail", args=[structure["year_plan"].pk]),
            reverse("yearplan_update", args=[structure["year_plan"].pk]),
        ),
        (
            reverse("indicator_detail", args=[structure["indicator"].pk]),
            reverse("indicator_update", args=[structure["indicator"].pk]),
        ),
        (
            reverse("unit_detail", args=["kulturenheten"]),
            reverse("yearplan_create", args=["kulturenheten"]),
        ),
    ]
    for page, edit_url in pages:
        content = client.get(page).content.decode()
        assert (f'href="{edit_url}"' in content) is visible, page
