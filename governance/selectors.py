"""Reads of governance: goal chains, commitments, service offers and indicator comparisons.

Every page, the report section and `report indicators` read through these functions.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from activities.models import Activity, Status
from culture_plan import permissions
from culture_plan.models import (
    Framework,
    FrameworkGoal,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    TargetKind,
    Unit,
)
from governance import charts, comparison
from governance.data import municipalities
from governance.models import (
    Commitment,
    CommitmentAssessment,
    IndicatorComparison,
    KoladaKpi,
    KoladaValue,
    Period,
    ServiceOffer,
)

# --- goal chains ---------------------------------------------------------------------------


def level_names(framework: Framework) -> dict[int, str]:
    return {level.depth: level.name for level in framework.levels.all()}


def goal_tree(*, framework: Framework, user, root: FrameworkGoal | None = None) -> list[dict]:
    """The framework's goals as nested nodes, top-down, each with its level name and the
    commitments of the units the user may see. Two queries for goals and commitments."""
    goals = list(framework.goals.order_by("order", "code"))
    levels = level_names(framework)
    commitments = defaultdict(list)
    for commitment in (
        visible_commitments(user=user)
        .filter(framework_goal__framework=framework)
        .select_related("unit")
    ):
        commitments[commitment.framework_goal_id].append(commitment)
    children = defaultdict(list)
    for goal in goals:
        children[goal.parent_id].append(goal)

    def node(goal: FrameworkGoal, depth: int, seen: frozenset) -> dict:
        kids = [k for k in children[goal.pk] if k.pk not in seen]
        return {
            "goal": goal,
            "depth": depth,
            "level": levels.get(depth, ""),
            "commitments": commitments[goal.pk],
            "children": [node(k, depth + 1, seen | {k.pk}) for k in kids],
        }

    if root is not None:
        depth = len(root.ancestors())
        return [node(root, depth, frozenset({root.pk}))]
    return [node(goal, 0, frozenset({goal.pk})) for goal in children[None]]


def flatten(tree: list[dict]) -> list[dict]:
    """The nested nodes in reading order (for templates that list rather than nest)."""
    rows = []
    for item in tree:
        rows.append(item)
        rows.extend(flatten(item["children"]))
    return rows


# --- commitments -------------------------------------------------------------------------


def visible_commitments(*, user) -> QuerySet[Commitment]:
    return Commitment.objects.filter(unit__in=permissions.visible_units(user))


def commitment_detail(*, commitment: Commitment) -> dict:
    goal = commitment.framework_goal
    chain = []
    if goal is not None:
        levels = level_names(goal.framework)
        for depth, item in enumerate([*goal.ancestors(), goal]):
            chain.append({"goal": item, "level": levels.get(depth, "")})
    assessments = {a.period: a for a in commitment.assessments.all()}
    return {
        "commitment": commitment,
        "chain": chain,
        "assessments": [
            {"period": value, "label": label, "assessment": assessments.get(value)}
            for value, label in Period.choices
        ],
        "activities": commitment.activities.select_related("unit").order_by("date"),
        "indicators": commitment.indicators.select_related("unit"),
        "history": commitment.history.select_related("history_user").order_by("-history_date")[:20],
    }


def goals_served_by_activity(*, activity: Activity, user) -> list[dict]:
    """ "Which goals does this serve?": the activity's commitments (those the user may see),
    each with its chain of goals from the top down; plus the plan's own goals."""
    rows = []
    commitments = (
        visible_commitments(user=user)
        .filter(activities=activity)
        .select_related("framework_goal__framework", "plan_goal__area", "unit")
    )
    for commitment in commitments:
        chain = []
        if commitment.framework_goal is not None:
            goal = commitment.framework_goal
            levels = level_names(goal.framework)
            chain = [
                {"goal": item, "level": levels.get(depth, "")}
                for depth, item in enumerate([*goal.ancestors(), goal])
            ]
        rows.append({"commitment": commitment, "chain": chain})
    return rows


def _period_for_tertial(tertial: int | None) -> int:
    return Period.YEAR_END if tertial is None else int(tertial)


