"""The activity list's totals from the summary tables equal the totals over the rows."""

import datetime

import pytest

from activities import selectors
from activities.models import Status
from culture_plan.models import Role
from tests.factories import ActivityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _activities(tree):
    culture, library = tree["culture"], tree["library"]
    ActivityFactory(unit=culture, girls=3, boys=2, target_10_12=True)
    ActivityFactory(unit=culture, status=Status.PLANNED, target_0_5=True)
    joint = ActivityFactory(unit=library, girls=7, target_65_plus=True)
    joint.co_arrangers.set([culture])
    ActivityFactory(
        unit=library, date=datetime.date(2025, 5, 2), status=Status.CANCELLED, target_0_5=True
    )


@pytest.mark.parametrize(
    "filters",
    [{}, {"year": 2024}, {"year": 2024, "month": "3"}, {"status": "done"}, {"year": 2025}],
)
@pytest.mark.parametrize("username", ["chef", "chef-bibliotek", "politiker"])
def test_summarised_totals_equal_the_rows(tree, users, filters, username):
    _activities(tree)
    user = {"chef": users["manager"], "chef-bibliotek": users["other_manager"]}.get(
        username, users["viewer"]
    )
    queryset = selectors.visible_activities(user=user)
    for name, value in filters.items():
        lookup = {"year": "date__year", "month": "date__month", "status": "status"}[name]
        queryset = queryset.filter(**{lookup: value})
    assert selectors.summarised_totals(user=user, filters=filters) == selectors.activity_totals(
        queryset
    )


def test_other_filters_or_two_subtrees_read_the_rows(tree, users):
    _activities(tree)
    assert selectors.summarised_totals(user=users["manager"], filters={"kind": "art"}) is None
    both = UserFactory(username="tva-enheter")
    MembershipFactory(user=both, unit=tree["culture"], role=Role.MANAGER)
    MembershipFactory(user=both, unit=tree["library"], role=Role.MANAGER)
    # The joint activity belongs to both subtrees: summed per subtree it would count twice.
    assert selectors.summarised_totals(user=both, filters={}) is None


def test_the_list_shows_the_summarised_totals(client, tree, users):
    _activities(tree)
    client.force_login(users["manager"])
    response = client.get("/aktiviteter/?year=2024")
    assert response.context["totals"] == {
        "done": 2,
        "planned": 1,
        "cancelled": 0,
        "participants": 12,
        "all": 3,
    }
    assert response.context["page"].paginator.count == 3
    assert len(response.context["page"].object_list) == 3
