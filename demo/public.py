"""Demo data for the public culture calendar: several of Kulturenheten's planned activities
made public with a text for the public, times and a place (DESIGN "Open and connected").

The texts, times and addresses are demo data, made up. Idempotent: an activity is saved only
when one of its public fields differs.
"""

from __future__ import annotations

import datetime

from activities.models import Activity
from culture_plan.models import Unit

# (title, date) of a seeded activity → its public fields.
PUBLIC_ACTIVITIES = [
    (
        "Julmarknad med kulturprogram",
        datetime.date(2026, 12, 7),
        {
            "public_text": "Julmarknad på torget med luciatåg, kör och sagoberättare för hela "
            "familjen. Fri entré.",
            "start_time": datetime.time(12, 0),
            "end_time": datetime.time(16, 0),
            "public_place": "Torget, Malmköping",
        },
    ),
    (
        "Familjelördag: sagostund och skapande",
        datetime.date(2026, 12, 19),
        {
            "public_text": "Sagostund och pyssel för barn 3–9 år med vuxen. Ingen anmälan.",
            "start_time": datetime.time(10, 30),
            "end_time": datetime.time(12, 0),
            "public_place": "Flens bibliotek, Storgatan 1",
        },
    ),
    (
        "Förintelsens minnesdag",
        datetime.date(2027, 1, 27),
        {
            "public_text": "Minnesstund med läsning och musik. Alla är välkomna.",
            "start_time": datetime.time(18, 0),
            "end_time": datetime.time(19, 0),
            "public_place": "Mellösa kyrka",
        },
    ),
    (
        "Samernas nationaldag",
        datetime.date(2027, 2, 6),
        {
            "public_text": "Vi firar samernas nationaldag med jojk, film och berättelser.",
            "start_time": datetime.time(14, 0),
            "end_time": datetime.time(16, 0),
            "public_place": "",
        },
    ),
    (
        "Allsångskväll",
        datetime.date(2027, 2, 25),
        {
            "public_text": "Sjung med i kända visor tillsammans med lokala musiker. Kaffe finns.",
            "start_time": datetime.time(18, 30),
            "end_time": datetime.time(20, 0),
            "public_place": "Bygdegården, Bettna",
        },
    ),
    (
        "Unga kuratorer: utställning i konstgalleriet",
        datetime.date(2027, 5, 17),
        {
            "public_text": "Unga kuratorer visar sin utställning. Vernissage med musik.",
            "start_time": datetime.time(17, 0),
            "end_time": None,
            "public_place": "Konstgalleriet, Flen",
        },
    ),
]


def seed_public_calendar(*, unit: Unit) -> int:
    """Make the listed activities of `unit` public; returns how many were changed."""
    changed = 0
    for title, date, values in PUBLIC_ACTIVITIES:
        activity = Activity.objects.filter(unit=unit, title=title, date=date).first()
        if activity is None:
            continue
        wanted = {"is_public": True, **values}
        if all(getattr(activity, name) == value for name, value in wanted.items()):
            continue
        for name, value in wanted.items():
            setattr(activity, name, value)
        activity.full_clean()
        activity.save()
        changed += 1
    return changed
