"""Signing in and out as a person would, on a phone-sized screen."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_and_out_on_a_phone(phone, live_server, login, users):
    login(phone, "chef")
    assert phone.url.rstrip("/") == live_server.url
    assert phone.locator("main h1").count() == 1
    screenshot(phone, "home-chef-phone")
    phone.get_by_role("button", name="Logga ut").click()
    assert "/konto/logga-in/" in phone.url


def test_wrong_password_says_so_in_swedish(phone, live_server, login, users):
    login(phone, "chef", password="fel")
    assert "/konto/logga-in/" in phone.url
    assert "Ange ett korrekt användarnamn och lösenord" in phone.content()
