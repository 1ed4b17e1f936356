"""Activity pages. Thin: rules in culture_plan.permissions, reads in selectors, writes in
services. A closed month comes back as a Swedish message at the form, never a 500."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities import selectors, services
from activities.filters import ActivityFilter
from activities.forms import (
    GENDER_FIELDS,
    PUBLIC_FIELDS,
    ActivityForm,
    MarkDoneForm,
    SeriesForm,
)
from activities.models import (
    AGE_COUNT_FIELDS,
    Activity,
    MonthLockedError,
    Status,
)
from culture_plan import form_flow, periods, permissions
from culture_plan.conflicts import edit_conflict, posted_version
from culture_plan.models import Unit

PAGE_SIZE = 50
PRIMARY_FILTERS = ["q", "year", "month", "status"]
COPY_FIELDS = [
    "title",
    "description",
    "priority_area",
    "kind",
    "collaboration",
    "holiday",
    "culture_area",
    "national_minorities",
    "cost_kr",
    # The public calendar's fields: a copy of a public event is public at the same times.
    *PUBLIC_FIELDS,
]


def _activity_for(request, pk: int, *, change: bool = False, manage: bool = False) -> Activity:
    """The activity if the user may see it (else 404) and act on it (else 403)."""
    activity = get_object_or_404(Activity.objects.select_related("unit"), pk=pk)
    visible = permissions.can_view_activity(request.user, activity)
    allowed = True
    if change:
        allowed = permissions.can_change_activity(request.user, activity)
    if manage:
        allowed = permissions.can_manage_unit(request.user, activity.unit)
    permissions.require(allowed, visible=visible)
    return activity


def _require_logger(request) -> None:
    """Creating needs a unit to log for; a reader without one gets 403."""
    permissions.require(
        permissions.units_with_role(request.user, permissions.LOGGERS).exists(),
        visible=True,
    )


def _page_and_totals(request, activity_filter, ordered):
    """The page of the list and its totals: from the summaries when the filters allow, else
    counted over the filtered rows in one aggregate, cached under the data version; either
    count pages the list (no COUNT)."""
    if activity_filter.is_bound and not activity_filter.is_valid():
        # A refused filter: the totals of what django-filter left, not cached.
        totals = selectors.activity_totals(activity_filter.qs)
    else:
        cleaned = activity_filter.form.cleaned_data if activity_filter.is_bound else {}
        totals = selectors.summarised_totals(user=request.user, filters=cleaned)
        if totals is None:
            totals = selectors.filtered_totals(
                user=request.user, queryset=activity_filter.qs, filters=cleaned
            )
    paginator = Paginator(ordered, PAGE_SIZE)
    paginator.count = totals["all"]  # the totals count what the list pages: no second COUNT
    return paginator.get_page(request.GET.get("page")), totals


@login_required
@require_GET
def activity_list(request):
    queryset = selectors.visible_activities(user=request.user)
    activity_filter = ActivityFilter(request.GET or None, queryset=queryset, request=request)
    ordered, sort = selectors.sort_activities(activity_filter.qs, sort=request.GET.get("sort"))
    page, totals = _page_and_totals(request, activity_filter, ordered)
    keep = request.GET.copy()
    keep.pop("page", None)
    keep_sort = keep.copy()
    keep_sort.pop("sort", None)
    this_year = timezone.localdate().year
    form = activity_filter.form
    more = [form[name] for name in form.fields if name not in PRIMARY_FILTERS]
    return render(
        request,
        "activities/activity_list.html",
        {
            "filter": activity_filter,
            "primary_filters": [form[name] for name in PRIMARY_FILTERS],
            "more_filters": more,
            "more_filters_active": any(request.GET.get(field.name) for field in more),
            "page": page,
            "totals": totals,
            "sort": sort,
            "query": keep.urlencode(),
            "query_without_sort": keep_sort.urlencode(),
            "sort_links": _sort_links(sort, keep_sort.urlencode()),
            "can_log": permissions.logs_somewhere(request.user),
            # Read only when the cached filter form and plan picker are rendered afresh.
            "plan_units": SimpleLazyObject(
                lambda: list(permissions.visible_units(request.user).order_by("path"))
            ),
            "this_year": this_year,
            "filters_key": selectors.list_filters_key(
                user=request.user,
                query=[*sorted(keep_sort.lists()), ("sort", sort)],
                year=this_year,
            ),
        },
    )


def _sort_links(current: str, query: str) -> dict[str, dict]:
    links = {}
    for name in selectors.SORTS:
        active = current.removeprefix("-") == name
        descending = current.startswith("-")
        target = name if (active and descending) else f"-{name}" if active else name
        prefix = f"{query}&" if query else ""
        links[name] = {
            "url": f"?{prefix}sort={target}",
            "active": active,
            "aria": ("descending" if descending else "ascending") if active else None,
        }
    return links


@login_required
@require_GET
def activity_detail(request, pk):
    activity = _activity_for(request, pk)
    activity = selectors.activity_detail(pk=activity.pk)
    try:
        activity.check_not_locked()  # for the owner and each co-arranger
        locked = ""
    except MonthLockedError as error:
        locked = error.messages[0]
    can_log = permissions.can_change_activity(request.user, activity) and not locked
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "co_arrangers": list(activity.co_arrangers.all()),
            "read_as_co_arranger": not permissions.can_view_unit(request.user, activity.unit),
            "history": selectors.activity_history(activity=activity),
            "can_log": can_log,
            "can_delete": permissions.can_manage_unit(request.user, activity.unit) and not locked,
            "locked": locked,
            "can_copy": permissions.can_log_activities(request.user, activity.unit),
            "age_rows": [
                (band.replace("-", "–"), getattr(activity, field))
                for band, field in AGE_COUNT_FIELDS.items()
            ],
        },
    )


def _activity_form_page(request, form, *, success: str, context, expected_version=None, **hooks):
    """The activity form on the shared flow (culture_plan.form_flow): saved through
    activity_save (a closed month comes back as a ValidationError at the form); with
    `expected_version`, a save on top of someone else's newer one is refused
    (StaleEditError). `hooks` are the flow's before_save and on_error."""
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.activity_save(
            activity=form.instance,
            by=request.user,
            expected_version=expected_version,
            **form.service_kwargs(),
        ),
        success=success,
        template="activities/activity_form.html",
        context=context,
        **hooks,
    )


