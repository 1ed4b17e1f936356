"""`send_reminders` against a real SMTP server started on 127.0.0.1 by the test: managers are
told which months' reports are not handed in, staff which planned activities have passed."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from activities.models import Status
from followup.models import MonthlyReport
from followup.reminders import overdue_months, report_due_date
from tests.everyday.smtp_server import SMTPServer
from tests.factories import ActivityFactory

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
        settings.DEFAULT_FROM_EMAIL = "Kulturplan <kulturplan@flen.example.se>"
        settings.SITE_URL = "https://kulturplan.flen.example.se"
        yield server


@pytest.fixture
def people(users):
    for key, user in users.items():
        if user is not None:
            user.email = f"{user.username}@flen.example.se"
            if key == "manager":
                user.first_name, user.last_name = "Karin", "Lindqvist"
            if key == "staff":
                user.first_name, user.last_name = "Jonas", "Berg"
            user.save()
    return users


@pytest.fixture
def world(tree, people):
    culture = tree["culture"]
    MonthlyReport.objects.create(
        unit=culture, year=2026, month=10, state=MonthlyReport.State.SUBMITTED
    )
    MonthlyReport.objects.create(
        unit=culture, year=2026, month=9, state=MonthlyReport.State.APPROVED
    )
    MonthlyReport.objects.create(unit=culture, year=2026, month=8)  # a draft
    past = ActivityFactory(
        unit=culture,
        title="Lovteater i Malmköping",
        status=Status.PLANNED,
        date=datetime.date(2026, 12, 1),
    )
    future = ActivityFactory(
        unit=culture, title="Julkonsert", status=Status.PLANNED, date=datetime.date(2026, 12, 20)
    )
    done = ActivityFactory(
        unit=culture, title="Genomförd sagostund", date=datetime.date(2026, 11, 3)
    )
    library = ActivityFactory(
        unit=tree["library"],
        title="Bokcirkel",
        status=Status.PLANNED,
        date=datetime.date(2026, 11, 30),
    )
    return {"past": past, "future": future, "done": done, "library": library}


def _mails(server) -> dict[str, dict]:
    return {item["to"][0]: item for item in server.messages}


def test_managers_and_staff_get_swedish_reminders(smtp, world, people, capsys):
    call_command("send_reminders", date="2026-12-10")
    mails = _mails(smtp)
    assert set(mails) == {
        "chef@flen.example.se",
        "medarbetare@flen.example.se",
        "chef-bibliotek@flen.example.se",
    }
    manager = mails["chef@flen.example.se"]["message"]
    assert manager["From"] == "Kulturplan <kulturplan@flen.example.se>"
    assert "månadsrapporter" in manager["Subject"]
    body = manager.get_content()
    assert body.startswith("Hej Karin Lindqvist!")
    assert "Månadsrapporterna för de här månaderna är inte inskickade:" in body
    # November is due from 10 December; August is a draft; September/October are handed in.
    assert "- Kulturenheten, november 2026: https://kulturplan.flen.example.se" in body
    assert "/uppfoljning/kulturenheten/vepaq/2026/11/" in body
    assert "augusti 2026" in body and "december 2025" in body
    assert "oktober 2026" not in body and "september 2026" not in body
    assert "november 2025" not in body  # more than twelve months back

    staff = mails["medarbetare@flen.example.se"]["message"]
    text = staff.get_content()
    assert staff["Subject"] == "Kulturplan: planerade aktiviteter vars datum har passerat"
    assert text.startswith("Hej Jonas Berg!")
    assert "1 planerad aktivitet har ett datum som har passerat." in text
    past = world["past"]
    assert (
        f"- 2026-12-01 Lovteater i Malmköping (Kulturenheten): "
        f"https://kulturplan.flen.example.se/aktiviteter/{past.pk}/genomford/"
    ) in text
    assert "Julkonsert" not in text and "Genomförd sagostund" not in text
    assert "Bokcirkel" not in text  # another unit's
    # The manager logs activities too, so the manager's e-mail names the past one as well.
    assert "Lovteater i Malmköping" in body
    # The viewer and the administrator are not reminded.
    out = capsys.readouterr().out
    assert "3 påminnelser skickade den 2026-12-10" in out


def test_a_month_is_due_only_from_the_due_day(smtp, world, settings):
    call_command("send_reminders", date="2026-12-09")
    body = _mails(smtp)["chef@flen.example.se"]["message"].get_content()
    assert "november 2026" not in body and "augusti 2026" in body
    settings.REMINDER_REPORT_DUE_DAY = 5
    assert report_due_date(year=2026, month=11) == datetime.date(2026, 12, 5)
    assert (2026, 11) in overdue_months(today=datetime.date(2026, 12, 9))
    smtp.messages.clear()
    call_command("send_reminders", date="2026-12-09")
    body = _mails(smtp)["chef@flen.example.se"]["message"].get_content()
    assert "november 2026" in body


def test_nothing_due_sends_nothing(smtp, tree, people, capsys):
    call_command("send_reminders", date="2026-12-10")
    # Managers still have the year's missing reports; with every report handed in and no
    # planned activities in the past, nobody gets an e-mail.
    smtp.messages.clear()
    for year, month in overdue_months(today=datetime.date(2026, 12, 10)):
        for unit in (tree["culture"], tree["library"]):
            MonthlyReport.objects.create(
                unit=unit, year=year, month=month, state=MonthlyReport.State.SUBMITTED
            )
    call_command("send_reminders", date="2026-12-10")
    assert smtp.messages == []
    assert "0 påminnelser" in capsys.readouterr().out


def test_a_bad_date_or_an_unreachable_server_fails_loudly(settings, world):
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        call_command("send_reminders", date="10/12/2026")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with pytest.raises(CommandError, match="E-posten kunde inte skickas"):
        call_command("send_reminders", date="2026-12-10")


def test_email_settings_come_from_the_environment():
    env = {
        **os.environ,
        "EMAIL_HOST": "smtp.flen.example.se",
        "EMAIL_PORT": "587",
        "EMAIL_HOST_USER": "kulturplan",
        "EMAIL_HOST_PASSWORD": "hemligt",
        "EMAIL_USE_TLS": "1",
        "DEFAULT_FROM_EMAIL": "Kulturplan <noreply@flen.example.se>",
        "REMINDER_REPORT_DUE_DAY": "12",
        "DJANGO_SETTINGS_MODULE": "kulturplan.settings",
    }
    code = (
        "from django.conf import settings as s;"
        "print(s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD,"
        " s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL, s.REMINDER_REPORT_DUE_DAY, s.EMAIL_BACKEND)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == (
        "smtp.flen.example.se 587 kulturplan hemligt True Kulturplan <noreply@flen.example.se> "
        "12 django.core.mail.backends.smtp.EmailBackend"
    )
