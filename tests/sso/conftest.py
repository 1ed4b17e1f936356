"""Helpers for the single sign-on tests: real identity providers on 127.0.0.1."""

import socket
from urllib.parse import urljoin

import httpx
import lxml.html
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def submit_form(client: httpx.Client, response: httpx.Response, **values) -> httpx.Response:
    """Submit the page's only form as a browser would (hidden fields kept, `values` typed)."""
    page = lxml.html.fromstring(response.text)
    forms = page.forms
    assert len(forms) == 1, response.text[:2000]
    form = forms[0]
    data = {
        field.name: field.value or ""
        for field in form.inputs
        if field.name and getattr(field, "type", "") != "submit"
    }
    data.update(values)
    action = urljoin(str(response.url), form.action or str(response.url))
    return client.request((form.method or "GET").upper(), action, data=data)


@pytest.fixture
def browser_like():
    """An HTTP client that keeps cookies and follows redirects, like a browser without JS."""
    with httpx.Client(follow_redirects=True, timeout=30) as client:
        yield client


@pytest.fixture
def plain_http_cookies(settings):
    """live_server speaks plain HTTP; production's Secure cookies would not be sent back."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
