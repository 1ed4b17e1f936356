"""The start page: it composes every app (plans, activities, monthly reports), so it lives in
the project package above them (DESIGN, architecture)."""

from __future__ import annotations

import datetime
import functools
import hashlib

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from activities import versions
from activities.models import Activity, Status
from culture_plan import permissions
from culture_plan import selectors as plan_selectors
from culture_plan.models import Plan, Role, Unit, YearPlan, paths_above
from followup import cache as figure_cache
from followup.models import MonthlyReport

# Bounded lists (issue 17): a municipality has hundreds of units.
OVERDUE_LIMIT = 50
HOME_UNIT_LIMIT = 40
REPORTS_DUE_LIMIT = 20


# From this month on the start page offers next year's year plan.
NEXT_YEAR_PLAN_FROM_MONTH = 11


def _year_plans_to_write(*, user, unit, plan, latest, today, allowed: dict) -> list[int]:
    """The year whose year plan a manager may start from the start page: this year's, or from
    November next year's, when none exists yet and the plan in force allows it."""
    if plan is None or not permissions.can_manage_unit(user, unit):
        return []
    years = [today.year + 1] if today.month >= NEXT_YEAR_PLAN_FROM_MONTH else [today.year]
    for year in years:  # one query per plan and year, not per unit (`allowed` remembers)
        if (plan.pk, year) not in allowed:
            allowed[plan.pk, year] = plan.in_force_for_year_plan(year)
    return [
        year for year in years if (latest is None or latest.year < year) and allowed[plan.pk, year]
    ]


def home_overview(*, user, today) -> dict:
    """What the start page shows: the user's units with roles, the plan in force and the
    unit's latest year plan, and what is waiting for the user (DESIGN: who uses it).

    Staff see their units' planned activities whose date has passed; managers also see the
    monthly reports of this year's past months that are not handed in yet (drafts or
    missing), submitted reports waiting for approval and this year's draft year plans.
    A fixed number of queries, however many units, reports and activities there are.

    The unit cards and the reports not handed in are rendered once per data version of the
    user's units (issue 23): `home_key` (``home_cache_key``) keys their fragments, and
    `rows` and `reports_due` are lazy, computed only when a fragment is rendered afresh.
    """
    units = list(permissions.visible_units(user).select_related("parent").order_by("path"))
    key = home_cache_key(user=user, units=units, today=today)
    reports_due_all = functools.cache(
        lambda: reports_not_handed_in(user=user, units=units, today=today)
    )
    loggers = permissions.units_with_role(user, permissions.LOGGERS)
    managed = permissions.units_with_role(user, permissions.EDITORS)
    overdue = (
        Activity.objects.filter(unit__in=loggers, status=Status.PLANNED, date__lt=today)
        .select_related("unit")
        .order_by("date", "pk")
    )
    submitted = (
        MonthlyReport.objects.filter(unit__in=managed, state=MonthlyReport.State.SUBMITTED)
        .select_related("unit")
        .order_by("year", "month", "unit__path")
    )
    draft_year_plans = (
        YearPlan.objects.filter(unit__in=managed, year=today.year, status=Plan.Status.DRAFT)
        .select_related("unit")
        .order_by("unit__path")
    )
    overdue_list = list(overdue[: OVERDUE_LIMIT + 1])
    return {
        # Bounded lists (issue 17): a municipality has hundreds of units; the dashboard
        # (followup) lists them all with their report states.
        "home_units_key": None if key is None else f"{key}|units",
        "home_due_key": None if key is None else f"{key}|due",
        "rows": SimpleLazyObject(lambda: unit_rows(user=user, units=units, today=today)),
        "rows_total": len(units),
        "overdue": overdue_list[:OVERDUE_LIMIT],
        "overdue_more": len(overdue_list) > OVERDUE_LIMIT,
        "reports_due": SimpleLazyObject(lambda: reports_due_all()[:REPORTS_DUE_LIMIT]),
        "reports_due_total": _remembered(key, "due-total", lambda: len(reports_due_all())),
        "submitted_reports": list(submitted),
        "draft_year_plans": list(draft_year_plans),
        "year": today.year,
    }


