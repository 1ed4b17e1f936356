"""The quick survey's done-when (issue 25): the link from `survey_link` answers anonymously,
three visitors are counted, a fourth answer from the same device is refused, and the unit's
annual report JSON `survey` counts the three answers with the mean they imply."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from activities.models import Status
from evaluation import abuse, services
from evaluation.figures import combined_survey
from evaluation.models import Answer, Survey
from followup import figures, reports
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 3, 14)


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()


@pytest.fixture
def activity(tree):
    ActivityFactory(
        unit=tree["culture"],
        date=datetime.date(2024, 5, 2),
        survey_answers=10,
        survey_mean=Decimal("4.00"),
    )
    return ActivityFactory(
        unit=tree["culture"],
        date=datetime.date(2024, 3, 12),
        target_13_15=True,
        target_16_19=True,
    )


def _link(activity) -> str:
    out = io.StringIO()
    call_command("survey_link", "--activity", str(activity.pk), stdout=out)
    return out.getvalue().strip()


def _path(link: str) -> str:
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_three_visitors_counted_fourth_from_same_device_refused(activity, tree, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: TODAY)
    before = reports.annual_report(unit=tree["culture"], year=2024)["survey"]
    link = _link(activity)
    assert _link(activity) == link  # the same survey, not a second one
    path = _path(link)
    page = Client().get(path)
    assert page.status_code == 200
    html = page.content.decode()
    radios = re.findall(r'<input[^>]*name="betyg"[^>]*>', html)
    assert [re.search(r'value="(\d)"', r).group(1) for r in radios] == list("12345")
    assert all('type="radio"' in r and "required" in r for r in radios)

    scores = [5, 4, 2]
    for score in scores:
        visitor = Client()
        response = visitor.post(path, {"betyg": score, "channel": "poster", "age_band": "13-15"})
        assert response.status_code == 200, response.content.decode()
        assert "Tack för ditt svar" in response.content.decode()
    again = visitor.post(path, {"betyg": 5})
    assert again.status_code == 409
    assert "redan svarat" in again.content.decode()
    assert Answer.objects.filter(survey__activity=activity).count() == 3

    after = reports.annual_report(unit=tree["culture"], year=2024)["survey"]
    assert after["answers"] == before["answers"] + 3
    activity.refresh_from_db()
    assert activity.survey_answers == 3
    assert activity.survey_mean == Decimal("3.67")
    weighted = Decimal(10 * 4) + Decimal("3.67") * 3
    assert after["mean"] == figures.one_decimal(weighted / 13)


def test_missing_betyg_gets_a_clear_message(activity, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: TODAY)
    path = _path(_link(activity))
    response = Client().post(path, {"channel": "poster"})
    assert response.status_code == 400
    assert "Välj ett betyg från 1 till 5." in response.content.decode()
    response = Client().post(path, {"betyg": 5, "text": "x" * 501})
    assert "högst 500 tecken" in response.content.decode()
    assert not Answer.objects.exists()


def test_closed_after_closing_date(activity, monkeypatch):
    survey = services.survey_ensure(activity=activity)
    assert survey.closes_on == datetime.date(2024, 3, 26)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: datetime.date(2024, 3, 27))
    response = Client().post(_path(services.survey_url(survey)), {"betyg": 5})
    assert response.status_code == 410
    assert "stängd" in response.content.decode()
    assert not Answer.objects.exists()


def test_throttled_per_address(activity, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: TODAY)
    path = _path(_link(activity))
    statuses = [
        Client().post(path, {"betyg": 3}).status_code for _ in range(abuse.ANSWERS_PER_MINUTE + 1)
    ]
    assert statuses[:-1] == [200] * abuse.ANSWERS_PER_MINUTE
    assert statuses[-1] == 429
    assert Answer.objects.count() == abuse.ANSWERS_PER_MINUTE


def test_paper_answers_keep_counting(tree):
    activity = ActivityFactory(unit=tree["culture"], survey_answers=4, survey_mean=Decimal("3.50"))
    survey = services.survey_ensure(activity=activity)
    services.answer_submit(survey=survey, betyg=5, today=TODAY)
    activity.refresh_from_db()
    assert (activity.survey_answers, activity.survey_mean) == (5, Decimal("3.80"))


def test_combined_survey_rule():
    assert combined_survey(paper_answers=None, paper_mean=None, online_answers=0, online_sum=0) == (
        None,
        None,
    )
    assert combined_survey(
        paper_answers=2, paper_mean=Decimal("5"), online_answers=1, online_sum=2
    ) == (3, Decimal("4.00"))
    assert combined_survey(paper_answers=3, paper_mean=None, online_answers=1, online_sum=4) == (
        1,
        Decimal("4.00"),
    )


def test_who_may_open_a_survey(tree, users):
    activity = ActivityFactory(unit=tree["culture"], status=Status.PLANNED)
    for key, allowed in [
        ("staff", True),
        ("manager", True),
        ("viewer", False),
        ("other_manager", False),
    ]:
        client = Client()
        client.force_login(users[key])
        response = client.post(f"/utvardering/aktivitet/{activity.pk}/oppna/")
        assert (response.status_code == 302) is allowed, key
        assert Survey.objects.filter(activity=activity).exists() is (
            allowed or key != "staff" and Survey.objects.filter(activity=activity).exists()
        )


def test_texts_only_for_managers(tree, users):
    activity = ActivityFactory(unit=tree["culture"])
    survey = services.survey_ensure(activity=activity)
    services.answer_submit(survey=survey, betyg=4, text="Mer sånt här!", today=TODAY)
    for key, sees in [("manager", True), ("staff", False)]:
        client = Client()
        client.force_login(users[key])
        html = client.get(f"/utvardering/aktivitet/{activity.pk}/").content.decode()
        assert ("Mer sånt här!" in html) is sees, key
    assert "Mer sånt här!" not in str(reports.annual_report(unit=tree["culture"], year=2024))


def test_qr_and_sign(tree, users):
    activity = ActivityFactory(unit=tree["culture"], title="Sommarteater i parken")
    services.survey_ensure(activity=activity)
    client = Client()
    client.force_login(users["staff"])
    svg = client.get(f"/utvardering/aktivitet/{activity.pk}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    png = client.get(f"/utvardering/aktivitet/{activity.pk}/qr.png")
    assert png.content.startswith(b"\x89PNG")
    sign = client.get(f"/utvardering/aktivitet/{activity.pk}/skylt/").content.decode()
    assert "Sommarteater i parken" in sign and "12 mars 2024" in sign and "<svg" in sign


def test_survey_settings_save_and_a_refusal_keeps_what_was_typed(tree, users):
    activity = ActivityFactory(unit=tree["culture"])
    survey = services.survey_ensure(activity=activity)
    client = Client()
    client.force_login(users["staff"])
    url = f"/utvardering/aktivitet/{activity.pk}/spara/"
    response = client.post(url, {"closes_on": "2024-04-30", "paper_answers": "12"})
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.closes_on, survey.paper_answers) == (datetime.date(2024, 4, 30), 12)
    response = client.post(url, {"closes_on": "2024-04-31", "paper_answers": "tolv"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="2024-04-31"' in html and 'value="tolv"' in html
    assert "Fyll i ett giltigt datum" in html and "Fyll i ett heltal" in html
    survey.refresh_from_db()
    assert survey.paper_answers == 12  # nothing of the refused post was kept
