"""schema.org Event JSON-LD for the calendar page: a data block, never executed, so the strict
Content-Security-Policy (script-src 'self') does not apply to it."""

from __future__ import annotations

import json

from django.utils.html import _json_script_escapes
from django.utils.safestring import SafeString, mark_safe

from public.selectors import PublicEvent

SCHEDULED = "https://schema.org/EventScheduled"
CANCELLED = "https://schema.org/EventCancelled"
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"


def event_data(event: PublicEvent, *, url: str, organizer_url: str = "") -> dict:
    """One schema.org Event: its own page as url and @id, the place with a postal address in
    Sweden, the organising unit with its url, the price and free entrance when stated."""
    organizer = {"@type": "Organization", "name": event.unit_name}
    if organizer_url:
        organizer["url"] = organizer_url
    data = {
        "@type": "Event",
        "@id": url,
        "name": event.title,
        "url": url,
        "startDate": event.start.isoformat(),
        "eventStatus": CANCELLED if event.cancelled else SCHEDULED,
        "eventAttendanceMode": OFFLINE,
        "organizer": organizer,
    }
    end = event.end
    if event.start_time is None:
        # schema.org's end date of a whole-day event is its last day (inclusive).
        data["endDate"] = event.last_date.isoformat()
    elif end is not None:
        data["endDate"] = end.isoformat()
    if event.text:
        data["description"] = event.text
    if event.place or event.street or event.locality:
        address = {"@type": "PostalAddress", "addressCountry": "SE"}
        if event.street:
            address["streetAddress"] = event.street
        if event.locality:
            address["addressLocality"] = event.locality
        data["location"] = {
            "@type": "Place",
            "name": event.place or event.locality,
            "address": address,
        }
    if event.free is not None:
        data["isAccessibleForFree"] = event.free
    if event.price is not None:
        data["offers"] = {
            "@type": "Offer",
            "price": f"{event.price:.2f}",
            "priceCurrency": "SEK",
            "url": url,
            "availability": "https://schema.org/InStock",
        }
    if event.image_url:
        data["image"] = event.image_url
    return data


def events_jsonld(events: list[PublicEvent], *, url_for, organizer_url=None) -> SafeString:
    """The JSON for a `<script type="application/ld+json">` element, with <, > and & escaped
    as Django's json_script does, so that no text can close the element."""
    document = {
        "@context": "https://schema.org",
        "@graph": [
            event_data(
                event,
                url=url_for(event),
                organizer_url=organizer_url(event) if organizer_url else "",
            )
            for event in events
        ],
    }
    text = json.dumps(document, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(text)
