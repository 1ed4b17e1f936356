"""A real SAML 2.0 identity provider for the SSO tests, built on pysaml2's Server.

It runs an HTTP server on 127.0.0.1 in a thread, with a self-signed key made for the test
(`cryptography`), and signs with xmlsec1 as production IdPs do:

- GET  /metadata       its metadata (the SP loads it over HTTP: SAML_IDP_METADATA_URL);
- GET  /sso/redirect   the HTTP-Redirect binding: decodes and checks the SP's AuthnRequest,
                       answers a sign-in form;
- POST /sso/login      the person "signs in" (an account id of `accounts`); answers the
                       HTTP-POST binding: a form that posts the signed Response to the SP's
                       assertion consumer service (taken from the SP's metadata, not the
                       request), as a browser would submit it.
"""

from __future__ import annotations

import datetime
import html
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_TRANSIENT, NAMEID_FORMAT_UNSPECIFIED
from saml2.server import Server

XMLSEC = "/usr/bin/xmlsec1"


def self_signed(directory: Path, name: str) -> tuple[Path, Path]:
    """A throwaway RSA key and certificate (PEM files) for `name`."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = directory / f"{name}.key", directory / f"{name}.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


class SamlIdP:
    def __init__(self, directory: Path, accounts: dict[str, dict[str, list[str]]]):
        self.directory = directory
        self.accounts = accounts
        self.key_file, self.cert_file = self_signed(directory, "idp")
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.metadata_url = f"{self.base}/metadata"
        self.server: Server | None = None
        self.requests_seen: list = []
        self.refused: list = []
        self.pending: dict = {}
        self.metadata_xml = create_metadata_string(None, config=self._config(None))

    def _config(self, sp_metadata_file: Path | None) -> IdPConfig:
        conf = {
            "entityid": self.metadata_url,
            "xmlsec_binary": XMLSEC,
            "key_file": str(self.key_file),
            "cert_file": str(self.cert_file),
            "service": {
                "idp": {
                    "name": "Kommunens test-IdP",
                    # Redirect-binding requests must carry a valid signature (SigAlg, Signature).
                    "want_authn_requests_signed": True,
                    "endpoints": {
                        "single_sign_on_service": [
                            (f"{self.base}/sso/redirect", BINDING_HTTP_REDIRECT),
                        ],
                    },
                    "name_id_format": [NAMEID_FORMAT_TRANSIENT, NAMEID_FORMAT_UNSPECIFIED],
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": 15},
                            "attribute_restrictions": None,
                            "name_form": NAME_FORMAT_URI,
                        }
                    },
                }
            },
            "metadata": {"local": [str(sp_metadata_file)]} if sp_metadata_file else {},
        }
        config = IdPConfig()
        config.load(conf)
        return config

    def trust_sp(self, sp_metadata: bytes) -> None:
        """Load the service provider's metadata (fetched from Kulturplan over HTTP)."""
        path = self.directory / "sp-metadata.xml"
        path.write_bytes(sp_metadata)
        self.server = Server(config=self._config(path))

    def start(self) -> SamlIdP:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # The HTTP side.
    def _handler(self):
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(self, status, body: bytes, content_type="text/html; charset=utf-8"):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                url = urlparse(self.path)
                if url.path == "/metadata":
                    return self._send(200, idp.metadata_xml, "application/samlmetadata+xml")
                if url.path == "/sso/redirect":
                    query = {k: v[0] for k, v in parse_qs(url.query).items()}
                    return self._send(*idp.sign_in_form(query))
                return self._send(404, b"not found")

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlparse(self.path).path == "/sso/login":
                    return self._send(*idp.answer(form))
                return self._send(404, b"not found")

        return Handler

    def sign_in_form(self, query: dict) -> tuple[int, bytes]:
        try:
            request = self.server.parse_authn_request(
                query["SAMLRequest"],
                BINDING_HTTP_REDIRECT,
                relay_state=query.get("RelayState"),
                sigalg=query.get("SigAlg"),
                signature=query.get("Signature"),
            )
        except Exception as error:  # an unsigned or forged request
            self.refused.append(error)
            return 400, b"request refused"
        self.requests_seen.append((request.message, query))
        token = secrets.token_urlsafe(16)
        self.pending[token] = (request.message, query.get("RelayState", ""))
        fields = f'<input type="hidden" name="token" value="{html.escape(token)}">'
        body = (
            "<!DOCTYPE html><html lang='sv'><title>Kommunens inloggning</title>"
            f"<form method='post' action='/sso/login'>{fields}"
            "<label>Konto <input name='account'></label>"
            "<button type='submit'>Logga in</button></form></html>"
        )
        return 200, body.encode()

    def answer(self, form: dict) -> tuple[int, bytes]:
        message, relay_state = self.pending.pop(form.get("token", ""), (None, None))
        identity = self.accounts.get(form.get("account", ""))
        if message is None or identity is None:
            return 403, b"unknown request or account at the IdP"
        response_args = self.server.response_args(message)
        response = self.server.create_authn_response(
            identity,
            userid=form["account"],
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
            sign_assertion=True,
            sign_response=True,
            **response_args,
        )
        http_args = self.server.apply_binding(
            BINDING_HTTP_POST,
            str(response),
            response_args["destination"],
            relay_state,
            response=True,
        )
        return 200, http_args["data"].encode()