def _new_activity_form(request, *, initial: Callable[[], dict]) -> ActivityForm:
    """The form of a new activity: bound to the POST, or on GET unbound with `initial()`."""
    data = form_flow.form_data(request)
    return ActivityForm(data, initial=None if data is not None else initial(), user=request.user)


def _edit_conflict(request, form, error: ValidationError) -> dict | None:
    """The form flow's `on_error`: a save refused because someone else saved in between shows
    both versions (what was typed stays in the form), and the next post is drawn from the
    saved version: saving again is deliberate."""
    if not isinstance(error, services.StaleEditError):
        return None
    current = selectors.activity_detail(pk=error.current.pk)
    conflict = edit_conflict(
        by_name=error.by_name,
        posted=form,
        saved=ActivityForm(instance=current, user=request.user),
    )
    return {"conflict": conflict, "version": conflict["version"]}


def _duplicates_to_confirm(request, form) -> dict | None:
    """The form flow's `before_save` for a new activity: one that looks like one another unit
    of the municipality already logged (same date and place, a similar title) is not saved
    at once: the form says so and offers to join that one as co-arranger, or to save anyway
    ("save_anyway")."""
    if request.POST.get("save_anyway"):
        return None
    duplicates = form.likely_duplicates()
    return {"duplicates": duplicates} if duplicates else None


def _create_initial(request) -> dict:
    """A new activity: today, done (or the status asked for), the unit asked for."""
    initial = {"date": timezone.localdate(), "status": Status.DONE}
    if request.GET.get("status") in Status.values:
        initial["status"] = request.GET["status"]
    unit = (
        permissions.units_with_role(request.user, permissions.LOGGERS)
        .filter(slug=request.GET.get("unit") or "")
        .first()
    )
    if unit is not None:
        initial["unit"] = unit.pk
    return initial


