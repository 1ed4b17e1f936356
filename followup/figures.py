"""The follow-up figures of DESIGN ("Computations (followup/), exact"), one function per figure.

Every figure is aggregated in the database, one query per figure group, never by looping over
activities in Python. Rules shared by all of them:

- counts are of done activities unless named otherwise (``activity_counts`` counts by status);
- an activity belongs to the month of its ``date``; periods are inclusive date ranges;
- a unit's figures cover the activities it or a unit below it owns or co-arranges, each
  once (``activities_for_unit``, the one place that decides it);
- percentages are strings with one decimal, rounded half up, or ``None`` when the whole is 0.

Where the period is whole months (every report's is), the sums come from the summary tables of
activities.summaries (pre-summed per unit, month and status, and per unit, goal and month),
rolled up by unit path: a few hundred rows instead of the activities. The same figures from
the activity rows themselves are one ``with from_activity_rows():`` away; the tests compare
the two, and other periods always read the rows.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from activities.models import (
    AGE_BANDS,
    AGE_COUNT_FIELDS,
    TARGET_FIELDS,
    YOUTH_BANDS,
    Activity,
    ActivityMonthSummary,
    Collaboration,
    GoalMonthSummary,
    GoalYearSummary,
    Kind,
    Status,
)
from activities.selectors import arranged_by, arranged_by_q
from activities.summaries import months_q
from culture_plan.models import Goal, Unit
from culture_plan.periods import month_period, year_period, ytd_period  # noqa: F401 (figures.*)
from culture_plan.selectors import plan_in_force
from followup import cache

ONE_DECIMAL = Decimal("0.1")
TWO_DECIMALS = Decimal("0.01")

DONE = Q(status=Status.DONE)

_SOURCE = contextvars.ContextVar("figures_source", default="summaries")


@contextlib.contextmanager
def from_activity_rows():
    """Compute every figure inside the block from the activity rows, not the summaries (for
    the tests and benchmarks that compare the two)."""
    token = _SOURCE.set("rows")
    try:
        yield
    finally:
        _SOURCE.reset(token)


def reading_summaries() -> bool:
    return _SOURCE.get() == "summaries"


def whole_months(start: datetime.date, end: datetime.date) -> bool:
    """Whether [start, end] is whole months (the first of a month to the last of one)."""
    return start.day == 1 and end == month_period(end.year, end.month)[1] and start <= end


def _any_target(bands) -> Q:
    condition = Q()
    for band in bands:
        condition |= Q(**{TARGET_FIELDS[band]: True})
    return condition


# Youth-targeted: at least one target band, and every target band within 10–25.
YOUTH_TARGETED = _any_target(YOUTH_BANDS) & ~_any_target(
    [band for band in AGE_BANDS if band not in YOUTH_BANDS]
)

YOUNG_FIELDS = [AGE_COUNT_FIELDS[band] for band in YOUTH_BANDS]
KINDS = [choice.value for choice in Kind]
COLLABORATIONS = [choice.value for choice in Collaboration]


# --- Formatting ---------------------------------------------------------------------------


def percent(part, whole) -> str | None:
    """THE percentage of DESIGN: part / whole in percent, one decimal, rounded half up
    (44/101 → "43.6", 5/16 → "31.3"); ``None`` when the whole is 0 or unknown."""
    if not whole:
        return None
    value = Decimal(part) * 100 / Decimal(whole)
    return str(value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP))


def one_decimal(value) -> str | None:
    """A number as a string with one decimal, rounded half up; ``None`` stays ``None``."""
    if value is None:
        return None
    return str(Decimal(value).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP))


# --- Query building -----------------------------------------------------------------------


def activities_for_unit(*, unit: Unit) -> QuerySet[Activity]:
    """THE activities a unit's figures cover (DESIGN "One event, many arrangers"): those that
    `unit` or a unit below it owns or co-arranges, each once, so a roll-up counts a joint
    event once however many of its units arranged it. Every figure, page, PDF, Excel file and
    JSON report reads through here. The rule itself is ``activities.selectors.arranged_by``
    (the activity plan and lists of the activities app use it too, and arrows run from
    followup to activities, not back): co-arranged ones come from an ``id IN (subquery)``, not
    a join, so no sum is multiplied."""
    return arranged_by(unit=unit)


def activities_for_unit_q(*, unit: Unit) -> Q:
    """The condition of ``activities_for_unit`` as a Q (a filtered aggregate per unit)."""
    return arranged_by_q(unit=unit)


def unit_activities(*, unit: Unit) -> QuerySet[Activity]:
    """The activities a unit's figures cover; see ``activities_for_unit``."""
    return activities_for_unit(unit=unit)


