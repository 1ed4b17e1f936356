"""QR codes of a survey's link (segno): SVG for pages and print, PNG for screens and slides."""

from __future__ import annotations

import io

import segno
from django.utils.html import escape
from django.utils.translation import gettext as _


def _code(url: str):
    return segno.make(url, error="m", micro=False)


def svg(url: str, *, scale: int = 8, label: str = "") -> str:
    """The code as an SVG document (no XML declaration, so it can be written into a page),
    an image with a text alternative: the link it holds."""
    out = io.BytesIO()
    _code(url).save(
        out,
        kind="svg",
        scale=scale,
        border=2,
        xmldecl=False,
        svgns=True,
        svgclass="qr-code",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    alternative = escape(label or _("QR-kod till %(url)s") % {"url": url})
    return (
        out.getvalue().decode().replace("<svg ", f'<svg role="img" aria-label="{alternative}" ', 1)
    )


def png(url: str, *, scale: int = 10) -> bytes:
    out = io.BytesIO()
    _code(url).save(out, kind="png", scale=scale, border=2)
    return out.getvalue()
