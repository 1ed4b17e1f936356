from django.urls import reverse

from tests.factories import ActivityFactory


def test_pages_render(client, users, tree, plan_areas):
    activity = ActivityFactory(unit=tree["culture"], girls=3)
    client.force_login(users["manager"])
    for url in [
        reverse("activities:list"),
        reverse("activities:create"),
        reverse("activities:series"),
        reverse("activities:detail", args=[activity.pk]),
        reverse("activities:edit", args=[activity.pk]),
        reverse("activities:copy", args=[activity.pk]),
        reverse("activities:delete", args=[activity.pk]),
        reverse("activities:plan", args=["kulturenheten", 2024]),
        reverse("activities:goal_choices") + f"?priority_area={plan_areas['area1'].pk}",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