def _copy_initial(original: Activity) -> dict:
    """A copy: the original's content, planned, a week later."""
    initial = {field: getattr(original, field) for field in COPY_FIELDS}
    initial.update(
        {
            "priority_area": original.priority_area_id,
            "unit": original.unit_id,
            "status": Status.PLANNED,
            "date": original.date + datetime.timedelta(days=7),
            "goals": [goal.pk for goal in original.goals.all()],
            "partner_names": ", ".join(p.name for p in original.partners.all()),
            "place_name": original.place.name if original.place_id else "",
            "target_bands": original.target_bands,
            "co_arrangers": [unit.pk for unit in original.co_arrangers.all()],
        }
    )
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request):
    _require_logger(request)
    form = _new_activity_form(request, initial=lambda: _create_initial(request))
    return _activity_form_page(
        request,
        form,
        success=_("Aktiviteten är sparad."),
        context={"heading": _("Ny aktivitet"), "activity": None},
        before_save=lambda: _duplicates_to_confirm(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    activity = _activity_for(request, pk, change=True)
    activity = selectors.activity_detail(pk=activity.pk)
    form = ActivityForm(form_flow.form_data(request), instance=activity, user=request.user)
    return _activity_form_page(
        request,
        form,
        success=_("Ändringarna är sparade."),
        expected_version=posted_version(request),
        # The version the form was drawn from; after a conflict, the saved one (on_error).
        context=lambda: {
            "heading": _("Ändra aktivitet"),
            "activity": activity,
            "version": posted_version(request) or activity.version,
            "conflict": None,
        },
        on_error=lambda error: _edit_conflict(request, form, error),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_copy(request, pk):
    """A new planned activity prefilled from another; the date defaults to a week later."""
    original = _activity_for(request, pk, change=True)
    original = selectors.activity_detail(pk=original.pk)
    form = _new_activity_form(request, initial=lambda: _copy_initial(original))
    return _activity_form_page(
        request,
        form,
        success=_("Kopian är sparad."),
        context={"heading": _("Kopiera aktivitet"), "activity": None, "original": original},
    )


def _stale_version(error: ValidationError) -> dict | None:
    """The form flow's `on_error` of mark done: after someone else's save in between, the
    next post is drawn from the saved version (the next click is deliberate)."""
    if isinstance(error, services.StaleEditError):
        return {"version": error.current.version}
    return None


@login_required
@require_http_methods(["GET", "POST"])
def activity_mark_done(request, pk):
    activity = _activity_for(request, pk, change=True)
    if activity.status == Status.DONE:
        messages.info(request, _("Aktiviteten är redan markerad som genomförd."))
        return redirect(activity.get_absolute_url())
    form = MarkDoneForm(form_flow.form_data(request), instance=activity)
    counted = [*GENDER_FIELDS, *AGE_COUNT_FIELDS.values()]
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.activity_mark_done(
            activity=activity,
            counts={name: data[name] for name in counted},
            by=request.user,
            expected_version=posted_version(request),
            **{name: data[name] for name in MarkDoneForm.EXTRA_FIELDS},
        ),
        success=_("Aktiviteten är markerad som genomförd."),
        redirect_to=lambda _saved: activity.get_absolute_url(),
        template="activities/activity_mark_done.html",
        context=lambda: {
            "activity": activity,
            "version": posted_version(request) or activity.version,
        },
        on_error=_stale_version,
    )


def _series_save(form, by, data: dict) -> list[Activity]:
    """The series through its service; the service's end date is the form's last date."""
    try:
        return services.activity_series_create(
            template=form.instance,
            start=data["start_date"],
            end=data["last_date"],
            weekdays=data["weekdays"],
            by=by,
            **form.service_kwargs(),
        )
    except ValidationError as error:
        if hasattr(error, "error_dict") and "end_date" in error.error_dict:
            raise ValidationError({"last_date": error.error_dict["end_date"]}) from error
        raise


@login_required
@require_http_methods(["GET", "POST"])
def activity_series(request):
    _require_logger(request)
    data = form_flow.form_data(request)
    initial = None if data is not None else {"start_date": timezone.localdate()}
    form = SeriesForm(data, user=request.user, initial=initial)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda cleaned: _series_save(form, request.user, cleaned),
        success=lambda created: (
            _("%(count)s planerade aktiviteter är skapade.") % {"count": len(created)}
        ),
        redirect_to=lambda created: reverse(
            "activities:plan",
            kwargs={"slug": created[0].unit.slug, "year": created[0].date.year},
        ),
        template="activities/activity_series.html",
    )


@login_required
@require_POST
def activity_join(request, pk):
    """ "Lägg till oss som medarrangör": the user's unit joins another unit's activity as
    co-arranger instead of logging the same event again."""
    activity = get_object_or_404(Activity.objects.select_related("unit"), pk=pk)
    loggers = permissions.units_with_role(request.user, permissions.LOGGERS)
    raw_unit = request.POST.get("unit") or ""
    unit = loggers.filter(pk=int(raw_unit)).first() if raw_unit.isdigit() else None
    municipality = f"/{activity.unit.ancestor_slugs()[0]}/"
    visible = (
        permissions.can_view_activity(request.user, activity)
        or loggers.filter(path__startswith=municipality).exists()
    )
    allowed = unit is not None and permissions.can_join_activity(request.user, activity, unit)
    permissions.require(allowed, visible=visible)
    try:
        services.activity_add_co_arranger(activity=activity, unit=unit, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("activities:create")
    messages.success(
        request,
        _("%(unit)s är nu medarrangör av ”%(title)s”. Ingen ny aktivitet skapades.")
        % {"unit": unit.name, "title": activity.title},
    )
    return redirect(activity.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request, pk):
    activity = _activity_for(request, pk, manage=True)
    if request.method == "POST":
        try:
            services.activity_delete(activity=activity, by=request.user)
        except MonthLockedError as error:
            messages.error(request, error.messages[0])
            return redirect(activity.get_absolute_url())
        messages.success(request, _("Aktiviteten är borttagen."))
        return redirect("activities:list")
    return render(request, "activities/activity_confirm_delete.html", {"activity": activity})


@login_required
@require_GET
def goal_choices(request):
    """htmx: the goal checkboxes for the chosen area, the other areas folded away."""
    units = list(permissions.units_with_role(request.user, permissions.LOGGERS))
    unit = next((u for u in units if str(u.pk) == request.GET.get("unit")), None)
    if unit is None and units:
        unit = units[0]
    raw_date = request.GET.get("date") or request.GET.get("start_date") or ""
    try:
        year = datetime.date.fromisoformat(raw_date).year
    except ValueError:
        year = timezone.localdate().year
    try:
        area_id = int(request.GET.get("priority_area") or 0) or None
    except ValueError:
        area_id = None
    choices = selectors.goal_choices(
        unit=unit, year=year, area_id=area_id, selected=set(request.GET.getlist("goals"))
    )
    return render(request, "activities/_goal_choices.html", {"choices": choices})


@login_required
@require_GET
def activity_plan(request, slug, year):
    unit = get_object_or_404(Unit, slug=slug)
    permissions.require(True, visible=permissions.can_view_unit(request.user, unit))
    periods.require_year(year)
    return render(
        request,
        "activities/activity_plan.html",
        {
            **selectors.activity_plan_page(unit=unit, year=year),
            "unit": unit,
            "year": year,
            "can_log": permissions.can_log_activities(request.user, unit),
            "previous_year": year - 1,
            "next_year": year + 1,
        },
    )


@login_required
@require_GET
def activity_plan_choose(request):
    """The plan picker on the list page (a plain GET form) lands on the chosen unit's plan."""
    units = permissions.visible_units(request.user)
    unit = units.filter(slug=request.GET.get("unit")).first() or units.order_by("path").first()
    if unit is None:
        raise Http404
    year = periods.year_from_query(request.GET.get("year")) or timezone.localdate().year
    return redirect("activities:plan", slug=unit.slug, year=year)
