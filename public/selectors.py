"""Reads for the public pages: the culture calendar's events and the open statistics.

Nothing here returns a model instance. The calendar reads only the columns listed in
EVENT_COLUMNS (title, dates, times, public text and place, status, unit), so that no count,
cost or internal text can reach a public page, feed or file, whatever a template does.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from activities.models import Activity, Status
from culture_plan.models import Unit
from culture_plan.periods import month_period
from followup import figures
from followup.models import MonthlyReport

# Statuses a public activity is shown with: planned and done ones as scheduled, cancelled ones
# marked as cancelled (a calendar program then strikes them out).
PUBLIC_STATUSES = [Status.PLANNED, Status.DONE, Status.CANCELLED]

# The only columns the calendar ever reads.
EVENT_COLUMNS = [
    "pk",
    "title",
    "public_text",
    "date",
    "end_date",
    "start_time",
    "end_time",
    "public_place",
    "public_street",
    "public_locality",
    "public_price",
    "public_image_url",
    "place__name",
    "status",
    "updated_at",
    "version",
    "unit__name",
    "unit__slug",
    "unit__path",
]


def calendar_window(*, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The dates the public calendar covers: PUBLIC_CALENDAR_PAST_DAYS back (so that a feed
    keeps recent events) to PUBLIC_CALENDAR_FUTURE_DAYS ahead."""
    today = today or timezone.localdate()
    past = getattr(settings, "PUBLIC_CALENDAR_PAST_DAYS", 90)
    future = getattr(settings, "PUBLIC_CALENDAR_FUTURE_DAYS", 400)
    return today - datetime.timedelta(days=past), today + datetime.timedelta(days=future)


@dataclass(frozen=True)
class PublicEvent:
    """One public activity as the public may see it."""

    id: int
    title: str
    text: str
    date: datetime.date
    end_date: datetime.date | None
    start_time: datetime.time | None
    end_time: datetime.time | None
    place: str
    status: str
    updated_at: datetime.datetime
    unit_name: str
    unit_slug: str
    street: str = ""
    locality: str = ""
    price: Decimal | None = None
    image_url: str = ""
    # The activity's version (raised on every save): the iCalendar SEQUENCE is version - 1.
    version: int = 1
    municipality_slug: str = ""

    @property
    def sequence(self) -> int:
        return max(self.version - 1, 0)

    @property
    def free(self) -> bool | None:
        """Free entrance: a price of 0 or "fri entré" in the public text; None when unknown."""
        if self.price is not None:
            return self.price == 0
        if "fri entré" in self.text.casefold():
            return True
        return None

    @property
    def cancelled(self) -> bool:
        return self.status == Status.CANCELLED

    @property
    def last_date(self) -> datetime.date:
        return self.end_date or self.date

    def _aware(self, day: datetime.date, time: datetime.time) -> datetime.datetime:
        return datetime.datetime.combine(day, time, tzinfo=timezone.get_default_timezone())

    @property
    def start(self) -> datetime.date | datetime.datetime:
        """A datetime in Europe/Stockholm when the start time is known, else the date."""
        if self.start_time is None:
            return self.date
        return self._aware(self.date, self.start_time)

    @property
    def end(self) -> datetime.date | datetime.datetime | None:
        """The end as a datetime when the end time is known; for a whole-day event the day
        after the last (iCalendar's exclusive end); None for a timed event without end."""
        if self.start_time is None:
            return self.last_date + datetime.timedelta(days=1)
        if self.end_time is not None:
            return self._aware(self.last_date, self.end_time)
        return None


