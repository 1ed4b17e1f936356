"""Governance pages per role: who may read (200), who may not see (404), who sees but may not
change (403); the forms for managers; the chain from a strategic goal to a commitment in two
clicks; "which goals does this serve?" on the activity page; the comparison on the indicator
page."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from culture_plan.models import Indicator
from governance.models import (
    Commitment,
    CommitmentAssessment,
    IndicatorComparison,
    KoladaValue,
    ServiceOffer,
)
from tests.factories import ActivityFactory, GoalFactory, PriorityAreaFactory, UserFactory


def login(client, users, role):
    if users[role] is not None:
        client.force_login(users[role])


READ_ROLES = ["staff", "manager", "viewer", "admin"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("staff", 200), ("manager", 200), ("viewer", 200), ("admin", 200), ("other_manager", 404)],
)
def test_reading_a_commitment(client, users, chain, role, status):
    login(client, users, role)
    response = client.get(chain["commitment"].get_absolute_url())
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "KF:s inriktningsmål" in html and "Nämndmål" in html
        assert "Sommarlovsteater" in html
        assert ("Ändra åtagandet" in html) == (role in ("manager", "admin"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("staff", 403), ("manager", 200), ("viewer", 403), ("admin", 200), ("other_manager", 404)],
)
def test_commitment_forms(client, users, chain, role, status):
    login(client, users, role)
    commitment = chain["commitment"]
    for url in (
        reverse("governance:commitment_create", kwargs={"slug": "kulturenheten"}),
        reverse("governance:commitment_update", kwargs={"pk": commitment.pk}),
        reverse("governance:commitment_assess", kwargs={"pk": commitment.pk}),
        reverse("governance:service_offer_create", kwargs={"slug": "kulturenheten"}),
        reverse("governance:indicator_comparison", kwargs={"pk": chain_indicator(chain)}),
    ):
        assert client.get(url).status_code == status, url
        assert client.post(url, {"title": "x"}).status_code in (status, 200), url
    assert Commitment.objects.count() == 2


def chain_indicator(chain):
    return Indicator.objects.get(kolada_kpi="N09801").pk


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff", "manager", "viewer", "admin", "other_manager"])
def test_the_chain_pages_show_only_commitments_the_user_may_see(client, users, chain, role):
    login(client, users, role)
    for url in (
        reverse("governance:chain_index"),
        reverse("governance:framework_chain", kwargs={"slug": "stockholm-budget"}),
        reverse("governance:goal_detail", kwargs={"pk": chain["top"].pk}),
    ):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        if url.endswith("/styrning/"):
            continue
        assert ("Kultur på loven" in html) == (role != "other_manager"), (role, url)
        sees_library = role in ("viewer", "admin", "other_manager")
        assert ("Läsfrämjande för unga" in html) == sees_library, (role, url)


@pytest.mark.django_db
def test_someone_without_roles_sees_no_chain(client, chain):
    client.force_login(UserFactory(username="utan-roll"))
    assert client.get(reverse("governance:chain_index")).status_code == 404
    assert client.get(chain["commitment"].get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_from_the_strategic_goal_to_the_commitment_in_two_clicks(client, users, chain):
    client.force_login(users["manager"])
    page = client.get(reverse("governance:chain_index")).content.decode()
    goal_url = reverse("governance:goal_detail", kwargs={"pk": chain["top"].pk})
    assert f'href="{goal_url}"' in page  # click 1: the top goal
    page = client.get(goal_url).content.decode()
    commitment_url = chain["commitment"].get_absolute_url()
    assert f'href="{commitment_url}"' in page  # click 2: the commitment under it
    assert client.get(commitment_url).status_code == 200


@pytest.mark.django_db
def test_the_activity_page_says_which_goals_it_serves(client, users, chain):
    client.force_login(users["staff"])
    url = reverse("activities:detail", kwargs={"pk": chain["activity"].pk})
    html = client.get(url).content.decode()
    assert "Vilka mål tjänar aktiviteten?" in html
    for goal in ("top", "middle", "board"):
        assert reverse("governance:goal_detail", kwargs={"pk": chain[goal].pk}) in html
    assert chain["commitment"].get_absolute_url() in html
    # The order is top-down.
    assert html.index("En modern stad") < html.index("Kulturlivet") < html.index("Kultur på loven")


@pytest.mark.django_db
def test_a_manager_creates_edits_and_assesses_a_commitment(client, users, chain):
    client.force_login(users["manager"])
    response = client.post(
        reverse("governance:commitment_create", kwargs={"slug": "kulturenheten"}),
        {
            "year": "2024",
            "title": "Läsning för små barn",
            "framework_goal": chain["board"].pk,
            "expected_result": "Fler familjer läser",
            "start_date": "2024-02-01",
            "end_date": "2024-11-30",
            "activities": [chain["activity"].pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    commitment = Commitment.objects.get(title="Läsning för små barn")
    assert list(commitment.activities.all()) == [chain["activity"]]
    assert commitment.history.first().history_user == users["manager"]

    response = client.post(
        reverse("governance:commitment_assess", kwargs={"pk": commitment.pk}),
        {"period": "1", "status": "yellow", "comment": "Sen start"},
    )
    assert response.status_code == 302
    assessment = CommitmentAssessment.objects.get(commitment=commitment, period=1)
    assert assessment.status == "yellow"
    html = client.get(commitment.get_absolute_url()).content.decode()
    assert "Gul – risk för avvikelse" in html and "Sen start" in html


@pytest.mark.django_db
def test_a_commitment_form_keeps_what_was_typed_and_explains_in_swedish(client, users, chain):
    client.force_login(users["manager"])
    response = client.post(
        reverse("governance:commitment_create", kwargs={"slug": "kulturenheten"}),
        {
            "year": "2024",
            "title": "Utan mål",
            "start_date": "2024-05-01",
            "end_date": "2024-04-01",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Utan mål"' in html
    assert "Välj ett mål i ett styrdokument eller ett inriktningsmål" in html
    assert "Slutdatumet kan inte ligga före startdatumet" in html
    assert not Commitment.objects.filter(title="Utan mål").exists()


@pytest.mark.django_db
def test_a_commitment_links_only_activities_of_its_unit(client, users, chain, tree):
    other = ActivityFactory(unit=tree["library"], date=datetime.date(2024, 7, 3))
    client.force_login(users["admin"])
    response = client.post(
        reverse("governance:commitment_update", kwargs={"pk": chain["commitment"].pk}),
        {
            "year": "2024",
            "title": "Kultur på loven",
            "framework_goal": chain["board"].pk,
            "activities": [other.pk],
        },
    )
    assert response.status_code == 200
    assert list(chain["commitment"].activities.all()) == [chain["activity"]]


@pytest.mark.django_db
def test_service_offers(client, users, chain):
    client.force_login(users["manager"])
    response = client.post(
        reverse("governance:service_offer_create", kwargs={"slug": "kulturenheten"}),
        {"promise": "Frågor besvaras inom 5 arbetsdagar", "description": "", "order": "0"},
    )
    assert response.status_code == 302
    offer = ServiceOffer.objects.get(promise="Frågor besvaras inom 5 arbetsdagar")
    assert offer.indicator.unit_of_measure == "%"
    assert offer.indicator.unit == offer.unit
    # Values are entered on the indicator's own page.
    response = client.post(
        reverse("value_create", kwargs={"pk": offer.indicator.pk}),
        {"year": "2024", "period": "1", "value": "92", "comment": ""},
    )
    assert response.status_code == 302
    html = client.get(
        reverse("governance:service_offers", kwargs={"slug": "kulturenheten"})
    ).content.decode()
    assert "Frågor besvaras inom 5 arbetsdagar" in html and "92" in html
    client.force_login(users["viewer"])
    html = client.get(
        reverse("governance:service_offers", kwargs={"slug": "kulturenheten"})
    ).content.decode()
    assert "Nytt serviceerbjudande" not in html
    client.force_login(users["other_manager"])
    assert (
        client.get(
            reverse("governance:service_offers", kwargs={"slug": "kulturenheten"})
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_the_indicator_page_compares_with_the_group(client, users, kolada_world):
    fetched = datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC)
    for municipality, value in {"0482": "5.9", "0428": "5.2", "0461": "6.6", "0483": "6.1"}.items():
        KoladaValue.objects.create(
            kpi="N09801",
            municipality=municipality,
            year=2024,
            value=Decimal(value),
            source="http://127.0.0.1/v3",
            fetched_at=fetched,
        )
    client.force_login(users["manager"])
    html = client.get(kolada_world["indicator"].get_absolute_url()).content.decode()
    assert "Källa: Kolada" in html
    assert "Över gruppens medelvärde" in html  # the target kind
    assert "plats 3 av 4" in html
    assert "Under gruppens medelvärde." in html  # 5.9 < 5.95
    assert re.search(r"<svg[^>]*role=\"img\"", html)
    assert "Siffrorna i diagrammet" in html
    assert "style=" not in html and "<script>" not in html


@pytest.mark.django_db
def test_the_comparison_form(client, users, kolada_world, tree):
    indicator = kolada_world["indicator"]
    client.force_login(users["manager"])
    url = reverse("governance:indicator_comparison", kwargs={"pk": indicator.pk})
    response = client.post(
        url, {"kolada_kpi": "n09801", "group": "", "target_kind": "group_average"}
    )
    assert response.status_code == 200
    assert "Ett mål mot gruppen kräver en jämförelsegrupp" in response.content.decode()
    response = client.post(url, {"kolada_kpi": "", "group": "", "target_kind": "previous_year"})
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.target_kind == "previous_year" and indicator.kolada_kpi == ""
    assert not IndicatorComparison.objects.filter(indicator=indicator).exists()


@pytest.mark.django_db
def test_the_chain_page_does_not_grow_queries_with_commitments(client, users, chain, tree):
    client.force_login(users["viewer"])
    url = reverse("governance:framework_chain", kwargs={"slug": "stockholm-budget"})

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    for number in range(5):
        Commitment.objects.create(
            unit=tree["culture"], year=2025, framework_goal=chain["middle"], title=f"Extra {number}"
        )
    assert count() == before


@pytest.mark.django_db
def test_a_commitment_under_a_plan_goal(client, users, chain, flen_plan):
    goal = GoalFactory(area=PriorityAreaFactory(plan=flen_plan, number=1), code="1.2")
    client.force_login(users["manager"])
    response = client.post(
        reverse("governance:commitment_create", kwargs={"slug": "kulturenheten"}),
        {"year": "2024", "title": "Unga väljer själva", "plan_goal": goal.pk},
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get(title="Unga väljer själva")
    html = client.get(commitment.get_absolute_url()).content.decode()
    assert "1.2" in html and flen_plan.name in html
    both = client.post(
        reverse("governance:commitment_update", kwargs={"pk": commitment.pk}),
        {
            "year": "2024",
            "title": "Unga väljer själva",
            "plan_goal": goal.pk,
            "framework_goal": chain["top"].pk,
        },
    )
    assert both.status_code == 200
    assert "inte båda" in both.content.decode()