# Done activities arranged with at least one co-arranger (an EXISTS, so no join).
CO_ARRANGED = Exists(Activity.co_arrangers.through.objects.filter(activity_id=OuterRef("pk")))


def _period_activities(*, unit: Unit, start: datetime.date, end: datetime.date):
    return unit_activities(unit=unit).filter(date__gte=start, date__lte=end)


def _sum(field: str, condition: Q = DONE):
    return Coalesce(Sum(field, filter=condition), 0)


def _count(condition: Q):
    return Count("pk", filter=condition)


SURVEY_ANSWERED = DONE & Q(survey_answers__gt=0, survey_mean__isnull=False)


def _aggregates(groups: set[str]) -> dict:
    """Aggregate expressions for the named figure groups, so that any combination of them is
    one query."""
    exprs: dict = {}
    if "counts" in groups:
        exprs["n_done"] = _count(DONE)
        exprs["n_planned"] = _count(Q(status=Status.PLANNED))
        exprs["n_cancelled"] = _count(Q(status=Status.CANCELLED))
        exprs["n_co_arranged"] = _count(DONE & Q(CO_ARRANGED))
    if "participants" in groups:
        exprs["p_girls"] = _sum("girls")
        exprs["p_boys"] = _sum("boys")
        exprs["p_other"] = _sum("other_gender")
        exprs["p_unique"] = _sum("unique_participants")
        for field in YOUNG_FIELDS:
            exprs[f"p_{field}"] = _sum(field)
    if "youth" in groups:
        exprs["n_done"] = _count(DONE)
        exprs["n_youth"] = _count(DONE & YOUTH_TARGETED)
    if "age_bands" in groups:
        exprs["n_done"] = _count(DONE)
        for field in TARGET_FIELDS.values():
            exprs[f"band_{field}"] = _count(DONE & Q(**{field: True}))
    if "kinds" in groups:
        exprs["n_done"] = _count(DONE)
        for kind in KINDS:
            exprs[f"kind_{kind}"] = _count(DONE & Q(kind=kind))
    if "collaborations" in groups:
        exprs["n_done"] = _count(DONE)
        for collaboration in COLLABORATIONS:
            exprs[f"collab_{collaboration}"] = _count(DONE & Q(collaboration=collaboration))
    if "survey" in groups:
        exprs["s_answers"] = _sum("survey_answers", SURVEY_ANSWERED)
        exprs["s_weighted"] = Sum(
            ExpressionWrapper(
                F("survey_answers") * F("survey_mean"),
                output_field=DecimalField(max_digits=20, decimal_places=2),
            ),
            filter=SURVEY_ANSWERED,
        )
    if "cost" in groups:
        exprs["cost"] = Sum("cost_kr", filter=DONE)
    return exprs


def _summary_aggregates(groups: set[str]) -> dict:
    """The expressions of ``_aggregates`` (same keys, same values) over summary rows."""
    done = Q(status=Status.DONE)

    def total(column: str, condition: Q = done):
        return Coalesce(Sum(column, filter=condition), 0)

    exprs: dict = {}
    if "counts" in groups:
        exprs["n_done"] = total("activities")
        exprs["n_planned"] = total("activities", Q(status=Status.PLANNED))
        exprs["n_cancelled"] = total("activities", Q(status=Status.CANCELLED))
        exprs["n_co_arranged"] = total("co_arranged")
    if "participants" in groups:
        exprs["p_girls"] = total("girls")
        exprs["p_boys"] = total("boys")
        exprs["p_other"] = total("other_gender")
        exprs["p_unique"] = total("unique_participants")
        for field in YOUNG_FIELDS:
            exprs[f"p_{field}"] = total(field)
    if "youth" in groups:
        exprs["n_done"] = total("activities")
        exprs["n_youth"] = total("youth_targeted")
    if "age_bands" in groups:
        exprs["n_done"] = total("activities")
        for field in TARGET_FIELDS.values():
            exprs[f"band_{field}"] = total(field)
    if "kinds" in groups:
        exprs["n_done"] = total("activities")
        for kind in KINDS:
            exprs[f"kind_{kind}"] = total(f"kind_{kind}")
    if "collaborations" in groups:
        exprs["n_done"] = total("activities")
        for collaboration in COLLABORATIONS:
            exprs[f"collab_{collaboration}"] = total(f"collab_{collaboration}")
    if "survey" in groups:
        exprs["s_answers"] = total("survey_answers")
        exprs["s_weighted"] = Sum("survey_weighted", filter=done)
    if "cost" in groups:
        exprs["cost"] = Sum("cost_kr", filter=done)
    return exprs


