"""The report kinds of `manage.py report` and of the browser's downloads, as one registry.

A kind is a builder (unit, year and its own options → the JSON dict of docs/report-json.md)
and its renderers (dict → HTML, PDF, Excel). Another app adds its kind with one entry:

    register(ReportKind(name="indicators", label=..., build=..., render_html=..., ...))

so the command, its choices and the downloads pick it up without further edits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from culture_plan.models import Unit
from followup import rendering, reports
from followup.indicator_values import with_computed_values
from followup.selectors import latest_published
from governance import reports as governance_reports
from governance.selectors import indicators_report
from internal_control import rendering as internal_control_rendering
from internal_control import selectors as internal_control_selectors


@dataclass(frozen=True)
class ReportKind:
    name: str
    label: str
    build: Callable[..., dict]
    render_html: Callable[[dict], str]
    render_pdf: Callable[..., bytes]
    render_xlsx: Callable[[dict], bytes]
    # Options beyond --unit and --year that the builder takes (each required), e.g. "month".
    options: tuple[str, ...] = ()
    # (unit, year, options) -> the latest published version or None; None: no publishing.
    published: Callable[..., object] | None = field(default=None)


KINDS: dict[str, ReportKind] = {}


def register(kind: ReportKind) -> ReportKind:
    KINDS[kind.name] = kind
    return kind


def _renderers(name: str) -> dict:
    return {
        "render_html": lambda report: rendering.render_html(kind=name, report=report),
        "render_pdf": lambda report, **options: rendering.render_pdf(
            kind=name, report=report, **options
        ),
        "render_xlsx": lambda report: rendering.render_xlsx(kind=name, report=report),
    }


def _latest_published(kind: str):
    def find(*, unit, year, tertial=None, **_options):
        return latest_published(unit=unit, year=year, kind=kind, tertial=tertial or 0)

    return find


register(
    ReportKind(
        name="vepaq",
        label=_("Månadsrapport VEPAQ"),
        build=lambda *, unit, year, month: reports.vepaq_report(unit=unit, year=year, month=month),
        options=("month",),
        **_renderers("vepaq"),
    )
)
register(
    ReportKind(
        name="annual",
        label=_("Verksamhetsberättelse"),
        build=lambda *, unit, year: reports.annual_report(unit=unit, year=year),
        published=_latest_published("annual"),
        **_renderers("annual"),
    )
)
register(
    ReportKind(
        name="tertial",
        label=_("Tertialrapport"),
        build=lambda *, unit, year, tertial: reports.tertial_report(
            unit=unit, year=year, tertial=tertial
        ),
        options=("tertial",),
        published=_latest_published("tertial"),
        **_renderers("tertial"),
    )
)


def _internal_control(attribute: str):
    """internal_control's builder and renderers (followup reads that app; it never reads
    followup)."""

    def call(*args, **kwargs):
        module = internal_control_selectors if attribute == "report" else internal_control_rendering
        return getattr(module, attribute)(*args, **kwargs)

    return call


register(
    ReportKind(
        name="internal_control",
        label=_("Internkontroll"),
        build=_internal_control("report"),
        render_html=_internal_control("render_html"),
        render_pdf=_internal_control("render_pdf"),
        render_xlsx=_internal_control("render_xlsx"),
    )
)


def _indicators(attribute: str):
    """governance's indicator report; its renderers read the unit and year of the report."""

    def call(report=None, **kwargs):
        if attribute == "build":
            # Computed indicators get their value from followup's figures (issue 24).
            return with_computed_values(indicators_report(**kwargs), unit=kwargs["unit"])
        unit = Unit.objects.get(slug=report["unit"])
        if attribute == "render_pdf":
            return governance_reports.render_pdf(
                unit=unit, year=report["year"], archive=kwargs.get("archive", False)
            )
        return getattr(governance_reports, attribute)(unit=unit, year=report["year"])

    return call


register(
    ReportKind(
        name="indicators",
        label=_("Indikatorer"),
        build=_indicators("build"),
        render_html=_indicators("render_html"),
        render_pdf=_indicators("render_pdf"),
        render_xlsx=_indicators("render_xlsx"),
    )
)
