"""The analysis before a new year (seed 000, "Analys"): what drove participation in a unit's
year — participants per activity by kind, place, weekday, month, partner and marketing
channel, the youth reached, the satisfaction by kind and what the partners said. One page per
unit and year and a section of the annual report ("Analys inför nästa år"); the manager's
analysis text is saved with the report document.

Everything is aggregated in the database from the done activities the unit owns or
co-arranges (activities.selectors.arranged_by), as every other figure; the channels and the
partner answers come from evaluation.selectors.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractWeekDay
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities.models import Kind, Status
from activities.selectors import arranged_by, participants_expression
from culture_plan.models import Unit
from culture_plan.periods import MONTH_NAMES, year_period
from evaluation import selectors as evaluation_selectors
from evaluation.models import Channel
from followup import charts, figures

# ExtractWeekDay: 1 = Sunday … 7 = Saturday; shown Monday first.
WEEKDAYS = [
    (2, gettext_lazy("måndag")),
    (3, gettext_lazy("tisdag")),
    (4, gettext_lazy("onsdag")),
    (5, gettext_lazy("torsdag")),
    (6, gettext_lazy("fredag")),
    (7, gettext_lazy("lördag")),
    (1, gettext_lazy("söndag")),
]


def _rows(queryset, key: str) -> dict:
    """{group value: (activities, participants, answers, weighted score)} of one grouping."""
    answered = Q(survey_answers__gt=0, survey_mean__isnull=False)
    out = {}
    for row in (
        queryset.values(key)
        .annotate(
            n=Count("pk", distinct=key.startswith("partners")),
            p=Sum(participants_expression()),
            a=Sum("survey_answers", filter=answered),
            w=Sum(F("survey_answers") * F("survey_mean"), filter=answered),
        )
        .order_by()
    ):
        out[row[key]] = (row["n"], row["p"] or 0, row["a"] or 0, row["w"] or 0)
    return out


def _entry(label: str, values) -> dict:
    n, p, a, w = values or (0, 0, 0, 0)
    return {
        "label": label,
        "activities": n,
        "participants": p,
        "per_activity": figures.one_decimal(Decimal(p) / n) if n else None,
        "survey_answers": a,
        "survey_mean": figures.one_decimal(Decimal(w) / a) if a else None,
    }


def analysis_figures(*, unit: Unit, year: int) -> dict:
    """The analysis' figures of one unit and year, JSON-safe (labels in the active language)."""
    start, end = year_period(year)
    done = arranged_by(unit=unit).filter(status=Status.DONE, date__gte=start, date__lte=end)
    by_kind = _rows(done, "kind")
    by_place = _rows(done, "place__name")
    by_weekday = _rows(done.annotate(wd=ExtractWeekDay("date")), "wd")
    by_month = _rows(done.annotate(m=ExtractMonth("date")), "m")
    by_partner = _rows(done, "partners__name")
    channels = evaluation_selectors.channel_figures(unit=unit, start=start, end=end)
    people = figures.participants(unit=unit, start=start, end=end)
    youth = figures.youth_share(unit=unit, start=start, end=end)
    partner = evaluation_selectors.partner_figures(unit=unit, start=start, end=end)
    return {
        "year": year,
        "by_kind": [_entry(str(k.label), by_kind.get(k.value)) for k in Kind],
        "by_place": sorted(
            (_entry(name or _("Ingen ort angiven"), v) for name, v in by_place.items()),
            key=lambda e: (-e["participants"], e["label"]),
        ),
        "by_weekday": [_entry(str(name), by_weekday.get(n)) for n, name in WEEKDAYS],
        "by_month": [_entry(str(name), by_month.get(i + 1)) for i, name in enumerate(MONTH_NAMES)],
        "by_partner": sorted(
            (_entry(name, v) for name, v in by_partner.items() if name),
            key=lambda e: (-e["participants"], e["label"]),
        )[:15],
        "channels": {
            "answers": channels["answers"],
            "rows": [
                {
                    "label": str(c.label),
                    "answers": channels["channels"][c.value],
                    "percent": figures.percent(channels["channels"][c.value], channels["answers"]),
                }
                for c in Channel
            ],
            "unknown": channels["channels_unknown"],
            "age_bands": channels["age_bands"],
        },
        "youth": {
            "young_10_25": people["young_10_25"],
            "participants": people["total"],
            "youth_share": youth,
        },
        "partners": {
            "answers": partner["answers"],
            "means": {k: figures.one_decimal(v) for k, v in partner["means"].items()},
            "lessons": [
                {
                    "activity": a.title,
                    "date": a.date.isoformat(),
                    "partner": str(p or ""),
                    "text": t,
                }
                for a, p, t in partner["lessons"]
            ],
        },
    }


