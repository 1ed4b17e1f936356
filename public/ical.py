"""The public culture calendar as iCalendar (RFC 5545), built with the icalendar package.

Times are in Europe/Stockholm with its VTIMEZONE in the feed; each activity keeps one UID,
`activity-<id>@<domain>`, so that a calendar program updates an event instead of adding it
again; a cancelled activity stays in the feed with STATUS:CANCELLED.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from icalendar import Calendar, Event

from public.selectors import PublicEvent

PRODID = "-//Kulturplan//Kulturkalendern//SV"


def uid_domain() -> str:
    """PUBLIC_CALENDAR_UID_DOMAIN; empty means each event's municipality's slug. Never the
    request's host: a UID must not change with the name the site is reached by."""
    return getattr(settings, "PUBLIC_CALENDAR_UID_DOMAIN", "")


def event_uid(event: PublicEvent, *, domain: str = "") -> str:
    return f"activity-{event.id}@{domain or event.municipality_slug or 'kulturplan'}"


def build_calendar(*, events: list[PublicEvent], name: str, domain: str, url_for=None) -> bytes:
    """The feed as bytes (CRLF lines, folded at 75 octets, UTF-8)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(_vevent(event, domain=domain, url_for=url_for))
    # The VTIMEZONE of every TZID used (Europe/Stockholm), from the zoneinfo database, for
    # the years the events span (and one more), not 1970–2038.
    years = [event.date.year for event in events] or [datetime.date.today().year]
    calendar.add_missing_timezones(
        first_date=datetime.date(min(years), 1, 1), last_date=datetime.date(max(years) + 2, 1, 1)
    )
    return calendar.to_ical()


def _vevent(event: PublicEvent, *, domain: str, url_for) -> Event:
    vevent = Event()
    vevent.add("uid", event_uid(event, domain=domain))
    stamp = event.updated_at.astimezone(datetime.UTC)
    vevent.add("dtstamp", stamp)
    vevent.add("last-modified", stamp)
    # Raised with every change of the activity, so a calendar program takes the new version.
    vevent.add("sequence", event.sequence)
    vevent.add("summary", event.title)
    vevent.add("dtstart", event.start)
    if event.end is not None:
        vevent.add("dtend", event.end)
    if event.text:
        vevent.add("description", event.text)
    if event.place:
        vevent.add("location", event.place)
    vevent.add("categories", [event.unit_name])
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    vevent.add("transp", "OPAQUE" if event.start_time else "TRANSPARENT")
    if url_for is not None:
        vevent.add("url", url_for(event))
    return vevent
