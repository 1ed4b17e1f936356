"""The analysis before a new year (issue 25): a page per unit and year and a section of the
annual report, with the manager's text saved with the report document."""

import datetime

import pytest
from django.test import Client

from activities.models import Kind
from evaluation import services as evaluation_services
from followup import analysis, documents, reports
from followup.models import ReportDocument
from tests.factories import ActivityFactory, PlaceFactory, approve_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2024(tree):
    culture = tree["culture"]
    place = PlaceFactory(unit=culture, name="Malmköping")
    saturday = datetime.date(2024, 3, 16)
    art = ActivityFactory(unit=culture, kind=Kind.ART, date=saturday, girls=30, place=place)
    ActivityFactory(unit=culture, kind=Kind.CULTURE, date=datetime.date(2024, 3, 18), boys=10)
    survey = evaluation_services.survey_ensure(activity=art)
    for score, channel in [(5, "social"), (4, "social"), (3, "school")]:
        evaluation_services.answer_submit(
            survey=survey, betyg=score, channel=channel, today=saturday
        )
    return culture


def test_figures_by_kind_weekday_place_and_channel(year_2024):
    figures = analysis.analysis_figures(unit=year_2024, year=2024)
    art = next(e for e in figures["by_kind"] if e["label"] == "Konst")
    assert (art["activities"], art["participants"], art["survey_mean"]) == (1, 30, "4.0")
    saturday = next(e for e in figures["by_weekday"] if e["label"] == "lördag")
    assert saturday["per_activity"] == "30.0"
    assert figures["by_place"][0]["label"] == "Malmköping"
    social = next(r for r in figures["channels"]["rows"] if r["label"] == "Sociala medier")
    assert (social["answers"], social["percent"]) == (2, "66.7")


def test_manager_saves_text_that_the_annual_report_shows(year_2024, users):
    manager = Client()
    manager.force_login(users["manager"])
    page = manager.get("/uppfoljning/kulturenheten/analys/2024/")
    assert page.status_code == 200
    assert "Så fick besökarna veta" in page.content.decode()
    manager.post("/uppfoljning/kulturenheten/analys/2024/spara/", {"analysis": "Fler lördagar."})
    document = ReportDocument.objects.get(unit=year_2024, year=2024, kind="annual")
    assert document.analysis == "Fler lördagar."
    html = documents.render_document_html(
        kind="annual", report=reports.annual_report(unit=year_2024, year=2024)
    )
    assert "Analys inför nästa år" in html and "Fler lördagar." in html
    assert 'id="chart-analysis-channels-title"' in html
    published = approve_document(document=document, by=users["manager"])
    assert published.data["analysis"]["by_kind"][1]["survey_mean"] == "4.0"
    assert published.data["document"]["analysis"] == "Fler lördagar."


def test_who_may_save(year_2024, users):
    for key in ("staff", "viewer", "other_manager"):
        client = Client()
        client.force_login(users[key])
        response = client.post(
            "/uppfoljning/kulturenheten/analys/2024/spara/", {"analysis": "Nej."}
        )
        assert response.status_code in (403, 404), key
    assert not ReportDocument.objects.filter(analysis="Nej.").exists()
