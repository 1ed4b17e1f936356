"""SAML 2.0 sign-in end to end against a real pysaml2 identity provider on 127.0.0.1.

Kulturplan (djangosaml2) runs as live_server and loads the IdP's metadata over HTTP; the IdP
loads Kulturplan's metadata from /konto/saml/metadata/. An HTTP client plays the browser:
the HTTP-Redirect binding carries the signed AuthnRequest to the IdP, the HTTP-POST binding
carries the IdP's signed Response back to the assertion consumer service. Signatures are
made and checked by xmlsec1. Nothing is mocked.
"""

import base64
import re
import shutil

import pytest
from django.contrib.auth import get_user_model

from culture_plan.models import Membership, Role
from tests.factories import MembershipFactory, UserFactory
from tests.sso.conftest import submit_form
from tests.sso.saml_idp import SamlIdP, self_signed

pytestmark = pytest.mark.django_db(transaction=True)

ACCOUNTS = {
    "anna": {"mail": ["ANNA.Svensson@Flen.se"], "uid": ["annasv"], "givenName": ["Anna"]},
    "bo": {"mail": ["bo.privat@example.org"], "uid": ["BO.Lind"], "givenName": ["Bo"]},
    "okand": {"mail": ["okand@flen.se"], "uid": ["okand"], "givenName": ["Okänd"]},
}


@pytest.fixture
def saml_idp(live_server, settings, plain_http_cookies, tmp_path, browser_like):
    if shutil.which("xmlsec1") is None:
        pytest.fail("xmlsec1 is needed (apt-get install xmlsec1)")
    idp = SamlIdP(tmp_path, ACCOUNTS).start()
    sp_key, sp_cert = self_signed(tmp_path, "sp")
    settings.SAML_ENABLED = True
    settings.SAML_SP_ENTITY_ID = f"{live_server.url}/konto/saml/metadata/"
    settings.SAML_IDP_METADATA_URL = idp.metadata_url
    settings.SAML_SP_KEY_FILE = str(sp_key)
    settings.SAML_SP_CERT_FILE = str(sp_cert)
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "accounts.backends.MunicipalSAMLBackend",
    ]
    metadata = browser_like.get(f"{live_server.url}/konto/saml/metadata/")
    assert metadata.status_code == 200, metadata.text
    idp.trust_sp(metadata.content)
    yield idp
    idp.stop()


@pytest.fixture
def people(tree):
    anna = UserFactory(
        username="asvensson", email="anna.svensson@flen.se", first_name="Anna", last_name="Svensson"
    )
    MembershipFactory(user=anna, unit=tree["culture"], role=Role.MANAGER)
    bo = UserFactory(username="bo.lind", email="bo.lind@flen.se", first_name="Bo", last_name="Lind")
    MembershipFactory(user=bo, unit=tree["culture"], role=Role.STAFF)
    return {"anna": anna, "bo": bo}


def sign_in_at_idp(client, idp, start_url, account):
    idp_page = client.get(start_url)
    assert str(idp_page.url).startswith(f"{idp.base}/sso/redirect?SAMLRequest="), idp_page.url
    post_binding = submit_form(client, idp_page, account=account)
    assert post_binding.status_code == 200, post_binding.text
    assert 'name="SAMLResponse"' in post_binding.text
    return submit_form(client, post_binding)  # the browser posts it to Kulturplan's ACS


def test_metadata_names_the_assertion_consumer_service(saml_idp, live_server, browser_like):
    metadata = browser_like.get(f"{live_server.url}/konto/saml/metadata/").text
    assert f'Location="{live_server.url}/konto/saml/acs/"' in metadata
    assert 'AuthnRequestsSigned="true"' in metadata
    assert 'WantAssertionsSigned="true"' in metadata


def test_a_known_person_arrives_matched_by_email(saml_idp, live_server, people, browser_like):
    users_before = get_user_model().objects.count()
    final = sign_in_at_idp(
        browser_like,
        saml_idp,
        f"{live_server.url}/konto/saml/logga-in/?next=/aktiviteter/",
        "anna",
    )
    assert final.status_code == 200, final.text[:1000]
    assert str(final.url) == f"{live_server.url}/aktiviteter/"
    assert "Anna Svensson" in final.text
    # The SP's request was signed (Redirect binding: SigAlg and Signature in the query) and
    # the IdP, which requires signed requests, checked it against the SP's metadata.
    _message, query = saml_idp.requests_seen[-1]
    assert query["SigAlg"] and query["Signature"]
    assert saml_idp.refused == []
    assert get_user_model().objects.count() == users_before
    anna = get_user_model().objects.get(username="asvensson")
    assert anna.email == "anna.svensson@flen.se"
    assert list(Membership.objects.filter(user=anna).values_list("role", flat=True)) == [
        Role.MANAGER
    ]


def test_a_known_person_arrives_matched_by_username(saml_idp, live_server, people, browser_like):
    final = sign_in_at_idp(browser_like, saml_idp, f"{live_server.url}/konto/saml/logga-in/", "bo")
    assert final.status_code == 200, final.text[:1000]
    assert "Bo Lind" in final.text


def test_an_unknown_person_gets_no_access_and_no_user(saml_idp, live_server, people, browser_like):
    users_before = get_user_model().objects.count()
    final = sign_in_at_idp(
        browser_like, saml_idp, f"{live_server.url}/konto/saml/logga-in/", "okand"
    )
    assert final.status_code == 403
    assert "Ingen åtkomst till Kulturplan" in final.text
    assert get_user_model().objects.count() == users_before
    home = browser_like.get(f"{live_server.url}/")
    assert "/konto/logga-in/" in str(home.url)


def test_a_tampered_response_is_refused(saml_idp, live_server, people, browser_like):
    idp_page = browser_like.get(f"{live_server.url}/konto/saml/logga-in/")
    post_binding = submit_form(browser_like, idp_page, account="okand")
    encoded = re.search(r'name="SAMLResponse" value="([^"]+)"', post_binding.text).group(1)
    xml = base64.b64decode(encoded).decode()
    assert "okand@flen.se" in xml
    # Someone edits the signed answer to become Anna.
    forged = base64.b64encode(xml.replace("okand@flen.se", "anna.svensson@flen.se").encode())
    response = browser_like.post(
        f"{live_server.url}/konto/saml/acs/", data={"SAMLResponse": forged.decode()}
    )
    assert response.status_code == 403
    assert "Inloggningen misslyckades" in response.text
    assert "Anna Svensson" not in response.text
    assert "/konto/logga-in/" in str(browser_like.get(f"{live_server.url}/").url)
    # The untouched answer is accepted (and names a person Kulturplan does not know): only the
    # edit made the signature fail.
    untouched = browser_like.post(
        f"{live_server.url}/konto/saml/acs/", data={"SAMLResponse": encoded}
    )
    assert untouched.status_code == 403
    assert "Ingen åtkomst till Kulturplan" in untouched.text


def test_next_cannot_send_the_person_to_another_site(saml_idp, live_server, people, browser_like):
    start = f"{live_server.url}/konto/saml/logga-in/?next=http://127.0.0.2:9/stolen"
    final = sign_in_at_idp(browser_like, saml_idp, start, "anna")
    assert final.status_code == 200, final.text[:500]
    assert str(final.url).startswith(live_server.url)
    assert "Anna Svensson" in final.text