def commitments_report_section(*, unit: Unit, year: int, tertial: int | None = None) -> dict:
    """The commitments of `unit` (and units below it) for `year`, each with its goal chain,
    linked activities done in the year and its assessment at the tertial (1, 2) or at the year
    end (`tertial=None`). Plain data for the annual and tertial reports (JSON-safe)."""
    period = _period_for_tertial(tertial)
    commitments = (
        Commitment.objects.filter(unit__in=unit.subtree(), year=year)
        .select_related("unit", "framework_goal__framework", "plan_goal")
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=CommitmentAssessment.objects.filter(period=period),
                to_attr="period_assessments",
            )
        )
        .annotate(
            done_activities=Count(
                "activities",
                filter=Q(activities__status=Status.DONE, activities__date__year=year),
                distinct=True,
            ),
            all_activities=Count("activities", distinct=True),
        )
        .order_by("unit__path", "title")
    )
    rows = []
    for commitment in commitments:
        if commitment.framework_goal is not None:
            goal = commitment.framework_goal
            levels = level_names(goal.framework)
            chain = [
                {"code": g.code, "name": g.name, "level": levels.get(depth, "")}
                for depth, g in enumerate([*goal.ancestors(), goal])
            ]
            framework = goal.framework.name
        else:
            chain = [
                {
                    "code": commitment.plan_goal.code,
                    "name": commitment.plan_goal.text,
                    "level": _("Inriktningsmål"),
                }
            ]
            framework = str(commitment.plan_goal.plan)
        assessment = (commitment.period_assessments or [None])[0]
        rows.append(
            {
                "title": commitment.title,
                "unit": commitment.unit.slug,
                "unit_name": commitment.unit.name,
                "framework": framework,
                "chain": chain,
                "expected_result": commitment.expected_result,
                "start_date": commitment.start_date.isoformat() if commitment.start_date else None,
                "end_date": commitment.end_date.isoformat() if commitment.end_date else None,
                "activities": {
                    "linked": commitment.all_activities,
                    "done": commitment.done_activities,
                },
                "status": assessment.status if assessment else None,
                "status_label": assessment.get_status_display() if assessment else None,
                "comment": assessment.comment if assessment else "",
            }
        )
    return {
        "unit": unit.slug,
        "year": year,
        "tertial": tertial,
        "period_label": str(Period(period).label),
        "commitments": rows,
    }


# --- service offers ----------------------------------------------------------------------


def service_offers_for(*, unit: Unit) -> list[dict]:
    offers = ServiceOffer.objects.filter(unit=unit).select_related("indicator")
    values = defaultdict(list)
    for value in IndicatorValue.objects.filter(indicator__service_offer__unit=unit).order_by(
        "-year", "-period"
    ):
        values[value.indicator_id].append(value)
    return [{"offer": offer, "values": values[offer.indicator_id]} for offer in offers]


# --- indicators compared with other municipalities --------------------------------------


def kolada_requests(*, indicators=None) -> dict[str, set[str]]:
    """KPI → the municipality ids to fetch: each Kolada indicator's own municipality and its
    comparison group's members."""
    indicators = indicators if indicators is not None else Indicator.objects.exclude(kolada_kpi="")
    requests: dict[str, set[str]] = defaultdict(set)
    for indicator in indicators.select_related("unit", "comparison__group"):
        own = indicator.unit.municipality_kolada_id()
        if own:
            requests[indicator.kolada_kpi].add(own)
        link = getattr(indicator, "comparison", None)
        if link is not None:
            requests[indicator.kolada_kpi].update(link.group.members)
    return {kpi: ids for kpi, ids in requests.items() if ids}


def _kolada_values(kpi: str, members, years) -> dict[tuple[str, int], KoladaValue]:
    return {
        (row.municipality, row.year): row
        for row in KoladaValue.objects.filter(kpi=kpi, municipality__in=members, year__in=years)
    }


def _own_value(indicator: Indicator, year: int, kolada: dict, own: str):
    """An indicator's value for the year: from Kolada, else its entered whole-year value (or
    the year's last entered period)."""
    if indicator.kolada_kpi:
        row = kolada.get((own, year))
        return row.value if row else None
    values = [v for v in indicator.values.all() if v.year == year]
    if not values:
        return None
    whole = [v for v in values if v.period == 0]
    return (whole or sorted(values, key=lambda v: v.period))[-1].value


