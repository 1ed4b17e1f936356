"""Sign-in rules (DESIGN: Trust): throttling, sessions, no-store, the SSO switches."""

import datetime
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from accounts.matching import match_user
from tests.factories import UserFactory
from tests.test_settings import PRODUCTION, production_key, run, settings_in_subprocess
from tests.test_url_permissions import PERSONAL, URL_ARGUMENTS

PASSWORD = "losenord-123"
LOGIN = "/konto/logga-in/"


def sign_in(client, username, password, address="10.1.2.3"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


@pytest.mark.django_db
def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, users):
    """The finding: 30 wrong passwords, then the right one signed in."""
    for _ in range(30):
        sign_in(client, "chef", "fel-losenord")
    response = sign_in(client, "chef", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    page = response.content.decode()
    assert "Inloggningen är spärrad en stund" in page
    assert "15 minuter" in page


@pytest.mark.django_db
def test_five_failures_lock_the_username_from_that_address_for_fifteen_minutes(client, users):
    for attempt in range(4):
        response = sign_in(client, "chef", "fel")
        assert response.status_code == 200, attempt
        assert "Ange ett korrekt användarnamn och lösenord" in response.content.decode()
    # The fifth failure locks; the right password is refused while locked.
    assert sign_in(client, "chef", "fel").status_code == 429
    assert sign_in(client, "chef", PASSWORD).status_code == 429
    assert not signed_in(client)
    # Logged: one attempt row for the pair, with its failures.
    attempt = AccessAttempt.objects.get(username="chef", ip_address="10.1.2.3")
    assert attempt.failures_since_start == 5

    # Another person from the same address, and the same person from another, still sign in.
    client.post(reverse("logout"))
    assert sign_in(client, "medarbetare", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    assert sign_in(client, "chef", PASSWORD, address="10.9.9.9").status_code == 302
    client.post(reverse("logout"))

    # Fifteen minutes after the last failure the lock is gone.
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=15, seconds=5)
    )
    response = sign_in(client, "chef", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_lockout_is_shown_in_swedish_with_a_way_back(client, users):
    for _ in range(5):
        sign_in(client, "chef", "fel")
    response = sign_in(client, "chef", "fel")
    assert response.status_code == 429
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert "<h1>Inloggningen är spärrad en stund</h1>" in page
    assert "Lösenordet blev fel 5 gånger i rad." in page
    assert f'href="{LOGIN}"' in page


@pytest.mark.django_db
def test_a_right_password_resets_the_count(client, users):
    for _ in range(4):
        sign_in(client, "chef", "fel")
    assert sign_in(client, "chef", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        assert sign_in(client, "chef", "fel").status_code == 200
    assert sign_in(client, "chef", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_test_client_login_and_force_login_still_work(client, users):
    """Code that authenticates without a request (the test client, the shell) is not throttled
    (there is no address) and is not broken by axes."""
    assert client.login(username="chef", password=PASSWORD)
    client.logout()
    client.force_login(users["manager"])
    assert client.get(reverse("home")).status_code == 200


def test_session_settings():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


@pytest.mark.django_db
def test_the_session_cookie_ends_with_the_browser(client, users):
    response = sign_in(client, "chef", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""


@pytest.mark.django_db
def test_a_session_ends_after_eight_hours_without_a_request(client, users):
    assert sign_in(client, "chef", PASSWORD).status_code == 302
    start = timezone.now()

    def at(delta):
        return mock.patch("django.utils.timezone.now", return_value=start + delta)

    # Each request moves the 8 hours on: 7 h later, and 7 h after that, still signed in.
    with at(datetime.timedelta(hours=7)):
        assert client.get(reverse("home")).status_code == 200
    with at(datetime.timedelta(hours=14)):
        assert client.get(reverse("home")).status_code == 200
    # 8 hours and a minute after the last request: signed out.
    with at(datetime.timedelta(hours=22, minutes=1)):
        response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_signed_in_pages_are_no_store(client, users):
    client.force_login(users["manager"])
    for name in sorted(PERSONAL - {"logout"}):
        response = client.get(reverse(name, kwargs=URL_ARGUMENTS[name]({})))
        assert response.status_code == 200, name
        assert "no-store" in response["Cache-Control"], name
        assert "private" in response["Cache-Control"], name


@pytest.mark.django_db
def test_single_sign_on_is_off_by_default(client):
    assert settings.OIDC_ENABLED is False
    assert settings.SAML_ENABLED is False
    page = client.get(LOGIN).content.decode()
    assert "Logga in med kommunens konto" not in page
    for name in ("oidc_login", "oidc_callback", "saml_login", "saml_acs", "saml_metadata"):
        assert client.get(reverse(f"accounts:{name}")).status_code == 404, name


@pytest.mark.django_db
def test_login_page_offers_the_municipal_account_when_switched_on(client, settings):
    settings.OIDC_ENABLED = True
    page = client.get(LOGIN + "?next=/aktiviteter/").content.decode()
    assert page.count("Logga in med kommunens konto") == 1
    assert 'href="/konto/oidc/logga-in/?next=/aktiviteter/"' in page
    settings.SAML_ENABLED = True
    page = client.get(LOGIN).content.decode()
    assert "Logga in med kommunens konto (OpenID Connect)" in page
    assert "Logga in med kommunens konto (SAML)" in page
    # The password form still works beside them.
    assert 'name="password"' in page


@pytest.mark.django_db
def test_no_access_page_is_swedish(client):
    response = client.get(reverse("accounts:no_access"))
    assert response.status_code == 403
    assert "Ingen åtkomst till Kulturplan" in response.content.decode()


@pytest.mark.django_db
def test_matching_by_email_or_username_case_insensitively(db):
    anna = UserFactory(username="anna.s", email="Anna.Svensson@Flen.se")
    bo = UserFactory(username="BoL", email="")
    UserFactory(username="inaktiv", email="inaktiv@flen.se", is_active=False)
    UserFactory(username="dubbel1", email="delad@flen.se")
    UserFactory(username="dubbel2", email="delad@flen.se")
    assert match_user(email="anna.svensson@flen.se", username=None) == anna
    assert match_user(email="ANNA.SVENSSON@FLEN.SE", username="nobody") == anna
    assert match_user(email="unknown@flen.se", username="bol") == bo
    assert match_user(email=None, username="  BOL ") == bo
    assert match_user(email="inaktiv@flen.se", username="inaktiv") is None
    # A shared address names nobody; the username may still name the one.
    assert match_user(email="delad@flen.se", username=None) is None
    assert match_user(email="delad@flen.se", username="dubbel2").username == "dubbel2"
    assert match_user(email="", username="") is None


def test_environment_switches_single_sign_on_on():
    sso = {
        "OIDC_RP_CLIENT_ID": "kulturplan",
        "OIDC_RP_CLIENT_SECRET": "secret",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example.se/authorize",
        "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example.se/token",
        "OIDC_OP_USER_ENDPOINT": "https://idp.example.se/userinfo",
        "OIDC_OP_JWKS_ENDPOINT": "https://idp.example.se/jwks",
        "SAML_SP_ENTITY_ID": "https://kulturplan.example.se/konto/saml/metadata/",
        "SAML_IDP_METADATA_URL": "https://federation.example.se/metadata.xml",
        "AXES_PROXY_COUNT": "1",
    }
    values = settings_in_subprocess(
        "OIDC_ENABLED",
        "SAML_ENABLED",
        "AUTHENTICATION_BACKENDS",
        "AXES_IPWARE_PROXY_COUNT",
        "AXES_IPWARE_META_PRECEDENCE_ORDER",
        SECRET_KEY=production_key(),
        **PRODUCTION,
        **sso,
    )
    assert values["OIDC_ENABLED"] is True and values["SAML_ENABLED"] is True
    assert values["AUTHENTICATION_BACKENDS"] == [
        "accounts.backends.ThrottlingBackend",
        "django.contrib.auth.backends.ModelBackend",
        "accounts.backends.MunicipalOIDCBackend",
        "accounts.backends.MunicipalSAMLBackend",
    ]
    assert values["AXES_IPWARE_PROXY_COUNT"] == 1
    assert values["AXES_IPWARE_META_PRECEDENCE_ORDER"][0] == "HTTP_X_FORWARDED_FOR"
    # The deployment checks stay clean with single sign-on on.
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY=production_key(),
        **PRODUCTION,
        **sso,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