def _summary_rows(*, unit: Unit, periods):
    return ActivityMonthSummary.objects.filter(
        months_q(periods), unit__path__startswith=unit.path
    ).order_by()


@cache.figure(when=reading_summaries)
def aggregate_period(*, unit: Unit, start: datetime.date, end: datetime.date, groups) -> dict:
    """Raw aggregates of several figure groups for one period, in one query. The public
    functions below shape them; reports use this to save queries."""
    if reading_summaries() and whole_months(start, end):
        rows = _summary_rows(unit=unit, periods=[(start, end)])
        return rows.aggregate(**_summary_aggregates(set(groups)))
    return _period_activities(unit=unit, start=start, end=end).aggregate(**_aggregates(set(groups)))


@cache.figure(when=reading_summaries)
def aggregate_months(*, unit: Unit, periods, groups) -> dict[tuple[int, int], dict]:
    """Raw aggregates per (year, month) over several periods, in one query and one pass over
    the rows: a report sums the months it needs instead of scanning each period again."""
    if reading_summaries() and all(whole_months(start, end) for start, end in periods):
        rows = (
            _summary_rows(unit=unit, periods=periods)
            .values("year", "month")
            .annotate(**_summary_aggregates(set(groups)))
        )
        return {(row.pop("year"), row.pop("month")): row for row in rows}
    condition = Q()
    for start, end in periods:
        condition |= Q(date__gte=start, date__lte=end)
    rows = (
        unit_activities(unit=unit)
        .filter(condition)
        .annotate(year=ExtractYear("date"), month=ExtractMonth("date"))
        .values("year", "month")
        .annotate(**_aggregates(set(groups)))
    )
    return {(row.pop("year"), row.pop("month")): row for row in rows}


def sum_months(months: dict, *, keys, start: datetime.date, end: datetime.date) -> dict:
    """The raw aggregates of the months from `start` to `end`, summed (12 rows at most, not
    activities); months without activities count as zero."""
    total = dict.fromkeys(keys, 0)
    for (year, month), raw in months.items():
        if start <= datetime.date(year, month, 1) <= end:
            for key in keys:
                total[key] += raw[key] or 0
    return total


def aggregate_keys(groups) -> list[str]:
    """The raw keys of the named figure groups (for summing months)."""
    return list(_aggregates(set(groups)))


ALL_GROUPS = {
    "counts",
    "participants",
    "youth",
    "age_bands",
    "kinds",
    "collaborations",
    "survey",
    "cost",
}


# --- Shaping raw aggregates ---------------------------------------------------------------


def shape_counts(raw: dict) -> dict:
    return {
        "done": raw["n_done"],
        "planned": raw["n_planned"],
        "cancelled": raw["n_cancelled"],
    }


def shape_participants(raw: dict) -> dict:
    girls, boys, other = raw["p_girls"], raw["p_boys"], raw["p_other"]
    return {
        "total": girls + boys + other,
        "girls": girls,
        "boys": boys,
        "other": other,
        "young_10_25": sum(raw[f"p_{field}"] for field in YOUNG_FIELDS),
    }


def shape_co_arranged(raw: dict) -> int:
    """Done activities arranged together with at least one co-arranging unit."""
    return raw["n_co_arranged"]


def shape_unique_participants(raw: dict) -> int:
    """Unique participants (unika deltagare) of done activities, where counted: persons, not
    visits, so they are shown beside the visits and never added to them."""
    return raw["p_unique"]


def shape_youth(raw: dict) -> dict:
    youth, total = raw["n_youth"], raw["n_done"]
    return {"youth": youth, "total": total, "percent": percent(youth, total)}


