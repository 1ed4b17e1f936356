"""Writes for activities. Each service validates (full_clean), writes in one transaction and
returns what it wrote; a closed month raises MonthLockedError (a ValidationError)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from activities import summaries
from activities.models import (
    AGE_COUNT_FIELDS,
    Activity,
    MonthLockedError,
    Partner,
    Place,
    Status,
)
from activities.selectors import series_dates
from culture_plan.models import Goal, Unit

MAX_SERIES = 200
COUNT_FIELDS = ["girls", "boys", "other_gender", *AGE_COUNT_FIELDS.values()]


def split_names(text: str) -> list[str]:
    """'Sörmlands museum, ABF ,, abf' -> ['Sörmlands museum', 'ABF'] (case-insensitive
    duplicates dropped, first spelling kept)."""
    seen: set[str] = set()
    names = []
    for part in (text or "").split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def partners_resolve(*, unit: Unit, names: Iterable[str]) -> list[Partner]:
    """The unit's partners with these names (matched case-insensitively, also for å, ä, ö,
    which SQLite's own case folding misses); unknown names become new partners of the unit."""
    known = {partner.name.casefold(): partner for partner in Partner.objects.filter(unit=unit)}
    partners = []
    for name in names:
        partner = known.get(name.casefold())
        if partner is None:
            partner = Partner(unit=unit, name=name[:200])
            partner.full_clean()
            partner.save()
            known[name.casefold()] = partner
        partners.append(partner)
    return partners


def place_resolve(*, unit: Unit, name: str) -> Place | None:
    """The unit's place with this name (case-insensitive), created when unknown."""
    name = " ".join((name or "").split())
    if not name:
        return None
    for place in Place.objects.filter(unit=unit):
        if place.name.casefold() == name.casefold():
            return place
    place = Place(unit=unit, name=name[:200])
    place.full_clean()
    place.save()
    return place


def person_name(user) -> str:
    """A person as people say it: the full name, else the username."""
    if user is None:
        return _("någon annan")
    return user.get_full_name() or user.get_username()


class StaleEditError(ValidationError):
    """The form was drawn from an older version than the one saved now: someone else saved in
    between. Carries the saved object (`current`) and who saved it (`by_name`), so that the
    page can show both versions; nothing is written."""

    def __init__(self, *, current, saved_by):
        self.current = current
        self.by_name = person_name(saved_by)
        super().__init__(
            _(
                "%(name)s har sparat en ändring sedan du öppnade sidan. Jämför din version med "
                "den sparade nedan och spara igen om din ska gälla."
            )
            % {"name": self.by_name},
            code="stale",
        )


def check_version(*, model, pk: int, expected_version: int | None):
    """Lock the stored row and refuse when its version is not the one the form was drawn
    from. None (a command, the admin, an old form) skips the check."""
    current = model.objects.select_for_update().get(pk=pk)
    if expected_version is not None and current.version != expected_version:
        last = current.history.select_related("history_user").order_by("-history_id").first()
        raise StaleEditError(current=current, saved_by=last.history_user if last else None)
    return current


def _save(
    *,
    activity: Activity,
    goals: Iterable[Goal],
    partner_names: Iterable[str],
    place_name: str,
    by,
    co_arrangers: Iterable[Unit] | None = None,
    expected_version: int | None = None,
) -> Activity:
    goals = list(goals)
    if activity.pk is not None:
        stored = check_version(model=Activity, pk=activity.pk, expected_version=expected_version)
        activity.version = stored.version
    activity.place = place_resolve(unit=activity.unit, name=place_name)
    activity.full_clean()
    activity.validate_goals(goals)
    if co_arrangers is not None:
        co_arrangers = list(co_arrangers)
        activity.validate_co_arrangers(co_arrangers)
        _check_co_arrangers_open(activity=activity, co_arrangers=co_arrangers)
    if by is not None and getattr(by, "is_authenticated", False):
        activity._history_user = by
        if activity.pk is None:
            activity.created_by = by
    activity.save()
    activity.goals.set(goals)
    activity.partners.set(partners_resolve(unit=activity.unit, names=partner_names))
    if co_arrangers is not None:
        activity.co_arrangers.set(co_arrangers)
    return activity


def _check_co_arrangers_open(*, activity: Activity, co_arrangers: list[Unit]) -> None:
    """Co-arrangers set on an activity: refused, at the field, when the month is closed for
    any unit that counts the activity before or after (Activity.check_not_locked)."""
    try:
        activity.check_not_locked(co_arrangers=co_arrangers)
    except MonthLockedError as error:
        raise ValidationError({"co_arrangers": error.messages}) from error


