"""The report kinds the API serves: kind → the builder the report command uses and the query
parameters it takes, validated. Adding a kind (tertial, indicators, internal_control) is one
`register(...)` call here; its URL, view and schema entry follow from the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from followup.reports import annual_report, vepaq_report


class UnitYearParams(serializers.Serializer):
    unit = serializers.SlugField(help_text=_("Enhetens kortnamn (slug), t.ex. kulturenheten."))
    year = serializers.IntegerField(min_value=1900, max_value=2999, help_text=_("Året."))


class UnitYearMonthParams(UnitYearParams):
    month = serializers.IntegerField(min_value=1, max_value=12, help_text=_("Månaden 1–12."))


@dataclass(frozen=True)
class ReportKind:
    """`build(unit=Unit, **params)` returns exactly the JSON of `manage.py report <kind>`;
    `params` validates the query string (its fields other than `unit` go to `build`)."""

    kind: str
    params: type[serializers.Serializer]
    build: Callable[..., dict]
    summary: str


REPORTS: dict[str, ReportKind] = {}


def register(kind: str, *, params, build, summary: str) -> None:
    REPORTS[kind] = ReportKind(kind=kind, params=params, build=build, summary=summary)


register(
    "annual",
    params=UnitYearParams,
    build=annual_report,
    summary="Årsrapporten (samma JSON som manage.py report annual)",
)
register(
    "vepaq",
    params=UnitYearMonthParams,
    build=vepaq_report,
    summary="Månadsrapporten VEPAQ (samma JSON som manage.py report vepaq)",
)