def _part(count: int, total: int) -> dict:
    return {"count": count, "percent": percent(count, total)}


def shape_age_bands(raw: dict) -> dict:
    total = raw["n_done"]
    return {band: _part(raw[f"band_{field}"], total) for band, field in TARGET_FIELDS.items()}


def shape_kinds(raw: dict) -> dict:
    return {kind: _part(raw[f"kind_{kind}"], raw["n_done"]) for kind in KINDS}


def shape_collaborations(raw: dict) -> dict:
    return {c: _part(raw[f"collab_{c}"], raw["n_done"]) for c in COLLABORATIONS}


def shape_survey(raw: dict) -> dict:
    answers = raw["s_answers"] or 0
    mean = None
    if answers:
        weighted = Decimal(raw["s_weighted"]).quantize(TWO_DECIMALS, rounding=ROUND_HALF_UP)
        mean = one_decimal(weighted / answers)
    return {"answers": answers, "mean": mean}


def shape_cost(raw: dict) -> Decimal:
    cost = raw["cost"]
    if cost is None:
        return Decimal("0.00")
    return Decimal(cost).quantize(TWO_DECIMALS, rounding=ROUND_HALF_UP)


# --- The figures --------------------------------------------------------------------------


def budget_deviation(*, budget, forecast) -> tuple[Decimal | None, str | None]:
    """The forecast's deviation from the budget in kronor and in percent of the budget
    (forecast - budget; ``None`` when either is unknown)."""
    if forecast is None or budget is None:
        return None, None
    deviation = forecast - budget
    return deviation, percent(deviation, budget)


def activity_counts(*, unit: Unit, start: datetime.date, end: datetime.date) -> dict:
    """Activities in the period by current status: done, planned, cancelled."""
    return shape_counts(aggregate_period(unit=unit, start=start, end=end, groups={"counts"}))


def participants(*, unit: Unit, start: datetime.date, end: datetime.date) -> dict:
    """Participants (visits) of done activities: total = girls + boys + other; young_10_25 =
    the sum of the four 10–25 age-band counts."""
    raw = aggregate_period(unit=unit, start=start, end=end, groups={"participants"})
    return shape_participants(raw)


def youth_share(*, unit: Unit, start: datetime.date, end: datetime.date) -> dict:
    """Youth-targeted / all done activities. Youth-targeted: at least one target band and
    every target band within 10–25."""
    return shape_youth(aggregate_period(unit=unit, start=start, end=end, groups={"youth"}))


def age_band_distribution(*, unit: Unit, start: datetime.date, end: datetime.date) -> dict:
    """Per band, the done activities that target it and their share of all done activities
    (an activity counts in every band it targets, so shares need not sum to 100)."""
    raw = aggregate_period(unit=unit, start=start, end=end, groups={"age_bands"})
    return shape_age_bands(raw)


def kind_distribution(*, unit: Unit, start: datetime.date, end: datetime.date) -> dict:
    """Done activities by kind (kultur, konst, dialog), counts and shares."""
    return shape_kinds(aggregate_period(unit=unit, start=start, end=end, groups={"kinds"}))


def collaboration_distribution(*, unit: Unit, start: datetime.date, end: datetime.date) -> dict:
    """Done activities by collaboration (egen regi, intern, extern), counts and shares."""
    raw = aggregate_period(unit=unit, start=start, end=end, groups={"collaborations"})
    return shape_collaborations(raw)


def survey_summary(*, unit: Unit, start: datetime.date, end: datetime.date) -> dict:
    """Quick-survey answers of done activities and their mean score, weighted by the number
    of answers; mean ``None`` when there are no answers."""
    return shape_survey(aggregate_period(unit=unit, start=start, end=end, groups={"survey"}))


def activity_cost(*, unit: Unit, start: datetime.date, end: datetime.date) -> Decimal:
    """The summed cost (kr) of done activities."""
    return shape_cost(aggregate_period(unit=unit, start=start, end=end, groups={"cost"}))


def _young_sum(condition: Q = DONE):
    total = None
    for field in YOUNG_FIELDS:
        term = _sum(field, condition)
        total = term if total is None else total + term
    return total


