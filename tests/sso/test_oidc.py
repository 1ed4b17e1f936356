"""OpenID Connect sign-in end to end against a real identity provider (npm oidc-provider).

The provider runs in node on 127.0.0.1 (tests/sso/oidc_idp.mjs); Kulturplan runs as
live_server; an HTTP client plays the browser through the authorization-code flow with PKCE:
Kulturplan → the provider's sign-in and consent pages → Kulturplan's callback, which fetches
the tokens and the userinfo from the provider over HTTP and checks the ID token's signature
against the provider's JWKS. Nothing is mocked.
"""

import json
import os
import shutil
import subprocess
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model

from culture_plan.models import Membership, Role
from tests.factories import MembershipFactory, UserFactory
from tests.sso.conftest import free_port, submit_form

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("oidc_idp.mjs")
ACCOUNTS = {
    # Known by e-mail (spelt differently from the app's).
    "anna": {"email": "ANNA.Svensson@Flen.se", "preferred_username": "annasv", "name": "Anna"},
    # Known by username only (the IdP's address is not the one in the app).
    "bo": {"email": "bo.privat@example.org", "preferred_username": "BO.Lind", "name": "Bo"},
    # Not a Kulturplan user.
    "okand": {"email": "okand@flen.se", "preferred_username": "okand", "name": "Okänd"},
}


@pytest.fixture
def oidc_provider(live_server, settings, plain_http_cookies):
    if shutil.which("node") is None or not (ROOT / "node_modules" / "oidc-provider").exists():
        pytest.fail("node and node_modules/oidc-provider are needed (npm ci)")
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    callback = f"{live_server.url}/konto/oidc/callback/"
    env = {
        **os.environ,
        "PORT": str(port),
        "CLIENT_ID": "kulturplan",
        "CLIENT_SECRET": "test-only-client-secret",
        "REDIRECT_URI": callback,
        "ACCOUNTS": json.dumps(ACCOUNTS),
    }
    process = subprocess.Popen(
        ["node", str(SCRIPT)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    ready = threading.Event()
    lines: list[str] = []

    def read():
        for line in process.stdout:
            lines.append(line)
            if line.startswith("ready"):
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(20):
        process.kill()
        pytest.fail(f"oidc-provider did not start: {lines} {process.stderr.read()}")
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "kulturplan"
    settings.OIDC_RP_CLIENT_SECRET = "test-only-client-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{issuer}/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{issuer}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{issuer}/me"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{issuer}/jwks"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "accounts.backends.MunicipalOIDCBackend",
    ]
    yield {"issuer": issuer}
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def people(tree):
    anna = UserFactory(
        username="asvensson", email="anna.svensson@flen.se", first_name="Anna", last_name="Svensson"
    )
    MembershipFactory(user=anna, unit=tree["culture"], role=Role.MANAGER)
    bo = UserFactory(username="bo.lind", email="bo.lind@flen.se", first_name="Bo", last_name="Lind")
    MembershipFactory(user=bo, unit=tree["culture"], role=Role.STAFF)
    return {"anna": anna, "bo": bo}


def sign_in_at_provider(client, start_url, account):
    """Press "Logga in med kommunens konto", sign in and consent at the provider."""
    login_page = client.get(start_url)
    assert login_page.url.host == "127.0.0.1", login_page.url
    assert 'name="login"' in login_page.text
    consent_page = submit_form(client, login_page, login=account, password="any")
    if 'name="prompt" value="consent"' in consent_page.text:
        return submit_form(client, consent_page)
    return consent_page


def test_login_page_button_starts_the_flow(oidc_provider, live_server, browser_like):
    page = browser_like.get(f"{live_server.url}/konto/logga-in/")
    assert "Logga in med kommunens konto" in page.text
    start = browser_like.get(f"{live_server.url}/konto/oidc/logga-in/", follow_redirects=False)
    assert start.status_code == 302
    location = urlparse(start.headers["location"])
    assert f"{location.scheme}://{location.netloc}" == oidc_provider["issuer"]
    assert "code_challenge=" in location.query and "state=" in location.query


def test_a_known_person_arrives_matched_by_email(oidc_provider, live_server, people, browser_like):
    users_before = get_user_model().objects.count()
    start = f"{live_server.url}/konto/oidc/logga-in/?next=/aktiviteter/"
    final = sign_in_at_provider(browser_like, start, "anna")
    assert final.status_code == 200, final.text[:500]
    assert str(final.url) == f"{live_server.url}/aktiviteter/"
    assert "Anna Svensson" in final.text  # the header names the signed-in user
    assert "no-store" in final.headers["cache-control"]
    # Nobody was created, nothing about the user changed; roles are the app's.
    assert get_user_model().objects.count() == users_before
    anna = get_user_model().objects.get(username="asvensson")
    assert anna.email == "anna.svensson@flen.se"
    assert list(Membership.objects.filter(user=anna).values_list("role", flat=True)) == [
        Role.MANAGER
    ]


def test_a_known_person_arrives_matched_by_username(
    oidc_provider, live_server, people, browser_like
):
    final = sign_in_at_provider(browser_like, f"{live_server.url}/konto/oidc/logga-in/", "bo")
    assert final.status_code == 200
    assert str(final.url).rstrip("/") == live_server.url
    assert "Bo Lind" in final.text


def test_an_unknown_person_gets_no_access_and_no_user(
    oidc_provider, live_server, people, browser_like
):
    users_before = get_user_model().objects.count()
    final = sign_in_at_provider(browser_like, f"{live_server.url}/konto/oidc/logga-in/", "okand")
    assert final.status_code == 403
    assert str(final.url) == f"{live_server.url}/konto/ingen-atkomst/"
    assert "Ingen åtkomst till Kulturplan" in final.text
    assert get_user_model().objects.count() == users_before
    assert not get_user_model().objects.filter(email__iexact="okand@flen.se").exists()
    # Still not signed in.
    home = browser_like.get(f"{live_server.url}/")
    assert "/konto/logga-in/" in str(home.url)


def test_a_forged_callback_signs_nobody_in(oidc_provider, live_server, people, browser_like):
    browser_like.get(f"{live_server.url}/konto/oidc/logga-in/", follow_redirects=False)
    forged = browser_like.get(f"{live_server.url}/konto/oidc/callback/?code=made-up&state=made-up")
    assert "/konto/logga-in/" in str(browser_like.get(f"{live_server.url}/").url)
    assert forged.status_code in (400, 403)


def test_next_cannot_send_the_person_to_another_site(
    oidc_provider, live_server, people, browser_like
):
    # A loopback address that is not Kulturplan's: following it would fail the test loudly.
    start = f"{live_server.url}/konto/oidc/logga-in/?next=http://127.0.0.2:9/stolen"
    final = sign_in_at_provider(browser_like, start, "anna")
    assert final.status_code == 200
    assert str(final.url).rstrip("/") == live_server.url
