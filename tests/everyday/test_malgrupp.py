"""Målgrupp (target age bands): asked up front, required for planned and done activities,
one rule in Activity.clean; the Excel import accepts an empty Målgrupp and warns."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from activities.models import AGE_BANDS, Activity, Status
from followup import figures
from tests.activities import excel_fixtures
from tests.activities.conftest import activity_post
from tests.activities.excel_fixtures import good_row, workbook_bytes
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

plan_structure = excel_fixtures.plan_structure
upload_root = excel_fixtures.upload_root


@pytest.mark.parametrize("status", [Status.PLANNED, Status.DONE])
def test_the_model_requires_malgrupp_for_planned_and_done(tree, status):
    activity = ActivityFactory.build(unit=tree["culture"], status=status)
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "Välj målgrupp" in str(error.value.message_dict["target_0_5"])
    activity.target_16_19 = True
    activity.full_clean()


def test_a_cancelled_activity_needs_no_malgrupp(tree):
    ActivityFactory.build(unit=tree["culture"], status=Status.CANCELLED).full_clean()


def test_the_form_asks_malgrupp_before_the_folded_part(staff_client, tree):
    page = staff_client.get(reverse("activities:create")).content.decode()
    folded = page.index('<details class="more-fields"')
    assert 0 < page.index('name="target_bands"') < folded
    assert 0 < page.index('name="all_ages"') < folded
    assert "Alla åldrar" in page


def test_the_form_refuses_an_activity_without_malgrupp(staff_client, tree):
    data = activity_post(tree["culture"], target_bands=None, title="Utan målgrupp")
    response = staff_client.post(reverse("activities:create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Välj målgrupp" in page
    assert 'href="#id_target_bands_0"' in page  # the error summary links to the field
    assert not Activity.objects.filter(title="Utan målgrupp").exists()


def test_alla_aldrar_ticks_every_band_on_the_server(staff_client, tree):
    data = activity_post(tree["culture"], target_bands=None, all_ages="on", title="Alla")
    response = staff_client.post(reverse("activities:create"), data)
    assert response.status_code == 302
    assert Activity.objects.get(title="Alla").target_bands == list(AGE_BANDS)


def test_the_22_teenagers_count_as_youth_targeted(staff_client, tree):
    """The issue's case: 22 participants all 13–19 now cannot be logged without Målgrupp,
    and with it the activity is youth-targeted."""
    data = activity_post(
        tree["culture"],
        title="Ungdomskväll",
        girls="12",
        boys="10",
        age_13_15="10",
        age_16_19="12",
        target_bands=["13-15", "16-19"],
    )
    assert staff_client.post(reverse("activities:create"), data).status_code == 302
    activity = Activity.objects.get(title="Ungdomskväll")
    share = figures.youth_share(unit=tree["culture"], start=activity.date, end=activity.date)
    assert (share["youth"], share["total"]) == (1, 1)


def test_the_import_accepts_an_empty_malgrupp_and_warns(client, users, plan_structure, upload_root):
    client.force_login(users["staff"])
    rows = [
        good_row(),
        good_row(Titel="Gammal rad utan målgrupp", Målgrupp=""),
        good_row(
            Titel="Inställd",
            Status="Inställd",
            Målgrupp="",
            Flickor=0,
            Pojkar=0,
            **{"Annat/ej angivet": 0, "10-12": 0, "13-15": 0},
        ),
    ]
    response = client.post(
        reverse("activities:excel_import", kwargs={"slug": "kulturenheten"}),
        {"file": workbook_bytes(rows)},
    )
    page = response.content.decode()
    assert "Importera 3 aktiviteter" in page
    assert '<dd id="import-missing-target">1</dd>' in page
    assert "1 aktivitet saknar målgrupp (rad 3)" in page


def test_the_import_command_prints_the_warning(plan_structure, tmp_path, capsys):
    path = tmp_path / "aktiviteter.xlsx"
    path.write_bytes(
        workbook_bytes([good_row(Målgrupp=""), good_row(Titel="B", Målgrupp="")]).read()
    )
    call_command("import_activities", str(path), unit="kulturenheten")
    out = capsys.readouterr().out
    assert "2 aktiviteter importerade" in out
    assert "Varning: 2 aktiviteter saknar målgrupp (rad 2, 3)" in out
    assert Activity.objects.filter(target_10_12=False, target_13_15=False).count() == 2
