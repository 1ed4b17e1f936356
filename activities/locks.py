"""The month lock for co-arrangers changed through the ORM (DESIGN "VEPAQ": an approved month
is locked). A co-arranger added or removed changes that unit's figures of the month, and the
figures of every unit that counts the activity: `activity.co_arrangers.add/remove/set/clear`
and `unit.co_arranged_activities.…` are refused here (MonthLockedError) when the month is
closed for any unit that counts the activity before or after the change. The services and
the forms check first, to show the message at the field; this is the net for the admin, the
shell and any code that writes the links directly. Connected in ActivitiesConfig.ready."""

from __future__ import annotations

from django.db.models.signals import m2m_changed

from activities.models import Activity
from culture_plan.models import Unit


def _new_co_arrangers(activity: Activity, action: str, unit_ids: set[int]) -> list[Unit]:
    current = set(activity.co_arrangers.values_list("pk", flat=True))
    if action == "pre_add":
        ids = current | unit_ids
    elif action == "pre_remove":
        ids = current - unit_ids
    else:  # pre_clear
        ids = set()
    return list(Unit.objects.filter(pk__in=ids))


def _co_arrangers_changing(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    if not reverse:
        if action != "pre_clear" and not pk_set:
            return
        instance.check_not_locked(
            co_arrangers=_new_co_arrangers(instance, action, set(pk_set or ()))
        )
        return
    # From the unit's side: each activity gains or loses this one co-arranger.
    if action == "pre_clear":
        activities = Activity.objects.filter(co_arrangers=instance)
    else:
        activities = Activity.objects.filter(pk__in=pk_set or ())
    clear_action = "pre_remove" if action == "pre_clear" else action
    for activity in activities.select_related("unit"):
        activity.check_not_locked(
            co_arrangers=_new_co_arrangers(activity, clear_action, {instance.pk})
        )


def connect() -> None:
    """Connect the signal (ActivitiesConfig.ready)."""
    m2m_changed.connect(
        _co_arrangers_changing,
        sender=Activity.co_arrangers.through,
        dispatch_uid="activities.locks.co_arrangers",
    )
