"""Who may do what, per unit and role. The one place for these rules.

A role on a unit covers every unit below it. A superuser counts as admin everywhere.
Views answer 404 for what a user may not even see and 403 for what they see but may not change.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from culture_plan.models import Membership, Plan, Role, Unit, covering

ALL_ROLES = frozenset(Role.values)
EDITORS = frozenset({Role.MANAGER, Role.ADMIN})
LOGGERS = frozenset({Role.STAFF, Role.MANAGER, Role.ADMIN})


def _memberships(user) -> list[tuple[str, str]]:
    """(unit path, role) pairs for the user, cached on the user object for the request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_kulturplan_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).values_list("unit__path", "role"))
        user._kulturplan_memberships = cached
    return cached


def roles_on(user, unit: Unit) -> frozenset[str]:
    """The roles the user holds on `unit` through it or any unit above it."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return ALL_ROLES
    return frozenset(role for path, role in _memberships(user) if unit.path.startswith(path))


def has_role(user, unit: Unit, roles) -> bool:
    return bool(roles_on(user, unit) & frozenset(roles))


def can_view_unit(user, unit: Unit) -> bool:
    return bool(roles_on(user, unit))


def can_log_activities(user, unit: Unit) -> bool:
    """Staff, managers and admins record activities for their units."""
    return has_role(user, unit, LOGGERS)


def can_open_survey(user, unit: Unit) -> bool:
    """Staff and managers of the owning unit open an activity's quick survey and print its
    QR code (evaluation)."""
    return has_role(user, unit, LOGGERS)


def can_read_survey_texts(user, unit: Unit) -> bool:
    """Visitors' free texts are shown only to the unit's managers (DESIGN "Evaluation")."""
    return has_role(user, unit, EDITORS)


def can_manage_unit(user, unit: Unit) -> bool:
    """Managers and admins keep a unit's plans, reports and assessments."""
    return has_role(user, unit, EDITORS)


def can_see_personnel_data(user, unit: Unit) -> bool:
    """Sick leave and personnel comments (VEPAQ P) are health data about a few named people
    (GDPR art. 9): managers and admins only, never staff or politicians."""
    return has_role(user, unit, EDITORS)


def visible_units(user) -> QuerySet[Unit]:
    """Every unit the user holds a role on, directly or through a unit above it."""
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    paths = {path for path, _role in _memberships(user)}
    if not paths:
        return Unit.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Unit.objects.filter(condition)


def visible_tops(user) -> list[str] | None:
    """The paths of the subtrees the user sees (the units of their roles that are not below
    another of them), from the memberships alone, without a query of the units; None for a
    superuser, who sees every unit."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    return covering(path for path, _role in _memberships(user))


def logs_somewhere(user) -> bool:
    """Whether the user may log activities for any unit (the list's "Ny aktivitet")."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return Unit.objects.exists()
    return any(role in LOGGERS for _path, role in _memberships(user))


def membership_key(user) -> tuple:
    """What the user's permissions are made of, for cache keys of pages that differ by them."""
    if not user.is_authenticated or not user.is_active:
        return ("anonymous",)
    return (user.is_superuser, tuple(sorted(_memberships(user))))


def units_with_role(user, roles) -> QuerySet[Unit]:
    """Units on which the user holds one of `roles`, directly or from above."""
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    paths = {path for path, role in _memberships(user) if role in roles}
    if not paths:
        return Unit.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Unit.objects.filter(condition)


def _plan_units(plan: Plan) -> list[Unit]:
    return [unit for unit in (plan.unit, plan.steward) if unit is not None]


def can_view_plan(user, plan: Plan) -> bool:
    """Anyone with a role on the owner or steward reads the plan; an adopted or archived plan
    is also read by everyone working in a unit it frames (any unit under its owner)."""
    if any(can_view_unit(user, unit) for unit in _plan_units(plan)):
        return True
    if plan.status == Plan.Status.DRAFT:
        return False
    return visible_units(user).filter(path__startswith=plan.unit.path).exists()


def can_edit_plan(user, plan: Plan) -> bool:
    return any(can_manage_unit(user, unit) for unit in _plan_units(plan))


def can_view_internal_control(user, unit: Unit) -> bool:
    """Everyone with a role on the unit (or above it) reads its internal control."""
    return can_view_unit(user, unit)


def can_manage_internal_control(user, unit: Unit) -> bool:
    """Managers and admins keep the unit's internal control plan, risks, controls, results
    and actions; staff and viewers read them."""
    return can_manage_unit(user, unit)


def require(allowed: bool, *, visible: bool = True) -> None:
    """Raise 404 when the user may not see the object at all, 403 when they may not act."""
    if not visible:
        raise Http404
    if not allowed:
        raise PermissionDenied


# Governance (governance/): goal chains, commitments, service offers, comparisons -----------


def can_view_goal_chains(user) -> bool:
    """Steering documents are read by everyone who holds a role somewhere; the commitments
    shown under their goals are filtered to the units the user may see."""
    return visible_units(user).exists()


def can_view_commitments_of(user, unit: Unit) -> bool:
    return can_view_unit(user, unit)


def can_edit_commitments_of(user, unit: Unit) -> bool:
    """Managers and admins write their units' commitments, assessments and service offers."""
    return can_manage_unit(user, unit)


def can_link_activity_to_commitment(user, activity_unit: Unit, commitment_unit: Unit) -> bool:
    """A commitment may list activities of its own unit or of units below it."""
    return can_manage_unit(user, commitment_unit) and activity_unit.path.startswith(
        commitment_unit.path
    )


def can_edit_indicator_comparison(user, indicator_unit: Unit) -> bool:
    """The Kolada link, comparison group and target kind of an indicator: its unit's managers."""
    return can_manage_unit(user, indicator_unit)


# --- Co-arranged activities (DESIGN "One event, many arrangers") ----------------------------
# `activity` is an activities.Activity; this module does not import it (arrows run from
# activities to culture_plan).


def can_view_activity(user, activity) -> bool:
    """The owner unit's people (and those above it) read an activity, and so do the people of
    each co-arranging unit."""
    if can_view_unit(user, activity.unit):
        return True
    return any(can_view_unit(user, unit) for unit in activity.co_arrangers.all())


def can_change_activity(user, activity) -> bool:
    """Only the owner unit's staff and managers (and admins) above it change an activity;
    co-arrangers only read it."""
    return can_log_activities(user, activity.unit)


def can_join_activity(user, activity, unit: Unit) -> bool:
    """Someone who logs activities for `unit` may add it as co-arranger of another unit's
    activity of the same municipality instead of logging the same event twice."""
    return (
        can_log_activities(user, unit)
        and unit.pk != activity.unit_id
        and unit.ancestor_slugs()[0] == activity.unit.ancestor_slugs()[0]
    )


def can_download_reports(user, unit: Unit) -> bool:
    """Everyone who may read a unit downloads its reports (PDF, Excel), viewers included."""
    return can_view_unit(user, unit)


def can_write_report_document(user, unit: Unit) -> bool:
    """Managers and admins write and approve (fastställa) the annual and tertial reports."""
    return can_manage_unit(user, unit)


def sees_draft_lights(user, unit: Unit) -> bool:
    """Viewers (förtroendevalda) see a month's lights only once its report is handed in;
    whoever works in the unit sees them while they are drafted."""
    return has_role(user, unit, LOGGERS)
