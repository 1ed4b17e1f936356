"""The VEPAQ monthly report and the annual report as plain dicts: the JSON contract of DESIGN
("Reports and interfaces"), documented in docs/report-json.md.

Both are built from followup.figures in a fixed number of queries, whatever the number of
activities. Decimals are strings, counts ints, missing values ``None``.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.db.models import F, Prefetch
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from activities.excel import make_cell
from activities.models import Collaboration, Kind, Status
from culture_plan import numbers, periods
from culture_plan.models import Indicator, IndicatorTarget, IndicatorValue, Unit, YearPlan
from culture_plan.pdf import RefusedURL, check_pdf_url, html_to_pdf, pdf_url_fetcher  # noqa: F401
from culture_plan.periods import MONTH_NAMES
from culture_plan.selectors import plan_years_in_force
from followup import cache, figures
from followup.lights import suggested_lights
from followup.models import (
    DIMENSION_NAMES,
    DIMENSIONS,
    Assessment,
    Light,
    MatrixAssessment,
    MonthlyReport,
    TargetPopulation,
)


def _str(value) -> str | None:
    return None if value is None else str(value)


def _status(value: str) -> str | None:
    return value or None


# --- VEPAQ --------------------------------------------------------------------------------


def month_activities(*, unit: Unit, year: int, month: int) -> list[dict]:
    """The month's activities of the unit and the units below it, in date order: what was
    done, is planned or was cancelled. Tuples from the database and the sum in SQL: a
    municipality's month is tens of thousands of rows."""
    start, end = figures.month_period(year, month)
    rows = (
        figures.unit_activities(unit=unit)
        .filter(date__gte=start, date__lte=end)
        .order_by("date", "pk")
        .values_list(
            "date", "title", "status", F("girls") + F("boys") + F("other_gender"), "unit__slug"
        )
    )
    return [
        {
            "date": date.isoformat(),
            "title": title,
            "status": status,
            "participants": participants,
            "unit": slug,
        }
        for date, title, status, participants, slug in rows
    ]


def _indicator_value(indicator: Indicator, *, month: int):
    """The latest entered value of the year up to the report month (the prefetched values
    are that year's only)."""
    if indicator.frequency == Indicator.Frequency.MONTH:
        last_period = month
    elif indicator.frequency == Indicator.Frequency.TERTIAL:
        last_period = (month - 1) // 4 + 1
    else:
        last_period = 0
    known = [value for value in indicator.year_values if value.period <= last_period]
    return known[-1].value if known else None


def indicator_rows(*, unit: Unit, year: int, month: int, ytd: dict) -> list[dict]:
    """The unit's indicators with that year's target and value. Computed indicators take
    their value from the year-to-date figures; entered ones the latest value entered for the
    year up to the month."""
    indicators = (
        Indicator.objects.filter(unit=unit)
        .order_by("order", "name")
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=IndicatorTarget.objects.filter(year=year),
                to_attr="year_targets",
            ),
            Prefetch(
                "values",
                queryset=IndicatorValue.objects.filter(year=year).order_by("period"),
                to_attr="year_values",
            ),
        )
    )
    indicators = list(indicators)
    population = None
    if any(i.source == Indicator.Source.YOUNG_POPULATION_SHARE for i in indicators):
        population = (
            TargetPopulation.objects.filter(unit=unit, year=year)
            .values_list("population_10_25", flat=True)
            .first()
        )
    young = ytd["participants"]["young_10_25"]
    computed = {
        Indicator.Source.YOUTH_TARGETED: ytd["youth_share"]["youth"],
        Indicator.Source.YOUTH_SHARE: ytd["youth_share"]["percent"],
        Indicator.Source.YOUNG_PARTICIPANTS: young,
        Indicator.Source.YOUNG_POPULATION_SHARE: figures.percent(young, population),
        Indicator.Source.DONE_ACTIVITIES: ytd["activities"]["done"],
    }
    rows = []
    for indicator in indicators:
        if indicator.is_computed:
            value = computed.get(indicator.source)
        else:
            value = _indicator_value(indicator, month=month)
        target = indicator.year_targets[0].value if indicator.year_targets else None
        rows.append(
            {
                "name": indicator.name,
                "unit_of_measure": indicator.unit_of_measure,
                "target": _str(target),
                "value": _str(value),
                "source": indicator.source,
            }
        )
    return rows


