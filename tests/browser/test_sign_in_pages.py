"""The sign-in pages as a person sees them: the lockout after five wrong passwords, the login
page with the municipal-account button, the no-access page; phone and desktop, accessible."""

import pytest

from tests.browser.a11y import low_contrast, markup_problems, page_problems
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def problems(page, html):
    """As the accessibility sweep checks pages; a signed-out page has no menu (<nav>)."""
    found = page_problems(page) + low_contrast(page) + markup_problems(html)
    return [problem for problem in found if problem != "no <nav>"]


def test_five_wrong_passwords_lock_and_say_so_in_swedish(phone, live_server, login, users):
    for _ in range(5):
        login(phone, "chef", password="fel")
    assert "Inloggningen är spärrad en stund" in phone.content()
    # Back to the form, and the right password, while locked.
    phone.get_by_role("link", name="Till inloggningen").click()
    phone.get_by_label("Användarnamn").fill("chef")
    phone.get_by_label("Lösenord").fill("losenord-123")
    with phone.expect_response(lambda r: r.request.method == "POST") as answer:
        phone.get_by_role("button", name="Logga in").click()
    assert answer.value.status == 429
    assert "/konto/logga-in/" in phone.url
    heading = phone.locator("main h1")
    assert heading.inner_text() == "Inloggningen är spärrad en stund"
    assert phone.get_by_role("alert").count() == 1
    screenshot(phone, "lockout-phone")
    assert problems(phone, answer.value.text()) == []
    # Another person signs in through the same form.
    login(phone, "medarbetare")
    assert phone.url.rstrip("/") == live_server.url


def test_login_page_with_single_sign_on(desktop, phone, live_server, settings):
    settings.OIDC_ENABLED = True
    for page, name in ((desktop, "desktop"), (phone, "phone")):
        response = page.goto(f"{live_server.url}/konto/logga-in/")
        button = page.get_by_role("link", name="Logga in med kommunens konto")
        assert button.count() == 1
        assert page.get_by_role("button", name="Logga in").count() == 1
        screenshot(page, f"login-sso-{name}")
        assert problems(page, response.text()) == []


def test_no_access_page(phone, live_server):
    response = phone.goto(f"{live_server.url}/konto/ingen-atkomst/")
    assert response.status == 403
    assert phone.locator("main h1").inner_text() == "Ingen åtkomst till Kulturplan"
    screenshot(phone, "no-access-phone")
    assert problems(phone, response.text()) == []
