"""The cached fragments of the follow-up pages (``{% fragment %}``, followup.templatetags)
never show what the database no longer holds: read the page (the fragments are stored), write,
read again, and the page shows the new value. And a hit is the same bytes as a miss."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import Activity, Status
from followup import cache as figure_cache
from followup import services
from followup.models import MonthlyReport
from tests.factories import ActivityFactory
from tests.followup.conftest import MONTH, YEAR

pytestmark = pytest.mark.django_db

UNIT_PAGE = f"/uppfoljning/kulturenheten/vepaq/{YEAR}/{MONTH}/"
MUNICIPALITY_PAGE = f"/uppfoljning/flens-kommun/vepaq/{YEAR}/{MONTH}/"


def html(response) -> str:
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", response.content.decode())


def by_unit(client, slug: str) -> list[str]:
    """The cells of a unit's row in the municipality's by-unit listing."""
    body = html(client.get(MUNICIPALITY_PAGE))
    row = re.search(rf'<a href="/uppfoljning/{slug}/vepaq/[^"]+">[^<]+</a></th>(.*?)</tr>', body)
    return re.findall(r'<td class="num">([^<]*)</td>', row.group(1))


def test_a_hit_is_the_same_page_as_a_miss(client_for, tree, march):
    for role, page in [("manager", UNIT_PAGE), ("viewer", MUNICIPALITY_PAGE)]:
        client = client_for(role)
        cache.clear()
        cold = html(client.get(page))
        assert html(client.get(page)) == cold
        assert html(client.get(page, HTTP_ACCEPT_LANGUAGE="en")) == cold  # no cookie: Swedish


def test_the_report_s_texts_edited_show_at_once(client_for, tree, march, users):
    viewer, manager = client_for("viewer"), client_for("manager")
    assert "Alla mål nådda i mars" not in html(viewer.get(UNIT_PAGE))
    html(manager.get(UNIT_PAGE))
    report = services.report_get_or_create(unit=tree["culture"], year=YEAR, month=MONTH)
    services.report_update(
        report=report,
        data={"v_comment": "Alla mål nådda i mars", "v_status": "green"},
        by=users["manager"],
    )
    assert "Alla mål nådda i mars" in html(viewer.get(UNIT_PAGE))
    assert "Alla mål nådda i mars" in html(manager.get(UNIT_PAGE))
    # A viewer sees the light once the report is handed in (the draft's is hidden).
    assert "light--green" not in html(viewer.get(UNIT_PAGE))
    services.report_submit(report=report, by=users["manager"])
    assert "light--green" in html(viewer.get(UNIT_PAGE))


def test_a_month_approved_and_reopened_shows_at_once(client_for, tree, march, users):
    manager = client_for("manager")
    report = services.report_get_or_create(unit=tree["culture"], year=YEAR, month=MONTH)
    draft = html(manager.get(UNIT_PAGE))
    assert 'name="v_comment"' in draft
    services.report_submit(report=report, by=users["manager"])
    submitted = html(manager.get(UNIT_PAGE))
    assert 'name="v_comment"' not in submitted
    services.report_approve(report=report, by=users["admin"], planned_in_past_confirmed=True)
    approved = html(manager.get(UNIT_PAGE))
    assert "Månaden är godkänd och låst" in approved
    assert 'name="v_comment"' not in approved
    services.report_reopen(
        report=MonthlyReport.objects.get(), reason="Rättelse", by=users["manager"]
    )
    assert 'name="v_comment"' in html(manager.get(UNIT_PAGE))


def test_the_by_unit_listing_shows_a_new_activity_and_each_unit_s_own_figures(
    client_for, tree, march
):
    viewer = client_for("viewer")
    done, planned, cancelled, participants = by_unit(viewer, "kulturenheten")
    ActivityFactory(unit=tree["culture"], date=datetime.date(YEAR, MONTH, 9), girls=4, boys=0)
    after = by_unit(viewer, "kulturenheten")
    assert int(after[0]) == int(done) + 1
    # A co-arranged activity counts in each arranger's row, as each unit's own report counts it.
    shared = ActivityFactory(unit=tree["library"], date=datetime.date(YEAR, MONTH, 10))
    shared.co_arrangers.add(tree["culture"])
    assert int(by_unit(viewer, "kulturenheten")[0]) == int(done) + 2
    assert int(by_unit(viewer, "bibliotek")[0]) == 1
    assert int(by_unit(viewer, "bukf")[0]) == int(done) + 2
    unit_page = html(viewer.get(UNIT_PAGE))
    assert f"Månaden: {int(done) + 2} genomförda" in unit_page


def test_the_unit_s_listing_shows_a_title_edit_and_a_status_change(client_for, tree, march):
    staff = client_for("staff")
    assert "Graffitiworkshop" in html(staff.get(UNIT_PAGE))
    activity = Activity.objects.get(title="Graffitiworkshop")
    activity.title = "Graffiti för unga"
    activity.save()
    body = html(staff.get(UNIT_PAGE))
    assert "Graffiti för unga" in body and "Graffitiworkshop" not in body
    activity.status = Status.CANCELLED
    activity.save()
    assert "Inställd" in html(staff.get(UNIT_PAGE))


def test_a_warm_vepaq_month_takes_fewer_queries(client_for, tree, march):
    for role, page, most in [("manager", UNIT_PAGE, 10), ("viewer", MUNICIPALITY_PAGE, 10)]:
        client = client_for(role)
        html(client.get(page))
        with CaptureQueriesContext(connection) as warm:
            html(client.get(page))
        assert len(warm.captured_queries) <= most, (role, len(warm.captured_queries))


# --- The report documents' page (annual): the figures fragment and the good-example picker --

ANNUAL_PAGE = f"/uppfoljning/kulturenheten/verksamhetsberattelse/{YEAR}/"


def fresh(client, url: str) -> str:
    """The page as the cache serves it, asserted equal to the page computed afresh."""
    served = html(client.get(url))
    with figure_cache.bypassed():
        assert html(client.get(url)) == served
    return served


def test_the_annual_page_shows_each_write_at_once(client_for, tree, march, users, plan_goals):
    manager, viewer = client_for("manager"), client_for("viewer")
    before = fresh(manager, ANNUAL_PAGE)
    assert html(manager.get(ANNUAL_PAGE)) == before  # a hit is the same bytes
    fresh(viewer, ANNUAL_PAGE)
    # A new done activity: the figures and the picker.
    new = ActivityFactory(
        unit=tree["culture"], title="Nytt gott exempel", date=datetime.date(YEAR, 6, 2)
    )
    after = fresh(manager, ANNUAL_PAGE)
    assert after != before
    assert f'value="{new.pk}"' in after and "Nytt gott exempel" in after
    assert fresh(viewer, ANNUAL_PAGE) != before
    # A title edited shows in the picker.
    new.title = "Omdöpt exempel"
    new.save()
    assert "Omdöpt exempel" in fresh(manager, ANNUAL_PAGE)
    # The report's own texts and good examples saved, then approved and reopened.
    document = services.document_get_or_create(unit=tree["culture"], year=YEAR, kind="annual")
    services.document_save_texts(
        document=document,
        texts={"summary": "Ett starkt år"},
        analyses={},
        good_examples=[new],
        by=users["manager"],
    )
    saved = fresh(manager, ANNUAL_PAGE)
    assert "Ett starkt år" in saved
    assert re.search(rf'value="{new.pk}"[^>]*checked', saved)
    services.document_approve(
        document=document,
        by=users["manager"],
        left_empty=["area-1", "area-2", "economy", "personnel", "outlook"],
    )
    approved = fresh(manager, ANNUAL_PAGE)
    assert "Fastställ och publicera" not in approved and "Öppna rapporten igen" in approved
    assert "Fastställd" in fresh(viewer, ANNUAL_PAGE)
    # A matrix assessment saved reaches the figures (the matrix section).
    services.matrix_assessment_set(
        unit=tree["culture"],
        goal=plan_goals["goals"]["1.1"],
        year=YEAR,
        by=users["manager"],
        assessment="done",
        comment="",
    )
    fresh(viewer, ANNUAL_PAGE)


def test_a_warm_annual_page_takes_fewer_queries(client_for, tree, march):
    client = client_for("manager")
    html(client.get(ANNUAL_PAGE))
    with CaptureQueriesContext(connection) as warm:
        html(client.get(ANNUAL_PAGE))
    assert len(warm.captured_queries) <= 15, len(warm.captured_queries)  # the benchmark: 24 -> 15