@cache.figure(when=figures.reading_summaries)
def vepaq_report(*, unit: Unit, year: int, month: int, with_activity_list: bool = True) -> dict:
    """The monthly VEPAQ report of a unit: the app's figures for each dimension next to what
    the manager entered in the MonthlyReport (status, comment, actions; null/empty and state
    "draft" while none exists) and the suggested status light. The VEPAQ page, which lists
    the month's activities its own bounded way, leaves out V's list of every activity
    (`with_activity_list=False`: a municipality's month holds tens of thousands)."""
    month_start, month_end = figures.month_period(year, month)
    ytd_start, ytd_end = figures.ytd_period(year, month)
    prev_start, prev_end = figures.ytd_period(year - 1, month)

    # One pass over this year's rows for every figure, one light pass over last year's for
    # the youth share only.
    groups = {"counts", "participants", "youth", "survey", "cost"}
    keys = figures.aggregate_keys(groups)
    months = figures.aggregate_months(unit=unit, periods=[(ytd_start, ytd_end)], groups=groups)
    month_raw = figures.sum_months(months, keys=keys, start=month_start, end=month_end)
    ytd_raw = figures.sum_months(months, keys=keys, start=ytd_start, end=ytd_end)
    prev_raw = figures.aggregate_period(unit=unit, start=prev_start, end=prev_end, groups={"youth"})
    activities = {
        "month": figures.shape_counts(month_raw),
        "ytd": figures.shape_counts(ytd_raw),
    }
    people = {
        "month": figures.shape_participants(month_raw),
        "ytd": figures.shape_participants(ytd_raw),
    }
    shares = {
        "month": figures.shape_youth(month_raw),
        "ytd": figures.shape_youth(ytd_raw),
        "ytd_previous_year": figures.shape_youth(prev_raw),
    }

    report = MonthlyReport.objects.filter(unit=unit, year=year, month=month).first()
    year_plan = YearPlan.objects.filter(unit=unit, year=year).first()
    budget = year_plan.budget_kr if year_plan else None
    forecast = report.e_forecast_kr if report else None
    deviation, deviation_percent = figures.budget_deviation(budget=budget, forecast=forecast)

    dimensions = {
        "V": {
            "counts": activities,
            "participants": people,
            "youth_share": shares,
            "activities": month_activities(unit=unit, year=year, month=month)
            if with_activity_list
            else None,
        },
        "E": {
            "budget": _str(budget),
            "activity_cost_ytd": _str(figures.shape_cost(ytd_raw)),
            "outcome_ytd": _str(report.e_outcome_ytd_kr if report else None),
            "forecast": _str(forecast),
            "deviation_kr": _str(deviation),
            "deviation_percent": deviation_percent,
        },
        "P": {
            "planned_fte": _str(year_plan.staffing_fte if year_plan else None),
            "actual_fte": _str(report.p_actual_fte if report else None),
            "sick_leave_short": _str(report.p_sick_leave_short if report else None),
            "sick_leave_long": _str(report.p_sick_leave_long if report else None),
        },
        "A": {
            "workload": report.a_workload if report else None,
            "risks": report.a_risks if report else "",
        },
        "Q": {
            "survey": figures.shape_survey(ytd_raw),
            "activities_per_goal": figures.activities_per_goal(
                unit=unit, start=ytd_start, end=ytd_end
            ),
            "indicators": indicator_rows(
                unit=unit,
                year=year,
                month=month,
                ytd={
                    "activities": activities["ytd"],
                    "participants": people["ytd"],
                    "youth_share": shares["ytd"],
                },
            ),
        },
    }
    for dim in DIMENSIONS:
        prefix = dim.lower()
        entered = {
            "status": _status(getattr(report, f"{prefix}_status")) if report else None,
            "comment": getattr(report, f"{prefix}_comment") if report else "",
            "actions": getattr(report, f"{prefix}_actions") if report else "",
        }
        dimensions[dim] = entered | dimensions[dim]

    result = {
        "unit": unit.slug,
        "unit_name": unit.name,
        "year": year,
        "month": month,
        "activities": activities,
        "participants": people,
        "youth_share": shares,
        "dimensions": dimensions,
        "state": report.state if report else MonthlyReport.State.DRAFT.value,
        # Added keys (DESIGN "One event, many arrangers"): done activities with co-arrangers,
        # and unique participants (persons, where counted) beside the visits above.
        "co_arranged": {
            "month": figures.shape_co_arranged(month_raw),
            "ytd": figures.shape_co_arranged(ytd_raw),
        },
        "unique_participants": {
            "month": figures.shape_unique_participants(month_raw),
            "ytd": figures.shape_unique_participants(ytd_raw),
        },
    }
    suggestions = suggested_lights(report=report, figures=result)
    for dim in DIMENSIONS:
        dimensions[dim]["suggested_status"] = suggestions[dim]
    return result