def home_cache_key(*, user, units: list[Unit], today) -> str | None:
    """The key of the start page's unit cards and reports not handed in: the data version
    (every year) of the subtrees of the user's visible units and of the units above them
    (whose plan is in force below), the user's memberships (roles) and the day. Monthly
    reports, year plans, memberships and plans touch their unit's version (activities.
    versions), a unit touches everything. One query; None inside ``figure_cache.bypassed()``."""
    return figure_cache.fragment_key(
        name="kulturplan.home",
        units=units,
        years=None,
        own_paths=paths_above(figure_cache.covering_paths(units)),
        parts=(permissions.membership_key(user), today),
    )


def _remembered(key: str | None, name: str, compute):
    """`compute()`'s small value stored next to the fragments of `key` (None: computed)."""
    if key is None:
        return compute()
    digest = hashlib.blake2b(f"{name}|{key}".encode(), digest_size=16).hexdigest()
    stored = cache.get(f"kp:home:{digest}")
    if stored is None:
        stored = compute()
        cache.set(f"kp:home:{digest}", stored, versions.TIMEOUT)
    return stored


def unit_rows(*, user, units: list[Unit], today) -> list[dict]:
    """The start page's unit cards (the first HOME_UNIT_LIMIT units): roles, the plan in
    force, the latest year plan and the year plans the user may start."""
    shown = units[:HOME_UNIT_LIMIT]
    in_force = plan_selectors.plans_in_force(units=shown, year=today.year)
    latest_year_plans: dict[int, YearPlan] = {}
    for year_plan in YearPlan.objects.filter(unit__in=[u.pk for u in shown]).order_by(
        "unit_id", "-year"
    ):
        latest_year_plans.setdefault(year_plan.unit_id, year_plan)
    rows = []
    allowed: dict[tuple[int, int], bool] = {}
    for unit in shown:
        plan = in_force.get(unit.pk)
        latest = latest_year_plans.get(unit.pk)
        rows.append(
            {
                "unit": unit,
                "roles": sorted(
                    (Role(role).label for role in permissions.roles_on(user, unit)), key=str
                ),
                "plan": plan,
                "year_plan": latest,
                # The latest year plan stays in force until a new one is adopted; a manager
                # may write this year's, or next year's from November on.
                "year_plan_in_force": latest is not None and latest.year < today.year,
                "create_year_plan_years": _year_plans_to_write(
                    user=user, unit=unit, plan=plan, latest=latest, today=today, allowed=allowed
                ),
            }
        )
    return rows


def reports_not_handed_in(*, user, units: list[Unit], today) -> list[dict]:
    """For each unit the user manages (manager role on it or above it, so not an administrator
    merely through being one), the past months of this year whose monthly report is still a
    draft or missing: [{"unit", "months": [{"month", "date", "state"}]}]. One query."""
    manager_paths = [
        path
        for path, role in permissions._memberships(user)  # noqa: SLF001 (cached memberships)
        if role == Role.MANAGER
    ]
    report_units = [
        unit for unit in units if any(unit.path.startswith(path) for path in manager_paths)
    ]
    if not report_units or today.month == 1:
        return []
    states = {
        (unit_id, month): state
        for unit_id, month, state in MonthlyReport.objects.filter(
            unit__in=[unit.pk for unit in report_units], year=today.year, month__lt=today.month
        ).values_list("unit_id", "month", "state")
    }
    # Plain strings and dates made once: the loop runs for every unit and past month (a few
    # thousand times for a municipality), and enum comparisons cost there.
    draft = str(MonthlyReport.State.DRAFT.value)
    firsts = [(month, datetime.date(today.year, month, 1)) for month in range(1, today.month)]
    result = []
    for unit in sorted(report_units, key=lambda unit: unit.path):
        months = []
        for month, first in firsts:
            state = states.get((unit.pk, month))
            if state is None or state == draft:
                months.append({"month": month, "date": first, "state": state})
        if months:
            result.append({"unit": unit, "months": months})
    return result
