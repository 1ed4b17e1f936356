"""The values of computed indicators (from activities) for the `report indicators` JSON.

governance builds that report but lies below followup, where the figures are computed; the
report kind (followup.report_kinds) fills in each computed indicator's value from here: the
whole year's figures, the same rule as VEPAQ's Q of December (reports.indicator_rows).
"""

from __future__ import annotations

from decimal import Decimal

from culture_plan.models import Unit
from followup import figures, reports
from governance import comparison


def computed_indicator_values(*, unit: Unit, year: int) -> dict[str, str | None]:
    """Indicator name → its value computed over January–December of `year` (as the VEPAQ
    report's indicators of December), for the unit's computed indicators only."""
    start, end = figures.year_period(year)
    raw = figures.aggregate_period(
        unit=unit, start=start, end=end, groups={"counts", "participants", "youth"}
    )
    ytd = {
        "activities": figures.shape_counts(raw),
        "participants": figures.shape_participants(raw),
        "youth_share": figures.shape_youth(raw),
    }
    rows = reports.indicator_rows(unit=unit, year=year, month=12, ytd=ytd)
    return {row["name"]: row["value"] for row in rows if row["source"] != "manual"}


def with_computed_values(report: dict, *, unit: Unit) -> dict:
    """The indicators report with `value` (one decimal, as every value there) filled in for
    computed indicators, and an absolute target's `target_met` judged on it."""
    values = computed_indicator_values(unit=unit, year=report["year"])
    for row in report["indicators"]:
        if row["value"] is not None or values.get(row["name"]) is None:
            continue
        row["value"] = comparison.one_decimal(Decimal(values[row["name"]]))
        target = row["target"]
        if target["kind"] == "absolute" and target["value"] is not None:
            row["target_met"] = comparison.target_met(
                kind="absolute",
                direction=row["direction"],
                value=Decimal(row["value"]),
                target=Decimal(target["value"]),
            )
    return report
