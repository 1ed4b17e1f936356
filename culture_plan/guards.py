"""Delete guards: rules, owned by the app that knows them, that refuse deleting an object.

A lower app cannot know the apps above it (activities → culture_plan; followup → both), so
the apps above register their rules here: activities refuses deleting a goal, partner or
place that activities in an approved month use; followup refuses deleting a matrix
assessment of a year with an approved month. The rule runs on pre_delete, so it holds for
every path (admin, shell, a command, a cascade from a plan or an area); the admin also shows
the refusal on its confirmation page instead of deleting (GuardedDeleteAdminMixin).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.apps import apps
from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models.signals import pre_delete
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _

_GUARDS: dict[type, list[Callable]] = defaultdict(list)


class DeleteRefused(ValidationError):
    """Deleting would change an approved (locked) month."""


def register_delete_guard(model: type, guard: Callable) -> None:
    """`guard(instance)` returns the Swedish reasons not to delete (empty: may delete)."""
    if guard in _GUARDS[model]:
        return
    _GUARDS[model].append(guard)
    pre_delete.connect(_check_delete, sender=model, dispatch_uid=f"delete-guard-{model._meta}")


def delete_refusals(instance) -> list[str]:
    return [str(reason) for guard in _GUARDS.get(type(instance), []) for reason in guard(instance)]


def guarded_models() -> set[type]:
    return set(_GUARDS)


def _check_delete(sender, instance, **kwargs) -> None:
    """The backstop for bulk deletes (QuerySet.delete): raised inside Django's delete
    transaction, so the whole delete is rolled back."""
    reasons = delete_refusals(instance)
    if reasons:
        raise DeleteRefused(reasons, code="delete_refused")


def tree_refusals(objs) -> list[str]:
    """The reasons not to delete these objects or anything a cascade would take along."""
    objs = list(objs)
    if not objs:
        return []
    collector = NestedObjects(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    refusals = []
    for model, instances in collector.data.items():
        if model in _GUARDS:
            for instance in instances:
                refusals.extend(delete_refusals(instance))
    return list(dict.fromkeys(refusals))


def check_delete_tree(objs) -> None:
    reasons = tree_refusals(objs)
    if reasons:
        raise DeleteRefused(reasons, code="delete_refused")


class GuardedDeleteMixin:
    """For models that are guarded or cascade into guarded ones: delete() checks the whole
    cascade first, before Django's delete transaction starts, so a refusal leaves the
    caller's transaction usable."""

    def delete(self, *args, **kwargs):
        check_delete_tree([self])
        return super().delete(*args, **kwargs)


class GuardedInlineFormSet(BaseInlineFormSet):
    """An admin inline whose ticked deletions are checked against the guards in clean(), so
    the refusal is a form error on the page."""

    def clean(self):
        super().clean()
        doomed = [form.instance for form in self.deleted_forms if form.instance.pk]
        reasons = tree_refusals(doomed)
        if reasons:
            raise ValidationError(reasons)


class GuardedDeleteAdminMixin:
    """Admin side of the delete guards: the confirmation page lists the refusals (Django
    shows them as objects that cannot be deleted, so nothing is deleted), also for objects a
    cascade would take along; a delete refused later (a race, an inline) is a message, never
    a server error."""

    def get_deleted_objects(self, objs, request):
        deleted, count, perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, count, perms_needed, [*protected, *tree_refusals(objs)]

    def _refused(self, request, error: DeleteRefused) -> None:
        for message in error.messages:
            messages.error(request, message)

    def delete_model(self, request, obj):
        try:
            check_delete_tree([obj])
        except DeleteRefused as error:
            self._refused(request, error)
            return
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        try:
            check_delete_tree(queryset)
        except DeleteRefused as error:
            self._refused(request, error)
            return
        super().delete_queryset(request, queryset)


# Users who wrote history are deactivated, never deleted ------------------------------------


def history_rows_by(user) -> int:
    """How many history rows (of every model with history) name this user as their author."""
    total = 0
    for model in apps.get_models():
        if model.__name__.startswith("Historical") and hasattr(model, "history_user"):
            total += model.objects.filter(history_user=user).count()
    return total


def user_guard(user) -> list[str]:
    rows = history_rows_by(user)
    if not rows:
        return []
    return [
        _(
            "%(name)s står som författare till %(rows)s ändringar i historiken och kan inte "
            "tas bort. Inaktivera användaren i stället (avmarkera Aktiv)."
        )
        % {"name": user.get_full_name() or user.get_username(), "rows": rows}
    ]


def register_user_guard() -> None:
    register_delete_guard(get_user_model(), user_guard)