def indicator_comparison(*, indicator: Indicator, year: int) -> dict:
    """Everything the indicator page, the chart and `report indicators` show for one indicator
    and year: value, target, comparison with the group and whether the target is met.

    Raw Decimals under "raw"; the DESIGN's JSON under "json"."""
    own = indicator.unit.municipality_kolada_id()
    link = IndicatorComparison.objects.filter(indicator=indicator).select_related("group").first()
    group = link.group if link else None
    members = list(group.members) if group else ([own] if own else [])
    kolada = (
        _kolada_values(indicator.kolada_kpi, set(members) | {own}, [year, year - 1])
        if indicator.kolada_kpi
        else {}
    )
    value = _own_value(indicator, year, kolada, own)
    previous = _own_value(indicator, year - 1, kolada, own)
    direction = comparison.direction_word(indicator.direction)
    compared = None
    member_rows = []
    if group and indicator.kolada_kpi:
        values = {m: (kolada[(m, year)].value if (m, year) in kolada else None) for m in members}
        compared = comparison.compare(values, own, direction)
        member_rows = [
            {
                "id": m,
                "name": municipalities.name(m),
                "value": values[m],
                "own": m == own,
                "rank": comparison.rank(values, m, direction),
            }
            for m in members
        ]
    kind = indicator.target_kind
    if kind == TargetKind.ABSOLUTE:
        target_row = next((t for t in indicator.targets.all() if t.year == year), None)
        target_value = target_row.value if target_row else None
    elif kind == TargetKind.PREVIOUS_YEAR:
        target_value = previous
    elif kind == TargetKind.GROUP_AVERAGE:
        target_value = compared["average"] if compared else None
    else:
        target_value = compared["quartile_threshold"] if compared else None
    met = comparison.target_met(
        kind=kind,
        direction=direction,
        value=value,
        target=target_value,
        rank_=compared["rank"] if compared else None,
        of=compared["of"] if compared else 0,
    )
    sources = {row.is_demo for (m, y), row in kolada.items() if y == year}
    fetched = [row.fetched_at for (m, y), row in kolada.items() if y == year]
    kpi_meta = (
        KoladaKpi.objects.filter(kpi=indicator.kolada_kpi).first() if indicator.kolada_kpi else None
    )
    json_row = {
        "name": indicator.name,
        "kolada_kpi": indicator.kolada_kpi or None,
        "direction": direction,
        "value": comparison.one_decimal(value),
        "target": {"kind": kind, "value": comparison.one_decimal(target_value)},
        "comparison": (
            {
                "group": group.name,
                "members": members,
                "average": comparison.one_decimal(compared["average"]),
                "rank": compared["rank"],
                "of": compared["of"],
                "quartile": compared["quartile"],
            }
            if compared is not None
            else None
        ),
        "target_met": met,
    }
    return {
        "indicator": indicator,
        "year": year,
        "json": json_row,
        "raw": {"value": value, "previous": previous, "target": target_value},
        "group": group,
        "own": own,
        "members": member_rows,
        "compared": compared,
        "kolada": bool(indicator.kolada_kpi) and bool(kolada),
        "demo": True in sources,
        "fetched_at": max(fetched) if fetched else None,
        "kpi_title": kpi_meta.title if kpi_meta else "",
        "target_kind_label": TargetKind(kind).label,
        "display": {
            "value": charts.swedish(value),
            "target": charts.swedish(target_value),
            "average": charts.swedish(compared["average"] if compared else None),
        },
    }


def comparison_years(*, indicator: Indicator) -> list[int]:
    """Years that have a Kolada value or an entered value, newest first."""
    years = set(indicator.values.values_list("year", flat=True))
    if indicator.kolada_kpi:
        years |= set(
            KoladaValue.objects.filter(kpi=indicator.kolada_kpi).values_list("year", flat=True)
        )
    return sorted(years, reverse=True)


def indicator_rows(*, unit: Unit, year: int) -> list[dict]:
    """`indicator_comparison` for each of the unit's indicators."""
    indicators = (
        Indicator.objects.filter(unit=unit)
        .select_related("unit")
        .prefetch_related(
            Prefetch("targets", queryset=IndicatorTarget.objects.filter(year=year)),
            Prefetch("values", queryset=IndicatorValue.objects.filter(year__in=[year, year - 1])),
        )
        .order_by("order", "name")
    )
    return [indicator_comparison(indicator=indicator, year=year) for indicator in indicators]


def indicators_report(*, unit: Unit, year: int) -> dict:
    """DESIGN's `report indicators` JSON for a unit's indicators."""
    rows = indicator_rows(unit=unit, year=year)
    return {"unit": unit.slug, "year": year, "indicators": [row["json"] for row in rows]}
