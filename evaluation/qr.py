"""QR codes of a survey's link (segno): SVG for pages and print, PNG for screens and slides."""

from __future__ import annotations

import io

import segno


def _code(url: str):
    return segno.make(url, error="m", micro=False)


def svg(url: str, *, scale: int = 8, title: str = "") -> str:
    """The code as an SVG document (no XML declaration, so it can be written into a page)."""
    out = io.BytesIO()
    _code(url).save(
        out,
        kind="svg",
        scale=scale,
        border=2,
        xmldecl=False,
        svgns=True,
        title=title or None,
        svgclass="qr-code",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    return out.getvalue().decode()


def png(url: str, *, scale: int = 10) -> bytes:
    out = io.BytesIO()
    _code(url).save(out, kind="png", scale=scale, border=2)
    return out.getvalue()