# Personal data (DESIGN "Trust"): the P dimension's sick leave and the manager's personnel
# comment and actions. Every path a viewer or staff member reaches (page, PDF, Excel, JSON)
# passes its report through without_personnel_data; the `report` management command is an
# operator tool and keeps everything (docs/security-integrity.md).
PERSONNEL_KEYS = ("sick_leave_short", "sick_leave_long", "comment", "actions", "suggested_status")


def without_personnel_data(report: dict) -> dict:
    """A copy of a VEPAQ report without the personnel figures and texts (null / empty), with
    `"personnel_hidden": true` so that pages can say why."""
    personnel = dict(report["dimensions"]["P"])
    for key in PERSONNEL_KEYS:
        personnel[key] = "" if key in ("comment", "actions") else None
    personnel["personnel_hidden"] = True
    return report | {"dimensions": report["dimensions"] | {"P": personnel}}


def vepaq_report_for(
    *, user, unit: Unit, year: int, month: int, with_activity_list: bool = True
) -> dict:
    """The VEPAQ report as this user may see it."""
    from culture_plan.permissions import can_see_personnel_data

    report = vepaq_report(unit=unit, year=year, month=month, with_activity_list=with_activity_list)
    return report if can_see_personnel_data(user, unit) else without_personnel_data(report)


# --- Annual report ------------------------------------------------------------------------


def matrix_rows(*, unit: Unit, year: int) -> list[dict]:
    """The implementation matrix up to `year`: for each goal of the plan in force that year
    (in the plan's order) and each of the plan's years in force up to `year`, the done
    activities linked to the goal and the unit's assessment (null when none)."""
    plan, goals = figures.goals_in_force(unit=unit, year=year)
    if plan is None:
        return []
    years = [y for y in plan_years_in_force(plan=plan, until_year=year) if y <= year]
    if year not in years:
        years.append(year)
    done = figures.done_per_goal_and_year(
        unit=unit, goal_ids=[goal.pk for goal in goals], years=years
    )
    assessments = {
        (row["goal_id"], row["year"]): row["assessment"] or None
        for row in MatrixAssessment.objects.filter(
            unit=unit, goal__in=goals, year__in=years
        ).values("goal_id", "year", "assessment")
    }
    return [
        {
            "goal": goal.code,
            "year": y,
            "done": done[(goal.pk, y)],
            "assessment": assessments.get((goal.pk, y)),
        }
        for goal in goals
        for y in years
    ]


# --- Period reports: one engine for the year and the tertials ---------------------------------


