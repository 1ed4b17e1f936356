"""The month lock for deletes of what activities point at (DESIGN "Trust"): a goal, partner
or place used by an activity in an approved month may not be deleted, since the approved
report's figures and links would change. Registered in ActivitiesConfig.ready."""

from __future__ import annotations

from django.utils.translation import gettext as _

from activities.models import Activity, MonthLocks, Partner, Place
from culture_plan.guards import register_delete_guard
from culture_plan.models import Goal, Unit


def locked_months_of(activities) -> list[str]:
    """'2024-03' for each approved month these activities lie in, for a unit that counts
    them (the owner or a co-arranger, or a unit above one of them)."""
    owners = activities.values_list("unit_id", "date__year", "date__month")
    co_arranged = Activity.co_arrangers.through.objects.filter(
        activity__in=activities.values("pk")
    ).values_list("unit_id", "activity__date__year", "activity__date__month")
    triples = set(owners.distinct()) | set(co_arranged.distinct())
    units = Unit.objects.in_bulk({unit_id for unit_id, _year, _month in triples})
    locks = MonthLocks(units.values())
    return sorted(
        {
            f"{year}-{month:02d}"
            for unit_id, year, month in triples
            if locks.closing([units[unit_id]], year=year, month=month) is not None
        }
    )


def _refusal(what: str, months: list[str]) -> list[str]:
    if not months:
        return []
    return [
        _(
            "%(what)s används av aktiviteter i godkända och låsta månader (%(months)s) och kan "
            "inte tas bort. En chef måste öppna månaderna igen först."
        )
        % {"what": what, "months": ", ".join(months)}
    ]


def goal_guard(goal: Goal) -> list[str]:
    months = locked_months_of(Activity.objects.filter(goals=goal))
    return _refusal(_("Inriktningsmålet %(code)s") % {"code": goal.code}, months)


def partner_guard(partner: Partner) -> list[str]:
    months = locked_months_of(Activity.objects.filter(partners=partner))
    return _refusal(_("Samverkansparten %(name)s") % {"name": partner.name}, months)


def place_guard(place: Place) -> list[str]:
    months = locked_months_of(Activity.objects.filter(place=place))
    return _refusal(_("Orten %(name)s") % {"name": place.name}, months)


def register() -> None:
    register_delete_guard(Goal, goal_guard)
    register_delete_guard(Partner, partner_guard)
    register_delete_guard(Place, place_guard)
