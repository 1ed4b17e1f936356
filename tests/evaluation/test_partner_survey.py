"""The partner survey after a collaboration (enkät samverkan), sent through a real SMTP
server on 127.0.0.1 (tests/everyday/smtp_server.py)."""

import datetime

import pytest
from django.test import Client

from activities.models import Collaboration
from evaluation.models import PartnerAnswer, PartnerSurvey
from tests.everyday.smtp_server import SMTPServer
from tests.factories import ActivityFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    with SMTPServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        yield server


@pytest.fixture
def activity(tree):
    activity = ActivityFactory(
        unit=tree["culture"],
        title="Kulturnatt med Folkets hus",
        date=datetime.date(2026, 11, 20),
        collaboration=Collaboration.EXTERNAL,
    )
    partner = PartnerFactory(unit=tree["culture"], name="Folkets hus")
    activity.partners.add(partner)
    return activity


def test_manager_sends_partner_answers_it_shows_with_activity(smtp, activity, users):
    manager = Client()
    manager.force_login(users["manager"])
    partner = activity.partners.get()
    response = manager.post(
        f"/utvardering/aktivitet/{activity.pk}/samverkan/",
        {"partner": partner.pk, "contact_email": "kontakt@folketshus.example.se"},
    )
    assert response.status_code == 302
    (message,) = smtp.messages
    assert message["to"] == ["kontakt@folketshus.example.se"]
    body = message["message"].get_body().get_content()
    survey = PartnerSurvey.objects.get()
    assert survey.sent_at is not None
    assert f"/samverkansenkat/{survey.token}/" in body
    assert "Kulturnatt med Folkets hus" in message["message"]["Subject"]

    path = f"/samverkansenkat/{survey.token}/"
    visitor = Client()
    assert visitor.get(path).status_code == 200
    visitor.post(path, {"roles": 4, "budget": 2, "communication": 5, "lessons": "Boka tidigt."})
    answer = PartnerAnswer.objects.get()
    assert (answer.roles, answer.budget, answer.communication) == (4, 2, 5)
    assert "redan besvarad" in visitor.get(path).content.decode()
    page = manager.get(f"/utvardering/aktivitet/{activity.pk}/").content.decode()
    assert "Boka tidigt." in page


def test_staff_may_not_send(smtp, activity, users):
    staff = Client()
    staff.force_login(users["staff"])
    staff.post(
        f"/utvardering/aktivitet/{activity.pk}/samverkan/",
        {"contact_email": "kontakt@folketshus.example.se"},
    )
    assert smtp.messages == []
    assert not PartnerSurvey.objects.exists()


def test_mail_server_down_keeps_nothing(settings, activity, users):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    manager = Client()
    manager.force_login(users["manager"])
    response = manager.post(
        f"/utvardering/aktivitet/{activity.pk}/samverkan/",
        {"contact_email": "kontakt@folketshus.example.se"},
        follow=True,
    )
    assert "E-postservern svarar inte" in response.content.decode()
    assert not PartnerSurvey.objects.exists()


def test_a_refused_send_keeps_the_typed_address(settings, activity, users):
    """Bad input loses nothing: the mail server down, or an address that is not one, shows
    the survey page again with what was typed and the reason in Swedish."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    manager = Client()
    manager.force_login(users["manager"])
    url = f"/utvardering/aktivitet/{activity.pk}/samverkan/"
    response = manager.post(url, {"contact_email": "kontakt@folketshus.example.se"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "E-postservern svarar inte" in html
    assert 'value="kontakt@folketshus.example.se"' in html
    response = manager.post(url, {"contact_email": "kontakt-at-folketshus"})
    html = response.content.decode()
    assert 'value="kontakt-at-folketshus"' in html
    assert "giltig e-postadress" in html
    assert not PartnerSurvey.objects.exists()