def young_participants_by_month(*, unit: Unit, year: int) -> list[int]:
    """Young participants (10–25) of done activities per month, January to December, in one
    query grouped by month."""
    start, end = year_period(year)
    if reading_summaries():
        months = aggregate_months(unit=unit, periods=[(start, end)], groups={"participants"})
        result = [0] * 12
        for (_year, month), raw in months.items():
            result[month - 1] = sum(raw[f"p_{field}"] for field in YOUNG_FIELDS)
        return result
    rows = (
        _period_activities(unit=unit, start=start, end=end)
        .filter(DONE)
        .annotate(month=ExtractMonth("date"))
        .values("month")
        .annotate(**{f"y_{field}": Sum(field) for field in YOUNG_FIELDS})
    )
    result = [0] * 12
    for row in rows:
        result[row["month"] - 1] = sum(row[f"y_{field}"] or 0 for field in YOUNG_FIELDS)
    return result


def young_participants_december(*, unit: Unit, year: int) -> dict:
    """Young participants (10–25) in December of `year` and in December a year earlier (the
    seed's indicator compares December with December)."""
    this_start, this_end = month_period(year, 12)
    last_start, last_end = month_period(year - 1, 12)
    if reading_summaries():
        months = aggregate_months(
            unit=unit,
            periods=[(last_start, last_end), (this_start, this_end)],
            groups={"participants"},
        )

        def young(year_: int) -> int:
            raw = months.get((year_, 12))
            return sum(raw[f"p_{field}"] for field in YOUNG_FIELDS) if raw else 0

        return {"year": young(year), "previous_year": young(year - 1)}
    this_q = DONE & Q(date__gte=this_start, date__lte=this_end)
    last_q = DONE & Q(date__gte=last_start, date__lte=last_end)
    raw = _period_activities(unit=unit, start=last_start, end=this_end).aggregate(
        this_year=_young_sum(this_q), previous=_young_sum(last_q)
    )
    return {"year": raw["this_year"], "previous_year": raw["previous"]}


def goals_in_force(*, unit: Unit, year: int) -> tuple:
    """(plan, goals) of the plan in force for the unit in `year`; goals in the plan's order
    (area number, order, code). ``(None, [])`` when no plan is in force."""
    plan = plan_in_force(unit=unit, year=year)
    if plan is None:
        return None, []
    goals = list(Goal.objects.filter(plan=plan).order_by("area__number", "order", "code"))
    return plan, goals


@cache.figure(when=reading_summaries)
def activities_per_goal(*, unit: Unit, start: datetime.date, end: datetime.date) -> list[dict]:
    """Done activities linked to each goal of the plan in force (at `start`), zeros included,
    in the plan's order. Counted from the unit's activities (not from the goals), so that the
    work follows the unit's own activities, not every link to the plan's goals."""
    plan, goals = goals_in_force(unit=unit, year=start.year)
    if plan is None:
        return []
    if reading_summaries() and whole_months(start, end):
        rows = (
            GoalMonthSummary.objects.filter(
                months_q([(start, end)]), unit__path__startswith=unit.path, goal__plan=plan
            )
            .order_by()
            .values("goal")
            .annotate(done=Sum("done"))
        )
        done = {row["goal"]: row["done"] for row in rows}
        return [
            {"goal": goal.code, "text": goal.text, "done": done.get(goal.pk, 0)} for goal in goals
        ]
    rows = (
        _period_activities(unit=unit, start=start, end=end)
        .filter(DONE, goals__plan=plan)
        .values("goals")
        .annotate(done=Count("pk"))
    )
    done = {row["goals"]: row["done"] for row in rows}
    return [{"goal": goal.code, "text": goal.text, "done": done.get(goal.pk, 0)} for goal in goals]


@cache.figure(when=reading_summaries)
def done_per_goal_and_year(*, unit: Unit, goal_ids, years) -> dict[tuple[int, int], int]:
    """Done activities per (goal id, year), zeros included, in one query: the cells of the
    implementation matrix."""
    goal_ids, years = list(goal_ids), sorted(set(years))
    result = {(goal_id, year): 0 for goal_id in goal_ids for year in years}
    if not goal_ids or not years:
        return result
    if reading_summaries():
        rows = (
            GoalYearSummary.objects.filter(
                unit__path__startswith=unit.path,
                goal__in=goal_ids,
                year__gte=years[0],
                year__lte=years[-1],
            )
            .order_by()
            .values("goal_id", "year")
            .annotate(done=Sum("done"))
        )
        for row in rows:
            key = (row["goal_id"], row["year"])
            if key in result:
                result[key] = row["done"]
        return result
    rows = (
        unit_activities(unit=unit)
        .filter(
            DONE,
            goals__in=goal_ids,
            date__gte=year_period(years[0])[0],
            date__lte=year_period(years[-1])[1],
        )
        .annotate(year=ExtractYear("date"), goal_id=F("goals"))
        .values("goal_id", "year")
        .annotate(done=Count("pk"))
    )
    for row in rows:
        key = (row["goal_id"], row["year"])
        if key in result:
            result[key] = row["done"]
    return result


