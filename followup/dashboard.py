"""The follow-up dashboard: a card for each of the first reporting units and one row per
unit the user sees, in a fixed number of queries however many units there are (the cards'
reports, year plans and youth shares each in one query for all cards), the roll-up table
rendered once per change of its data (activities.versions) and language.
"""

from __future__ import annotations

import datetime
import hashlib

from django.db.models import OuterRef, Subquery
from django.template.loader import render_to_string
from django.utils.translation import get_language

from activities import versions
from culture_plan import permissions
from culture_plan.models import Unit, YearPlan
from followup import cache, figures, selectors
from followup.models import DIMENSION_NAMES, DIMENSIONS, MonthlyReport

CARD_LIMIT = 12


def latest_reports(*, units: list[Unit]) -> dict[int, MonthlyReport]:
    """Each unit's latest monthly report (unit id → report), in one query."""
    latest = MonthlyReport.objects.filter(unit=OuterRef("unit_id")).order_by("-year", "-month")
    return {
        report.unit_id: report
        for report in MonthlyReport.objects.filter(
            unit__in=units, pk=Subquery(latest.values("pk")[:1])
        )
    }


def unit_cards(*, units: list[Unit], today: datetime.date, user, light, month_name) -> list:
    """What a manager needs to see first for each unit: latest lights, youth share YTD, the
    budget deviation of the latest report's year plan, and the months still waiting. A viewer
    sees the latest report handed in (selectors.latest_report's rule)."""
    if not units:
        return []
    reports = list(
        MonthlyReport.objects.filter(unit__in=units).order_by("unit_id", "year", "month")
    )
    by_id = {unit.pk: unit for unit in units}
    latest: dict[int, MonthlyReport] = {}
    this_year: dict[int, dict[int, MonthlyReport]] = {unit.pk: {} for unit in units}
    for report in reports:
        if report.year == today.year:
            this_year[report.unit_id][report.month] = report
        if permissions.sees_draft_lights(user, by_id[report.unit_id]) or (
            report.state in selectors.HANDED_IN
        ):
            latest[report.unit_id] = report
    budgets = {
        (unit_id, year): budget
        for unit_id, year, budget in YearPlan.objects.filter(unit__in=units).values_list(
            "unit_id", "year", "budget_kr"
        )
    }
    ytd = figures.ytd_period(today.year, today.month)
    youth = figures.aggregate_units(units=units, start=ytd[0], end=ytd[1], groups={"youth"})
    last_month = today.month - 1
    cards = []
    for unit in units:
        report = latest.get(unit.pk)
        economy = None
        if report is not None:
            deviation, share = figures.budget_deviation(
                budget=budgets.get((unit.pk, report.year)), forecast=report.e_forecast_kr
            )
            economy = {"deviation_kr": deviation, "deviation_percent": share}
        waiting = []
        for month in range(1, last_month + 1):
            month_report = this_year[unit.pk].get(month)
            if month_report is None or month_report.state != MonthlyReport.State.APPROVED:
                waiting.append(
                    {
                        "year": today.year,
                        "month": month,
                        "report": month_report,
                        "name": month_name(month),
                    }
                )
        cards.append(
            {
                "unit": unit,
                "latest": report,
                "latest_name": month_name(report.month) if report else "",
                "lights": [
                    (dim, DIMENSION_NAMES[dim], light(getattr(report, f"{dim.lower()}_status")))
                    for dim in DIMENSIONS
                ]
                if report
                else [],
                "youth_share": figures.shape_youth(youth[unit.pk]),
                "economy": economy,
                "waiting": waiting,
            }
        )
    return cards


def rollup_table(*, request, units: list[Unit], today: datetime.date) -> str:
    """The table of every unit the user sees (selectors.rollup_rows) with the municipalities'
    totals, rendered once per version of their data, language and day."""
    if not units:
        return ""
    ids = ",".join(str(unit.pk) for unit in units)
    return versions.remember(
        "dashboard-table",
        paths=cache.covering_paths(units),
        years=None,
        parts=(hashlib.blake2b(ids.encode(), digest_size=12).hexdigest(), today, get_language()),
        compute=lambda: _render_table(request=request, units=units, today=today),
    )


def _render_table(*, request, units: list[Unit], today: datetime.date) -> str:
    rows = selectors.rollup_rows(units=units, year=today.year, month=today.month)
    roots = selectors.top_units(units=[row["unit"] for row in rows])
    totals = [
        {
            "unit": row["unit"],
            "done": row["done"],
            "youth_share": row["youth_share"],
            "participants": row["participants"],
        }
        for row in rows
        if row["unit"] in roots and row["unit"].kind == Unit.Kind.MUNICIPALITY
    ]
    return render_to_string(
        "followup/includes/rollup_table.html",
        {"rows": rows, "totals": totals, "today": today},
        request=request,
    )