def public_events(
    *,
    start: datetime.date,
    end: datetime.date,
    unit: Unit | None = None,
    place: str = "",
    pk: int | None = None,
) -> list[PublicEvent]:
    """Public activities from `start` to `end` (by start date), of `unit` and the units below
    it when given, at the place (ort) named `place` when given, in date and time order."""
    queryset = Activity.objects.filter(
        is_public=True, status__in=PUBLIC_STATUSES, date__gte=start, date__lte=end
    )
    if unit is not None:
        queryset = queryset.filter(unit__path__startswith=unit.path)
    if place:
        queryset = queryset.filter(Q(place__name__iexact=place) | Q(public_place__iexact=place))
    if pk is not None:
        queryset = queryset.filter(pk=pk)
    rows = queryset.order_by("date", "start_time", "title", "pk").values(*EVENT_COLUMNS)
    return [
        PublicEvent(
            id=row["pk"],
            title=row["title"],
            text=row["public_text"],
            date=row["date"],
            end_date=row["end_date"],
            start_time=row["start_time"],
            end_time=row["end_time"],
            place=row["public_place"] or row["place__name"] or "",
            status=row["status"],
            updated_at=row["updated_at"],
            unit_name=row["unit__name"],
            unit_slug=row["unit__slug"],
            street=row["public_street"],
            locality=row["public_locality"] or row["place__name"] or "",
            price=row["public_price"],
            image_url=row["public_image_url"],
            version=row["version"],
            # The first slug of the unit's path ("/flens-kommun/bukf/kulturenheten/").
            municipality_slug=row["unit__path"].strip("/").split("/")[0],
        )
        for row in rows
    ]


def public_event(pk: int) -> PublicEvent | None:
    """One public activity as the public may see it (its own page), or None."""
    start, end = calendar_window()
    events = public_events(start=start, end=end, pk=pk)
    return events[0] if events else None


def public_place_names(*, start: datetime.date, end: datetime.date) -> list[str]:
    """The places (orter) of the public activities in the window, for the place filter."""
    names = (
        Activity.objects.filter(
            is_public=True,
            status__in=PUBLIC_STATUSES,
            date__gte=start,
            date__lte=end,
            place__isnull=False,
        )
        .values_list("place__name", flat=True)
        .distinct()
    )
    unique = {name.casefold(): name for name in names}
    return sorted(unique.values(), key=str.casefold)


def public_months(*, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first day of each month in the window that has a public activity."""
    dates = Activity.objects.filter(
        is_public=True, status__in=PUBLIC_STATUSES, date__gte=start, date__lte=end
    ).dates("date", "month")
    return list(dates)


def public_units() -> list[Unit]:
    """Units with at least one public activity (for the per-unit feeds)."""
    return list(Unit.objects.filter(activities__is_public=True).distinct().order_by("path"))


# --- Open data ----------------------------------------------------------------------------

# The keys of the open statistics, in this order (DESIGN "Open and connected").
STATISTICS_KEYS = [
    "unit",
    "year",
    "month",
    "done",
    "planned",
    "cancelled",
    "participants",
    "girls",
    "boys",
    "other",
    "young_10_25",
    "youth_targeted",
]
STATISTICS_GROUPS = {"counts", "participants", "youth"}


def open_statistics() -> list[dict]:
    """Per unit (slug), year and month whose monthly report is approved: the month's figures
    computed exactly as the VEPAQ report computes them (followup.figures' aggregate_months,
    sum_months and shape_* functions), so that the open figures are the settled ones. Months
    not approved are left out. One query for the approved months and one per unit."""
    approved = (
        MonthlyReport.objects.filter(state=MonthlyReport.State.APPROVED)
        .select_related("unit")
        .order_by("unit__path", "year", "month")
    )
    by_unit: dict[int, tuple[Unit, list[tuple[int, int]]]] = {}
    for report in approved:
        by_unit.setdefault(report.unit_id, (report.unit, []))[1].append((report.year, report.month))
    keys = figures.aggregate_keys(STATISTICS_GROUPS)
    rows = []
    for unit, months in by_unit.values():
        periods = [month_period(year, month) for year, month in months]
        raw_months = figures.aggregate_months(unit=unit, periods=periods, groups=STATISTICS_GROUPS)
        for (year, month), (start, end) in zip(months, periods, strict=True):
            raw = figures.sum_months(raw_months, keys=keys, start=start, end=end)
            counts = figures.shape_counts(raw)
            people = figures.shape_participants(raw)
            youth = figures.shape_youth(raw)
            rows.append(
                {
                    "unit": unit.slug,
                    "year": year,
                    "month": month,
                    "done": counts["done"],
                    "planned": counts["planned"],
                    "cancelled": counts["cancelled"],
                    "participants": people["total"],
                    "girls": people["girls"],
                    "boys": people["boys"],
                    "other": people["other"],
                    "young_10_25": people["young_10_25"],
                    "youth_targeted": youth["youth"],
                }
            )
    return rows