@cache.figure(when=reading_summaries)
def month_series(*, unit: Unit, year: int) -> list[dict]:
    """For each month of `year`: counts by status, participants and youth share, in one query
    grouped by month (for the year overview and the youth page)."""
    start, end = year_period(year)
    groups = {"counts", "participants", "youth"}
    by_month = {
        month: raw
        for (_year, month), raw in aggregate_months(
            unit=unit, periods=[(start, end)], groups=groups
        ).items()
    }
    empty = dict.fromkeys(aggregate_keys(groups), 0)
    series = []
    for month in range(1, 13):
        raw = by_month.get(month, empty)
        series.append(
            {
                "month": month,
                "counts": shape_counts(raw),
                "participants": shape_participants(raw),
                "youth_share": shape_youth(raw),
            }
        )
    return series


@cache.figure(when=reading_summaries)
def aggregate_units(*, units, start: datetime.date, end: datetime.date, groups) -> dict:
    """Raw aggregates per unit (unit pk → raw) for one period, each unit's covering it and
    the units below it (the rule of ``activities_for_unit``). From the summaries: one query
    for all units, rolled up by path in Python over a few hundred rows; from the rows: one
    query per unit."""
    units = list(units)
    if not units:
        return {}
    if not (reading_summaries() and whole_months(start, end)):
        return {
            unit.pk: aggregate_period(unit=unit, start=start, end=end, groups=groups)
            for unit in units
        }
    condition = Q()
    for unit in units:
        condition |= Q(unit__path__startswith=unit.path)
    rows = list(
        ActivityMonthSummary.objects.filter(condition, months_q([(start, end)]))
        .order_by()
        .values("unit__path")
        .annotate(**_summary_aggregates(set(groups)))
    )
    keys = aggregate_keys(groups)
    totals = {unit.path: dict.fromkeys(keys, 0) for unit in units}
    for row in rows:
        # Each row adds into the units on its path (a few), not a test against every unit.
        path = row["unit__path"]
        end = 0
        while (end := path.find("/", end + 1)) != -1:
            total = totals.get(path[: end + 1])
            if total is not None:
                for key in keys:
                    total[key] += row[key] or 0
    return {unit.pk: totals[unit.path] for unit in units}


@cache.figure(when=reading_summaries)
def aggregate_units_below(
    *, unit: Unit, start: datetime.date, end: datetime.date, groups
) -> dict[str, dict]:
    """Raw aggregates of every unit below `unit` (unit path → raw) for one period, each
    covering that unit and the units below it (the rule of ``activities_for_unit``, so each
    is what that unit's own report shows). From the summaries: one query over the subtree's
    rows, rolled up by path in Python; from the rows: one query per unit below."""
    below = Unit.objects.filter(path__startswith=unit.path).exclude(pk=unit.pk).order_by("path")
    if not (reading_summaries() and whole_months(start, end)):
        return {
            child.path: aggregate_period(unit=child, start=start, end=end, groups=groups)
            for child in below
        }
    rows = (
        _summary_rows(unit=unit, periods=[(start, end)])
        .exclude(unit=unit)
        .values("unit__path")
        .annotate(**_summary_aggregates(set(groups)))
    )
    keys = aggregate_keys(groups)
    totals: dict[str, dict] = {}
    for row in rows:
        # Each row adds into the units on its path below `unit` (the paths are the units').
        path = row["unit__path"]
        end_at = len(unit.path) - 1
        while (end_at := path.find("/", end_at + 1)) != -1:
            total = totals.setdefault(path[: end_at + 1], dict.fromkeys(keys, 0))
            for key in keys:
                total[key] += row[key] or 0
    return totals