@summaries.tracked
def activity_save(
    *,
    activity: Activity,
    goals: Iterable[Goal],
    partner_names: Iterable[str],
    place_name: str,
    by,
    co_arrangers: Iterable[Unit] | None = None,
    expected_version: int | None = None,
) -> Activity:
    """Create or update one activity with its goals, partners (by name), place (by name) and,
    when given, its co-arranging units (left as they are when ``None``). With
    `expected_version` (the version the form was drawn from), a save on top of a newer one is
    refused with StaleEditError."""
    return _save(
        activity=activity,
        goals=goals,
        partner_names=partner_names,
        place_name=place_name,
        by=by,
        co_arrangers=co_arrangers,
        expected_version=expected_version,
    )


@summaries.tracked
def activity_add_co_arranger(*, activity: Activity, unit: Unit, by) -> Activity:
    """Add `unit` as co-arranger of another unit's activity ("lägg till oss som
    medarrangör"), instead of logging the same event twice. Refused when the month is closed
    for `unit`, whose figures it changes."""
    current = list(activity.co_arrangers.all())
    if any(existing.pk == unit.pk for existing in current):
        return activity
    activity.validate_co_arrangers([*current, unit])
    # Refused when the month is closed for `unit` (whose figures it changes), for the owner
    # or for any other co-arranger.
    activity.check_not_locked(co_arrangers=[*current, unit])
    if by is not None and getattr(by, "is_authenticated", False):
        activity._history_user = by
    activity.co_arrangers.add(unit)
    return activity


@summaries.tracked
def activity_mark_done(
    *,
    activity: Activity,
    counts: dict[str, int],
    by,
    expected_version: int | None = None,
    **extra,
) -> Activity:
    """A planned activity happened: status Genomförd and its participant counts together.
    With `expected_version` (the version the page was drawn from), a click on top of a
    newer save is refused with StaleEditError, as the edit form's."""
    if activity.pk is not None:
        stored = check_version(model=Activity, pk=activity.pk, expected_version=expected_version)
        activity.version = stored.version
    activity.status = Status.DONE
    for field in COUNT_FIELDS:
        setattr(activity, field, counts.get(field) or 0)
    for field, value in extra.items():
        setattr(activity, field, value)
    activity.full_clean()
    if by is not None and getattr(by, "is_authenticated", False):
        activity._history_user = by
    activity.save()
    return activity


@summaries.tracked
def activity_series_create(
    *,
    template: Activity,
    goals: Iterable[Goal],
    partner_names: Iterable[str],
    place_name: str,
    start: datetime.date,
    end: datetime.date,
    weekdays: Iterable[int],
    by,
    co_arrangers: Iterable[Unit] | None = None,
) -> list[Activity]:
    """One planned activity per chosen weekday from `start` to `end`, all sharing a series
    id; all are created or none."""
    if end < start:
        raise ValidationError({"end_date": _("Slutdatum kan inte ligga före startdatum.")})
    dates = series_dates(start=start, end=end, weekdays=set(weekdays))
    if not dates:
        raise ValidationError(
            {"weekdays": _("Inga datum mellan start och slut faller på de valda veckodagarna.")}
        )
    if len(dates) > MAX_SERIES:
        raise ValidationError(
            {
                "end_date": _(
                    "En serie kan ha högst %(max)s tillfällen; de valda datumen ger %(count)s."
                )
                % {"max": MAX_SERIES, "count": len(dates)}
            }
        )
    goals = list(goals)
    partner_names = list(partner_names)
    co_arrangers = list(co_arrangers) if co_arrangers is not None else None
    series = uuid.uuid4()
    created = []
    for date in dates:
        activity = Activity(
            **{
                field.attname: getattr(template, field.attname)
                for field in Activity._meta.concrete_fields
                if field.name not in {"id", "created_at", "updated_at"}
            }
        )
        activity.date = date
        activity.end_date = None
        activity.status = Status.PLANNED
        activity.series = series
        created.append(
            _save(
                activity=activity,
                goals=goals,
                partner_names=partner_names,
                place_name=place_name,
                by=by,
                co_arrangers=co_arrangers,
            )
        )
    return created


@summaries.tracked
def activity_delete(*, activity: Activity, by) -> None:
    """Delete an activity; refused (MonthLockedError) when its month is closed."""
    if by is not None and getattr(by, "is_authenticated", False):
        activity._history_user = by
    activity.delete()
