"""The report kinds the API serves: kind → the builder the report command uses and the query
parameters it takes, validated. Adding a kind (tertial, indicators, internal_control) is one
`register(...)` call here; its URL, view and schema entry follow from the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from followup.report_kinds import KINDS
from followup.selectors import vepaq_for


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


class UnitYearTertialParams(UnitYearParams):
    tertial = serializers.ChoiceField(
        choices=[1, 2], help_text=_("1: januari–april, 2: januari–augusti (delårsrapport).")
    )


def _from_command(kind: str) -> Callable[..., dict]:
    """The report command's own builder (followup.report_kinds): one place for each report."""

    def build(*, user, unit, **params):
        return KINDS[kind].build(unit=unit, **params)

    return build


def _vepaq_for_user(*, user, unit, year, month):
    """The command's VEPAQ JSON as this user may see it: personnel data (sick leave, the P
    comment) only for managers, and a viewer sees no lights of a month not yet handed in."""
    return vepaq_for(user=user, unit=unit, year=year, month=month)


register(
    "annual",
    params=UnitYearParams,
    build=_from_command("annual"),
    summary="Årsrapporten (samma JSON som manage.py report annual)",
)
register(
    "vepaq",
    params=UnitYearMonthParams,
    build=_vepaq_for_user,
    summary="Månadsrapporten VEPAQ (samma JSON som manage.py report vepaq; personaluppgifter "
    "bara för chefer)",
)
register(
    "tertial",
    params=UnitYearTertialParams,
    build=_from_command("tertial"),
    summary="Tertialrapporten (samma JSON som manage.py report tertial)",
)
register(
    "indicators",
    params=UnitYearParams,
    build=_from_command("indicators"),
    summary="Indikatorerna med jämförelser (samma JSON som manage.py report indicators)",
)
register(
    "internal_control",
    params=UnitYearParams,
    build=_from_command("internal_control"),
    summary="Internkontrollen (samma JSON som manage.py report internal_control)",
)
