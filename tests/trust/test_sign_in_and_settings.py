"""Issue 21's other holes: a sign-in ceiling per account across addresses, `check --deploy`
on a half-configured single sign-on, and EMAIL_BACKEND from the environment."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.checks import run_checks
from django.utils import timezone

from accounts.checks import oidc_missing, saml_missing
from tests.test_settings import PRODUCTION, production_key, run, settings_in_subprocess

PASSWORD = "losenord-123"
LOGIN = "/konto/logga-in/"


def sign_in(client, username, password, address):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


# --- the ceiling per account -----------------------------------------------------------------


@pytest.mark.django_db
def test_many_addresses_guessing_one_account_are_stopped(client, users, settings):
    """Four wrong passwords from each of five addresses stay under the per-address lock (5),
    but reach the account's ceiling (20): then the right password is refused from a new
    address too, and other accounts are not affected."""
    settings.AXES_ACCOUNT_FAILURE_LIMIT = 20
    for index in range(5):
        for _ in range(4):
            assert sign_in(client, "chef", "fel", f"198.51.100.{index}").status_code == 200
    response = sign_in(client, "chef", PASSWORD, "203.0.113.7")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    assert "Inloggningen är spärrad en stund" in response.content.decode()
    assert sign_in(client, "medarbetare", PASSWORD, "203.0.113.7").status_code == 302


@pytest.mark.django_db
def test_under_the_ceiling_the_right_password_works(client, users, settings):
    settings.AXES_ACCOUNT_FAILURE_LIMIT = 20
    for index in range(19):
        sign_in(client, "chef", "fel", f"198.51.100.{index}")
    assert sign_in(client, "chef", PASSWORD, "203.0.113.7").status_code == 302


@pytest.mark.django_db
def test_the_ceiling_lifts_after_the_cool_off(client, users, settings):
    settings.AXES_ACCOUNT_FAILURE_LIMIT = 20
    for index in range(20):
        sign_in(client, "chef", "fel", f"198.51.100.{index}")
    assert sign_in(client, "chef", PASSWORD, "203.0.113.7").status_code == 429
    AccessAttempt.objects.filter(username="chef").update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=15, seconds=5)
    )
    assert sign_in(client, "chef", PASSWORD, "203.0.113.8").status_code == 302


def test_the_ceiling_is_a_setting_from_the_environment():
    values = settings_in_subprocess(
        "AXES_ACCOUNT_FAILURE_LIMIT", "AXES_HANDLER", AXES_ACCOUNT_FAILURE_LIMIT="50", DEBUG="1"
    )
    assert values == {
        "AXES_ACCOUNT_FAILURE_LIMIT": 50,
        "AXES_HANDLER": "accounts.lockout.AccountCeilingHandler",
    }


# --- check --deploy and single sign-on -------------------------------------------------------


def test_half_configured_oidc_names_what_is_missing(settings):
    settings.OIDC_RP_CLIENT_ID = "kulturplan"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example.se/authorize"
    assert oidc_missing() == [
        "OIDC_RP_CLIENT_SECRET",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
    ]
    errors = [error for error in run_checks(include_deployment_checks=True) if error.id]
    [error] = [error for error in errors if error.id == "accounts.E001"]
    assert "OIDC_RP_CLIENT_SECRET" in error.msg and "OIDC_OP_JWKS_ENDPOINT" in error.msg
    settings.OIDC_RP_SIGN_ALGO = "HS256"  # signed with the client secret: no JWKS needed
    assert "OIDC_OP_JWKS_ENDPOINT" not in oidc_missing()


def test_half_configured_saml_names_what_is_missing(settings):
    settings.SAML_SP_KEY_FILE = "/etc/kulturplan/sp.key"
    assert saml_missing() == [
        "SAML_SP_ENTITY_ID",
        "SAML_IDP_METADATA_URL eller SAML_IDP_METADATA_FILE",
        "SAML_SP_CERT_FILE",
    ]
    settings.SAML_SP_ENTITY_ID = "https://kulturplan.example.se/konto/saml/metadata/"
    settings.SAML_IDP_METADATA_FILE = "/etc/kulturplan/idp.xml"
    settings.SAML_SP_CERT_FILE = "/etc/kulturplan/sp.crt"
    assert saml_missing() == []


def test_nothing_set_is_no_error(settings):
    assert oidc_missing() == [] and saml_missing() == []


def test_check_deploy_fails_on_half_configured_single_sign_on():
    result = run(
        ["manage.py", "check", "--deploy"],
        SECRET_KEY=production_key(),
        **PRODUCTION,
        OIDC_RP_CLIENT_ID="kulturplan",
        SAML_IDP_METADATA_URL="https://federation.example.se/metadata.xml",
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "accounts.E001" in output and "OIDC_RP_CLIENT_SECRET" in output
    assert "accounts.E002" in output and "SAML_SP_ENTITY_ID" in output


# --- EMAIL_BACKEND ---------------------------------------------------------------------------


def test_email_backend_comes_from_the_environment():
    default = settings_in_subprocess("EMAIL_BACKEND", DEBUG="1")
    assert default["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    chosen = settings_in_subprocess(
        "EMAIL_BACKEND", DEBUG="1", EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"
    )
    assert chosen["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_tests_use_the_in_memory_backend():
    mail.send_mail("Ämne", "Text", "a@example.se", ["b@example.se"])
    assert len(mail.outbox) == 1
