"""No lost update (DESIGN "Trust"): a form posted on top of a newer save is refused with the
other person's name and both versions; a submitted report is read-only until returned; a
setting can require that the approver is not the submitter."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from activities import services
from activities.models import Activity
from activities.selectors import activity_history
from followup import services as followup_services
from followup.models import MonthlyReport
from tests.activities.conftest import activity_post
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def second_manager(tree):
    user = UserFactory(username="chef2", first_name="Maja", last_name="Berg")
    MembershipFactory(user=user, unit=tree["culture"], role="manager")
    return user


def test_the_service_refuses_a_stale_version(tree, second_manager):
    activity = Activity.objects.create(
        unit=tree["culture"], title="Sagostund", date=datetime.date(2024, 5, 2), target_0_5=True
    )
    drawn = activity.version
    theirs = Activity.objects.get(pk=activity.pk)
    theirs.title = "Sagostund för små"
    services.activity_save(
        activity=theirs,
        goals=[],
        partner_names=[],
        place_name="",
        by=second_manager,
        expected_version=drawn,
    )
    mine = Activity.objects.get(pk=activity.pk)
    mine.title = "Sagostund i parken"
    with pytest.raises(services.StaleEditError) as raised:
        services.activity_save(
            activity=mine,
            goals=[],
            partner_names=[],
            place_name="",
            by=None,
            expected_version=drawn,
        )
    assert raised.value.by_name == "Maja Berg"
    assert Activity.objects.get(pk=activity.pk).title == "Sagostund för små"


def test_a_stale_activity_form_is_refused_with_both_versions(client, users, tree, second_manager):
    activity = Activity.objects.create(
        unit=tree["culture"], title="Sagostund", date=datetime.date(2024, 5, 2)
    )
    client.force_login(users["manager"])
    edit = reverse("activities:edit", args=[activity.pk])
    page = client.get(edit).content.decode()
    assert f'name="version" value="{activity.version}"' in page

    other = browser_for(second_manager)
    response = other.post(
        edit,
        activity_post(
            tree["culture"],
            title="Sagostund för små",
            date="2024-05-02",
            status="planned",
            version=str(activity.version),
        ),
    )
    assert response.status_code == 302

    response = client.post(
        edit,
        activity_post(
            tree["culture"],
            title="Sagostund i parken",
            date="2024-05-02",
            status="planned",
            version=str(activity.version),
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Maja Berg har sparat en ändring sedan du öppnade sidan" in page
    assert "Sagostund för små" in page  # theirs, beside
    assert 'value="Sagostund i parken"' in page  # what I typed is kept
    assert Activity.objects.get(pk=activity.pk).title == "Sagostund för små"

    # Saving again after seeing both versions is deliberate and works.
    new_version = Activity.objects.get(pk=activity.pk).version
    assert f'name="version" value="{new_version}"' in page
    response = client.post(
        edit,
        activity_post(
            tree["culture"],
            title="Sagostund i parken",
            date="2024-05-02",
            status="planned",
            version=str(new_version),
        ),
    )
    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).title == "Sagostund i parken"


def browser_for(user):
    browser = Client()
    browser.force_login(user)
    return browser


def report_post(version, **values):
    data = {"action": "save", "version": str(version)}
    data.update(values)
    return data


def test_a_stale_report_form_is_refused(client, users, tree, second_manager):
    report = followup_services.report_get_or_create(unit=tree["culture"], year=2024, month=5)
    url = reverse("followup:vepaq", args=["kulturenheten", 2024, 5])
    client.force_login(users["manager"])
    page = client.get(url).content.decode()
    assert f'name="version" value="{report.version}"' in page
    other = browser_for(second_manager)
    assert other.post(url, report_post(report.version, v_comment="Maja skrev")).status_code == 302
    response = client.post(url, report_post(report.version, v_comment="Karin skrev"))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Maja Berg har sparat en ändring" in page
    assert "Maja skrev" in page and "Karin skrev" in page
    assert MonthlyReport.objects.get(pk=report.pk).v_comment == "Maja skrev"


def test_a_submitted_report_is_read_only_until_returned(tree, users):
    report = followup_services.report_get_or_create(unit=tree["culture"], year=2024, month=5)
    report = followup_services.report_submit(report=report, by=users["manager"])
    with pytest.raises(ValidationError) as raised:
        followup_services.report_update(report=report, data={"v_comment": "x"}, by=users["manager"])
    assert "inskickad och kan inte ändras" in raised.value.messages[0]
    report = followup_services.report_return(report=report, by=users["admin"])
    followup_services.report_update(report=report, data={"v_comment": "x"}, by=users["manager"])
    assert MonthlyReport.objects.get(pk=report.pk).v_comment == "x"


def test_the_page_of_a_submitted_report_has_no_form(client, tree, users):
    report = followup_services.report_get_or_create(unit=tree["culture"], year=2024, month=5)
    followup_services.report_submit(report=report, by=users["manager"])
    client.force_login(users["manager"])
    url = reverse("followup:vepaq", args=["kulturenheten", 2024, 5])
    page = client.get(url).content.decode()
    assert 'name="v_comment"' not in page
    response = client.post(url, report_post(report.version + 1, v_comment="sent"), follow=True)
    assert "inskickad och kan inte ändras" in response.content.decode()
    assert MonthlyReport.objects.get(pk=report.pk).v_comment == ""


def test_a_setting_requires_another_approver(settings, tree, users, second_manager):
    settings.REQUIRE_SEPARATE_APPROVER = True
    report = followup_services.report_get_or_create(unit=tree["culture"], year=2024, month=5)
    report = followup_services.report_submit(report=report, by=users["manager"])
    with pytest.raises(ValidationError) as raised:
        followup_services.report_approve(report=report, by=users["manager"])
    assert "Någon annan än den som skickade in" in raised.value.messages[0]
    report = followup_services.report_approve(report=report, by=second_manager)
    assert report.state == MonthlyReport.State.APPROVED


def test_without_the_setting_the_submitter_may_approve(tree, users):
    report = followup_services.report_get_or_create(unit=tree["culture"], year=2024, month=5)
    report = followup_services.report_submit(report=report, by=users["manager"])
    report = followup_services.report_approve(report=report, by=users["manager"])
    assert report.state == MonthlyReport.State.APPROVED


def test_the_version_is_not_shown_as_a_changed_field(tree):
    activity = Activity.objects.create(
        unit=tree["culture"], title="Sagostund", date=datetime.date(2024, 5, 2)
    )
    activity.title = "Sagostund i parken"
    activity.save()
    latest = activity_history(activity=activity)[0]
    assert [str(name) for name in latest["changed"]] == ["titel"]
