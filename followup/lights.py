"""Suggested VEPAQ status lights: the app suggests, the manager decides.

Thresholds come from ``settings.KULTURPLAN_THRESHOLDS``. Each rule returns "green", "yellow",
"red" or ``None`` when the figures needed for it are not known.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings

GREEN, YELLOW, RED = "green", "yellow", "red"


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value))


def _threshold(name: str) -> Decimal:
    return Decimal(str(settings.KULTURPLAN_THRESHOLDS[name]))


def economy_light(*, forecast, budget) -> str | None:
    """E: red when the forecast overruns the budget by more than `economy_red_overrun`
    (a share, 0.05 = 5 %), yellow when it is above budget × (1 + `economy_yellow_overrun`),
    green otherwise; ``None`` without a forecast or a budget."""
    forecast, budget = _decimal(forecast), _decimal(budget)
    if forecast is None or not budget:
        return None
    if forecast > budget * (1 + _threshold("economy_red_overrun")):
        return RED
    if forecast > budget * (1 + _threshold("economy_yellow_overrun")):
        return YELLOW
    return GREEN


def staff_light(*, sick_leave_short, sick_leave_long) -> str | None:
    """P: total sick leave (short + long, %) above `sick_leave_red` is red, above
    `sick_leave_yellow` yellow, else green; ``None`` when neither is entered."""
    short, long = _decimal(sick_leave_short), _decimal(sick_leave_long)
    if short is None and long is None:
        return None
    total = (short or 0) + (long or 0)
    if total > _threshold("sick_leave_red"):
        return RED
    if total > _threshold("sick_leave_yellow"):
        return YELLOW
    return GREEN


def workload_light(*, workload) -> str | None:
    """A: workload balance (1–5) at or below `workload_red` is red, at or below
    `workload_yellow` yellow, else green; ``None`` when not entered."""
    workload = _decimal(workload)
    if workload is None:
        return None
    if workload <= _threshold("workload_red"):
        return RED
    if workload <= _threshold("workload_yellow"):
        return YELLOW
    return GREEN


def activity_light(*, ytd_percent, previous_percent) -> str | None:
    """V: yellow when the year-to-date youth share is below the same period last year, else
    green; ``None`` when there is no youth share this year (no done activities)."""
    current, previous = _decimal(ytd_percent), _decimal(previous_percent)
    if current is None:
        return None
    if previous is not None and current < previous:
        return YELLOW
    return GREEN


def quality_light(*, survey_mean) -> str | None:
    """Q: from the quick-survey mean score (1–5): red below 3, yellow below 4, green from 4;
    ``None`` when no mean is known."""
    mean = _decimal(survey_mean)
    if mean is None:
        return None
    if mean < 3:
        return RED
    if mean < 4:
        return YELLOW
    return GREEN


def suggested_lights(*, report, figures: dict) -> dict[str, str | None]:
    """Suggested light per dimension.

    `report` is a MonthlyReport (saved or not) or ``None``: it gives what the manager entered
    (forecast, sick leave, workload). `figures` is a VEPAQ report dict as made by
    ``followup.reports.vepaq_report`` (its "youth_share" and the "dimensions" E budget and Q
    survey are read).
    """
    dimensions = figures.get("dimensions", {})
    shares = figures.get("youth_share", {})
    budget = dimensions.get("E", {}).get("budget")
    survey = dimensions.get("Q", {}).get("survey") or {}
    return {
        "V": activity_light(
            ytd_percent=(shares.get("ytd") or {}).get("percent"),
            previous_percent=(shares.get("ytd_previous_year") or {}).get("percent"),
        ),
        "E": economy_light(
            forecast=report.e_forecast_kr if report is not None else None, budget=budget
        ),
        "P": staff_light(
            sick_leave_short=report.p_sick_leave_short if report is not None else None,
            sick_leave_long=report.p_sick_leave_long if report is not None else None,
        ),
        "A": workload_light(workload=report.a_workload if report is not None else None),
        "Q": quality_light(survey_mean=survey.get("mean")),
    }
