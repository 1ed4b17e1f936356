"""The VEPAQ monthly report and the annual report as plain dicts: the JSON contract of DESIGN
("Reports and interfaces"), documented in docs/report-json.md.

Both are built from followup.figures in a fixed number of queries, whatever the number of
activities. Decimals are strings, counts ints, missing values ``None``. The reports as titled
tables are in followup.report_sections, the documents in followup.documents, and their HTML, PDF
and Excel files in followup.rendering.
"""

from __future__ import annotations

import datetime

from django.db.models import F, Prefetch

from culture_plan import periods
from culture_plan.models import Indicator, IndicatorTarget, IndicatorValue, Unit, YearPlan
from culture_plan.permissions import can_see_personnel_data
from culture_plan.selectors import plan_years_in_force
from followup import cache, figures
from followup.lights import suggested_lights
from followup.models import (
    DIMENSIONS,
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
