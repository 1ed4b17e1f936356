"""The public pages: read without signing in, GET only, nothing but public data.

The calendar shows public activities (public_events); the open data are the settled monthly
figures (open_statistics). Neither reads a count, a cost or an internal text of an activity.
"""

from __future__ import annotations

import csv
import io
from itertools import groupby

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from culture_plan.models import Unit
from culture_plan.periods import month_period
from public import datapackage as open_package
from public import ical, plan_progress, selectors
from public.forms import CalendarFilterForm
from public.jsonld import events_jsonld

FEED_MAX_AGE = 300
OPEN_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Cache-Control": f"public, max-age={FEED_MAX_AGE}",
    # The licence of every open file, machine-readable (RFC 8288 web linking).
    "Link": f'<{open_package.LICENSE_URL}>; rel="license"',
}


def _open_headers(response, *, described: bool = False):
    """The open files' headers; the statistics also point to their datapackage.json."""
    for header, value in OPEN_HEADERS.items():
        response[header] = value
    if described:
        response["Link"] += f', <{reverse("public:datapackage")}>; rel="describedby"'
    return response


def _event_url(request, event) -> str:
    """Each event's own public page: its url and @id in the JSON-LD, its URL in the feed."""
    return request.build_absolute_uri(reverse("public:event", args=[event.id]))


@require_safe
def calendar_page(request):
    """/kalender/: upcoming public activities, or one month's, filterable by place."""
    start, end = selectors.calendar_window()
    form = CalendarFilterForm(
        request.GET or None,
        places=selectors.public_place_names(start=start, end=end),
        months=selectors.public_months(start=start, end=end),
    )
    month = form.month() if form.is_bound else None
    if month is not None:
        first, last = month_period(month.year, month.month)
    else:
        first, last = timezone.localdate(), end
    events = selectors.public_events(
        start=max(first, start), end=min(last, end), place=form.place() if form.is_bound else ""
    )
    months = [
        (key, list(group)) for key, group in groupby(events, key=lambda e: e.date.replace(day=1))
    ]
    return render(
        request,
        "public/calendar.html",
        {
            "form": form,
            "months": months,
            "event_count": len(events),
            "chosen_month": month,
            "jsonld": events_jsonld(
                events,
                url_for=lambda e: _event_url(request, e),
                organizer_url=lambda e: _organizer_url(request, e),
            ),
            "units": selectors.public_units(),
        },
    )


def _organizer_url(request, event) -> str:
    """The organising unit's public calendar feed, the public address the unit has here."""
    return request.build_absolute_uri(
        reverse("public:unit_calendar_feed", kwargs={"slug": event.unit_slug})
    )


@require_safe
def event_page(request, pk):
    """/kalender/<id>/: one public event, with its schema.org Event JSON-LD."""
    event = selectors.public_event(pk)
    if event is None:
        raise Http404
    return render(
        request,
        "public/event.html",
        {
            "event": event,
            "jsonld": events_jsonld(
                [event],
                url_for=lambda e: _event_url(request, e),
                organizer_url=lambda e: _organizer_url(request, e),
            ),
        },
    )


def _feed_response(request, *, events, name: str, filename: str) -> HttpResponse:
    body = ical.build_calendar(
        events=events,
        name=name,
        domain=ical.uid_domain(),
        url_for=lambda e: _event_url(request, e),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    for header, value in OPEN_HEADERS.items():
        response[header] = value
    return response


@require_safe
def calendar_feed(request):
    """/kalender.ics: every public activity in the calendar's window."""
    start, end = selectors.calendar_window()
    return _feed_response(
        request,
        events=selectors.public_events(start=start, end=end),
        name=_("Kulturkalendern"),
        filename="kalender.ics",
    )


@require_safe
def unit_calendar_feed(request, slug):
    """/kalender/<slug>.ics: the public activities of one unit and the units below it."""
    unit = get_object_or_404(Unit, slug=slug)
    start, end = selectors.calendar_window()
    return _feed_response(
        request,
        events=selectors.public_events(start=start, end=end, unit=unit),
        name=_("Kulturkalendern – %(unit)s") % {"unit": unit.name},
        filename=f"kalender-{unit.slug}.ics",
    )


@require_safe
def open_data(request):
    """/oppna-data/: what the open datasets hold, their licence and when they change."""
    return render(
        request,
        "public/open_data.html",
        {
            "keys": selectors.STATISTICS_KEYS,
            "units": selectors.public_units(),
            "row_count": len(selectors.open_statistics()),
        },
    )


@require_safe
def statistics_csv(request):
    """/oppna-data/statistik.csv: UTF-8 with a byte-order mark (so that Excel and LibreOffice
    both read å, ä, ö), comma-separated, a header row of the keys."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=selectors.STATISTICS_KEYS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(selectors.open_statistics())
    response = HttpResponse(
        buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="kulturplan-statistik.csv"'
    return _open_headers(response, described=True)


@require_safe
def statistics_json(request):
    """/oppna-data/statistik.json: a list of objects with the same keys as the CSV."""
    response = JsonResponse(
        selectors.open_statistics(), safe=False, json_dumps_params={"ensure_ascii": False}
    )
    return _open_headers(response, described=True)


# --- The plan's progress in public (issue 25) ------------------------------------------------


def _public_plan(pk: int):
    return get_object_or_404(plan_progress.public_plans(), pk=pk)


@require_safe
def plans_index(request):
    """/kulturplanen/: the adopted culture plans, each linking to its progress page."""
    return render(request, "public/plans.html", {"plans": plan_progress.public_plans()})


@require_safe
def plan_page(request, pk: int):
    """One plan's progress from published annual reports only."""
    plan = _public_plan(pk)
    return render(
        request,
        "public/plan_progress.html",
        {"plan": plan, "progress": plan_progress.plan_progress(plan=plan)},
    )


@require_safe
def plan_json(request, pk: int):
    response = JsonResponse(
        plan_progress.plan_progress(plan=_public_plan(pk)),
        json_dumps_params={"ensure_ascii": False},
    )
    return _open_headers(response)


@require_safe
def plan_report_pdf(request, pk: int, report_pk: int):
    """A published annual report's PDF, as it was approved (a public document)."""
    report = plan_progress.published_report_of(plan=_public_plan(pk), pk=report_pk)
    if report is None:
        raise Http404
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    document = report.document
    response["Content-Disposition"] = (
        f'inline; filename="verksamhetsberattelse-{document.unit.slug}-{document.year}'
        f'-v{report.version}.pdf"'
    )
    return response


@require_safe
def datapackage(request):
    """/oppna-data/datapackage.json: the statistics as a Frictionless Data Package, with
    their fields, types and licence (CC0 1.0)."""
    response = JsonResponse(
        open_package.descriptor(homepage=request.build_absolute_uri(reverse("public:open_data"))),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    return _open_headers(response)