class PeriodFigures:
    """The figures of one period from January (a year or a tertial) next to the same period a
    year earlier: one pass over the period's rows for every figure group, one lighter pass
    over the previous year's period for the youth share and young participants. Every period
    report (annual, tertial) is shaped from this, so they count exactly alike."""

    LIGHT_GROUPS = frozenset({"youth", "participants"})

    def __init__(self, *, unit: Unit, start: datetime.date, end: datetime.date):
        self.unit, self.start, self.end = unit, start, end
        self.prev_start = start.replace(year=start.year - 1)
        self.prev_end = figures.month_period(end.year - 1, end.month)[1]
        keys = figures.aggregate_keys(figures.ALL_GROUPS)
        self.light_keys = figures.aggregate_keys(self.LIGHT_GROUPS)
        self.months = figures.aggregate_months(
            unit=unit, periods=[(start, end)], groups=figures.ALL_GROUPS
        )
        self.months |= figures.aggregate_months(
            unit=unit, periods=[(self.prev_start, self.prev_end)], groups=self.LIGHT_GROUPS
        )
        self.raw = figures.sum_months(self.months, keys=keys, start=start, end=end)
        self.prev_raw = figures.sum_months(
            self.months, keys=self.light_keys, start=self.prev_start, end=self.prev_end
        )

    def young(self, year: int, month: int) -> int:
        """Young participants (10–25) of one month of either period."""
        empty = dict.fromkeys(self.light_keys, 0)
        return figures.shape_participants(self.months.get((year, month), empty))["young_10_25"]

    def young_by_month(self) -> dict:
        months = range(self.start.month, self.end.month + 1)
        return {
            "year": [self.young(self.end.year, month) for month in months],
            "previous_year": [self.young(self.end.year - 1, month) for month in months],
        }

    def activities(self) -> dict:
        return figures.shape_counts(self.raw)

    def participants(self) -> dict:
        return figures.shape_participants(self.raw)

    def youth(self) -> dict:
        return figures.shape_youth(self.raw)

    def previous_youth(self) -> dict:
        return figures.shape_youth(self.prev_raw)

    def distributions(self) -> dict:
        return {
            "age_bands": figures.shape_age_bands(self.raw),
            "by_kind": figures.shape_kinds(self.raw),
            "by_collaboration": figures.shape_collaborations(self.raw),
        }

    def survey_and_cost(self) -> dict:
        return {
            "survey": figures.shape_survey(self.raw),
            "activity_cost": _str(figures.shape_cost(self.raw)),
        }

    def arrangement(self) -> dict:
        """How many done activities were co-arranged, and unique participants beside visits."""
        return {
            "co_arranged": figures.shape_co_arranged(self.raw),
            "unique_participants": figures.shape_unique_participants(self.raw),
        }


def annual_report(*, unit: Unit, year: int) -> dict:
    """The annual report (årsrapport) of a unit: the year's counts, participants, youth share
    next to the previous year, young participants in December against the December before,
    the distributions by age band, kind and collaboration, and the implementation matrix."""
    start, end = periods.year_period(year)
    period = PeriodFigures(unit=unit, start=start, end=end)
    return {
        "unit": unit.slug,
        "unit_name": unit.name,
        "year": year,
        "activities": period.activities(),
        "participants": period.participants(),
        "youth_share": {"year": period.youth(), "previous_year": period.previous_youth()},
        "young_participants_december": {
            "year": period.young(year, 12),
            "previous_year": period.young(year - 1, 12),
        },
        "young_participants_by_month": period.young_by_month(),
        **period.distributions(),
        **period.survey_and_cost(),
        "matrix": matrix_rows(unit=unit, year=year),
        **period.arrangement(),
    }


def tertial_report(*, unit: Unit, year: int, tertial: int) -> dict:
    """A tertial report of a unit (T1 1 January–30 April, T2 1 January–31 August): the same
    figures as the annual report, counted over the period and next to the same period of the
    year before, plus the matrix of the year so far."""
    start, end = periods.tertial_period(year, tertial)
    period = PeriodFigures(unit=unit, start=start, end=end)
    return {
        "unit": unit.slug,
        "unit_name": unit.name,
        "year": year,
        "tertial": tertial,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "activities": period.activities(),
        "participants": period.participants(),
        "youth_share": {
            "period": period.youth(),
            "previous_year_period": period.previous_youth(),
        },
        "young_participants_by_month": period.young_by_month(),
        **period.distributions(),
        **period.survey_and_cost(),
        "matrix": matrix_rows(unit=unit, year=year),
        **period.arrangement(),
    }


# --- Rendering: sections shared by the HTML/PDF page and the Excel workbook -----------------


def _d(value) -> Decimal | None:
    """A numeric string of the JSON as a Decimal for rendering (None stays None)."""
    return None if value is None else Decimal(value)


def _label(choices, value) -> str:
    return str(dict(choices.choices).get(value, value or "")) if value else ""