def _table(title: str, first: str, entries: list[dict], sheet: str) -> dict:
    return {
        "title": title,
        "headers": [
            first,
            _("Aktiviteter"),
            _("Deltagare"),
            _("Deltagare per aktivitet"),
            _("Medelbetyg"),
        ],
        "rows": [
            [
                e["label"],
                e["activities"],
                e["participants"],
                figures_decimal(e["per_activity"]),
                figures_decimal(e["survey_mean"]),
            ]
            for e in entries
        ],
        "sheet": sheet,
    }


def figures_decimal(value):
    return Decimal(value) if value is not None else None


def analysis_sections(analysis: dict) -> list[dict]:
    """The analysis as titled tables (the page, the annual report's section)."""
    channels = analysis["channels"]
    return [
        _table(_("Typ av aktivitet"), _("Typ"), analysis["by_kind"], _("Analys typ")),
        _table(_("Veckodag"), _("Veckodag"), analysis["by_weekday"], _("Analys veckodag")),
        _table(_("Månad"), _("Månad"), analysis["by_month"], _("Analys månad")),
        _table(_("Ort"), _("Ort"), analysis["by_place"], _("Analys ort")),
        _table(
            _("Samverkansparter"), _("Samverkanspart"), analysis["by_partner"], _("Analys parter")
        ),
        {
            "title": _("Så fick besökarna veta (snabbenkäter)"),
            "headers": [_("Kanal"), _("Svar"), _("Andel (%)")],
            "rows": [
                [row["label"], row["answers"], figures_decimal(row["percent"])]
                for row in channels["rows"]
            ]
            + [[_("Ej angivet"), channels["unknown"], None]],
            "sheet": _("Analys kanaler"),
        },
    ]


def analysis_charts(analysis: dict) -> list[dict]:
    """Two SVG charts made on the server (the same in page and PDF): participants per
    activity by weekday, and how the visitors heard of the activities."""
    weekday_title = _("Deltagare per aktivitet och veckodag %(year)s") % {"year": analysis["year"]}
    channel_title = _("Så fick besökarna veta %(year)s") % {"year": analysis["year"]}
    return [
        {
            "id": "chart-analysis-weekday",
            "title": weekday_title,
            "description": _(
                "Genomsnittligt antal deltagare (besök) per genomförd aktivitet, veckodag för "
                "veckodag."
            ),
            "svg": charts.bar_chart(
                title=weekday_title,
                description=_(
                    "Liggande staplar: genomsnittligt antal deltagare (besök) per "
                    "genomförd aktivitet, veckodag för veckodag."
                ),
                items=[
                    (e["label"], Decimal(e["per_activity"] or 0), None)
                    for e in analysis["by_weekday"]
                ],
                chart_id="chart-analysis-weekday",
            ),
        },
        {
            "id": "chart-analysis-channels",
            "title": channel_title,
            "description": _("Andelen av snabbenkäternas svar som nämner varje kanal."),
            "svg": charts.bar_chart(
                title=channel_title,
                description=_(
                    "Liggande staplar: andelen av snabbenkäternas svar som nämner varje kanal."
                ),
                items=[
                    (row["label"], row["answers"], row["percent"])
                    for row in analysis["channels"]["rows"]
                ],
                chart_id="chart-analysis-channels",
            ),
        },
    ]
