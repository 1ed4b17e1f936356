"""The governance part of seed_demo (DESIGN): Flen 0482, "Liknande kommuner", the N09801
indicator with its group-average target and demo values, the chain down to the 2024
commitment. Idempotency is proven for every table by tests/test_seed_demo.py."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from culture_plan.models import Indicator, Unit
from demo.governance import DEMO_FILE
from governance.models import Commitment, ComparisonGroup, KoladaValue, ServiceOffer

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture(scope="module")
def seeded(demo_module):
    """The demo, once for the module (tests/conftest.py)."""


def test_the_demo_file_is_v3_shaped_and_marked_as_demo_data():
    payload = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    assert payload["demo_data"] is True and "DEMODATA" in payload["note"]
    assert payload["next_url"] is None
    row = payload["values"][0]
    assert set(row) == {"kpi", "municipality", "period", "values"}
    assert {"count", "gender", "status", "value"} == set(row["values"][0])


@pytest.mark.django_db
def test_flen_its_group_and_the_kolada_indicator(seeded):
    assert Unit.objects.get(slug="flens-kommun").kolada_id == "0482"
    group = ComparisonGroup.objects.get(name="Liknande kommuner")
    assert len(group.members) >= 5 and "0482" in group.members
    indicator = Indicator.objects.get(unit__slug="kulturenheten", kolada_kpi="N09801")
    assert indicator.target_kind == "group_average"
    assert indicator.comparison.group == group
    values = KoladaValue.objects.filter(kpi="N09801", year=2024)
    assert set(values.values_list("municipality", flat=True)) == set(group.members)
    assert all(value.is_demo for value in values)


@pytest.mark.django_db
def test_chef_sees_flen_against_its_group(seeded):
    out = io.StringIO()
    call_command("report", "indicators", "--unit", "kulturenheten", "--year", "2024", stdout=out)
    rows = {row["name"]: row for row in json.loads(out.getvalue())["indicators"]}
    row = rows["Lån på folkbibliotek per invånare"]
    assert row["comparison"]["group"] == "Liknande kommuner"
    assert row["comparison"]["of"] == 8 and row["comparison"]["rank"] == 4
    assert row["value"] == "5.9" and row["comparison"]["average"] == "5.7"
    assert row["target"] == {"kind": "group_average", "value": "5.7"}
    assert row["target_met"] is True


@pytest.mark.django_db
def test_the_strategic_goal_leads_to_the_2024_commitment_in_two_clicks(seeded, client):
    client.force_login(get_user_model().objects.get(username="chef"))
    commitment = Commitment.objects.get(unit__slug="kulturenheten", year=2024)
    top = commitment.framework_goal.ancestors()[0]
    assert top.framework.slug == "flen-strategisk-plan-2024-2027"
    index = client.get(reverse("governance:chain_index")).content.decode()
    goal_url = reverse("governance:goal_detail", kwargs={"pk": top.pk})
    assert f'href="{goal_url}"' in index
    goal_page = client.get(goal_url).content.decode()
    assert f'href="{commitment.get_absolute_url()}"' in goal_page
    assert commitment.activities.count() >= 3
    for activity in commitment.activities.all():
        page = client.get(reverse("activities:detail", kwargs={"pk": activity.pk}))
        assert commitment.get_absolute_url() in page.content.decode()
    assert commitment.assessments.count() == 3


@pytest.mark.django_db
def test_service_offers(seeded):
    offer = ServiceOffer.objects.get(unit__slug="bibliotek")
    assert offer.promise == "Frågor till biblioteket besvaras inom 5 arbetsdagar"
    assert offer.indicator.values.count() == 3