def _section(title, headers, rows, *, sheet: str) -> dict:
    return {"title": title, "headers": headers, "rows": rows, "sheet": sheet}


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
            _label(Light, dims[dim]["status"]) or _("Ej bedömd"),
            _label(Light, dims[dim]["suggested_status"]) or _("Inget förslag"),
            dims[dim]["comment"],
            dims[dim]["actions"],
        ]
        for dim in DIMENSIONS
    ]
    activity_rows = [
        [
            datetime.date.fromisoformat(row["date"]),
            row["title"],
            _label(Status, row["status"]),
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
                [_label(Status, key), counts["month"][key], counts["ytd"][key]]
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
            [[_label(Status, key), counts[key]] for key in ("done", "planned", "cancelled")]
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
                _share_row(str(year), current),
                _share_row(str(year - 1), previous),
            ],
            sheet=_("Andel unga"),
        ),
        _section(
            _("Deltagare 10–25 år per månad"),
            [_("Månad"), str(year), str(year - 1)],
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
                    str(row["year"]),  # a year, not a quantity: no thousands space
                    row["done"],
                    _label(Assessment, row["assessment"]) or _("Ej bedömd"),
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
            {"text": header, "num": index in numeric}
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


def _sections(kind: str, report: dict) -> list[dict]:
    return vepaq_sections(report) if kind == "vepaq" else annual_sections(report)


def render_html(*, kind: str, report: dict) -> str:
    """The standalone report page (also the source of the PDF). The annual and tertial
    reports are documents (followup.documents); the VEPAQ month is a two-page summary."""
    if kind in PERIOD_KINDS:
        from followup.documents import render_document_html

        return render_document_html(kind=kind, report=report)
    sections = prepare_sections(vepaq_sections(report))
    context = {
        "report": report,
        "month_name": MONTH_NAMES[report["month"] - 1],
        "state_label": _label(MonthlyReport.State, report["state"]),
    }
    # Page one: the lights and V; page two: E, P, A, Q and the month's activities (at most
    # VEPAQ_PDF_ACTIVITIES of them; the Excel file has every one).
    status, *main, activities = (
        sections[0],
        *[section for section in sections[1:] if section is not sections[4]],
        sections[4],
    )
    rows = activities["display_rows"]
    context |= {
        "status_section": status,
        "status_rows": list(
            zip(
                status["display_rows"],
                [report["dimensions"][dim]["status"] or "none" for dim in DIMENSIONS],
                strict=True,
            )
        ),
        "main_sections": main[:-2],
        "wide_sections": main[-2:],
        "activities_section": activities,
        "activity_rows": rows[:VEPAQ_PDF_ACTIVITIES],
        "activities_more": len(rows) > VEPAQ_PDF_ACTIVITIES,
        "activities_shown": VEPAQ_PDF_ACTIVITIES,
        "activities_total": len(rows),
    }
    return render_to_string(f"followup/report/{kind}.html", context)


PERIOD_KINDS = {"annual", "tertial"}
VEPAQ_PDF_ACTIVITIES = 30


def render_pdf(*, kind: str, report: dict, archive: bool = False) -> bytes:
    """The report page as A4 PDF, made by WeasyPrint from the same HTML: tagged (PDF/UA-1,
    fonts embedded) or, with `archive`, a PDF/A-3b copy for the archive."""
    return html_to_pdf(render_html(kind=kind, report=report), archive=archive)


def _sheet_title(title: str, used: set[str]) -> str:
    cleaned = "".join(ch for ch in str(title) if ch not in "[]:*?/\\")[:31]
    candidate, number = cleaned, 2
    while candidate in used:
        suffix = f" {number}"
        candidate = cleaned[: 31 - len(suffix)] + suffix
        number += 1
    used.add(candidate)
    return candidate


def render_xlsx(*, kind: str, report: dict) -> bytes:
    """The report as an Excel workbook: one sheet per section, a header row, real numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    sections = _sections(kind, report)
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    bold = Font(bold=True)
    for section in sections:
        sheet = workbook.create_sheet(_sheet_title(section["sheet"], used))
        # User text goes in as data, never as a formula (one rule: activities.excel).
        sheet.append([make_cell(sheet, str(section["title"]))])
        sheet["A1"].font = bold
        sheet.append([make_cell(sheet, str(header)) for header in section["headers"]])
        for cell in sheet[2]:
            cell.font = bold
        for row in section["rows"]:
            sheet.append([make_cell(sheet, _xlsx_value(cell)) for cell in row])
        for column in sheet.columns:
            width = max(len(str(cell.value or "")) for cell in column[1:]) if column[1:] else 10
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, int | datetime.date):
        return value
    return str(value)
