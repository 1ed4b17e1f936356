"""The reports as titled tables (sections): what the report page, the documents' appendix and
the Excel workbook show, built from the JSON of followup.reports and nothing else.

A section is ``{"title", "headers", "rows", "sheet"}`` with cells as numbers (int, Decimal),
dates or text; prepare_sections adds the Swedish display text for HTML.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from activities.models import Collaboration, Kind, Status
from culture_plan import numbers
from culture_plan.periods import MONTH_NAMES
from followup.models import DIMENSION_NAMES, DIMENSIONS, Assessment, Light


def _d(value) -> Decimal | None:
    """A numeric string of the JSON as a Decimal for rendering (None stays None)."""
    return None if value is None else Decimal(value)


def choice_label(choices, value) -> str:
    return str(dict(choices.choices).get(value, value or "")) if value else ""


def _section(title, headers, rows, *, sheet: str) -> dict:
    return {"title": title, "headers": headers, "rows": rows, "sheet": sheet}


class Year(int):
    """A year in a report table: a number in the workbook (Excel sorts and filters it as
    one), written without a thousands space on the page ("2024", not "2 024")."""

    def __str__(self) -> str:
        return str(int(self))


def _share_row(label, share) -> list:
    return [label, share["youth"], share["total"], _d(share["percent"])]


def _people_rows(people: dict, columns: list[str]) -> list[list]:
    labels = {
        "total": _("Totalt"),
        "girls": _("Flickor"),
        "boys": _("Pojkar"),
        "other": _("Annat/ej angivet"),
        "young_10_25": _("Varav 10–25 år"),
    }
    return [[labels[key]] + [people[column][key] for column in columns] for key in labels]


def _co_arranged_row(values: dict, columns: list[str]) -> list:
    """Done activities arranged with other units: each counted once, here as elsewhere."""
    return [_("Varav genomförda med medarrangör")] + [values[column] for column in columns]


def _unique_row(values: dict, columns: list[str]) -> list:
    """Unique participants beside the visits, in words that say which is which."""
    return [_("Unika deltagare (personer, inte besök; där de räknats)")] + [
        values[column] for column in columns
    ]


def vepaq_sections(report: dict) -> list[dict]:
    """The VEPAQ report as titled tables, in the order of the page and the workbook."""
    dims = report["dimensions"]
    counts = report["activities"]
    status_rows = [
        [
            f"{dim} {DIMENSION_NAMES[dim]}",
            choice_label(Light, dims[dim]["status"]) or _("Ej bedömd"),
            choice_label(Light, dims[dim]["suggested_status"]) or _("Inget förslag"),
            dims[dim]["comment"],
            dims[dim]["actions"],
        ]
        for dim in DIMENSIONS
    ]
    activity_rows = [
        [
            datetime.date.fromisoformat(row["date"]),
            row["title"],
            choice_label(Status, row["status"]),
            row["participants"] if row["status"] == Status.DONE else None,
        ]
        for row in dims["V"]["activities"]
    ]
    e, p, a, q = dims["E"], dims["P"], dims["A"], dims["Q"]
    return [
        _section(
            _("Status per dimension"),
            [_("Dimension"), _("Status"), _("Föreslagen status"), _("Kommentar"), _("Åtgärder")],
            status_rows,
            sheet=_("Status"),
        ),
        _section(
            _("V – Aktiviteter"),
            [_("Status"), _("Månaden"), _("Hittills i år")],
            [
                [choice_label(Status, key), counts["month"][key], counts["ytd"][key]]
                for key in ("done", "planned", "cancelled")
            ]
            + [_co_arranged_row(report["co_arranged"], ["month", "ytd"])],
            sheet=_("V Aktiviteter"),
        ),
        _section(
            _("V – Deltagare (besök) i genomförda aktiviteter"),
            [_("Deltagare"), _("Månaden"), _("Hittills i år")],
            _people_rows(report["participants"], ["month", "ytd"])
            + [_unique_row(report["unique_participants"], ["month", "ytd"])],
            sheet=_("V Deltagare"),
        ),
        _section(
            _("V – Andel aktiviteter för 10–25 år"),
            [_("Period"), _("För 10–25 år"), _("Genomförda"), _("Andel (%)")],
            [
                _share_row(_("Månaden"), report["youth_share"]["month"]),
                _share_row(_("Hittills i år"), report["youth_share"]["ytd"]),
                _share_row(
                    _("Samma period förra året"), report["youth_share"]["ytd_previous_year"]
                ),
            ],
            sheet=_("V Andel unga"),
        ),
        _section(
            _("V – Månadens aktiviteter"),
            [_("Datum"), _("Titel"), _("Status"), _("Deltagare")],
            activity_rows,
            sheet=_("V Månadens aktiviteter"),
        ),
        _section(
            _("E – Ekonomi (kr)"),
            [_("Post"), _("Belopp")],
            [
                [_("Budget för året"), _d(e["budget"])],
                [_("Aktivitetskostnader hittills i år"), _d(e["activity_cost_ytd"])],
                [_("Utfall hittills i år"), _d(e["outcome_ytd"])],
                [_("Helårsprognos"), _d(e["forecast"])],
                [_("Avvikelse (kr)"), _d(e["deviation_kr"])],
                [_("Avvikelse (%)"), _d(e["deviation_percent"])],
            ],
            sheet=_("E Ekonomi"),
        ),
        _section(
            _("P – Personal"),
            [_("Post"), _("Värde")],
            [
                [_("Planerade årsverken"), _d(p["planned_fte"])],
                [_("Faktiska årsverken"), _d(p["actual_fte"])],
                [_("Sjukfrånvaro kort (%)"), _d(p["sick_leave_short"])],
                [_("Sjukfrånvaro lång (%)"), _d(p["sick_leave_long"])],
            ],
            sheet=_("P Personal"),
        ),
        _section(
            _("A – Arbetsmiljö"),
            [_("Post"), _("Värde")],
            [
                [_("Balans i arbetsbelastning (1–5)"), a["workload"]],
                [_("Risker"), a["risks"]],
            ],
            sheet=_("A Arbetsmiljö"),
        ),
        _section(
            _("Q – Snabbenkät hittills i år"),
            [_("Enkätsvar"), _("Medelbetyg (1–5)")],
            [[q["survey"]["answers"], _d(q["survey"]["mean"])]],
            sheet=_("Q Enkät"),
        ),
        _section(
            _("Q – Genomförda aktiviteter per inriktningsmål hittills i år"),
            [_("Mål"), _("Inriktningsmål"), _("Genomförda")],
            [[row["goal"], row["text"], row["done"]] for row in q["activities_per_goal"]],
            sheet=_("Q Per mål"),
        ),
        _section(
            _("Q – Indikatorer"),
            [_("Indikator"), _("Enhet för måttet"), _("Målvärde"), _("Värde")],
            [
                [row["name"], row["unit_of_measure"], _d(row["target"]), _d(row["value"])]
                for row in q["indicators"]
            ],
            sheet=_("Q Indikatorer"),
        ),
    ]


def _parts_rows(parts: dict, labels: dict) -> list[list]:
    return [
        [labels.get(key, key), part["count"], _d(part["percent"])] for key, part in parts.items()
    ]


def annual_sections(report: dict) -> list[dict]:
    """The annual or tertial report as titled tables, in the order of the appendix and the
    workbook (a tertial counts its months from January and compares the same period)."""
    year = report["year"]
    tertial = "tertial" in report
    shares = report["youth_share"]
    current, previous = (
        (shares["period"], shares["previous_year_period"])
        if tertial
        else (shares["year"], shares["previous_year"])
    )
    counts = report["activities"]
    people = report["participants"]
    months = report["young_participants_by_month"]
    part_headers = [_("Antal aktiviteter"), _("Andel (%)")]
    return [
        _section(
            _("Aktiviteter"),
            [_("Status"), _("Antal")],
            [[choice_label(Status, key), counts[key]] for key in ("done", "planned", "cancelled")]
            + [_co_arranged_row({"year": report["co_arranged"]}, ["year"])],
            sheet=_("Aktiviteter"),
        ),
        _section(
            _("Deltagare (besök) i genomförda aktiviteter"),
            [_("Deltagare"), _("Antal")],
            _people_rows({"year": people}, ["year"])
            + [_unique_row({"year": report["unique_participants"]}, ["year"])],
            sheet=_("Deltagare"),
        ),
        _section(
            _("Andel aktiviteter för 10–25 år"),
            [_("År"), _("För 10–25 år"), _("Genomförda"), _("Andel (%)")],
            [
                _share_row(Year(year), current),
                _share_row(Year(year - 1), previous),
            ],
            sheet=_("Andel unga"),
        ),
        _section(
            _("Deltagare 10–25 år per månad"),
            [_("Månad"), Year(year), Year(year - 1)],
            [
                [MONTH_NAMES[index], months["year"][index], months["previous_year"][index]]
                for index in range(len(months["year"]))
            ]
            + [
                [
                    _("December jämfört med december året före"),
                    report["young_participants_december"]["year"],
                    report["young_participants_december"]["previous_year"],
                ]
                for _december in ["young_participants_december"]
                if _december in report
            ],
            sheet=_("Unga per månad"),
        ),
        _section(
            _("Aktiviteter per åldersgrupp (en aktivitet kan rikta sig till flera)"),
            [_("Åldersgrupp")] + part_headers,
            _parts_rows(report["age_bands"], {}),
            sheet=_("Åldersgrupper"),
        ),
        _section(
            _("Aktiviteter per typ"),
            [_("Typ")] + part_headers,
            _parts_rows(report["by_kind"], dict(Kind.choices)),
            sheet=_("Typ"),
        ),
        _section(
            _("Aktiviteter per samverkan"),
            [_("Samverkan")] + part_headers,
            _parts_rows(report["by_collaboration"], dict(Collaboration.choices)),
            sheet=_("Samverkan"),
        ),
        _section(
            _("Genomförandematris"),
            [_("Mål"), _("År"), _("Genomförda aktiviteter"), _("Bedömning")],
            [
                [
                    row["goal"],
                    Year(row["year"]),
                    row["done"],
                    choice_label(Assessment, row["assessment"]) or _("Ej bedömd"),
                ]
                for row in report["matrix"]
            ],
            sheet=_("Matris"),
        ),
    ]


def display_value(value) -> str:
    """A cell as a Swedish reader expects it: decimal comma, spaced thousands, "–" for none."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, Year):
        return str(value)
    if isinstance(value, int | Decimal):
        # The app's Swedish number format: a share keeps its one decimal, zero öre go.
        return numbers.as_given(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _numeric_columns(section: dict) -> set[int]:
    """Columns (after the first) holding numbers and blanks only: right-aligned."""
    numeric = set()
    for index in range(1, len(section["headers"])):
        cells = [row[index] for row in section["rows"] if row[index] not in (None, "")]
        if cells and all(isinstance(cell, int | Decimal) for cell in cells):
            numeric.add(index)
    return numeric


def prepare_sections(sections: list[dict]) -> list[dict]:
    """Sections with their cells as display text and numeric columns marked (for HTML)."""
    for section in sections:
        numeric = _numeric_columns(section)
        section["display_headers"] = [
            {
                "text": display_value(header) if isinstance(header, Year) else header,
                "num": index in numeric,
            }
            for index, header in enumerate(section["headers"])
        ]
        section["display_rows"] = [
            [
                {"text": display_value(cell), "num": index in numeric}
                for index, cell in enumerate(row)
            ]
            for row in section["rows"]
        ]
    return sections


def sections_for(kind: str, report: dict) -> list[dict]:
    """The sections of a report of this kind ("vepaq", "annual" or "tertial")."""
    return vepaq_sections(report) if kind == "vepaq" else annual_sections(report)
